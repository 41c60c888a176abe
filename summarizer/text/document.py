"""The value every reader produces: one article's text and what is known about it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

SourceKind = Literal["file", "url", "feed"]

# How the published date was determined, strongest first.
DateHow = Literal["front_matter", "html_meta", "feed", "header", "dateline", "inferred", "unknown"]


@dataclass(frozen=True)
class RawDocument:
    """An article as read from a file, a URL or a feed entry, before cleaning.

    `text` is plain text (HTML already reduced to its main text). Metadata fields are
    None when the reader did not find them; the pipeline then looks in the text itself.
    """

    source: str
    source_kind: SourceKind
    text: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    published_how: DateHow | None = None
    language: str | None = None
    raw: str | None = None  # the original bytes decoded, when they differ from `text` (HTML)
