"""A stored reading of one sentence, with the sentence and its article: what `claims` shows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ClaimReading:
    """One claim as stored: what was read (holder, stance or event, candidate), how it was
    said (polarity, modality, aspect, scope, holdout), its date and how that was resolved,
    whether it counts, and the exact sentence and article it comes from (citable)."""

    claim_id: int
    article_id: int
    sentence_id: int
    sentence_idx: int
    quote: str
    source: str
    outlet: str | None
    title: str | None
    published: str | None
    url: str | None
    kind: str
    candidate: str | None
    holder: str | None
    holder_text: str | None
    stance: str | None
    event: str | None
    description: str | None
    aggregate: str | None
    grounds: str | None
    polarity: str
    modality: str
    aspect: str
    scope: str
    holdout: bool
    counts: bool
    reported: bool
    hedged: bool
    event_date: str | None
    date_from_text: bool
    date_how: str | None
    date_precision: str | None


@dataclass(frozen=True, slots=True)
class ArticleHeading:
    """What an article is, for a heading: id, title, outlet, date, source, sentence count."""

    id: int
    title: str | None
    outlet: str | None
    published: str | None
    source: str
    sentence_count: int
