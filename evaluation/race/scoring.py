"""Scoring the bot's JSON replies against a race's facts (pure: no process is run here).

- Backers, per day: the holders `who-backs CANDIDATE --as-of DAY` lists, against the facts'
  backers (precision and recall).
- Holdouts, per day: recall only. A holdout is found when `who-opposes --as-of DAY` lists it
  with any stance, or when either reply marks it as a holdout (an entry with `"holdout":
  true` or stance `holdout`, or a `holdouts` list in the reply).
- Final statuses: the `candidates` status of each person, against the facts' phrase.
- Never candidates: people the facts say never ran whom `candidates` lists as running.
Names are compared with diacritics folded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from evaluation.counts import Counts
from evaluation.names import NameKeys
from evaluation.race.facts import RaceDay, RaceFacts
from evaluation.race.statuses import agrees, is_running

Reply = Mapping[str, Any]


@dataclass(frozen=True)
class RaceReplies:
    """The bot's JSON replies: per day `who-backs` and `who-opposes`, and `candidates`."""

    backs: Mapping[str, Reply]
    opposes: Mapping[str, Reply]
    candidates: Reply


@dataclass(frozen=True)
class DayScore:
    """One day's backers and holdouts."""

    day: str
    backers: Counts
    holdouts: Counts
    missing_backers: tuple[str, ...]
    extra_backers: tuple[str, ...]
    missed_holdouts: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """Counts, rates and names."""
        return {
            "day": self.day,
            "backers": self.backers.to_json(),
            "holdouts": self.holdouts.to_json(),
            "missing_backers": list(self.missing_backers),
            "extra_backers": list(self.extra_backers),
            "missed_holdouts": list(self.missed_holdouts),
        }


@dataclass(frozen=True)
class StatusScore:
    """A person's final status: expected, as the bot gives it, and whether they agree."""

    person: str
    expected: str
    got: str | None
    right: bool


@dataclass(frozen=True)
class RaceScore:
    """The whole comparison."""

    candidate: str
    days: tuple[DayScore, ...]
    statuses: tuple[StatusScore, ...]
    never_running: tuple[tuple[str, str], ...]  # (person, the status the bot gives)

    @property
    def backers(self) -> Counts:
        """Backers over all days."""
        return sum((day.backers for day in self.days), Counts())

    @property
    def holdouts(self) -> Counts:
        """Holdouts over all days."""
        return sum((day.holdouts for day in self.days), Counts())

    @property
    def statuses_right(self) -> int:
        """How many final statuses agree."""
        return sum(status.right for status in self.statuses)

    def to_json(self) -> dict[str, Any]:
        """The report as one JSON object."""
        return {
            "candidate": self.candidate,
            "backers": self.backers.to_json(),
            "holdouts": self.holdouts.to_json(),
            "days": [day.to_json() for day in self.days],
            "final_statuses": {
                "right": self.statuses_right,
                "of": len(self.statuses),
                "people": [
                    {"person": s.person, "expected": s.expected, "got": s.got, "right": s.right}
                    for s in self.statuses
                ],
            },
            "never_candidates_listed_as_running": [
                {"person": person, "status": status} for person, status in self.never_running
            ],
        }


def _entries(reply: Reply) -> list[Mapping[str, Any]]:
    entries = reply.get("entries") or []
    return [entry for entry in entries if isinstance(entry, Mapping) and entry.get("holder")]


def listed_holders(reply: Reply) -> list[str]:
    """The holders of a who-backs or who-opposes reply, in order."""
    return [str(entry["holder"]) for entry in _entries(reply)]


def marked_holdouts(reply: Reply) -> list[str]:
    """Holders a reply marks as holdouts: flagged entries and a `holdouts` list."""
    flagged = [
        str(entry["holder"])
        for entry in _entries(reply)
        if entry.get("holdout") is True or entry.get("stance") == "holdout"
    ]
    listed = reply.get("holdouts") or []
    named = [
        str(item.get("holder") or item.get("name")) if isinstance(item, Mapping) else str(item)
        for item in listed
    ]
    return flagged + named


class RaceScorer:
    """Compares replies with facts, names through one `NameKeys`."""

    def __init__(self, names: NameKeys | None = None) -> None:
        self._names = names or NameKeys()

    def _keys(self, names: Iterable[str]) -> dict[str, str]:
        return {self._names.key(name): name for name in names}

    def day(self, facts: RaceDay, backs: Reply, opposes: Reply) -> DayScore:
        """One day's score."""
        expected = self._keys(facts.backers)
        listed = self._keys(listed_holders(backs))
        hits = expected.keys() & listed.keys()
        holdouts = self._keys(facts.holdouts)
        seen = self._keys(
            [*listed_holders(opposes), *marked_holdouts(opposes), *marked_holdouts(backs)]
        )
        found = holdouts.keys() & seen.keys()
        return DayScore(
            day=facts.day,
            backers=Counts(tp=len(hits), fp=len(listed) - len(hits), fn=len(expected) - len(hits)),
            holdouts=Counts(tp=len(found), fn=len(holdouts) - len(found)),
            missing_backers=tuple(name for key, name in expected.items() if key not in hits),
            extra_backers=tuple(name for key, name in listed.items() if key not in hits),
            missed_holdouts=tuple(name for key, name in holdouts.items() if key not in found),
        )

    def _status_of(self, person: str, candidates: Reply) -> str | None:
        key = self._names.key(person)
        for entry in candidates.get("candidates") or []:
            names = [entry.get("name"), entry.get("name_ascii")]
            if any(isinstance(n, str) and self._names.key(n) == key for n in names):
                status = entry.get("status")
                return str(status) if status is not None else None
        return None

    def score(self, facts: RaceFacts, replies: RaceReplies) -> RaceScore:
        """The whole comparison; a day without a reply counts as an empty reply."""
        days = tuple(
            self.day(day, replies.backs.get(day.day, {}), replies.opposes.get(day.day, {}))
            for day in facts.days
        )
        statuses = []
        for person, expected in facts.final_statuses:
            got = self._status_of(person, replies.candidates)
            statuses.append(StatusScore(person, expected, got, agrees(expected, got)))
        never = []
        for person in facts.never_candidates:
            status = self._status_of(person, replies.candidates)
            if is_running(status):
                never.append((person, str(status)))
        return RaceScore(facts.candidate, days, tuple(statuses), tuple(never))
