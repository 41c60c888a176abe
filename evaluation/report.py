"""The sentence scorer's report: a compact table for people, a JSON object for tools."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from evaluation.counts import DateCounts, rate
from evaluation.scoring import LineScore, Summary

_HEADER = (
    f"{'':<26}{'n':>4}  {'claims P':>8}{'R':>6}  {'events P':>8}{'R':>6}  "
    f"{'all P':>6}{'R':>6}  {'must_not':>8}"
)


def _row(name: str, summary: Summary) -> str:
    violations = f"{summary.must_not}+{summary.must_not_events}"
    return (
        f"{name:<26}{summary.lines:>4}  "
        f"{rate(summary.claims.precision):>8}{rate(summary.claims.recall):>6}  "
        f"{rate(summary.events.precision):>8}{rate(summary.events.recall):>6}  "
        f"{rate(summary.combined.precision):>6}{rate(summary.combined.recall):>6}  "
        f"{violations:>8}"
    )


def _dates(what: str, counts: DateCounts, items: str) -> str:
    accuracy = rate(counts.accuracy)
    return f"{what} right on {counts.correct} of {counts.matched} matched {items} ({accuracy})"


def table(title: str, overall: Summary, tags: Mapping[str, Summary]) -> str:
    """The overall and per-tag precision and recall, one row each.

    `must_not` shows forbidden claims + forbidden events read; `—` marks a rate with nothing
    to divide by (no prediction for precision, no label for recall).
    """
    lines = [title, _HEADER, _row("overall", overall)]
    lines.append(
        f"  dates: {_dates('as_of', overall.claim_dates, 'claims')}; "
        f"{_dates('date', overall.event_dates, 'events')}"
    )
    if overall.unmapped:
        lines.append(f"  {overall.unmapped} extractor outputs have no label mapping (see --json)")
    lines.append("by tag")
    lines += [_row(f"  {tag}", summary) for tag, summary in tags.items()]
    return "\n".join(lines)


def errors(scores: Sequence[LineScore]) -> str:
    """Every line's misses, false positives, violations and wrong dates, for debugging."""
    out = []
    for score in scores:
        parts = [
            *(f"  missed     {item}" for item in score.missed),
            *(f"  spurious   {item}" for item in score.spurious),
            *(f"  must_not   {item}" for item in score.violations),
            *(f"  date       {item}" for item in score.wrong_dates),
            *(f"  unmapped   {item}" for item in score.unmapped),
        ]
        if parts:
            out.append(f"{score.id} [{', '.join(score.tags)}]")
            out += parts
    return "\n".join(out)


def as_json(
    source: str,
    overall: Summary,
    tags: Mapping[str, Summary],
    scores: Sequence[LineScore],
    floor_failures: Sequence[str] | None,
) -> dict[str, Any]:
    """The whole report as one JSON object (`floors` is null when no floors were checked)."""
    return {
        "sentences": source,
        "overall": overall.to_json(),
        "by_tag": {tag: summary.to_json() for tag, summary in tags.items()},
        "lines": [score.to_json() for score in scores],
        "floors": None if floor_failures is None else {"failures": list(floor_failures)},
    }
