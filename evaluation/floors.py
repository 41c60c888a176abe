"""Floors under the extraction's scores: `make eval` fails when a rate drops below one.

The floors live in evaluation/floors.toml, one table per item kind (`claims`, `events`) with
`precision` and `recall`, and optionally `every_tag`: floors under each tag's claims and events
together, so that no phenomenon (negation, passive, holdouts…) is left behind while the overall
rates hold. Raise them as the extraction improves.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
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
        if kind not in ("claims", "events", "every_tag") or not isinstance(rates, dict):
            raise FloorsError(f"{path.name}: unknown table [{kind}]")
        unknown = set(rates) - set(_RATES)
        if unknown:
            raise FloorsError(f"{path.name}: unknown keys in [{kind}]: {sorted(unknown)}")
        floors[kind] = {name: float(value) for name, value in rates.items()}
    return floors


def below_floors(
    summary: Summary,
    floors: dict[str, dict[str, float]],
    tags: Mapping[str, Summary] | None = None,
) -> list[str]:
    """One message per rate under its floor (an undefined overall rate counts as 0; a tag
    with nothing labelled or read has no rate to hold)."""
    measured: dict[str, Counts] = {"claims": summary.claims, "events": summary.events}
    failures = []
    for kind, rates in floors.items():
        if kind == "every_tag":
            continue
        for name, floor in rates.items():
            value = getattr(measured[kind], name) or 0.0
            if value < floor:
                failures.append(f"{kind} {name} {value:.3f} is below its floor {floor:.3f}")
    for tag, tagged in (tags or {}).items():
        for name, floor in floors.get("every_tag", {}).items():
            value = getattr(tagged.combined, name)
            if value is not None and value < floor:
                failures.append(f"tag {tag} {name} {value:.3f} is below its floor {floor:.3f}")
    return failures
