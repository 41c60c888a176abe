"""Title, date and outlet of a plain-text article, and its clean body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from summarizer.cleaning import clean_body, extract_outlet_hints
from summarizer.dates import infer_published, parse_date_header
from summarizer.sentences import split_sentences

MAX_TITLE = 100
_HEADLINE_END = re.compile(r"[.!…:;,]$")


@dataclass(frozen=True)
class TextMeta:
    """What a plain-text article says about itself."""

    title: str | None
    published: date | None
    published_how: str
    outlet: str | None
    body: str


def _shorten(text: str) -> str:
    if len(text) <= MAX_TITLE:
        return text
    cut = text[: MAX_TITLE - 1].rsplit(" ", 1)[0].rstrip(",;:-– ")
    return cut + "…"


def _looks_like_headline(line: str, next_line: str | None) -> bool:
    # A headline is short, has no sentence-final stop, and is followed by more text.
    return (
        next_line is not None
        and 15 <= len(line) <= 160
        and not _HEADLINE_END.search(line)
        and len(line.split()) >= 4
    )


def read_plain_text(raw: str) -> TextMeta:
    """Read a plain-text article: header date or dateline, else inferred; title; outlet."""
    published, how, text = parse_date_header(raw)
    body = clean_body(text)
    paragraphs = body.split("\n\n") if body else []
    title: str | None = None
    if paragraphs and _looks_like_headline(
        paragraphs[0], paragraphs[1] if len(paragraphs) > 1 else None
    ):
        title = paragraphs[0]
        body = "\n\n".join(paragraphs[1:])
    elif body:
        sentences = split_sentences(body)
        title = _shorten(sentences[0].text) if sentences else None
    if published is None:
        published = infer_published(body)
        how = "inferred" if published else "unknown"
    return TextMeta(title, published, how, extract_outlet_hints(raw), body)
