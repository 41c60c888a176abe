"""Scoring readings of labelled lines: claims and events, their dates, forbidden readings.

A claim matches on (holder, stance, candidate) and an event on (kind, person), names compared
by `NameKeys`; the date (`as_of`, `date`) is scored separately on the matched items. Within a
line the same item read twice counts once. Labels are exhaustive, so anything else read is a
false positive; `must_not` and `must_not_events` count as violations when read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from evaluation.counts import Counts, DateCounts
from evaluation.labels import LabeledClaim, LabeledEvent, LabeledLine
from evaluation.mapping import Labeling
from evaluation.names import NameKeys

Reader = Callable[[LabeledLine], Labeling]
T = TypeVar("T")
_Key = tuple[str, str, str] | tuple[str, str]


@dataclass(frozen=True)
class LineScore:
    """How one line was read, with readable lists of what went wrong."""

    id: str
    tags: tuple[str, ...]
    claims: Counts
    events: Counts
    claim_dates: DateCounts
    event_dates: DateCounts
    must_not: int
    must_not_events: int
    missed: tuple[str, ...] = ()
    spurious: tuple[str, ...] = ()
    violations: tuple[str, ...] = ()
    wrong_dates: tuple[str, ...] = ()
    unmapped: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The line's errors (its counts are in the summaries)."""
        return {
            "id": self.id,
            "tags": list(self.tags),
            "missed": list(self.missed),
            "spurious": list(self.spurious),
            "violations": list(self.violations),
            "wrong_dates": list(self.wrong_dates),
            "unmapped": list(self.unmapped),
        }


@dataclass(frozen=True)
class Summary:
    """The sum of several lines' scores."""

    lines: int = 0
    claims: Counts = field(default_factory=Counts)
    events: Counts = field(default_factory=Counts)
    claim_dates: DateCounts = field(default_factory=DateCounts)
    event_dates: DateCounts = field(default_factory=DateCounts)
    must_not: int = 0
    must_not_events: int = 0
    unmapped: int = 0

    @property
    def combined(self) -> Counts:
        """Claims and events together."""
        return self.claims + self.events

    def add(self, score: LineScore) -> Summary:
        """This summary with one more line."""
        return Summary(
            lines=self.lines + 1,
            claims=self.claims + score.claims,
            events=self.events + score.events,
            claim_dates=self.claim_dates + score.claim_dates,
            event_dates=self.event_dates + score.event_dates,
            must_not=self.must_not + score.must_not,
            must_not_events=self.must_not_events + score.must_not_events,
            unmapped=self.unmapped + len(score.unmapped),
        )

    def to_json(self) -> dict[str, Any]:
        """Counts, rates and violations."""
        return {
            "lines": self.lines,
            "claims": self.claims.to_json(),
            "events": self.events.to_json(),
            "combined": self.combined.to_json(),
            "claim_dates": self.claim_dates.to_json(),
            "event_dates": self.event_dates.to_json(),
            "must_not": self.must_not,
            "must_not_events": self.must_not_events,
            "unmapped": self.unmapped,
        }


def describe_claim(claim: LabeledClaim) -> str:
    """`Hungary opposes Mark Rutte (as_of 2024-03-20)`."""
    return f"{claim.holder} {claim.stance} {claim.candidate} (as_of {claim.as_of})"


def describe_event(event: LabeledEvent) -> str:
    """`declared Klaus Iohannis (2024-03-12)`."""
    return f"{event.kind} {event.person} ({event.date})"


class LineScorer:
    """Scores readings against labels, comparing names through one `NameKeys`."""

    def __init__(self, names: NameKeys) -> None:
        self._names = names

    def claim_key(self, claim: LabeledClaim) -> _Key:
        """What a claim is matched on."""
        return (self._names.key(claim.holder), claim.stance, self._names.key(claim.candidate))

    def event_key(self, event: LabeledEvent) -> _Key:
        """What an event is matched on."""
        return (event.kind, self._names.key(event.person))

    def score(self, line: LabeledLine, reading: Labeling) -> LineScore:
        """The score of one line's reading."""
        gold_claims = _by_key(line.claims, self.claim_key)
        read_claims = _by_key(reading.claims, self.claim_key)
        gold_events = _by_key(line.events, self.event_key)
        read_events = _by_key(reading.events, self.event_key)
        claim_dates = _dates(gold_claims, read_claims, lambda c: c.as_of)
        event_dates = _dates(gold_events, read_events, lambda e: e.date)
        forbidden = [c for c in line.must_not if self.claim_key(c) in read_claims]
        forbidden_events = [e for e in line.must_not_events if self.event_key(e) in read_events]
        return LineScore(
            id=line.id,
            tags=line.tags,
            claims=_counts(gold_claims, read_claims),
            events=_counts(gold_events, read_events),
            claim_dates=claim_dates[0],
            event_dates=event_dates[0],
            must_not=len(forbidden),
            must_not_events=len(forbidden_events),
            missed=tuple(
                [describe_claim(c) for k, c in gold_claims.items() if k not in read_claims]
                + [describe_event(e) for k, e in gold_events.items() if k not in read_events]
            ),
            spurious=tuple(
                [describe_claim(c) for k, c in read_claims.items() if k not in gold_claims]
                + [describe_event(e) for k, e in read_events.items() if k not in gold_events]
            ),
            violations=tuple(
                [f"{c.holder} {c.stance} {c.candidate}" for c in forbidden]
                + [f"{e.kind} {e.person}" for e in forbidden_events]
            ),
            wrong_dates=claim_dates[1] + event_dates[1],
            unmapped=reading.unmapped,
        )


def _by_key(items: Iterable[T], key: Callable[[T], _Key]) -> dict[_Key, T]:
    keyed: dict[_Key, T] = {}
    for item in items:
        keyed.setdefault(key(item), item)
    return keyed


def _counts(gold: dict[_Key, Any], read: dict[_Key, Any]) -> Counts:
    hits = len(gold.keys() & read.keys())
    return Counts(tp=hits, fp=len(read) - hits, fn=len(gold) - hits)


def _dates(
    gold: dict[_Key, T], read: dict[_Key, T], day: Callable[[T], str | None]
) -> tuple[DateCounts, tuple[str, ...]]:
    matched = [key for key in gold if key in read]
    wrong = [
        f"{' '.join(key)}: expected {day(gold[key])}, read {day(read[key])}"
        for key in matched
        if day(gold[key]) != day(read[key])
    ]
    return DateCounts(len(matched), len(matched) - len(wrong)), tuple(wrong)


def score_lines(
    lines: Sequence[LabeledLine], reader: Reader, scorer: LineScorer
) -> list[LineScore]:
    """Every line read by `reader` and scored, in order."""
    return [scorer.score(line, reader(line)) for line in lines]


def summarise(scores: Iterable[LineScore]) -> Summary:
    """All lines together."""
    total = Summary()
    for score in scores:
        total = total.add(score)
    return total


def by_tag(scores: Iterable[LineScore]) -> dict[str, Summary]:
    """One summary per tag, over the lines that carry it, tags in alphabetical order."""
    tagged: dict[str, Summary] = {}
    for score in scores:
        for tag in dict.fromkeys(score.tags):
            tagged[tag] = tagged.get(tag, Summary()).add(score)
    return dict(sorted(tagged.items()))
