"""From a raw document to a stored-ready article: cleaned, dated, titled, split, hashed."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

from summarizer.text.document import RawDocument
from summarizer.text.language import guess_language
from summarizer.text.markup import looks_like_html, strip_markup
from summarizer.text.overlap import shingle_hashes
from summarizer.text.published import find_timestamps
from summarizer.text.sentences import SentenceSpan, split_sentences
from summarizer.text.textmeta import read_plain_text

MIN_BODY_CHARS = 40


class UnusableDocument(ValueError):
    """The document holds no article text worth storing; the message says why."""


@dataclass(frozen=True)
class PreparedArticle:
    """Everything the store needs for one article."""

    source: str
    source_kind: str
    url: str | None
    title: str | None
    outlet: str | None
    published: date | None
    published_how: str
    language: str | None
    body: str
    raw: str
    content_hash: str
    sentences: tuple[SentenceSpan, ...]
    shingles: frozenset[int]


def content_hash(body: str) -> str:
    """A hash of the clean body that ignores case and spacing, so re-runs hash alike."""
    normalised = re.sub(r"\s+", " ", body.casefold()).strip()
    return hashlib.sha256(normalised.encode()).hexdigest()


def _published(doc: RawDocument, inferred: date | None, how: str) -> tuple[date | None, str]:
    if doc.published is not None:
        return doc.published, doc.published_how or "front_matter"
    if inferred is not None:
        return inferred, how
    # Image file names and timestamps in the raw page (e.g. `2024 02 22T113613Z`) date it
    # when the prose does not.
    stamps = find_timestamps(doc.raw or doc.text)
    if stamps:
        return max(stamps), "inferred"
    return None, "unknown"


def prepare_document(doc: RawDocument) -> PreparedArticle:
    """Clean, date, title and split one document; raise UnusableDocument if nothing is left."""
    # Markup that slipped through (a feed summary, a JSON body, an HTML fragment) is not prose.
    text = strip_markup(doc.text) if looks_like_html(doc.text) else doc.text
    meta = read_plain_text(text)
    body = meta.body
    if len(body.strip()) < MIN_BODY_CHARS:
        raise UnusableDocument("no article text left after removing boilerplate")
    sentences = tuple(split_sentences(body))
    if not sentences:
        raise UnusableDocument("no sentences found in the article text")
    published, how = _published(doc, meta.published, meta.published_how)
    return PreparedArticle(
        source=doc.source,
        source_kind=doc.source_kind,
        url=doc.url,
        title=doc.title or meta.title,
        outlet=doc.outlet or meta.outlet,
        published=published,
        published_how=how,
        language=doc.language or guess_language(body),
        body=body,
        raw=doc.raw if doc.raw is not None else doc.text,
        content_hash=content_hash(body),
        sentences=sentences,
        shingles=frozenset(shingle_hashes(body)),
    )
