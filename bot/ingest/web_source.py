"""Reading articles from http(s) URLs: a page, a plain-text file, or an RSS/Atom feed."""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass

from bot.ingest.feeds import FeedEntry, looks_like_feed, parse_feed
from bot.ingest.fetch import Fetched, FetchError, fetch
from bot.ingest.netguard import AddressPolicy
from summarizer.text.document import RawDocument
from summarizer.text.html_extract import html_to_document
from summarizer.text.markup import is_whole_page

# A feed entry whose own content is this long is the article; shorter ones are teasers and
# the linked page is fetched instead.
FULL_ENTRY_CHARS = 600


@dataclass(frozen=True)
class WebItem:
    """One article found at a URL, or the reason it could not be read."""

    source: str
    document: RawDocument | None = None
    error: str | None = None
    note: str | None = None  # something the user should know that is not a failure


def is_url(text: str) -> bool:
    """Whether an ingest argument is a URL rather than a path."""
    return text.casefold().startswith(("http://", "https://"))


def decode_body(fetched: Fetched) -> str:
    """A fetched body as text: its declared charset, else UTF-8 (bad bytes replaced)."""
    for charset in (fetched.charset, "utf-8"):
        if charset:
            try:
                return fetched.body.decode(charset)
            except (LookupError, UnicodeDecodeError):
                continue
    return fetched.body.decode("utf-8", errors="replace")


def _page_document(fetched: Fetched, source: str, kind: str) -> RawDocument:
    text = decode_body(fetched)
    content_type = (fetched.content_type or "").casefold()
    if "html" in content_type or is_whole_page(text):  # by content, whatever the server says
        return html_to_document(text, source=source, url=fetched.final_url, source_kind=kind)
    if content_type.startswith("text/") or not content_type:
        return RawDocument(
            source=source, source_kind="url", text=text, url=fetched.final_url, raw=text
        )
    raise ValueError(f"unsupported content type `{content_type}`")


def _entry_items(entry: FeedEntry, policy: AddressPolicy, feed_url: str) -> WebItem:
    source = entry.link or f"{feed_url}#{entry.title or 'entry'}"
    content = entry.content_html or ""
    try:
        if len(content) >= FULL_ENTRY_CHARS or not entry.link:
            if not content and entry.summary_text:
                # The summary is plain text: escape it so "<" in prose is not read as markup.
                paragraphs = entry.summary_text.split("\n\n")
                content = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
            document = html_to_document(
                f"<html><body><article>{content}</article></body></html>",
                source=source,
                url=entry.link,
                source_kind="feed",
            )
        else:
            document = _page_document(fetch(entry.link, policy=policy), source, "feed")
    except FetchError as exc:
        return WebItem(source=source, error=exc.reason)
    except ValueError as exc:
        return WebItem(source=source, error=str(exc))
    return WebItem(source=source, document=with_feed_entry(document, entry))


def with_feed_entry(document: RawDocument, entry: FeedEntry) -> RawDocument:
    """A page read for a feed entry, with the feed's own title, link and date, which are
    better metadata than a guess from the page."""
    return RawDocument(
        source=document.source,
        source_kind="feed",
        text=document.text,
        url=document.url or entry.link,
        title=entry.title or document.title,
        outlet=document.outlet,
        published=entry.published or document.published,
        published_how="feed" if entry.published else document.published_how,
        language=document.language,
        raw=document.raw,
    )


def read_url(url: str, policy: AddressPolicy) -> Iterator[WebItem]:
    """Fetch a URL and yield the articles it holds (one page, or every entry of a feed)."""
    try:
        fetched = fetch(url, policy=policy)
    except FetchError as exc:
        yield WebItem(source=url, error=exc.reason)
        return
    if looks_like_feed(fetched.content_type, fetched.body):
        try:
            entries = parse_feed(fetched.body, fetched.final_url)
        except ValueError as exc:
            yield WebItem(source=url, error=str(exc))
            return
        for entry in entries:
            yield _entry_items(entry, policy, url)
        if entries.skipped:
            parts = []
            if entries.over_cap:
                read = len(entries) + entries.unusable
                parts.append(f"{entries.over_cap:,} entries past the first {read:,} were not read")
            if entries.unusable:
                parts.append(f"{entries.unusable:,} entries had neither a link nor any text")
            yield WebItem(source=url, note="; ".join(parts))
        return
    try:
        yield WebItem(source=url, document=_page_document(fetched, url, "url"))
    except ValueError as exc:
        yield WebItem(source=url, error=str(exc))
