"""The issue's targets, checked against the measured results: pass or miss."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from bench.results import TARGETED, SizeResult, count, markdown_table, millis


@dataclass(frozen=True)
class Target:
    """One target of the issue, checked against one size."""

    text: str
    size: int
    measured: str
    passed: bool


def _p95(command: str, limit: float) -> Callable[[SizeResult], tuple[str, bool] | None]:
    def check(r: SizeResult) -> tuple[str, bool] | None:
        figures = r.latency(command)
        if figures is None:
            return None
        return f"p95 {millis(figures['p95_ms'])} ms", figures["p95_ms"] < limit

    return check


def _targets_at(size: int, limit: float) -> Iterator[tuple[str, Callable[..., Any]]]:
    for command in TARGETED:
        label = "stored digest" if command == "digest" else f"`{command}`"
        yield f"{label} p95 under {limit:g} ms", _p95(command, limit)


def targets(results: list[SizeResult]) -> list[Target]:
    """Every target of the issue that the measured sizes can answer."""
    checks: list[tuple[str, int | None, Callable[[SizeResult], tuple[str, bool] | None]]] = []
    checks += [(text, 10_000, check) for text, check in _targets_at(10_000, 50)]
    checks.append(("fresh digest build p95 under 2 s", 10_000, _p95("digest --rebuild", 2000)))
    checks.append(
        (
            "ingest at least 200 articles/s",
            10_000,
            lambda r: (f"{r.bot['ingest_per_s']:,.0f}/s", r.bot["ingest_per_s"] >= 200),
        )
    )
    checks += [(text, 100_000, check) for text, check in _targets_at(100_000, 300)]
    checks.append(
        (
            "peak memory under 1 GB",
            100_000,
            lambda r: (f"{r.bot['peak_rss_mb']:,.0f} MiB", r.bot["peak_rss_mb"] < 1000),
        )
    )
    checks.append(
        (
            "faster than rank-bm25",
            None,
            lambda r: (
                (f"{r.peers['retrieval']['ratio']:,.1f}×", r.peers["retrieval"]["ratio"] > 1)
                if "retrieval" in r.peers
                else None
            ),
        )
    )
    checks.append(
        (
            "re-ingest of unchanged files at least 10× faster",
            None,
            lambda r: (f"{r.bot['reingest_speedup']:,.1f}×", r.bot["reingest_speedup"] >= 10),
        )
    )
    found = []
    for text, size, check in checks:
        for r in results:
            if size is not None and r.size != size:
                continue
            outcome = check(r)
            if outcome is not None:
                found.append(Target(text, r.size, outcome[0], outcome[1]))
    return found


def targets_table(results: list[SizeResult]) -> str:
    """The targets with the figure measured and pass or miss."""
    found = targets(results)
    if not found:
        return "No target applies to the sizes measured."
    rows = [[t.text, count(t.size), t.measured, "pass" if t.passed else "**miss**"] for t in found]
    return markdown_table(["target", "articles", "measured", "result"], "lrrl", rows)
