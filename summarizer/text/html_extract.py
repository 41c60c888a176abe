"""An HTML page to an article: its main text and the metadata the page declares.

trafilatura finds the main text (no comments, tables, links, navigation or boilerplate). The
published date is read only from what the publisher declared in the page's metadata
(`article:published_time` and kin, JSON-LD `datePublished`, `<time pubdate>`): trafilatura's
date search (htmldate) falls back, even with `extensive_search=False`, to dates in the URL,
in elements whose class mentions "date", in the headline and to timestamps anywhere in the
text. Such a guess could be a date the article merely mentions, and labelling it `html_meta`
would overrule the better guesses later stages make from the text. So trafilatura runs with
`extensive_search=False` (cheaper) and its date is ignored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import trafilatura

from summarizer.text.document import RawDocument, SourceKind

# Pruned before extraction: trafilatura drops most of these itself, but a consent banner's
# prose can pass for an article paragraph. The size test keeps a wrapper that merely carries
# a "cookies-accepted" class from taking the whole page with it.
_CONSENT = (
    "contains(translate(concat(' ', @id, ' ', @class), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
    "'abcdefghijklmnopqrstuvwxyz'), '{word}')"
)
_PRUNE_XPATH = [
    "//nav",
    "//footer",
    "//iframe",
    "//noscript",
    "//template",
    "//dialog",
    "//*[not(self::html or self::body or self::main or self::article)]"
    f"[{' or '.join(_CONSENT.format(word=word) for word in ('cookie', 'consent', 'gdpr'))}]"
    "[string-length(normalize-space(.)) < 2000]",
]

# Metadata names that carry the original publication date, strongest first.
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "publish-date",
    "publishdate",
    "pubdate",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "date",
)
# A consent notice that carries no telltale id or class still reads like one.
_CONSENT_PROSE = re.compile(
    r"\bcookies?\b.*\b(accept|consent|privacy|polic(y|ies)|partners|your device|brows(e|ing)"
    r"|personali[sz]e)|\b(accept|consent to|manage) (all )?cookies\b",
    re.IGNORECASE,
)
_CONSENT_MAX_CHARS = 600
_YMD = re.compile(r"\A\s*(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})(?:\b|T|\s|\Z)")
_LANG = re.compile(r"\A([a-zA-Z]{2,3})(?:[-_][A-Za-z0-9]+)*\Z")
_EARLIEST = date(1990, 1, 1)


def html_to_document(
    html: str, *, source: str, url: str | None, source_kind: str = "url"
) -> RawDocument:
    """Reduce an HTML page to a RawDocument: main text, title, date, outlet, language.

    Paragraphs are separated by a blank line; the headline is left out of the text when it
    repeats the title. Raises ValueError when the page has no extractable article text.
    """
    kind = _source_kind(source_kind)
    if not html.strip():
        raise ValueError("the page is empty")
    tree = trafilatura.load_html(html)
    if tree is None:
        raise ValueError("the page could not be parsed as HTML")
    extracted = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_links=False,
        include_images=False,
        prune_xpath=_PRUNE_XPATH,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    title = _clean(getattr(extracted, "title", None))
    text = _paragraphs(getattr(extracted, "text", None) or "", title)
    if not text:
        raise ValueError(
            "no article text found in the page (it may be empty, a list of links "
            "or need JavaScript)"
        )
    published = _declared_date(tree)
    return RawDocument(
        source=source,
        source_kind=kind,
        text=text,
        url=url,
        title=title,
        outlet=_outlet(extracted, url),
        published=published,
        published_how="html_meta" if published else None,
        language=_language(tree),
        raw=html,
    )


def _source_kind(value: str) -> SourceKind:
    if value == "file":
        return "file"
    if value == "feed":
        return "feed"
    if value == "url":
        return "url"
    raise ValueError(f"unknown source kind `{value}`")


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _paragraphs(text: str, title: str | None) -> str:
    """One paragraph per extracted line, separated by blank lines; a leading title dropped."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    paragraphs = [
        line
        for line in lines
        if line and not (len(line) <= _CONSENT_MAX_CHARS and _CONSENT_PROSE.search(line))
    ]
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


def _outlet(extracted: Any, url: str | None) -> str | None:
    sitename = _clean(getattr(extracted, "sitename", None))
    if sitename:
        return sitename
    hostname = _clean(getattr(extracted, "hostname", None))
    if not hostname and url:
        hostname = urlsplit(url).hostname
    if hostname and hostname.startswith("www."):
        hostname = hostname[4:]
    return hostname or None


def _parse_date(value: object) -> date | None:
    """The calendar date at the start of an ISO-like value, as written (no UTC shift)."""
    if not isinstance(value, str):
        return None
    match = _YMD.match(value)
    try:
        if match:
            found = date(int(match[1]), int(match[2]), int(match[3]))
        else:
            found = parsedate_to_datetime(value.strip()).date()  # "Thu, 22 Feb 2024 ..."
    except (TypeError, ValueError, IndexError):
        return None
    # A date before the web or beyond tomorrow is a template default or a typo.
    if not _EARLIEST <= found <= datetime.now().date() + timedelta(days=1):
        return None
    return found


def _meta_dates(tree: Any) -> Iterator[tuple[int, date]]:
    for element in tree.iter("meta"):
        key = (
            (element.get("property") or element.get("name") or element.get("itemprop") or "")
            .strip()
            .lower()
        )
        if key in _DATE_META:
            found = _parse_date(element.get("content"))
            if found:
                yield _DATE_META.index(key), found


def _json_ld_dates(tree: Any) -> Iterator[date]:
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        yield from _walk_json(data, depth=0)


def _walk_json(data: object, depth: int) -> Iterator[date]:
    if depth > 8:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk_json(item, depth + 1)
    elif isinstance(data, dict):
        found = _parse_date(data.get("datePublished"))
        if found:
            yield found
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            yield from _walk_json(data.get(key), depth + 1)


def _time_dates(tree: Any) -> Iterator[date]:
    for element in tree.iter("time"):
        marked = element.get("pubdate") is not None or (
            (element.get("itemprop") or "").lower() == "datepublished"
        )
        if marked:
            found = _parse_date(element.get("datetime") or element.text_content())
            if found:
                yield found


def _declared_date(tree: Any) -> date | None:
    """The publication date the page declares in its metadata, or None."""
    metas = sorted(_meta_dates(tree), key=lambda ranked: ranked[0])
    # Open Graph / article meta first, then JSON-LD, then the weaker generic meta names.
    if metas and metas[0][0] < _DATE_META.index("parsely-pub-date"):
        return metas[0][1]
    for found in _json_ld_dates(tree):
        return found
    if metas:
        return metas[0][1]
    for found in _time_dates(tree):
        return found
    return None


def _language(tree: Any) -> str | None:
    """The page's declared language as an ISO 639 code (`en-GB` -> `en`), or None."""
    candidates: list[str | None] = [tree.get("lang"), tree.get("xml:lang")]
    for element in tree.iter("meta"):
        key = (element.get("http-equiv") or element.get("property") or "").strip().lower()
        if key in ("content-language", "og:locale"):
            candidates.append(element.get("content"))
    for candidate in candidates:
        match = _LANG.match((candidate or "").strip().split(",")[0].strip())
        if match:
            return match[1].lower()
    return None
