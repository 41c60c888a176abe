"""Claim values: what a sentence says about the race (stances, candidacy events, milestones).

Claims are derived from stored sentences at ingest and can be re-derived at any time; the
stance engine (summarizer/race/stances.py) turns them into current stances with history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

ClaimKind = Literal["stance", "candidacy", "event"]
Stance = Literal["supports", "opposes", "conditional", "undecided"]
CandidacyEvent = Literal["declares", "considers", "nominated", "withdraws", "appointed", "denies"]


@dataclass(frozen=True)
class ExtractedClaim:
    """One claim found in one sentence of an article.

    - stance: `holder` takes `stance` toward `candidate` (`aggregate` instead of a holder when
      the article gives only a count such as "about two-thirds of the 31 members");
    - candidacy: `candidate` `event`s (declares, considers, is nominated by `holder`,
      withdraws, is appointed, denies running);
    - event: a dated milestone of the race (`description`), e.g. the end of a term.
    """

    sentence_idx: int
    kind: ClaimKind
    candidate: str | None = None
    holder: str | None = None
    holder_text: str | None = None
    stance: Stance | None = None
    event: CandidacyEvent | None = None
    event_date: date | None = None
    date_from_text: bool = False
    reported: bool = False
    hedged: bool = False
    aggregate: str | None = None
    grounds: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """A stored claim with its sentence and article: everything needed to cite it."""

    claim_id: int
    kind: str
    candidate: str | None
    holder: str | None
    holder_text: str | None
    stance: str | None
    event: str | None
    event_date: str | None
    date_from_text: bool
    reported: bool
    hedged: bool
    aggregate: str | None
    grounds: str | None
    description: str | None
    sentence_id: int
    quote: str
    article_id: int
    source: str
    outlet: str | None
    title: str | None
    published: str | None
    published_how: str
    url: str | None
    duplicate_of: int | None
