"""Checks that rendered chat messages respect every Slack and Discord limit the bot relies on."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from hypothesis import strategies as st

from bot.render.discord import DiscordMessage
from bot.render.slack import SlackMessage
from bot.reply import Citation, Line, Reply, Section

SLACK_BLOCK_TYPES = {"header", "section", "divider", "context"}
# Text from the reply is escaped, so the only `<...>` left are links the renderer made.
SLACK_LINK = re.compile(r"<https?://[^\s|<>]+\|[^<>]+>")
SLACK_BARE_AMPERSAND = re.compile(r"&(?!amp;|lt;|gt;)")
MASS_MENTION = re.compile(r"@(everyone|here|channel)\b", re.IGNORECASE)


def slack_texts(messages: Sequence[SlackMessage]) -> Iterator[str]:
    """Every mrkdwn or plain text of every block, in order."""
    for message in messages:
        for block in message.blocks:
            if "text" in block:
                yield block["text"]["text"]
            for element in block.get("elements", []):
                yield element["text"]


def discord_texts(messages: Sequence[DiscordMessage]) -> Iterator[str]:
    """Content, then every title, description, field and footer text, in order."""
    for message in messages:
        yield message.content
        for embed in message.embeds:
            yield embed.get("title", "")
            yield embed.get("description", "")
            for field in embed.get("fields", []):
                yield field["name"]
                yield field["value"]
            yield embed.get("footer", {}).get("text", "")


def _assert_citations(reply: Reply | None, text: str) -> None:
    """Every citation is listed as a `[n] ` source line and every line's marker appears."""
    if reply is None:
        return
    listed = {int(n) for n in re.findall(r"(?m)^\[(\d+)\] ", text)}
    marker_runs = re.findall(r"(?m)(?:^| )((?:\[\d+\])+)$", text)
    markers = {int(n) for run in marker_runs for n in re.findall(r"\d+", run)}
    for citation in reply.citations:
        assert citation.n in listed, f"source [{citation.n}] missing"
    for section in reply.sections:
        for line in section.lines:
            for n in line.cites:
                assert n in markers, f"marker [{n}] missing"


def _assert_slack_block(block: dict[str, Any]) -> None:
    kind = block["type"]
    assert kind in SLACK_BLOCK_TYPES, kind
    if kind == "header":
        assert block["text"]["type"] == "plain_text"
        assert 1 <= len(block["text"]["text"]) <= 150
    elif kind == "section":
        assert block["text"]["type"] == "mrkdwn"
        text = block["text"]["text"]
        assert text.strip(), "empty section text"
        assert len(text) <= 3000
    elif kind == "context":
        assert 1 <= len(block["elements"]) <= 10
        for element in block["elements"]:
            assert element["text"].strip(), "empty context element"
            assert len(element["text"]) <= 3000


def _assert_slack_escaped(text: str) -> None:
    rest = SLACK_LINK.sub("", text)
    assert "<" not in rest and ">" not in rest.replace("\n> ", "\n").removeprefix("> "), rest[:200]
    assert not SLACK_BARE_AMPERSAND.search(rest), rest[:200]
    assert not MASS_MENTION.search(rest), rest[:200]


def assert_slack_limits(messages: Sequence[SlackMessage], reply: Reply | None = None) -> None:
    """Every Slack limit: blocks per message, header/section/context sizes, no empty text.

    With `reply`, also that every citation is listed and every marker appears.
    """
    assert len(messages) >= 1
    for message in messages:
        assert isinstance(message, SlackMessage)
        assert message.text.strip() and len(message.text) <= 3000
        assert 1 <= len(message.blocks) <= 50
        assert message.blocks[0]["type"] == "header"
        for block in message.blocks:
            _assert_slack_block(block)
    for message in messages:
        for block in message.blocks:
            if block["type"] == "header":
                # plain_text shows what it is given: nothing to escape, no mention parsed.
                assert not MASS_MENTION.search(block["text"]["text"])
            elif "text" in block:
                _assert_slack_escaped(block["text"]["text"])
            for element in block.get("elements", []):
                _assert_slack_escaped(element["text"])
    _assert_citations(reply, "\n".join(slack_texts(messages)))


def _embed_total(embed: dict[str, Any]) -> int:
    total = len(embed.get("title", "")) + len(embed.get("description", ""))
    total += sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", []))
    total += len(embed.get("footer", {}).get("text", ""))
    return total + len(embed.get("author", {}).get("name", ""))


def _assert_embed(embed: dict[str, Any]) -> None:
    assert _embed_total(embed) > 0, "empty embed"
    assert len(embed.get("title", "")) <= 256
    assert len(embed.get("description", "")) <= 4096
    assert len(embed.get("fields", [])) <= 25
    for field in embed.get("fields", []):
        assert 1 <= len(field["name"]) <= 256
        assert 1 <= len(field["value"]) <= 1024
    assert len(embed.get("footer", {}).get("text", "")) <= 2048
    assert len(embed.get("author", {}).get("name", "")) <= 256


