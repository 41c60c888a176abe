"""From stored claims to current stances: the latest dated evidence wins, history stays.

Pure functions over evidence rows; no SQL here (storage/claims.py reads the rows).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from itertools import chain, groupby

from records.claims import ClaimSet, EvidenceRow

# When one day's evidence disagrees, the more guarded reading wins the tie: a holder who
# both praises a candidate and "seeks reassurances" the same day is holding out.
_TIE_ORDER = {"opposes": 0, "conditional": 1, "undecided": 2, "supports": 3}


@dataclass(frozen=True)
class StanceRun:
    """A stretch of days on which a holder kept the same stance."""

    stance: str
    since: str | None
    until: str | None
    evidence: tuple[EvidenceRow, ...]


@dataclass(frozen=True)
class HolderStance:
    """A holder's current stance toward one candidate, with its evidence and history."""

    holder: str
    stance: str
    since: str | None
    evidence: tuple[EvidenceRow, ...]
    sources: int
    hedged: bool
    reported: bool
    grounds: tuple[str, ...]
    previous: str | None
    history: tuple[StanceRun, ...]

    @property
    def changed(self) -> bool:
        """Whether the holder took another stance before this one."""
        return self.previous is not None


@dataclass(frozen=True)
class CandidateStances:
    """Every holder's current stance toward a candidate, plus reported aggregates."""

    candidate: str
    as_of: date | None
    holders: tuple[HolderStance, ...]
    aggregates: tuple[EvidenceRow, ...]

    def with_stance(self, *stances: str) -> list[HolderStance]:
        """Holders whose current stance is one of `stances`, strongest evidence first."""
        chosen = [holder for holder in self.holders if holder.stance in stances]
        return sorted(chosen, key=lambda h: (h.hedged, -h.sources, h.holder))


def effective_date(row: EvidenceRow) -> str | None:
    """The day a claim speaks for: its own date, else its article's."""
    return row.event_date or row.published


# How direct a quote is, (hedged, reported), most direct first.
_DIRECTNESS = ((False, False), (False, True), (True, False), (True, True))


def best_evidence(evidence: Sequence[EvidenceRow], limit: int) -> list[EvidenceRow]:
    """The quotes to show: direct statements first, one per article, in the evidence's
    order (newest first) within each degree of directness."""
    seen: set[int] = set()
    picked: list[EvidenceRow] = []
    # A pass per degree, stopping at `limit`: a much-quoted holder has thousands of rows,
    # and the first few direct statements are all that is shown.
    for degree in _DIRECTNESS:
        if len(picked) >= limit:
            break
        for row in evidence:
            if (row.hedged, row.reported) == degree and row.article_id not in seen:
                seen.add(row.article_id)
                picked.append(row)
                if len(picked) >= limit:
                    break
    return picked


def independent_sources(rows: Iterable[EvidenceRow]) -> int:
    """Distinct articles behind some evidence, a near-duplicate counting with its original."""
    return len({row.duplicate_of or row.article_id for row in rows})


def _day_stance(rows: Sequence[EvidenceRow]) -> str:
    # Direct, unhedged statements outweigh reports and hedges made the same day.
    strongest = min((row.hedged, row.reported) for row in rows)
    votes = Counter(row.stance for row in rows if (row.hedged, row.reported) == strongest)
    top = max(votes.values())
    tied = [stance for stance, count in votes.items() if count == top and stance]
    return min(tied, key=lambda stance: _TIE_ORDER.get(stance, 9))


@dataclass(frozen=True)
class _Day:
    """One holder's evidence on one day (None: undated) and the stance it adds up to."""

    day: str | None
    rows: tuple[EvidenceRow, ...]
    stance: str


def _days(rows: Sequence[EvidenceRow]) -> list[_Day]:
    days = []
    for day, group in groupby(rows, key=effective_date):
        day_rows = tuple(group)
        days.append(_Day(day, day_rows, _day_stance(day_rows)))
    return days


def _runs_of_days(days: Sequence[_Day]) -> list[StanceRun]:
    # Consecutive days with the same stance make one run; an undated start takes the
    # first dated day as its `since`.
    spans: list[tuple[str, str | None, str | None, list[_Day]]] = []
    for entry in days:
        if spans and spans[-1][0] == entry.stance:
            stance, since, _, members = spans[-1]
            members.append(entry)
            spans[-1] = (stance, since or entry.day, entry.day, members)
        else:
            spans.append((entry.stance, entry.day, entry.day, [entry]))
    return [
        StanceRun(stance, since, until, tuple(chain.from_iterable(d.rows for d in members)))
        for stance, since, until, members in spans
    ]


