"""RSS 2.0 and Atom feeds: detection, entries, caps, and broken input."""

from __future__ import annotations

import time
from datetime import date

import pytest

from bot.ingest.feeds import DEFAULT_MAX_ENTRIES, html_to_text, looks_like_feed, parse_feed

FEED_URL = "https://news.example/world/feed.xml"

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>World News</title>
  <link>https://news.example/world/</link>
  <description>Latest</description>
  <item>
    <title>Rutte gains US backing</title>
    <link>https://news.example/world/rutte-us</link>
    <pubDate>Thu, 22 Feb 2024 23:30:00 -0500</pubDate>
    <description><![CDATA[<p>The United States <b>backs</b> Rutte.</p>
      <script>alert("x")</script><p>Second &amp; last.</p>]]></description>
    <content:encoded><![CDATA[<p>Full text: Washington backs Mark Rutte
      for NATO Secretary General.</p>]]></content:encoded>
  </item>
  <item>
    <title>Relative link story</title>
    <link>/world/relative</link>
    <pubDate>not a date</pubDate>
    <description>Plain summary.</description>
  </item>
  <item>
    <title>Content without a link</title>
    <content:encoded><![CDATA[<p>Iohannis says he is a candidate.</p>]]></content:encoded>
  </item>
  <item>
    <title>Nothing to read</title>
  </item>
  <item>
    <title>Script link</title>
    <link>javascript:alert(1)</link>
    <description>Still has a summary.</description>
  </item>
</channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example/nato/">
  <title>NATO Watch</title>
  <id>urn:uuid:feed</id>
  <updated>2024-03-02T10:00:00Z</updated>
  <entry>
    <title type="html">Kallas &lt;em&gt;considers&lt;/em&gt; a bid</title>
    <link rel="alternate" href="posts/kallas"/>
    <link rel="enclosure" href="https://cdn.example/kallas.mp3"/>
    <id>urn:uuid:1</id>
    <published>2024-03-01T23:15:00+02:00</published>
    <updated>2024-03-02T09:00:00Z</updated>
    <summary type="html">&lt;p&gt;Estonia's prime minister
      &lt;i&gt;weighs&lt;/i&gt; it.&lt;/p&gt;</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
      <p>Kaja Kallas is weighing a bid.</p></div></content>
  </entry>
  <entry>
    <title>Only updated</title>
    <link href="https://blog.example/nato/updated"/>
    <id>urn:uuid:2</id>
    <updated>2024-02-28T08:00:00Z</updated>
    <content type="text">First paragraph &lt;raw&gt;.

Second paragraph.</content>
  </entry>
