"""Discord embed rendering: layout users see, every Discord limit, escaping and splitting."""

from __future__ import annotations

import re

from hypothesis import given, settings

from bot.render.discord import DiscordMessage, escape_markdown, render_discord
from bot.reply import Citation, Line, Reply, Section, error_reply
from tests.bot.render.limits import (
    HOSTILE,
    REPLIES,
    TITLE,
    assert_discord_limits,
    discord_texts,
    hostile_reply,
    huge_reply,
    long_line_reply,
    small_reply,
)


def _embeds(messages: list[DiscordMessage]) -> list[dict[str, object]]:
    return [embed for message in messages for embed in message.embeds]


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL)


def test_small_reply_layout() -> None:
    reply = small_reply()
    messages = render_discord(reply)
    assert_discord_limits(messages, reply)
    assert len(messages) == 1
    assert messages[0].content == ""
    first, paragraph, sources = messages[0].embeds
    assert first == {
        "title": TITLE,
        "description": (
            "**Front-runner**\n• Rutte has US backing [1]\n• Orbán & Erdoğan hold out [2][3]"
        ),
    }
    assert paragraph == {"description": "Analysts expect a decision in June."}
    assert sources["title"] == "Sources"
    assert sources["description"].split("\n") == [
        "[1] [Reuters — US backs Rutte](https://www.reuters.com/world/rutte?a=1&b=2) · 2024-02-22",
        "> Washington backs Mark Rutte.",
        "[2] Politico — Hungary objects · 2024-03-01 · seed\\_politico",
        "> Budapest said <no>.",
        "[3] [ft-rss](https://ft.com/x%7Cy)",
        "> Quote three.",
    ]
    assert sources["footer"] == {"text": "Based on 3 articles."}


def test_huge_reply_is_split_within_limits() -> None:
    reply = huge_reply()
    messages = render_discord(reply)
    assert_discord_limits(messages, reply)
    assert len(messages) > 1
    assert messages[0].content == ""
    assert all(message.content == f"*{TITLE} (cont.)*" for message in messages[1:])
    text = "\n".join(discord_texts(messages))
    for s in range(200):
        for i in range(20):
            assert f"Section {s} line {i}: lorem" in text
    quotes = [line for line in text.split("\n") if line.startswith("> Quote")]
    assert len(quotes) == 600
    assert all(len(quote) <= 302 and quote.endswith("…") for quote in quotes)
    assert _embeds(messages)[-1]["footer"] == {"text": "End."}
    titles = [embed.get("title") for embed in _embeds(messages)]
    assert titles.count("Sources") == 1 and "Sources (cont.)" in titles


def test_long_unbroken_line_and_long_title() -> None:
    reply = long_line_reply("x" * 10_000)
    messages = render_discord(reply)
    assert_discord_limits(messages, reply)
    embeds = _embeds(messages)
    title = embeds[0]["title"]
    assert isinstance(title, str) and len(title) == 256 and title.endswith("…")
    body = [e for e in embeds if e.get("title") != "Sources"]
    assert len(body) == 3
    assert all(str(e["title"]).endswith("… (cont.)") for e in body[1:])
    assert "".join(str(e["description"]) for e in body) == "• " + "x" * 10_000 + " [1]"


def test_long_line_never_cuts_an_escape() -> None:
    raw = "a&b<c>_*" * 1250
    reply = long_line_reply(raw)
    messages = render_discord(reply)
    assert_discord_limits(messages, reply)
    body = [str(e["description"]) for e in _embeds(messages) if e.get("title") != "Sources"]
    assert len(body) > 1
    assert all(not text.endswith("\\") for text in body)
    joined = "".join(_unescape(text) for text in body)
    assert joined.removeprefix("• ").removesuffix(" [1]") == raw


def test_hostile_text_is_neutralised() -> None:
    reply = hostile_reply()
    messages = render_discord(reply)
    assert_discord_limits(messages, reply)
    assert "@everyone" not in "\n".join(discord_texts(messages))
    # Footers show plain text (no markdown, no links), so only mentions are defused there.
    text = "\n".join(f"{e.get('title', '')}\n{e.get('description', '')}" for e in _embeds(messages))
    assert "@everyone" not in text and "@here" not in text
    assert "@\u200beveryone" in text and "@\u200bhere" in text
    assert "[click](https://evil)" not in text
    assert "\\[click\\](`https://evil`)" in text
    assert "**bold**" not in text and "\\*\\*bold\\*\\*" in text
    assert "<`https://evil|click`>" in text
    assert "(https://evil.example/a%7Cb%3Ec)" in text
    assert "• \\> quoted\n\\# heading\n\\- item [2]" in text
    assert messages[0].embeds[0]["title"] == "Title @\u200beveryone <!channel> \\*\\*x\\*\\*"
    footer = messages[-1].embeds[-1]["footer"]["text"]
    assert footer == HOSTILE.replace("@everyone", "@\u200beveryone")


def test_mention_syntax_is_broken() -> None:
    assert escape_markdown("<@123> <@&9> <#4>") == "<\u200b@123> <\u200b@&9> <\u200b#4>"


def test_empty_reply_is_one_valid_message() -> None:
    reply = Reply(command="status", title="Nothing yet")
    messages = render_discord(reply)
    assert_discord_limits(messages, reply)
    assert messages == [DiscordMessage(content="", embeds=[{"title": "Nothing yet"}])]


def test_failed_reply_renders_like_any_other() -> None:
    reply = error_reply("watch", "Unknown candidate *x*.", hint="Try /natosg candidates.")
    messages = render_discord(reply)
    assert_discord_limits(messages, reply)
    assert messages[0].embeds == [
        {
            "title": "Sorry, I couldn't do that",
            "description": "Unknown candidate \\*x\\*.\nTry /natosg candidates.",
        }
    ]


def test_note_too_big_for_last_embed_gets_its_own() -> None:
    line = Line(" ".join(["word"] * 900))
    reply = Reply(
        command="c",
        title="t" * 300,
        sections=(Section(None, (line,)),),
        note="n" * 3000,
    )
    messages = render_discord(reply)
    assert_discord_limits(messages, reply)
    embeds = _embeds(messages)
    assert len(embeds) == 2 and "footer" not in embeds[0]
    footer = embeds[1]["footer"]
    assert isinstance(footer, dict) and len(footer["text"]) == 2048


def test_sources_only_reply() -> None:
    citation = Citation(1, 1, 1, "src", None, None, None, "https://a.example/(x)", "Q")
    reply = Reply(command="c", title="t", citations=(citation,))
    messages = render_discord(reply)
    assert_discord_limits(messages, reply)
    assert messages[0].embeds == [
        {"title": "t"},
        {"title": "Sources", "description": "[1] [src](https://a.example/%28x%29)\n> Q"},
    ]


@settings(max_examples=200, deadline=None)
@given(REPLIES)
def test_any_reply_stays_within_limits(reply: Reply) -> None:
    assert_discord_limits(render_discord(reply), reply)


def test_line_with_thousands_of_markers() -> None:
    reply = Reply("c", "t", sections=(Section(None, (Line("hello", tuple(range(1, 1501))),)),))
    messages = render_discord(reply)
    assert_discord_limits(messages, reply)
    descriptions = [str(e["description"]) for e in _embeds(messages)]
    assert "\n".join(descriptions).startswith("• hello\n[1][2]")
    assert descriptions[-1].endswith("[1500]")
