"""Claim values: what a sentence says about the race (stances, candidacy events, milestones).

Claims are derived from stored sentences at ingest and can be re-derived at any time; the
stance engine (summarizer/race/stances.py) turns them into current stances with history.
"""

from __future__ import annotations

import bisect
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain
from typing import Any, Literal, TypeVar, overload

T = TypeVar("T")

ClaimKind = Literal["stance", "candidacy", "event"]
Stance = Literal["supports", "opposes", "conditional", "undecided"]
CandidacyEvent = Literal[
    "declares",
    "considers",
    "nominated",
    "withdraws",
    "appointed",
    "denies",
    "takes_office",
    "left_office",
    "other_post",
]
# How a thing was said. Only stated, current, affirmed readings decide a current stance or a
# candidacy's status; the others are kept so a user can see why they did not count.
Polarity = Literal["affirmed", "negated"]
Modality = Literal[
    "stated",  # said as a fact, first- or second-hand
    "conditional",  # holds only if a condition that is not yet met is met
    "hypothetical",  # a could, might, should-it-come-to-that
    "intended",  # a plan that is not the act ("intends to nominate")
    "predicted",  # someone's forecast ("is expected to", "analysts say … will")
    "asked",  # a question
    "denied",  # a report someone denies
    "required",  # what the rules need ("needs the approval of all 32")
]
Aspect = Literal["current", "ended"]  # "ended": true once, no longer ("dropped its objection")
DatePrecision = Literal["day", "week", "month"]
# Whose stance: one named holder, the ones named as exceptions to a group, the ones named as
# the last to decide, or a count with no names.
Scope = Literal["holder", "all_except", "remaining", "tally"]


