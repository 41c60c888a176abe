"""The race's timeline: what happened, once each, not every time an article repeated it.

An entry is the first report of a government's stance toward a candidate, every later change
of that stance, every candidacy event (entering, nomination, withdrawal, appointment, taking
office, leaving another office, another post) and every dated milestone. Later reports of the
same thing fold into the entry: it counts the independent sources and keeps the earliest
citation first. Only counting readings are events (a condition, a question or a stance since
ended is not). Pure, over stored claims; kept with the claims.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from records.claims import ClaimSet, EvidenceRow, Growth, without_rows
from summarizer.race.candidates import PAST_STANCE_VERBS, STANCE_VERBS, describe_claim
from summarizer.race.stances import (
    HolderStance,
    claims_about,
    current_stances,
    effective_date,
    independent_sources,
)
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


# Each holder's current stance toward one candidate, with the events it makes.
HolderEvents = dict[str, tuple[HolderStance, tuple[RaceEvent, ...]]]


def _stance_events(
    rows: ClaimSet, candidate: str, earlier: HolderEvents | None = None
) -> HolderEvents:
    """Every holder's first stance toward `candidate` and each later change; a holder whose
    stance is the very one `earlier` was worked out from keeps its events."""
    found: HolderEvents = {}
    short = short_name(candidate)
    for holder in current_stances(candidate, claims_about(rows, candidate)).holders:
        before = earlier.get(holder.holder) if earlier else None
        if before is not None and before[0] is holder:
            found[holder.holder] = before
            continue
        events = []
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
        found[holder.holder] = (holder, tuple(events))
    return found


# What one candidacy event or milestone is known by: every claim with the key reports it.
GroupKey = tuple[str | None, ...]


def _group_key(row: EvidenceRow) -> GroupKey | None:
    """The event a candidacy claim or a milestone reports (rows with one key are one event);
    None for the claims that are no such event."""
    if row.kind == "candidacy" and row.counts and row.candidate and row.event:
        holder = row.holder if row.event == "nominated" else None
        # A person may leave several offices or take several posts: each is its own event.
        day = effective_date(row) if row.event in ("left_office", "other_post") else None
        return ("candidacy", row.event, row.candidate, holder, day)
    if row.kind == "event" and row.description:
        return ("milestone", effective_date(row), row.description)
    return None


def _group_event(key: GroupKey, found: Sequence[EvidenceRow]) -> RaceEvent:
    if key[0] == "milestone":
        return _event(key[1], key[2] or "", "milestone", found, None, None)
    evidence = _earliest_first(found)
    candidate, holder = key[2], key[3]
    day = _agreed_day(evidence)
    return _event(day, describe_claim(evidence[0]), "candidacy", evidence, candidate, holder)


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


def _place(event: RaceEvent) -> tuple[bool, str, str, str, str, str, int]:
    """Where an event sorts: by day (undated last), then text; the rest only orders events
    that read alike, so that the order never depends on how the timeline was computed."""
    first = event.evidence[0].claim_id if event.evidence else 0
    return (
        event.day is None,
        event.day or "",
        event.text,
        event.kind,
        event.candidate or "",
        event.holder or "",
        first,
    )


@dataclass(frozen=True)
class _Timeline:
    """The timeline and what it is made of: each candidate's stance events, and each
    candidacy event or milestone with its claims. Kept with the claims, so that after an
    ingest only the candidates and events the new claims are about are worked out again."""

    stances: dict[str, HolderEvents]
    groups: dict[GroupKey, tuple[tuple[EvidenceRow, ...], RaceEvent]]
    events: tuple[RaceEvent, ...]

    @classmethod
    def build(cls, rows: ClaimSet) -> _Timeline:
        """Over every claim."""
        candidates = sorted({r.candidate for r in rows if r.kind == "stance" and r.candidate})
        stances = {candidate: _stance_events(rows, candidate) for candidate in candidates}
        grouped = _grouped(rows)
        groups = {key: (tuple(found), _group_event(key, found)) for key, found in grouped.items()}
        events = [e for held in stances.values() for _, found in held.values() for e in found]
        events += [event for _, event in groups.values()]
        return cls(stances, groups, tuple(sorted(events, key=_place)))

    def extended(self, rows: ClaimSet, growth: Growth) -> _Timeline:
        """The timeline of `rows`, which are this timeline's claims with `growth.added` and
        without `growth.removed`: the events of the candidates and groups those claims fall
        into are worked out again, the others are kept, and the new events put in their
        places."""
        stances = dict(self.stances)
        gone: list[RaceEvent] = []
        new: list[RaceEvent] = []
        changed = growth.added + growth.removed
        for candidate in sorted(
            {r.candidate for r in changed if r.kind == "stance" and r.candidate}
        ):
            before = stances.get(candidate, {})
            # A holder whose stance is the very one worked out before keeps its events.
            now = _stance_events(rows, candidate, before)
            for holder, (stance, made) in now.items():
                if holder not in before or before[holder][0] is not stance:
                    gone += before[holder][1] if holder in before else ()
                    new += made
            for holder in before.keys() - now.keys():  # its every stance claim is gone
                gone += before[holder][1]
            stances[candidate] = now
        added = _grouped(growth.added)
        removed = _grouped(growth.removed)
        groups = dict(self.groups)
        for key in [*added, *(key for key in removed if key not in added)]:
            earlier = groups[key][0] if key in groups else ()
            if key in groups:
                gone.append(groups[key][1])
            kept = without_rows(earlier, removed.get(key, ()))
            merged = growth.merge(kept, added.get(key, ()))
            if not merged:  # every claim reporting the event is gone
                groups.pop(key, None)
                continue
            groups[key] = (merged, _group_event(key, merged))
            new.append(groups[key][1])
        # Every event sorts by a key of its own: dropping the replaced ones and putting the
        # new ones in their places is sorting them all.
        dropped = {id(event) for event in gone}
        events = [event for event in self.events if id(event) not in dropped]
        for event in new:
            insort(events, event, key=_place)
        return _Timeline(stances, groups, tuple(events))


def _grouped(rows: Sequence[EvidenceRow]) -> dict[GroupKey, list[EvidenceRow]]:
    """`rows` by the event each reports (those that report none left out)."""
    grouped: dict[GroupKey, list[EvidenceRow]] = {}
    for row in rows:
        if (key := _group_key(row)) is not None:
            grouped.setdefault(key, []).append(row)
    return grouped


def _timeline(rows: ClaimSet) -> _Timeline:
    found = rows.earlier("race_timeline", removals=True)
    if found is not None:
        earlier, growth = found
        return earlier.extended(rows, growth)  # type: ignore[no-any-return]
    return _Timeline.build(rows)


def race_timeline(rows: ClaimSet) -> list[RaceEvent]:
    """Every event of the race, oldest first (undated ones last), each once."""
    return list(rows.cached("race_timeline", lambda: _timeline(rows)).events)


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
