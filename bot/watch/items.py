"""What a polled source holds: a feed's entries, or a page's links within the same site,
and each one read into a document (its own content, or the linked page fetched)."""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass
from urllib.parse import urldefrag, urlsplit

import lxml.html  # type: ignore[import-untyped]  # no stubs; see pyproject mypy
from lxml import etree

from bot.ingest.feeds import FeedEntry, looks_like_feed, parse_feed
from bot.ingest.fetch import Fetched, fetch
from bot.ingest.netguard import AddressPolicy
from bot.ingest.web_source import decode_body, with_feed_entry
from summarizer.text.document import RawDocument
from summarizer.text.html_extract import html_to_document

FULL_ENTRY_CHARS = 600  # an entry this long is the article; shorter ones are teasers
_NOT_ARTICLES = (".jpg", ".jpeg", ".png", ".gif", ".svg", ".pdf", ".css", ".js", ".xml", ".zip")


@dataclass(frozen=True)
class Item:
    """One thing a source offers: a key to remember it by, its link, its feed entry if any."""

    key: str
    link: str | None
    entry: FeedEntry | None = None


def _entry_key(entry: FeedEntry) -> str:
    if entry.link:
        return entry.link
    text = f"{entry.title}\n{entry.summary_text}\n{entry.content_html}"
    return "entry:" + hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:32]


def _site(url: str) -> str:
    host = (urlsplit(url).hostname or "").casefold()
    return host.removeprefix("www.")


def page_links(fetched: Fetched) -> list[str]:
    """The page's links to other pages of the same site, absolute, in page order, once each."""
    try:
        root = lxml.html.fromstring(decode_body(fetched))
    except (etree.ParserError, ValueError):
        return []
    root.make_links_absolute(fetched.final_url)
    own_page = urldefrag(fetched.final_url)[0]
    site = _site(fetched.final_url)
    links: list[str] = []
    for element, attribute, link, _ in root.iterlinks():
        if element.tag != "a" or attribute != "href":
            continue
        link = urldefrag(link)[0]
        parts = urlsplit(link)
        if parts.scheme not in ("http", "https") or _site(link) != site or link == own_page:
            continue
        if parts.path.casefold().endswith(_NOT_ARTICLES) or link in links:
            continue
        links.append(link)
    return links


def source_items(fetched: Fetched) -> tuple[str, list[Item]]:
    """The source's kind (`feed` or `page`) and its items, newest first as the source lists
    them. Raises ValueError for a feed that cannot be read."""
    if looks_like_feed(fetched.content_type, fetched.body):
        entries = parse_feed(fetched.body, fetched.final_url)
        return "feed", [Item(_entry_key(entry), entry.link, entry) for entry in entries]
    return "page", [Item(link, link) for link in page_links(fetched)]


def read_item(item: Item, policy: AddressPolicy, max_bytes: int) -> tuple[RawDocument, int]:
    """The item as a document and the bytes fetched for it (0 when the feed held it all).
    Raises FetchError or ValueError when it cannot be read."""
    entry = item.entry
    content = entry.content_html or "" if entry else ""
    if entry is not None and (len(content) >= FULL_ENTRY_CHARS or not entry.link):
        if not content and entry.summary_text:
            content = "".join(f"<p>{html.escape(p)}</p>" for p in entry.summary_text.split("\n\n"))
        document = html_to_document(
            f"<html><body><article>{content}</article></body></html>",
            source=item.key,
            url=entry.link,
            source_kind="feed",
        )
        spent = 0
    else:
        assert item.link is not None
        fetched = fetch(item.link, policy=policy, max_bytes=max_bytes)
        kind = "feed" if entry is not None else "url"
        document = html_to_document(
            decode_body(fetched), source=item.link, url=fetched.final_url, source_kind=kind
        )
        spent = len(fetched.body)
    if entry is None:
        return document, spent
    return with_feed_entry(document, entry), spent