def _holder_stance(holder: str, runs: Sequence[StanceRun]) -> HolderStance:
    current = runs[-1]
    evidence = tuple(row for row in current.evidence if row.stance == current.stance)
    return HolderStance(
        holder=holder,
        stance=current.stance,
        since=current.since,
        evidence=tuple(reversed(evidence)),
        sources=independent_sources(evidence),
        hedged=all(row.hedged for row in evidence),
        reported=all(row.reported for row in evidence),
        grounds=tuple(dict.fromkeys(row.grounds for row in evidence if row.grounds)),
        previous=runs[-2].stance if len(runs) > 1 else None,
        history=tuple(runs),
    )


def evidence_order(row: EvidenceRow) -> tuple[bool, str, str, int]:
    """How a holder's evidence is ordered, oldest first: undated first, then by the day it
    speaks for, its article's day and its id (unique, so any two sorts agree)."""
    day = effective_date(row)
    return (day is not None, day or "", row.published or "", row.claim_id)


DAYS_KEPT = 16
HolderDays = tuple[str, tuple[_Day, ...], tuple[str, ...]]  # a holder, its days, dated days


@dataclass(frozen=True)
class StanceIndex:
    """One candidate's stance evidence sorted and grouped by holder and day, once, so that
    the stances as of any day are cheap to read (`at`)."""

    candidate: str
    holders: tuple[HolderDays, ...]
    aggregates: tuple[EvidenceRow, ...]
    # Holders' current stances known from the index this one extends (see `extended`).
    known: Mapping[str, HolderStance] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, candidate: str, rows: Iterable[EvidenceRow]) -> StanceIndex:
        """Sort and group a candidate's stance evidence."""
        return cls(candidate, (), ()).extended(rows)

    def extended(
        self, rows: Iterable[EvidenceRow], removed: Iterable[EvidenceRow] = ()
    ) -> StanceIndex:
        """This index with more evidence (`rows`) and without the `removed` (the very rows it
        holds): only the holders they are about are grouped again (the same index as `build`
        over what is left, the sort being by a unique key)."""
        kept = [row for row in rows if _counts_for(self.candidate, row)]
        gone = [row for row in removed if _counts_for(self.candidate, row)]
        if not kept and not gone and self.holders:
            return self
        kept.sort(key=evidence_order)
        by_holder: dict[str, list[EvidenceRow]] = {}
        aggregates = []
        for row in kept:
            if row.holder:
                by_holder.setdefault(row.holder, []).append(row)
            elif row.aggregate:
                aggregates.append(row)
        gone_ids = {id(row) for row in gone}
        touched = [*by_holder, *{row.holder for row in gone if row.holder} - by_holder.keys()]
        holders = {holder: (holder, days, dated) for holder, days, dated in self.holders}
        for holder in touched:
            added = by_holder.get(holder, [])
            if holder in holders:
                earlier = [
                    row for day in holders[holder][1] for row in day.rows if id(row) not in gone_ids
                ]
                added = sorted(earlier + added, key=evidence_order)
            if not added:  # every claim of this holder's is gone
                del holders[holder]
                continue
            days = tuple(_days(added))
            holders[holder] = (holder, days, tuple(d.day for d in days if d.day is not None))
        earlier_aggregates = tuple(row for row in self.aggregates if id(row) not in gone_ids)
        if aggregates and earlier_aggregates:
            aggregates = sorted([*earlier_aggregates, *aggregates], key=evidence_order)
        known = {
            h.holder: h
            for h in (self.now.holders if "now" in self.__dict__ else ())
            if h.holder not in touched
        }
        return StanceIndex(
            self.candidate,
            tuple(holders[holder] for holder in sorted(holders)),
            tuple(aggregates or earlier_aggregates),
            known,
        )

    def evidence_of(self, holder: str) -> list[EvidenceRow]:
        """The holder's counting evidence, oldest first (none when it took no stance)."""
        for name, days, _ in self.holders:
            if name == holder:
                return [row for day in days for row in day.rows]
        return []

    @cached_property
    def now(self) -> CandidateStances:
        """Each holder's stance from all evidence (worked out once)."""
        holders = tuple(
            self.known.get(h) or _holder_stance(h, _runs_of_days(days))
            for h, days, _ in self.holders
        )
        return CandidateStances(self.candidate, None, holders, self.aggregates)

    def at(self, as_of: date | None = None) -> CandidateStances:
        """Each holder's stance as of a day (None: from all evidence); the last few days
        asked for are kept with the index (and so carried on while no new claim is about
        this candidate)."""
        if as_of is None:
            return self.now
        asked = self._days_asked
        found = asked.get(as_of)
        if found is None:
            if len(asked) >= DAYS_KEPT:
                asked.clear()  # bounded, and safe while another thread reads
            found = asked[as_of] = self._at(as_of)
        return found

    @cached_property
    def _days_asked(self) -> dict[date, CandidateStances]:
        return {}

    def _at(self, as_of: date) -> CandidateStances:
        limit = as_of.isoformat()
        chosen = []
        for holder, days, dated in self.holders:
            # Undated days sort first and cannot be placed before `as_of`: leave them out.
            undated = len(days) - len(dated)
            kept = days[undated : undated + bisect_right(dated, limit)]
            if kept:
                chosen.append(_holder_stance(holder, _runs_of_days(kept)))
        aggregates = tuple(
            row for row in self.aggregates if (day := effective_date(row)) and day <= limit
        )
        return CandidateStances(self.candidate, as_of, tuple(chosen), aggregates)


