"""The candidates, the timeline and each candidate's firm backers as a new process reads them:
kept in the database for each revision of the archive (`Archive.kept_result`), so
`candidates`, `timeline` and `who-opposes` read one row and the few claims they cite instead
of parsing every claim.

An entry holds what a reply shows and the ids of the claims it cites; the cited rows are read
by id when the reply is built. A row kept for another revision, or computed by other code
(a fingerprint of the modules that derive it), is never used.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Sequence
from importlib.util import find_spec
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar

from bot.archive import RACE_KINDS, TIMELINE_KINDS, Session
from records.claims import EvidenceRow
from summarizer.race.stance_days import StanceOn

if TYPE_CHECKING:
    from datetime import date

    from summarizer.race.candidates import CandidateSummary
    from summarizer.race.stance_days import StanceDays
    from summarizer.race.stances import CandidateStances
    from summarizer.race.timeline import RaceEvent

# The modules whose code decides these results: a change to any makes the kept rows stale.
_DERIVED_BY = (
    "summarizer.race.candidates",
    "summarizer.race.stances",
    "summarizer.race.stance_days",
    "summarizer.race.timeline",
    "summarizer.text.wording",
    "records.claims",
    "bot.race_results",
)
CITED_PER_ENTRY = 2  # what a line of `candidates` or `timeline` cites
CITED_PER_BACKER = 3  # what a line naming a rival's backer cites
QUOTED_PER_HOLDER = 3  # what a line of `who-backs` or `who-opposes` quotes of one holder
AGGREGATES_PER_STANCE = 3  # the reported counts a stance answer shows, the latest

E = TypeVar("E", "CandidateEntry", "TimelineEntry")


# Tuples: thousands of timeline entries are read back in every new process.
class CandidateEntry(NamedTuple):
    """One line of `candidates`: a candidate, their status and the claims that show it."""

    name: str
    status: str
    first_seen: str | None
    last_seen: str | None
    backers: int
    evidence_ids: Sequence[int]


class TimelineEntry(NamedTuple):
    """One event of the timeline, its independent sources and the claims first reporting it."""

    day: str | None
    inferred: bool
    text: str
    kind: str
    candidate: str | None
    holder: str | None
    sources: int
    evidence_ids: Sequence[int]


class FirmBacker(NamedTuple):
    """A holder whose current stance backs a candidate, not only in hedged words: since
    when, and the claims that best show it (direct statements first, one per article)."""

    holder: str
    since: str | None
    evidence_ids: Sequence[int]


@functools.cache  # the code does not change while a process runs
def code_fingerprint() -> str:
    """A short hash of the code that derives the kept results."""
    import hashlib  # here: a command that reads no kept result never pays for OpenSSL

    digest = hashlib.sha256()
    for module in _DERIVED_BY:
        spec = find_spec(module)
        if spec is not None and spec.origin:
            digest.update(Path(spec.origin).read_bytes())
    return digest.hexdigest()[:16]


def _encode(entries: Sequence[CandidateEntry] | Sequence[TimelineEntry]) -> str:
    return json.dumps(entries, separators=(",", ":"))  # each entry as an array


def _decoder(kind: type[E]) -> Callable[[str], list[E] | None]:
    def decode(payload: str) -> list[E] | None:
        try:
            items: list[list[Any]] = json.loads(payload)
            return [kind(*item) for item in items]
        except (TypeError, ValueError):  # not what this code writes: compute it again
            return None

    return decode


def _ids(rows: Iterable[EvidenceRow]) -> tuple[int, ...]:
    # The first few only: an event's evidence can run to thousands of claims.
    return tuple(row.claim_id for row in islice(rows, CITED_PER_ENTRY))


def candidates_now(session: Session) -> list[CandidateEntry]:
    """Every candidate, computed from the claims as they are now."""
    from summarizer.race.candidates import summarise_candidates

    return [
        CandidateEntry(
            s.name, s.status, s.first_seen, s.last_seen, s.backers, _ids(s.status_evidence)
        )
        for s in summarise_candidates(session.claims_of_kind(RACE_KINDS))
    ]


def timeline_now(session: Session) -> list[TimelineEntry]:
    """Every event of the race, computed from the claims as they are now."""
    from summarizer.race.timeline import race_timeline

    return [
        TimelineEntry(
            e.day, e.inferred, e.text, e.kind, e.candidate, e.holder, e.sources, _ids(e.evidence)
        )
        for e in race_timeline(session.claims_of_kind(TIMELINE_KINDS))
    ]


def candidates_in_memory(session: Session) -> list[CandidateSummary] | None:
    """Every candidate from the claims this process keeps in memory, extended after an
    ingest (a running bot); None when it keeps none (a new process: read the kept row)."""
    if not session.holds_claims():
        return None
    from summarizer.race.candidates import summarise_candidates

    return summarise_candidates(session.claims_of_kind(RACE_KINDS))


def timeline_in_memory(session: Session) -> list[RaceEvent] | None:
    """Every event from the claims this process keeps in memory, extended after an ingest
    (a running bot, which then converts only the events it shows); None when it keeps none."""
    if not session.holds_claims():
        return None
    from summarizer.race.timeline import race_timeline

    return race_timeline(session.claims_of_kind(TIMELINE_KINDS))


def candidate_entries(session: Session) -> list[CandidateEntry]:
    """Every candidate, most-backed first (as `summarise_candidates` orders them)."""
    return session.kept_result(
        "candidates",
        code_fingerprint(),
        lambda: candidates_now(session),
        _encode,
        _decoder(CandidateEntry),
    )


def timeline_entries(session: Session) -> list[TimelineEntry]:
    """Every event of the race, oldest first (as `race_timeline` orders them)."""
    return session.kept_result(
        "timeline",
        code_fingerprint(),
        lambda: timeline_now(session),
        _encode,
        _decoder(TimelineEntry),
    )


class Citing(Protocol):
    """An entry that names the claims it cites."""

    @property
    def evidence_ids(self) -> Sequence[int]: ...


def cited_rows(session: Session, entries: Iterable[Citing]) -> dict[int, EvidenceRow] | None:
    """The claims `entries` cite, by id; None when one is no longer stored (the archive
    changed since the entries were computed: compute them again)."""
    wanted = [claim_id for entry in entries for claim_id in entry.evidence_ids]
    found = session.claims_by_id(wanted)
    return found if len(found) == len(set(wanted)) else None


def firm_backers_now(session: Session) -> dict[str, list[FirmBacker]]:
    """Each candidate's firm backers as of the latest evidence (candidates without any are
    left out), in the order of `candidate_names` and, per candidate, strongest first."""
    from summarizer.race.stances import best_evidence, current_stances

    found: dict[str, list[FirmBacker]] = {}
    for name in session.candidate_names():
        stances = current_stances(name, session.claims_about(name, ["stance"]))
        firm = [
            FirmBacker(
                h.holder,
                h.since,
                tuple(row.claim_id for row in best_evidence(h.evidence, CITED_PER_BACKER)),
            )
            for h in stances.with_stance("supports")
            if not h.hedged
        ]
        if firm:
            found[name] = firm
    return found


def _decode_backers(payload: str) -> dict[str, list[FirmBacker]] | None:
    try:
        items: dict[str, list[list[Any]]] = json.loads(payload)
        return {name: [FirmBacker(*item) for item in backers] for name, backers in items.items()}
    except (AttributeError, TypeError, ValueError):  # not what this code writes
        return None


def firm_backers(session: Session) -> dict[str, list[FirmBacker]]:
    """Each candidate's firm backers as of the latest evidence (see `firm_backers_now`): in
    a process that keeps the claims in memory, from them (each candidate's stances extended
    after an ingest); else from the kept row."""
    if session.holds_claims():
        return _firm_backers_in_memory(session)
    return kept_firm_backers(session)


def _firm_backers_in_memory(session: Session) -> dict[str, list[FirmBacker]]:
    derived = session.derived()
    if derived is None:  # inside a write transaction: nothing to keep
        return firm_backers_now(session)
    found: dict[str, list[FirmBacker]] = derived.get(
        "firm_backers", lambda: firm_backers_now(session)
    )
    return found


def kept_firm_backers(session: Session) -> dict[str, list[FirmBacker]]:
    """Each candidate's firm backers, kept in the database for this revision (computed
    once with those kept in memory, in a process that holds the claims)."""
    return session.kept_result(
        "firm_backers",
        code_fingerprint(),
        lambda: (
            _firm_backers_in_memory(session)
            if session.holds_claims()
            else firm_backers_now(session)
        ),
        lambda found: json.dumps(found, separators=(",", ":")),
        _decode_backers,
    )


# One holder's current stance toward a candidate as a stance answer shows it (the claims it
# quotes by id, newest first, and its history): the same shape as a stance as of a day.
KeptHolder = StanceOn


class KeptStances(NamedTuple):
    """Every holder's current stance toward one candidate, and the latest reported counts."""

    holders: Sequence[KeptHolder]
    aggregate_ids: Sequence[int]


