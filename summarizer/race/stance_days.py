"""Each holder's stance toward a candidate as of every day it gave dated evidence, worked out
in one pass over the days: an answer `--as-of` any day is then a look-up, not a read of every
claim up to that day.

This rests on a property of `StanceIndex.at`: cutting off the days after D never changes how
the days up to D group into runs, so a holder's stance as of D is its state after its last
dated day up to D. A state keeps what an answer shows: the run it is in, the independent
sources, whether all of the run's evidence is hedged or reported, the grounds given, and the
ids of the claims an answer quotes (`best_evidence` and the latest).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from records.claims import EvidenceRow
from summarizer.race.stances import StanceIndex, best_evidence, effective_date, evidence_order

Run = tuple[str, str | None, str | None]  # stance, since, until


class DayState(NamedTuple):
    """A holder's stance after its evidence of `day` (and every earlier day)."""

    day: str
    run: int  # the holder's current run, an index into `HolderTrack.runs`
    sources: int
    hedged: bool
    reported: bool
    grounds: Sequence[str]
    quoted: Sequence[int]  # claim ids an answer quotes, newest first


class HolderTrack(NamedTuple):
    """One holder's runs over its dated evidence, and its state after each day of it."""

    holder: str
    runs: Sequence[Run]
    states: Sequence[DayState]


class StanceDays(NamedTuple):
    """Every holder's track, and the dated reported counts as (day, stance, claim id), oldest
    first."""

    holders: Sequence[HolderTrack]
    aggregates: Sequence[tuple[str, str | None, int]]


def _degree(row: EvidenceRow) -> tuple[bool, bool]:
    return (row.hedged, row.reported)


class _RunEvidence:
    """The evidence of a holder's current run, summed up as it grows by a day."""

    def __init__(self, stance: str, quoted: int) -> None:
        self.stance = stance
        self.quoted = quoted
        self.sources: set[int] = set()
        self.hedged = True
        self.reported = True
        self.grounds: dict[str, None] = {}
        # Per degree of directness, the newest row of each of the newest `quoted` articles:
        # enough, since each article a more direct degree took leaves one fewer to pick.
        self.newest: dict[tuple[bool, bool], list[EvidenceRow]] = {}
        self.latest: EvidenceRow | None = None

    def add(self, rows: Sequence[EvidenceRow]) -> None:
        """Add one day's rows (oldest first): those of the run's stance are its evidence."""
        mine = [row for row in rows if row.stance == self.stance]
        for row in mine:
            self.sources.add(row.duplicate_of or row.article_id)
            self.hedged = self.hedged and row.hedged
            self.reported = self.reported and row.reported
            if row.grounds:
                self.grounds.setdefault(row.grounds)
        if mine:
            self.latest = mine[-1]
        for degree in {_degree(row) for row in mine}:
            block = [row for row in reversed(mine) if _degree(row) == degree]
            picked: list[EvidenceRow] = []
            articles: set[int] = set()
            for row in [*block, *self.newest.get(degree, ())]:
                if row.article_id not in articles:
                    articles.add(row.article_id)
                    picked.append(row)
                    if len(picked) == self.quoted:
                        break
            self.newest[degree] = picked

    def quoted_ids(self) -> tuple[int, ...]:
        """What an answer quotes, newest first (as `best_evidence` over all the evidence)."""
        best = best_evidence([row for ds in self.newest.values() for row in ds], self.quoted)
        chosen = {row.claim_id: row for row in best}
        if self.latest is not None:
            chosen[self.latest.claim_id] = self.latest
        newest_first = sorted(chosen.values(), key=evidence_order, reverse=True)
        return tuple(row.claim_id for row in newest_first)


def _track(
    holder: str, days: Sequence[tuple[str, Sequence[EvidenceRow], str]], quoted: int
) -> HolderTrack:
    runs: list[list[str | None]] = []
    states: list[DayState] = []
    current: _RunEvidence | None = None
    for day, rows, stance in days:
        if current is not None and runs[-1][0] == stance:
            runs[-1][2] = day
        else:
            runs.append([stance, day, day])
            current = _RunEvidence(stance, quoted)
        current.add(rows)
        states.append(
            DayState(
                day,
                len(runs) - 1,
                len(current.sources),
                current.hedged,
                current.reported,
                tuple(current.grounds),
                current.quoted_ids(),
            )
        )
    return HolderTrack(holder, tuple((str(r[0]), r[1], r[2]) for r in runs), tuple(states))


def stance_days(index: StanceIndex, quoted: int) -> StanceDays:
    """Every holder's track over its dated evidence in `index`, quoting `quoted` claims (and
    the latest) per state, as `_kept_stances` does for the stances from all evidence."""
    tracks = []
    for holder, days, dated in index.holders:
        undated = len(days) - len(dated)  # undated days sort first; no as-of answer uses them
        steps = [(str(d.day), d.rows, d.stance) for d in days[undated:]]
        if steps:
            tracks.append(_track(holder, steps, quoted))
    aggregates = [
        (day, row.stance, row.claim_id)
        for row in index.aggregates
        if (day := effective_date(row)) is not None
    ]
    return StanceDays(tuple(tracks), tuple(aggregates))


def state_on(track: HolderTrack, day: str) -> DayState | None:
    """The holder's state after its last evidence up to `day` (None: none by then)."""
    found = bisect_right(track.states, day, key=lambda state: state.day)
    return track.states[found - 1] if found else None


def history_on(track: HolderTrack, state: DayState) -> tuple[Run, ...]:
    """The holder's runs as of the state's day: the last one ends that day."""
    stance, since, _ = track.runs[state.run]
    return (*track.runs[: state.run], (stance, since, state.day))


class StanceOn(NamedTuple):
    """A holder's stance as of a day, as an answer shows it."""

    holder: str
    stance: str
    since: str | None
    sources: int
    hedged: bool
    reported: bool
    grounds: tuple[str, ...]
    previous: str | None
    history: tuple[Run, ...]
    evidence_ids: tuple[int, ...]  # the claims an answer quotes, newest first


def stances_on(days: StanceDays, day: str) -> list[StanceOn]:
    """Every holder's stance as of `day` (ISO), holders with no dated evidence by then left
    out, in the order of the tracks."""
    found = []
    for track in days.holders:
        state = state_on(track, day)
        if state is None:
            continue
        history = history_on(track, state)
        stance, since, _ = history[-1]
        previous = history[-2][0] if len(history) > 1 else None
        grounds, quoted = tuple(state.grounds), tuple(state.quoted)
        found.append(
            StanceOn(
                track.holder,
                stance,
                since,
                state.sources,
                state.hedged,
                state.reported,
                grounds,
                previous,
                history,
                quoted,
            )
        )
    return found


def aggregates_on(days: StanceDays, day: str) -> list[tuple[str | None, int]]:
    """The reported counts dated up to `day` (ISO), as (stance, claim id), oldest first."""
    return [(stance, claim_id) for when, stance, claim_id in days.aggregates if when <= day]
