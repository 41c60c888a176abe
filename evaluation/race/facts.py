"""The facts file of a race: its state on given days, final statuses, people who never ran.

Schema (as in the shared `race2024_facts.json`): `candidate`; `states`, a map from an ISO day
to `backers` and `holdouts` (lists of holders); `final_statuses`, a map from a person to a
status phrase; `never_candidates`, a list of people. Other keys are ignored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class FactsError(ValueError):
    """A facts file that does not follow the schema."""


@dataclass(frozen=True)
class RaceDay:
    """Who backed the candidate on a day, and which governments still held out."""

    day: str
    backers: tuple[str, ...]
    holdouts: tuple[str, ...]


@dataclass(frozen=True)
class RaceFacts:
    """What a careful analyst recorded about one race."""

    candidate: str
    days: tuple[RaceDay, ...]
    final_statuses: tuple[tuple[str, str], ...]
    never_candidates: tuple[str, ...]


def _names(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise FactsError(f"{where}: expected a list of names")
    return tuple(value)


def parse_facts(data: dict[str, Any]) -> RaceFacts:
    """Facts from the decoded JSON object."""
    try:
        candidate = data["candidate"]
        states = data["states"]
        if not isinstance(candidate, str) or not isinstance(states, dict):
            raise FactsError("`candidate` must be a name and `states` a map of days")
        days = tuple(
            RaceDay(
                day,
                _names(state.get("backers", []), f"states.{day}.backers"),
                _names(state.get("holdouts", []), f"states.{day}.holdouts"),
            )
            for day, state in sorted(states.items())
        )
        statuses = data.get("final_statuses", {})
        if not isinstance(statuses, dict):
            raise FactsError("`final_statuses` must map a person to a status")
        never = _names(data.get("never_candidates", []), "never_candidates")
    except (KeyError, AttributeError) as error:
        raise FactsError(f"missing or malformed key: {error}") from error
    return RaceFacts(candidate, days, tuple((str(k), str(v)) for k, v in statuses.items()), never)


def read_facts(path: Path) -> RaceFacts:
    """The facts in a JSON file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise FactsError(f"{path.name}: {error}") from error
    if not isinstance(data, dict):
        raise FactsError(f"{path.name}: expected a JSON object")
    return parse_facts(data)