def _kept_stances(stances: CandidateStances) -> KeptStances:
    from summarizer.race.stances import best_evidence

    holders = []
    for h in stances.holders:
        # What any answer quotes: the best few (one per article) and the latest.
        quoted = {row.claim_id for row in best_evidence(h.evidence, QUOTED_PER_HOLDER)}
        quoted.update(row.claim_id for row in h.evidence[:1])
        # Kept in the evidence's order, the best few of these are the best few of all.
        ids = tuple(row.claim_id for row in h.evidence if row.claim_id in quoted)
        history = tuple((run.stance, run.since, run.until) for run in h.history)
        holders.append(
            KeptHolder(
                h.holder,
                h.stance,
                h.since,
                h.sources,
                h.hedged,
                h.reported,
                h.grounds,
                h.previous,
                history,
                ids,
            )
        )
    return KeptStances(
        tuple(holders), _latest_aggregates([(r.stance, r.claim_id) for r in stances.aggregates])
    )


def _latest_aggregates(aggregates: Sequence[tuple[str | None, int]]) -> tuple[int, ...]:
    """The reported counts an answer shows, in their order: the latest few of each stance
    (so the latest of any mix), as (stance, claim id) oldest first."""
    latest: dict[str | None, list[int]] = {}
    for stance, claim_id in aggregates:
        latest.setdefault(stance, []).append(claim_id)
    keep = {i for ids in latest.values() for i in ids[-AGGREGATES_PER_STANCE:]}
    return tuple(claim_id for _, claim_id in aggregates if claim_id in keep)


