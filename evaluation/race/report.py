"""The race scorer's report for people: a row per day, then statuses and never-candidates."""

from __future__ import annotations

from evaluation.counts import rate
from evaluation.race.scoring import RaceScore


def table(score: RaceScore) -> str:
    """The report for people: a row per day, then the statuses and never-candidates."""
    lines = [
        f"{'day':<12}{'backers P':>10}{'R':>6}{'holdouts R':>12}  details",
    ]
    for day in score.days:
        details = []
        if day.missing_backers:
            details.append("missing " + ", ".join(day.missing_backers))
        if day.extra_backers:
            details.append("extra " + ", ".join(day.extra_backers))
        if day.missed_holdouts:
            details.append("holdouts missed " + ", ".join(day.missed_holdouts))
        lines.append(
            f"{day.day:<12}{rate(day.backers.precision):>10}{rate(day.backers.recall):>6}"
            f"{rate(day.holdouts.recall):>12}  {'; '.join(details) or 'all right'}"
        )
    lines.append(
        f"{'all days':<12}{rate(score.backers.precision):>10}{rate(score.backers.recall):>6}"
        f"{rate(score.holdouts.recall):>12}"
    )
    lines.append(f"final statuses: {score.statuses_right} of {len(score.statuses)} right")
    for status in score.statuses:
        mark = "ok" if status.right else "WRONG"
        lines.append(
            f"  {status.person}: expected {status.expected}, "
            f"got {status.got or 'not listed'} ({mark})"
        )
    listed = ", ".join(f"{p} ({s})" for p, s in score.never_running) or "none"
    lines.append(f"never candidates listed as running: {len(score.never_running)} ({listed})")
    return "\n".join(lines)
