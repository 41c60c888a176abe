"""Slack Block Kit rendering: layout users see, every Slack limit, escaping and splitting."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings

from bot.render.chunks import one_line
from bot.render.discord import render_discord
from bot.render.slack import SlackMessage, escape_mrkdwn, render_slack
from bot.render.terminal import QUOTE_LIMIT, render_json, render_text
from bot.reply import Citation, Line, Reply, Section, error_reply
from tests.bot.render.limits import (
    REPLIES,
    TITLE,
    assert_slack_limits,
    hostile_reply,
    huge_reply,
    long_line_reply,
    slack_texts,
    small_reply,
)


def _sections(message: SlackMessage) -> list[str]:
    return [b["text"]["text"] for b in message.blocks if b["type"] == "section"]


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _header(message: SlackMessage) -> str:
    block: dict[str, Any] = message.blocks[0]
    assert block["type"] == "header"
    text: str = block["text"]["text"]
    return text


def test_small_reply_layout() -> None:
    reply = small_reply()
    messages = render_slack(reply)
    assert_slack_limits(messages, reply)
    assert len(messages) == 1
    (message,) = messages
    assert message.text == f"{TITLE}\nRutte has US backing"
    assert _header(message) == TITLE
    types = [block["type"] for block in message.blocks]
    assert types == ["header", "section", "section", "divider", "section", "context"]
    bullets, paragraph, sources = _sections(message)
    assert bullets == (
        "*Front-runner*\n• Rutte has US backing [1]\n• Orbán &amp; Erdoğan hold out [2][3]"
    )
    assert paragraph == "Analysts expect a decision in June."
    assert sources.split("\n") == [
        "[1] <https://www.reuters.com/world/rutte?a=1&b=2|Reuters> · US backs Rutte · 2024-02-22",
        "> Washington backs Mark Rutte.",
        "[2] Politico · Hungary objects · 2024-03-01 · seed_politico",
        "> Budapest said &lt;no&gt;.",
        "[3] <https://ft.com/x%7Cy|ft-rss>",
        "> Quote three.",
    ]
    assert message.blocks[-1]["elements"] == [{"type": "mrkdwn", "text": "Based on 3 articles."}]


def test_huge_reply_is_split_within_limits() -> None:
    reply = huge_reply()
    messages = render_slack(reply)
    assert_slack_limits(messages, reply)
    assert len(messages) > 1
    assert _header(messages[0]) == TITLE
    for message in messages[1:]:
        assert _header(message) == f"{TITLE} (cont.)"
        assert message.text == f"{TITLE} (cont.)"
    text = "\n".join(slack_texts(messages))
    for s in range(200):
        assert f"*Section {s}*" in text
        for i in range(20):
            assert f"Section {s} line {i}: lorem" in text
    quotes = [line for line in text.split("\n") if line.startswith("> Quote")]
    assert len(quotes) == 600
    assert all(len(quote) <= 502 and quote.endswith("…") for quote in quotes)


def test_long_unbroken_line_and_long_title() -> None:
    reply = long_line_reply("x" * 10_000)
    messages = render_slack(reply)
    assert_slack_limits(messages, reply)
    header = _header(messages[0])
    assert len(header) == 150 and header.endswith("…") and header.startswith("TTT")
    body = [text for text in _sections(messages[0]) if not text.startswith("[1] ")]
    assert len(body) == 4
    assert "".join(body).removeprefix("• ").removesuffix(" [1]") == "x" * 10_000


def test_long_line_never_cuts_an_entity() -> None:
    raw = "a&b<c>_*" * 1250
    reply = long_line_reply(raw)
    messages = render_slack(reply)
    assert_slack_limits(messages, reply)
    body = [text for text in _sections(messages[0]) if not text.startswith("[1] ")]
    assert len(body) > 1
    joined = "".join(_unescape(text) for text in body)
    assert joined.removeprefix("• ").removesuffix(" [1]") == raw


def test_long_line_splits_on_word_boundaries() -> None:
    words = " ".join(f"word{i}" for i in range(2000))
    messages = render_slack(long_line_reply(words))
    body = [text for text in _sections(messages[0]) if not text.startswith("[1] ")]
    assert len(body) > 1
    assert " ".join(body).removeprefix("• ").removesuffix(" [1]") == words
    for text in body:
        assert text.removeprefix("• ").removesuffix(" [1]").split(" ")[-1].startswith("word")


def test_hostile_text_is_escaped() -> None:
    reply = hostile_reply()
    messages = render_slack(reply)
    assert_slack_limits(messages, reply)
    text = "\n".join(slack_texts(messages)) + messages[0].text
    assert "<!channel>" not in text and "<!here>" not in text
    assert "<https://evil|" not in text
    assert "&lt;!channel&gt;" in text
    assert "&lt;`https://evil|click`&gt;" in text
    assert "@\u200beveryone" in text and "@everyone" not in text
    assert "<https://evil.example/a%7Cb%3Ec|&lt;!here&gt;>" in text
    assert "&gt; quoted" in text
    assert "**bold** &amp; more" in text


def test_empty_reply_is_one_valid_message() -> None:
    reply = Reply(command="status", title="Nothing yet")
    messages = render_slack(reply)
    assert_slack_limits(messages, reply)
    assert [m.blocks for m in messages] == [
        [{"type": "header", "text": {"type": "plain_text", "text": "Nothing yet", "emoji": True}}]
    ]
    assert messages[0].text == "Nothing yet"


def test_blank_title_falls_back_to_command() -> None:
    messages = render_slack(Reply(command="status", title="  "))
    assert_slack_limits(messages)
    assert _header(messages[0]) == "status"


def test_failed_reply_renders_like_any_other() -> None:
    reply = error_reply("watch", "Unknown candidate <x>.", hint="Try /natosg candidates.")
    messages = render_slack(reply)
    assert_slack_limits(messages, reply)
    assert _header(messages[0]) == "Sorry, I couldn't do that"
    assert _sections(messages[0]) == ["Unknown candidate &lt;x&gt;.\nTry /natosg candidates."]


def test_long_note_becomes_context_elements() -> None:
    reply = Reply(command="c", title="t", note=" ".join(["note"] * 20_000))
    messages = render_slack(reply)
    assert_slack_limits(messages, reply)
    contexts = [b for m in messages for b in m.blocks if b["type"] == "context"]
    assert len(contexts) == 4
    assert sum(len(e["text"]) for b in contexts for e in b["elements"]) >= 99_000


def test_non_http_url_is_not_linked() -> None:
    citation = Citation(1, 1, 1, "src", "Outlet", None, None, "javascript:alert(1)", "Q")
    messages = render_slack(Reply(command="c", title="t", citations=(citation,)))
    assert_slack_limits(messages)
    assert "[1] Outlet · src\n> Q" in _sections(messages[0])


def test_escape_mrkdwn() -> None:
    assert escape_mrkdwn("a & <b> @here") == "a &amp; &lt;b&gt; @\u200bhere"


@settings(max_examples=200, deadline=None)
@given(REPLIES)
def test_any_reply_stays_within_limits(reply: Reply) -> None:
    assert_slack_limits(render_slack(reply), reply)


def test_line_with_thousands_of_markers() -> None:
    reply = Reply("c", "t", sections=(Section("H", (Line("hello world", tuple(range(1, 1501))),)),))
    messages = render_slack(reply)
    assert_slack_limits(messages, reply)
    texts = _sections(messages[0])
    assert "\n".join(texts).startswith("*H*\n• hello world\n[1][2]")
    assert texts[-1].endswith("[1500]")


def test_a_long_quote_is_shown_as_its_verbatim_beginning_everywhere_and_whole_in_json() -> None:
    quote = "Allies argued for hours over the wording of the communiqué. " * 40
    citation = Citation(1, 1, 1, "a.txt", "Outlet", "Title", "2024-05-04", None, quote)
    reply = Reply("ask", "What the articles say", (Section(None, (Line("x", (1,)),)),), (citation,))
    shown = render_text(reply)
    start = one_line(quote)[:100]
    assert start in shown and one_line(quote) not in shown and "…" in shown
    assert max(len(line) for line in shown.splitlines()) <= QUOTE_LIMIT + 20
    assert start in str(render_slack(reply)) and start in str(render_discord(reply))
    assert json.loads(render_json(reply))["citations"][0]["quote"] == quote


def test_terminal_escape_sequences_never_reach_the_terminal() -> None:
    citation = Citation(1, 1, 1, "\x1b]0;owned\x07a.txt", "Out\x1b[2Jlet", None, None, None, "q")
    reply = Reply(
        "ask", "Title \x1b[31mred", (Section(None, (Line("x\x9b1m", (1,)),)),), (citation,)
    )
    shown = render_text(reply)
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert "Title" in shown and "a.txt" in shown