def _decode_stances(payload: str) -> KeptStances | None:
    try:
        holders, aggregate_ids = json.loads(payload)
        return KeptStances(
            [
                KeptHolder._make(
                    [*h[:6], tuple(h[6]), h[7], tuple(tuple(run) for run in h[8]), tuple(h[9])]
                )
                for h in holders
            ],
            [int(i) for i in aggregate_ids],
        )
    except (IndexError, TypeError, ValueError):  # not what this code writes
        return None


def _as_stances(
    session: Session, candidate: str, kept: KeptStances, as_of: date | None = None
) -> CandidateStances | None:
    """The kept stances with the claims they quote read by id; None when one is gone."""
    from summarizer.race.stances import CandidateStances, HolderStance, StanceRun

    wanted = [i for h in kept.holders for i in h.evidence_ids] + list(kept.aggregate_ids)
    rows = session.claims_by_id(wanted)
    if len(rows) != len(set(wanted)):
        return None
    holders = tuple(
        HolderStance(
            holder=h.holder,
            stance=h.stance,
            since=h.since,
            evidence=tuple(rows[i] for i in h.evidence_ids),
            sources=h.sources,
            hedged=h.hedged,
            reported=h.reported,
            grounds=tuple(h.grounds),
            previous=h.previous,
            history=tuple(
                StanceRun(stance, since, until, ()) for stance, since, until in h.history
            ),
        )
        for h in kept.holders
    )
    return CandidateStances(candidate, as_of, holders, tuple(rows[i] for i in kept.aggregate_ids))


