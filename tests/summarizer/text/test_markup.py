"""HTML markup in text that should be plain: found by content, reduced to its text."""

from __future__ import annotations

import pytest

from summarizer.text.markup import is_whole_page, looks_like_html, strip_markup


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html><html><body><p>Oslo backs her.</p></body></html>",
        "<p>Oslo backs her.</p>\n<p>Rome agrees.</p>",
        'Oslo backs her. <a href="/x">Read more</a> <br/>',
    ],
)
def test_markup_is_found_by_content(text: str) -> None:
    assert looks_like_html(text)


@pytest.mark.parametrize(
    "text",
    [
        "Oslo backs her; support rose from 3 < 5 allies to > 20.",
        "The forum user <Rutte4NATO> wrote <wow>.",
        "A single <b> is not yet a page.",
    ],
)
def test_plain_text_with_angle_brackets_is_not_markup(text: str) -> None:
    assert not looks_like_html(text)


def test_strip_markup_keeps_the_prose_and_nothing_else() -> None:
    page = (
        "<html><head><title>T</title><style>p {color: red}</style></head><body>"
        "<script>var x = '<p>no</p>';</script><!-- a comment -->"
        "<h1>Oslo backs Halvorsen</h1><p>Norway&rsquo;s premier said on <b>Tuesday</b> that "
        'Oslo backs <a href="/h">Halvorsen</a>.</p><p>Rome&nbsp;agrees.</p></body></html>'
    )
    text = strip_markup(page)
    assert text.split("\n\n") == [
        "Oslo backs Halvorsen",
        "Norway’s premier said on Tuesday that Oslo backs Halvorsen.",
        "Rome agrees.",
    ]
    assert is_whole_page(page) and not is_whole_page("<p>a</p><p>b</p>")
