"""What articles say of who a person is: the values the archive's who-is-who is built from
(summarizer/entities/learned.py) and stored as (storage/people.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from records.claims import ExtractedClaim

# How strongly a sighting says the person runs: not at all, the candidate of a stance reading,
# the subject of a candidacy event (declared, nominated, withdrew…).
NOT_CONTENDING = 0
STANCE_TOWARD = 1
CANDIDACY_EVENT = 2


@dataclass(frozen=True)
class Sighting:
    """What one article says of a person: a full name with the nationality or office written
    beside it, or a person read as a contender in this race (a candidacy event, a stance
    toward them). `times` counts equal sightings folded into one (the archive stores them
    summed)."""

    name: str
    on: date | None
    country: str | None = None  # the nationality written beside the name
    role: str | None = None  # an office of `country` written beside the name
    contender: int = NOT_CONTENDING
    times: int = 1


@dataclass(frozen=True)
class ArticleReading:
    """An article's claims, and what it says of who people are."""

    claims: list[ExtractedClaim]
    sightings: list[Sighting]
