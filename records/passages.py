"""A stored sentence with its article's details: what a digest or an answer cites."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Passage:
    """One stored sentence and everything needed to cite it."""

    sentence_id: int
    quote: str
    idx: int
    article_id: int
    source: str
    outlet: str | None
    title: str | None
    published: str | None
    url: str | None
    duplicate_of: int | None
