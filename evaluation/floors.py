"""Floors under the extraction's scores: `make eval` fails when a rate drops below one.

The floors live in evaluation/floors.toml, one table per item kind (`claims`, `events`) with
`precision` and `recall`. Raise them as the extraction improves.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from evaluation.counts import Counts
from evaluation.scoring import Summary

FLOORS_FILE = Path(__file__).with_name("floors.toml")
_RATES = ("precision", "recall")


class FloorsError(ValueError):
    """A floors file that does not say what it should."""


def read_floors(path: Path = FLOORS_FILE) -> dict[str, dict[str, float]]:
    """The floors by item kind and rate, e.g. `{"claims": {"precision": 0.5, ...}}`."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    floors: dict[str, dict[str, float]] = {}
    for kind, rates in data.items():
        if kind not in ("claims", "events") or not isinstance(rates, dict):
            raise FloorsError(f"{path.name}: unknown table [{kind}]")
        unknown = set(rates) - set(_RATES)
        if unknown:
            raise FloorsError(f"{path.name}: unknown keys in [{kind}]: {sorted(unknown)}")
        floors[kind] = {name: float(value) for name, value in rates.items()}
    return floors


def below_floors(summary: Summary, floors: dict[str, dict[str, float]]) -> list[str]:
    """One message per rate under its floor (an undefined rate counts as 0)."""
    measured: dict[str, Counts] = {"claims": summary.claims, "events": summary.events}
    failures = []
    for kind, rates in floors.items():
        for name, floor in rates.items():
            value = getattr(measured[kind], name) or 0.0
            if value < floor:
                failures.append(f"{kind} {name} {value:.3f} is below its floor {floor:.3f}")
    return failures