@dataclass(frozen=True)
class ExtractedClaim:
    """One claim found in one sentence of an article.

    - stance: `holder` takes `stance` toward `candidate` (`aggregate` instead of a holder when
      the article gives only a count such as "about two-thirds of the 31 members");
    - candidacy: `candidate` `event`s (declares, considers, is nominated by `holder`,
      withdraws, is appointed, denies running, takes office, leaves another office, takes
      another post);
    - event: a dated milestone of the race (`description`), e.g. the end of a term.

    How it was said: `polarity`, `modality` and `aspect`; `counts` is true only for a stated,
    current, affirmed reading, the only kind that decides a current stance or status. The
    date: `event_date`, `date_from_text` (written in the sentence, else the article's),
    `date_how` (how it was resolved, e.g. "weekday before the article date") and
    `date_precision`. `scope` and `holdout` say whether the holder was named alone or as
    part of a group statement ("all except X", "the last holdout").
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
    polarity: Polarity = "affirmed"
    modality: Modality = "stated"
    aspect: Aspect = "current"
    date_how: str | None = None
    date_precision: DatePrecision | None = None
    scope: Scope = "holder"
    holdout: bool = False

    @property
    def counts(self) -> bool:
        """Whether this reading decides a current stance or status."""
        return (
            self.polarity == "affirmed" and self.modality == "stated" and self.aspect == "current"
        )


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
    counts: bool = True
    holdout: bool = False
    modality: str = "stated"
    aspect: str = "current"
    polarity: str = "affirmed"
    date_how: str | None = None


class DerivedResults:
    """Results computed from one fixed set of claims, kept for as long as that set is (bounded,
    least recently used first out). Thread-safe: chat commands run in worker threads."""

    def __init__(self, limit: int = 64) -> None:
        self._limit = limit
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The result kept under `key`, computed (outside the lock) the first time."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]  # type: ignore[no-any-return]
        value = compute()
        with self._lock:
            self._values[key] = value
            while len(self._values) > self._limit:
                self._values.popitem(last=False)
        return value

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._values

    def peek(self, key: Hashable) -> Any:
        """The result kept under `key`, or None when none is (nothing is computed)."""
        with self._lock:
            return self._values.get(key)

    def items(self) -> list[tuple[Hashable, Any]]:
        """Every result kept now, with its key."""
        with self._lock:
            return list(self._values.items())

    def put(self, key: Hashable, value: Any) -> None:
        """Keep `value` under `key` unless a result is kept there already."""
        self.get(key, lambda: value)


Merge = Callable[[tuple[EvidenceRow, ...], Sequence[EvidenceRow]], tuple[EvidenceRow, ...]]


def storage_order(row: EvidenceRow) -> tuple[bool, str, bool, str, int]:
    """Where a claim sorts among the others in storage's order of claims (undated first,
    then by date, publication and article), down to the article: claims of one article
    keep their order when sorted by it."""
    return (
        row.event_date is not None,
        row.event_date or "",
        row.published is not None,
        row.published or "",
        row.article_id,
    )


# How far an earlier result may fall behind and still be extended rather than worked out
# again, and how many are carried at most.
MAX_BEHIND = 20_000
MAX_CARRIED = 2048


@dataclass(frozen=True)
class Growth:
    """The claims stored since an earlier result was worked out, and `merge`, which puts
    added claims in their places among earlier rows (or among the rows of a subset of them:
    the order is the same). `removed` holds the earlier set's very rows that are gone since
    (an article read again); only a result that asked for removals sees any."""

    added: tuple[EvidenceRow, ...]
    merge: Merge
    removed: tuple[EvidenceRow, ...] = ()


def without_rows(
    rows: Sequence[EvidenceRow], removed: Sequence[EvidenceRow]
) -> tuple[EvidenceRow, ...]:
    """`rows` without the `removed` ones (the very rows, told apart by identity). In
    storage's order, each is found by bisection and the rest copied in slices: a pass over
    hundreds of thousands of rows in Python for a few removed claims cost more than the
    answer it served. In any other order, by a pass over them all."""
    places = []
    for row in removed:
        key = storage_order(row)
        i = bisect.bisect_left(rows, key, key=storage_order)
        while i < len(rows) and rows[i] is not row and storage_order(rows[i]) == key:
            i += 1
        if i == len(rows) or rows[i] is not row:  # not in storage's order, or not there
            gone = {id(row) for row in removed}
            return tuple(row for row in rows if id(row) not in gone)
        places.append(i)
    if not places:
        return tuple(rows)
    pieces, start = [], 0
    for i in sorted(places):
        pieces.append(rows[start:i])
        start = i + 1
    pieces.append(rows[start:])
    return tuple(chain.from_iterable(pieces))


# One revision's change: the claims it added and the earlier rows it removed.
_Step = tuple[tuple[EvidenceRow, ...], tuple[EvidenceRow, ...]]


def _net(steps: Sequence[_Step]) -> tuple[tuple[EvidenceRow, ...], tuple[EvidenceRow, ...]]:
    """What these steps, taken in turn, added and removed overall: a claim added by one step
    and removed by a later one was neither (rows are told apart by identity: each read
    makes new ones)."""
    if not any(removed for _, removed in steps):
        return tuple(chain.from_iterable(added for added, _ in steps)), ()
    added: dict[int, EvidenceRow] = {}
    removed: dict[int, EvidenceRow] = {}
    for new, gone in steps:
        for row in gone:
            if added.pop(id(row), None) is None:
                removed[id(row)] = row
        for row in new:
            added[id(row)] = row
    return tuple(added.values()), tuple(removed.values())


@dataclass(frozen=True)
class _Carried:
    """The results of earlier revisions' claims a set may extend. `log[i]` holds the claims
    one revision added and removed; a result with start `i` misses the changes of
    `log[i:]`."""

    log: tuple[_Step, ...]
    merge: Merge
    results: dict[Hashable, tuple[Any, int]]

    def then(
        self,
        added: tuple[EvidenceRow, ...],
        removed: tuple[EvidenceRow, ...],
        latest: list[tuple[Hashable, Any]],
    ) -> _Carried:
        """What the next revision carries: these results, and the `latest` (those of the set
        the `added` claims were stored after and the `removed` ones taken from), minus those
        too far behind."""
        log = (*self.log, (added, removed))
        results = dict(self.results)
        results.update((key, (value, len(log) - 1)) for key, value in latest)
        behind = [0] * (len(log) + 1)
        for i in range(len(log) - 1, -1, -1):
            behind[i] = behind[i + 1] + len(log[i][0]) + len(log[i][1])
        kept = sorted(
            ((start, key, value) for key, (value, start) in results.items()),
            key=lambda item: -item[0],
        )
        chosen = [item for item in kept[:MAX_CARRIED] if behind[item[0]] <= MAX_BEHIND]
        first = min((start for start, _, _ in chosen), default=len(log))
        return _Carried(
            log[first:], self.merge, {key: (value, start - first) for start, key, value in chosen}
        )

    def earlier(self, key: Hashable, removals: bool) -> tuple[Any, Growth] | None:
        """The result kept under `key` and the claims added (and, when `removals`, removed)
        since, if one is carried; None when claims were removed since and `removals` is
        false."""
        found = self.results.get(key)
        if found is None:
            return None
        value, start = found
        added, removed = _net(self.log[start:])
        if removed and not removals:
            return None
        return value, Growth(added, self.merge, removed)


class ClaimSet(Sequence[EvidenceRow]):
    """Claims as read at one revision of the archive, oldest first, with the results derived
    from them (`cached`). A set built from plain rows keeps nothing: each call computes.

    A set that grew from an earlier revision's (`grown`) carries that set's results and
    knows the claims added since: a subset the new claims do not touch is the earlier subset
    itself, with everything derived from it; a result no new claim could change is kept on;
    a derived result may extend the earlier one with the added claims (see `earlier`)."""

    __slots__ = ("_carried", "_derived", "_rows")

    def __init__(
        self,
        rows: Iterable[EvidenceRow],
        derived: DerivedResults | None = None,
        carried: _Carried | None = None,
    ):
        self._rows = tuple(rows)
        self._derived = derived
        # Only a set that keeps results can extend earlier ones.
        self._carried = carried if derived is not None else None

    @classmethod
    def of(cls, rows: Iterable[EvidenceRow]) -> ClaimSet:
        """`rows` as a claim set: itself when it is one, else an uncached set of the rows."""
        return rows if isinstance(rows, ClaimSet) else cls(rows)

    def grown(
        self,
        rows: Iterable[EvidenceRow],
        added: Sequence[EvidenceRow],
        merge: Merge,
        derived: DerivedResults,
        removed: Sequence[EvidenceRow] = (),
    ) -> ClaimSet:
        """The set these claims became once `added` were stored and `removed` (rows of this
        set) taken away (`rows`: all of them now, in order), nothing else changed. It carries
        this set's results (and those this set carried) to extend; this set lets go of them."""
        carried = self._carried or _Carried((), merge, {})
        latest = self._derived.items() if self._derived is not None else []
        self._carried = None
        return ClaimSet(rows, derived, carried.then(tuple(added), tuple(removed), latest))

    def adopt(self, key: Hashable, value: Any) -> None:
        """Keep `value` under `key`: a result worked out from these same claims elsewhere
        (say, one candidate's claims read straight from SQL at this revision)."""
        if self._derived is not None:
            self._derived.put(key, value)

    def kept(self, key: Hashable) -> Any:
        """The result kept under `key`, or None (nothing is computed)."""
        return None if self._derived is None else self._derived.peek(key)

    def earlier(self, key: Hashable, *, removals: bool = False) -> tuple[Any, Growth] | None:
        """The result an earlier revision's claims keep under `key`, and the claims stored
        since: what a derived result extends instead of working it out over every claim.
        None when no such result is carried, or when claims were removed since and the
        caller cannot take removals (`removals`: it handles `Growth.removed`)."""
        carried = self._carried
        return None if carried is None else carried.earlier(key, removals)

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()`, kept with these claims until the archive changes (when they are kept)."""
        if self._derived is None:
            return compute()
        return self._derived.get(key, lambda: self._kept_on(key, compute))

    def _kept_on(self, key: Hashable, compute: Callable[[], T]) -> T:
        # The same claims as the earlier set's: the same result (every result is computed
        # from the claims alone).
        found = self.earlier(key)
        if found is not None and not found[1].added:
            return found[0]  # type: ignore[no-any-return]
        return compute()

    def subset(self, key: Hashable, keep: Callable[[EvidenceRow], bool]) -> ClaimSet:
        """The claims `keep` accepts, as a set with results of its own (kept under `key`)."""
        if self._derived is None:
            return ClaimSet(row for row in self._rows if keep(row))
        return self._derived.get(("subset", key), lambda: self._subset(key, keep))

    def _subset(self, key: Hashable, keep: Callable[[EvidenceRow], bool]) -> ClaimSet:
        found = self.earlier(("subset", key), removals=True)
        if found is not None:
            earlier, growth = found
            added = tuple(row for row in growth.added if keep(row))
            # A removed row was in the earlier subset exactly when `keep` takes it.
            removed = tuple(row for row in growth.removed if keep(row))
            if not added and not removed:
                return earlier  # type: ignore[no-any-return]
            return earlier.grown(  # type: ignore[no-any-return]
                growth.merge(without_rows(earlier._rows, removed), added),
                added,
                growth.merge,
                DerivedResults(),
                removed,
            )
        return ClaimSet((row for row in self._rows if keep(row)), DerivedResults())

    def parts(
        self, key: Hashable, part_of: Callable[[EvidenceRow], Hashable | None]
    ) -> Mapping[Hashable, ClaimSet]:
        """The claims split by `part_of` (None: in no part), each part a set with results of
        its own, in one pass (kept under `key`). After an ingest only the parts the new
        claims fall into are new sets; the others are the earlier parts themselves."""
        if self._derived is None:
            return {k: ClaimSet(rows) for k, rows in _split(self._rows, part_of).items()}
        return self._derived.get(("parts", key), lambda: self._parts(key, part_of))

    def _parts(
        self, key: Hashable, part_of: Callable[[EvidenceRow], Hashable | None]
    ) -> dict[Hashable, ClaimSet]:
        found = self.earlier(("parts", key), removals=True)
        if found is None:
            split = _split(self._rows, part_of)
            return {k: ClaimSet(rows, DerivedResults()) for k, rows in split.items()}
        earlier, growth = found
        parts: dict[Hashable, ClaimSet] = dict(earlier)
        added_to = _split(growth.added, part_of)
        removed_from = _split(growth.removed, part_of)
        for k in [*added_to, *(k for k in removed_from if k not in added_to)]:
            added, removed = tuple(added_to.get(k, ())), tuple(removed_from.get(k, ()))
            before = parts.get(k)
            if before is None:
                parts[k] = ClaimSet(growth.merge((), added), DerivedResults())
                continue
            kept = without_rows(before._rows, removed)
            if not kept and not added:
                del parts[k]  # every claim of this part is gone
                continue
            merged = growth.merge(kept, added)
            parts[k] = before.grown(merged, added, growth.merge, DerivedResults(), removed)
        return parts

    @overload
    def __getitem__(self, index: int) -> EvidenceRow: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[EvidenceRow]: ...
    def __getitem__(self, index: int | slice) -> EvidenceRow | Sequence[EvidenceRow]:
        return self._rows[index]

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[EvidenceRow]:
        return iter(self._rows)


def _split(
    rows: Iterable[EvidenceRow], part_of: Callable[[EvidenceRow], Hashable | None]
) -> dict[Hashable, list[EvidenceRow]]:
    split: dict[Hashable, list[EvidenceRow]] = {}
    for row in rows:
        if (key := part_of(row)) is not None:
            split.setdefault(key, []).append(row)
    return split