def stances_now(session: Session, candidate: str) -> CandidateStances:
    """Every holder's current stance toward `candidate`, computed from its claims."""
    from summarizer.race.stances import current_stances

    return current_stances(candidate, session.claims_about(candidate, ["stance"]))


def kept_stances(session: Session, candidate: str) -> KeptStances:
    """What a stance answer shows of every holder's current stance toward `candidate`, kept
    in the database for this revision (computed and kept on a miss)."""
    return session.kept_result(
        f"stances:{candidate}",
        code_fingerprint(),
        lambda: _kept_stances(stances_now(session, candidate)),
        lambda kept: json.dumps(kept, separators=(",", ":")),
        _decode_stances,
    )


def candidate_stances(session: Session, candidate: str) -> CandidateStances:
    """Every holder's current stance toward `candidate` as of the latest evidence: from the
    claims this process keeps in memory (a running bot), else from the kept row, which
    carries only the claims an answer quotes (a new process reads a few dozen claims, not
    every claim about the candidate)."""
    if session.holds_claims():
        return stances_now(session, candidate)
    found = _as_stances(session, candidate, kept_stances(session, candidate))
    return found if found is not None else stances_now(session, candidate)


def _stance_days_now(session: Session, candidate: str) -> StanceDays:
    from summarizer.race.stance_days import stance_days
    from summarizer.race.stances import stance_index

    index = stance_index(candidate, session.claims_about(candidate, ["stance"]))
    return stance_days(index, QUOTED_PER_HOLDER)


def _decode_stance_days(payload: str) -> StanceDays | None:
    from summarizer.race.stance_days import DayState, HolderTrack, StanceDays

    days: dict[str, str] = {}  # one string per day: holders share their days

    def state(day: str, *rest: Any) -> DayState:
        run, sources, hedged, reported, grounds, quoted = rest
        return DayState(
            days.setdefault(day, day),
            run,
            sources,
            hedged,
            reported,
            tuple(grounds),
            tuple(quoted),
        )

    try:
        holders, aggregates = json.loads(payload)
        return StanceDays(
            [
                HolderTrack(
                    holder,
                    [tuple(run) for run in runs],
                    [state(*values) for values in states],
                )
                for holder, runs, states in holders
            ],
            [tuple(item) for item in aggregates],
        )
    except (TypeError, ValueError):  # not what this code writes
        return None


def kept_stance_days(session: Session, candidate: str) -> StanceDays:
    """Every holder's stance toward `candidate` after each day of its dated evidence (see
    `summarizer.race.stance_days`), kept in the database for this revision."""
    return session.kept_result(
        f"stance-days:{candidate}",
        code_fingerprint(),
        lambda: _stance_days_now(session, candidate),
        lambda days: json.dumps(days, separators=(",", ":")),
        _decode_stance_days,
    )


def _kept_on(days: StanceDays, as_of: date) -> KeptStances:
    from summarizer.race.stance_days import aggregates_on, stances_on

    day = as_of.isoformat()
    holders = tuple(stances_on(days, day))
    return KeptStances(holders, _latest_aggregates(aggregates_on(days, day)))


def candidate_stances_on(session: Session, candidate: str, as_of: date) -> CandidateStances:
    """Every holder's stance toward `candidate` as of a day: from the claims this process
    keeps in memory (a running bot), else from the kept day-by-day row, which a new process
    reads with only the claims an answer quotes."""
    from summarizer.race.stances import current_stances

    if not session.holds_claims():
        kept = _kept_on(kept_stance_days(session, candidate), as_of)
        found = _as_stances(session, candidate, kept, as_of)
        if found is not None:
            return found
    return current_stances(candidate, session.claims_about(candidate, ["stance"], as_of), as_of)


def keep_for_new_processes(session: Session) -> int:
    """Compute and keep in the database, for this revision, what new processes read instead
    of every claim: the candidates, the timeline, the firm backers and each candidate's
    stances, now and day by day. Returns how many results were kept."""
    candidate_entries(session)
    timeline_entries(session)
    kept_firm_backers(session)
    names = session.candidate_names()
    for name in names:
        kept_stances(session, name)
        kept_stance_days(session, name)
    return 3 + 2 * len(names)