def assert_discord_limits(messages: Sequence[DiscordMessage], reply: Reply | None = None) -> None:
    """Every Discord limit: content, embeds per message, embed fields, the 6000 total.

    With `reply`, also that every citation is listed and every marker appears.
    """
    assert len(messages) >= 1
    for message in messages:
        assert isinstance(message, DiscordMessage)
        assert len(message.content) <= 2000
        assert message.content.strip() or message.embeds, "empty message"
        assert len(message.embeds) <= 10
        for embed in message.embeds:
            _assert_embed(embed)
        assert sum(_embed_total(embed) for embed in message.embeds) <= 6000
    for text in discord_texts(messages):
        assert not MASS_MENTION.search(text), text[:200]
    _assert_citations(reply, "\n".join(discord_texts(messages)))


# Sample replies shared by the Slack and Discord tests.

TITLE = "Race for NATO Secretary General"
HOSTILE = "Hey <!channel> see <https://evil|click> @everyone [click](https://evil) **bold** & more"


def small_reply() -> Reply:
    """Two sections, three citations: a URL with `&`, no URL, and a URL with `|`."""
    return Reply(
        command="status",
        title=TITLE,
        sections=(
            Section(
                "Front-runner",
                (Line("Rutte has US backing", (1,)), Line("Orbán & Erdoğan hold out", (2, 3))),
            ),
            Section(None, (Line("Analysts expect a decision in June."),), style="paragraph"),
        ),
        citations=(
            Citation(
                1, 10, 100, "reuters-rss", "Reuters", "US backs Rutte", "2024-02-22",
                "https://www.reuters.com/world/rutte?a=1&b=2", "Washington backs Mark Rutte.",
            ),
            Citation(
                2, 11, 110, "seed_politico", "Politico", "Hungary objects", "2024-03-01", None,
                "Budapest said <no>.",
            ),
            Citation(3, 12, 120, "ft-rss", None, None, None, "https://ft.com/x|y", "Quote three."),
        ),
        note="Based on 3 articles.",
    )  # fmt: skip


def huge_reply() -> Reply:
    """200 sections of 20 ~300-character lines, 600 citations with long titles and quotes."""
    sections = tuple(
        Section(
            f"Section {s}",
            tuple(
                Line(f"Section {s} line {i}: " + "lorem ipsum " * 23, (((s * 20 + i) % 600) + 1,))
                for i in range(20)
            ),
            style="table" if s % 3 == 0 else ("paragraph" if s % 3 == 1 else "bullets"),
        )
        for s in range(200)
    )
    citations = tuple(
        Citation(
            n, n, n, f"source-{n}", f"Outlet {n}", f"Title {n} " + "t" * 390, "2024-05-01",
            f"https://news.example/{n}" if n % 2 else None, f"Quote {n} " + "q" * 990,
        )
        for n in range(1, 601)
    )  # fmt: skip
    return Reply(command="brief", title=TITLE, sections=sections, citations=citations, note="End.")


def long_line_reply(text: str) -> Reply:
    """One 500-character title and one line of `text` citing [1]."""
    citation = Citation(1, 1, 1, "src", "Outlet", "Title", "2024-01-01", None, "Quote.")
    return Reply(
        command="brief",
        title="T" * 500,
        sections=(Section(None, (Line(text, (1,)),)),),
        citations=(citation,),
    )


def hostile_reply() -> Reply:
    """Markup, links and mass mentions everywhere text comes from articles."""
    citation = Citation(
        1, 1, 1, "src", "<!here>", HOSTILE, "2024-01-01", "https://evil.example/a|b>c", HOSTILE
    )
    plain = Citation(2, 2, 2, HOSTILE, HOSTILE, None, None, None, "@here " + HOSTILE)
    return Reply(
        command="brief",
        title="Title @everyone <!channel> **x**",
        sections=(
            Section(HOSTILE, (Line(HOSTILE, (1,)), Line("> quoted\n# heading\n- item", (2,)))),
            Section(None, (Line(HOSTILE),), style="paragraph"),
        ),
        citations=(citation, plain),
        note=HOSTILE,
    )


# Random replies built from markup-heavy tokens, for property tests.

_TOKENS = [
    *"ab &<>|*_[]()@\n`~#-",
    "@everyone",
    "@here",
    "<!channel>",
    "<@1>",
    "[x](https://e)",
    "word ",
    "é",
]
_TEXT = st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join)
_LINES = st.builds(Line, _TEXT, st.tuples(st.integers(1, 5)))
_SECTIONS = st.builds(
    Section,
    st.none() | _TEXT,
    st.lists(_LINES, max_size=6).map(tuple),
    st.sampled_from(["bullets", "paragraph", "table"]),
)
_CITATIONS = st.builds(
    Citation,
    st.integers(1, 5),
    st.just(1),
    st.just(1),
    _TEXT,
    st.none() | _TEXT,
    st.none() | _TEXT,
    st.none() | _TEXT,
    st.none() | st.just("https://a.example/") | _TEXT.map(lambda t: "https://x/" + t),
    _TEXT,
)
REPLIES = st.builds(
    Reply,
    st.just("cmd"),
    _TEXT,
    st.lists(_SECTIONS, max_size=4).map(tuple),
    st.lists(_CITATIONS, max_size=5).map(tuple),
    note=st.none() | _TEXT,
)
