"""Claim values: what a sentence says about the race (stances, candidacy events, milestones).

Claims are derived from stored sentences at ingest and can be re-derived at any time; the
stance engine (summarizer/race/stances.py) turns them into current stances with history.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
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


class ClaimSet(Sequence[EvidenceRow]):
    """Claims as read at one revision of the archive, oldest first, with the results derived
    from them (`cached`). A set built from plain rows keeps nothing: each call computes."""

    __slots__ = ("_derived", "_rows")

    def __init__(self, rows: Iterable[EvidenceRow], derived: DerivedResults | None = None):
        self._rows = tuple(rows)
        self._derived = derived

    @classmethod
    def of(cls, rows: Iterable[EvidenceRow]) -> ClaimSet:
        """`rows` as a claim set: itself when it is one, else an uncached set of the rows."""
        return rows if isinstance(rows, ClaimSet) else cls(rows)

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()`, kept with these claims until the archive changes (when they are kept)."""
        return compute() if self._derived is None else self._derived.get(key, compute)

    def subset(self, key: Hashable, keep: Callable[[EvidenceRow], bool]) -> ClaimSet:
        """The claims `keep` accepts, as a set with results of its own (kept under `key`)."""
        if self._derived is None:
            return ClaimSet(row for row in self._rows if keep(row))
        return self._derived.get(
            ("subset", key),
            lambda: ClaimSet((row for row in self._rows if keep(row)), DerivedResults()),
        )

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
