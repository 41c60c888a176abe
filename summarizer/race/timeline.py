"""The race's timeline: what happened, once each, not every time an article repeated it.

An entry is the first report of a government's stance toward a candidate, every later change
of that stance, every candidacy event (entering, nomination, withdrawal, appointment, taking
office, leaving another office, another post) and every dated milestone. Later reports of the
same thing fold into the entry: it counts the independent sources and keeps the earliest
citation first. Only counting readings are events (a condition, a question or a stance since
ended is not). Pure, over stored claims; kept with the claims.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from records.claims import ClaimSet, EvidenceRow
from summarizer.race.candidates import PAST_STANCE_VERBS, STANCE_VERBS, describe_claim
from summarizer.race.stances import current_stances, effective_date, independent_sources
from summarizer.text.wording import short_name


@dataclass(frozen=True)
class RaceEvent:
    """One thing that happened, with every report of it, earliest first."""

    day: str | None
    inferred: bool  # the day is only the article's date, and the article's date is a guess
    text: str
    kind: str  # "stance", "change", "candidacy" or "milestone"
    candidate: str | None
    holder: str | None
    evidence: tuple[EvidenceRow, ...]

    @property
    def sources(self) -> int:
        """How many independent sources reported it."""
        return independent_sources(self.evidence)


def _earliest_first(rows: Iterable[EvidenceRow]) -> tuple[EvidenceRow, ...]:
    return tuple(sorted(rows, key=lambda r: (effective_date(r) or "9999", r.published or "")))


def _event(
    day: str | None,
    text: str,
    kind: str,
    rows: Sequence[EvidenceRow],
    candidate: str | None,
    holder: str | None,
) -> RaceEvent:
    evidence = _earliest_first(rows)
    inferred = all(
        not row.date_from_text and row.published_how in ("inferred", "unknown") for row in evidence
    )
    return RaceEvent(day, inferred and day is not None, text, kind, candidate, holder, evidence)


def claims_about(rows: ClaimSet, candidate: str) -> ClaimSet:
    """The claims about one candidate, as a subset kept with the claims."""
    return rows.subset(("about", candidate), lambda row: row.candidate == candidate)


def _stance_events(rows: ClaimSet) -> list[RaceEvent]:
    events = []
    candidates = sorted({r.candidate for r in rows if r.kind == "stance" and r.candidate})
    for candidate in candidates:
        about = claims_about(rows, candidate)
        short = short_name(candidate)
        for holder in current_stances(candidate, about).holders:
            previous = None
            for run in holder.history:
                if not run.evidence:
                    continue
                if previous is None:
                    text = f"{holder.holder} {STANCE_VERBS[run.stance]} {short}"
                    kind = "stance"
                else:
                    text = (
                        f"{holder.holder} now {STANCE_VERBS[run.stance]} {short} "
                        f"(before, it {PAST_STANCE_VERBS[previous]} {short})"
                    )
                    kind = "change"
                events.append(_event(run.since, text, kind, run.evidence, candidate, holder.holder))
                previous = run.stance
    return events


def _candidacy_events(rows: ClaimSet) -> list[RaceEvent]:
    grouped: dict[tuple[str, str, str | None, str | None], list[EvidenceRow]] = {}
    for row in rows:
        if row.kind == "candidacy" and row.counts and row.candidate and row.event:
            holder = row.holder if row.event == "nominated" else None
            # A person may leave several offices or take several posts: each is its own event.
            day = effective_date(row) if row.event in ("left_office", "other_post") else None
            grouped.setdefault((row.event, row.candidate, holder, day), []).append(row)
    events = []
    for (_, candidate, holder, _), found in grouped.items():
        evidence = _earliest_first(found)
        events.append(
            _event(
                _agreed_day(evidence),
                describe_claim(evidence[0]),
                "candidacy",
                evidence,
                candidate,
                holder,
            )
        )
    return events


def _agreed_day(evidence: Sequence[EvidenceRow]) -> str | None:
    """The day most independent sources give for one event (a lone misreading does not move
    it); the earliest of equally supported days."""
    by_day: dict[str, list[EvidenceRow]] = {}
    for row in evidence:
        if day := effective_date(row):
            by_day.setdefault(day, []).append(row)
    if not by_day:
        return None
    return min(by_day, key=lambda day: (-independent_sources(by_day[day]), day))


def _milestones(rows: ClaimSet) -> list[RaceEvent]:
    grouped: dict[tuple[str | None, str], list[EvidenceRow]] = {}
    for row in rows:
        if row.kind == "event" and row.description:
            grouped.setdefault((effective_date(row), row.description), []).append(row)
    return [
        _event(day, description, "milestone", found, None, None)
        for (day, description), found in grouped.items()
    ]


def race_timeline(rows: ClaimSet) -> list[RaceEvent]:
    """Every event of the race, oldest first (undated ones last), each once."""

    def build() -> tuple[RaceEvent, ...]:
        events = _stance_events(rows) + _candidacy_events(rows) + _milestones(rows)
        return tuple(sorted(events, key=lambda e: (e.day is None, e.day or "", e.text)))

    return list(rows.cached("race_timeline", build))


class Placed(Protocol):
    """What selecting events reads of one: its day and whom it is about."""

    @property
    def day(self) -> str | None: ...
    @property
    def candidate(self) -> str | None: ...
    @property
    def holder(self) -> str | None: ...


P = TypeVar("P", bound=Placed)


def select_events(
    events: Sequence[P],
    *,
    name: str | None = None,
    holder: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[P]:
    """The events about a candidate or a holder, within a span of days (ISO, inclusive);
    undated events only when no span is asked for."""
    chosen = []
    for event in events:
        if name and name not in (event.candidate, event.holder):
            continue
        if holder and event.holder != holder:
            continue
        if (since or until) and event.day is None:
            continue
        if since and event.day and event.day < since:
            continue
        if until and event.day and event.day > until:
            continue
        chosen.append(event)
    return chosen