</feed>
"""


def _big_rss(count: int) -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>https://news.example/{n}</link>"
        f"<pubDate>Mon, 12 Feb 2024 10:00:00 +0000</pubDate>"
        f"<description>&lt;p&gt;Summary {n}&lt;/p&gt;</description></item>"
        for n in range(count)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>{items}'
        "</channel></rss>"
    ).encode()


def test_rss_entries() -> None:
    entries = parse_feed(RSS, FEED_URL)
    assert [entry.title for entry in entries] == [
        "Rutte gains US backing",
        "Relative link story",
        "Content without a link",
        "Script link",
    ]
    first = entries[0]
    assert first.link == "https://news.example/world/rutte-us"
    # The date as the publisher wrote it, not shifted to the next day in UTC.
    assert first.published == date(2024, 2, 22)
    assert first.summary_text == "The United States backs Rutte.\n\nSecond & last."
    assert first.content_html is not None and "Washington backs Mark Rutte" in first.content_html
    assert entries[1].link == "https://news.example/world/relative"
    assert entries[1].published is None
    assert entries[2].link is None and entries[2].content_html is not None
    assert entries[3].link is None  # javascript: is not a link to fetch
    assert entries.unusable == 1 and entries.over_cap == 0 and entries.skipped == 1
    assert entries.title == "World News"


def test_atom_entries() -> None:
    entries = parse_feed(ATOM, "https://blog.example/nato/atom.xml")
    kallas, updated = entries
    assert kallas.title == "Kallas considers a bid"
    assert kallas.link == "https://blog.example/nato/posts/kallas"
    assert kallas.published == date(2024, 3, 1)  # published wins over updated, local date
    assert kallas.summary_text == "Estonia's prime minister weighs it."
    assert (
        kallas.content_html is not None and "Kaja Kallas is weighing a bid." in kallas.content_html
    )
    assert updated.published == date(2024, 2, 28)
    # Plain-text content is escaped into paragraphs.
    assert updated.content_html == "<p>First paragraph &lt;raw&gt;.</p><p>Second paragraph.</p>"


def test_ten_thousand_items_are_capped_quickly_and_counted() -> None:
    body = _big_rss(10_000)
    started = time.monotonic()
    entries = parse_feed(body, FEED_URL)
    elapsed = time.monotonic() - started
    assert len(entries) == DEFAULT_MAX_ENTRIES
    assert entries.skipped == entries.over_cap == 10_000 - DEFAULT_MAX_ENTRIES
    assert entries[0].title == "Story 0" and entries[-1].title == "Story 499"
    assert elapsed < 2.0, f"took {elapsed:.2f}s"


def test_cap_is_a_parameter() -> None:
    entries = parse_feed(_big_rss(30), FEED_URL, max_entries=10)
    assert len(entries) == 10 and entries.skipped == 20


def test_malformed_xml_with_entries_is_kept() -> None:
    broken = (
        b'<rss version="2.0"><channel><title>Broken & bare</title>'
        b"<item><title>One & two</title><link>https://news.example/1</link></item>"
        b"<item><title>Unclosed</title><link>https://news.example/2</link>"
    )
    entries = parse_feed(broken, FEED_URL)
    assert [entry.link for entry in entries] == ["https://news.example/1", "https://news.example/2"]


def test_malformed_big_feed_is_still_capped() -> None:
    body = _big_rss(2_000).replace(b"<title>Story 7</title>", b"<title>Story & 7</title>")
    entries = parse_feed(body, FEED_URL)
    assert len(entries) == DEFAULT_MAX_ENTRIES
    assert entries.skipped == 1_500


@pytest.mark.parametrize(
    "body",
    [
        b"\x00\x01\x02 garbage \xff\xfe",
        b"",
        b"<html><body><p>Just a page</p></body></html>",
        b"<config><item>not a feed</item></config>",
        # Must not be read as a file name (feedparser opens strings it is given as paths).
        b"/etc/passwd",
    ],
)
def test_garbage_raises_a_clear_value_error(body: bytes) -> None:
    with pytest.raises(ValueError, match=r"RSS or Atom feed|feed is empty") as caught:
        parse_feed(body, FEED_URL)
    assert "\n" not in str(caught.value)
    assert "root:" not in str(caught.value)


def test_valid_feed_without_items_is_empty_not_an_error() -> None:
    entries = parse_feed(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>', "")
    assert list(entries) == [] and entries.skipped == 0


@pytest.mark.parametrize(
    ("content_type", "body", "expected"),
    [
        ("application/rss+xml", b"", True),
        ("application/atom+xml; charset=utf-8", b"", True),
        ("text/xml", RSS, True),
        ("application/xml", ATOM, True),
        (None, RSS, True),
        ("text/plain", ATOM, True),  # servers mislabel feeds
        ("text/html", RSS, False),
        ("text/html", b"<!DOCTYPE html><html><body>rss feed</body></html>", False),
        (None, b"<!doctype html><html><head><link type='application/rss+xml'></head>", False),
        ("application/xml", b"<config><feedback/></config>", False),
        ("image/png", RSS, False),
    ],
)
def test_looks_like_feed(content_type: str | None, body: bytes, expected: bool) -> None:
    assert looks_like_feed(content_type, body) is expected


def test_html_to_text_keeps_paragraphs_and_drops_scripts() -> None:
    text = html_to_text("<p>One &amp; <b>two</b></p><style>p{}</style><ul><li>three</li></ul>x")
    assert text == "One & two\n\nthree\n\nx"
    assert html_to_text("Plain  text,\nwrapped.\n\nSecond paragraph.") == (
        "Plain text, wrapped.\n\nSecond paragraph."
    )