def claims_about(rows: ClaimSet, candidate: str) -> ClaimSet:
    """The claims about one candidate, as a set kept with the claims (every candidate's are
    split off at once)."""
    found = by_candidate(rows).get(candidate)
    return ClaimSet(()) if found is None else found


def by_candidate(rows: ClaimSet) -> Mapping[Hashable, ClaimSet]:
    """The claims split by the person they are about, each part kept with the claims."""
    return rows.parts("candidate", lambda row: row.candidate or None)


def _counts_for(candidate: str, row: EvidenceRow) -> bool:
    return (
        row.kind == "stance"
        and row.candidate == candidate
        and row.stance is not None
        and row.counts  # a condition, a question, a stance since ended: history, not now
    )


def stance_index(candidate: str, rows: ClaimSet) -> StanceIndex:
    """The candidate's stance index, kept with the claims (after an ingest, the earlier
    claims' index extended with the new ones)."""
    key = ("stance_index", candidate)

    def compute() -> StanceIndex:
        found = rows.earlier(key, removals=True)
        if found is not None:
            earlier, growth = found
            return earlier.extended(growth.added, growth.removed)  # type: ignore[no-any-return]
        return StanceIndex.build(candidate, rows)

    return rows.cached(key, compute)


def current_stances(
    candidate: str, rows: Iterable[EvidenceRow], as_of: date | None = None
) -> CandidateStances:
    """Each holder's current stance toward `candidate` as of a day (default: all evidence).

    Undated evidence counts as older than any dated evidence; with `as_of`, evidence dated
    after that day is ignored and undated evidence is left out, since it cannot be placed.
    """
    return stance_index(candidate, ClaimSet.of(rows)).at(as_of)


PlainBackers = dict[str, dict[str, str | None]]


def _backs_plainly(row: EvidenceRow) -> bool:
    return (
        row.kind == "stance"
        and row.stance == "supports"
        and row.counts
        and not row.hedged
        and row.holder is not None
        and row.candidate is not None
    )


def plain_backers(rows: ClaimSet) -> PlainBackers:
    """By candidate, the holders with at least one counting, unhedged claim of backing them,
    each with the earliest day such a claim speaks for (None when none is dated): only they
    can be a candidate's firm backers, and only from that day. Kept with the claims; after an
    ingest, the earlier result with the new claims added."""

    def compute() -> PlainBackers:
        found = rows.earlier("plain_backers", removals=True)
        known, added = (found[0], found[1].added) if found else ({}, rows)
        added_rows: Iterable[EvidenceRow] = added
        if found and found[1].removed:
            # A candidate who lost a plain backing claim is worked out again from their
            # own claims (kept split by candidate), the others extended as usual.
            redo = {str(row.candidate) for row in found[1].removed if _backs_plainly(row)}
            known = {name: held for name, held in known.items() if name not in redo}
            about = by_candidate(rows)
            more = chain.from_iterable(about.get(name, ()) for name in sorted(redo))
            added_rows = chain(added, more)
        backers: PlainBackers = dict(known)
        copied: set[str] = set()
        for row in added_rows:
            if not _backs_plainly(row):
                continue
            candidate, holder = str(row.candidate), str(row.holder)
            if candidate not in copied:  # the earlier result is shared: never changed
                backers[candidate] = dict(backers.get(candidate, {}))
                copied.add(candidate)
            day = effective_date(row)
            first = backers[candidate].get(holder, day)
            days = [d for d in (first, day) if d]
            backers[candidate][holder] = min(days) if days else None
        return backers

    return rows.cached("plain_backers", compute)
