"""The issue's targets, checked against the measured results: pass or miss."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from bench.results import SizeResult, count, markdown_table, millis


@dataclass(frozen=True)
class Target:
    """One target of the issue, checked against one size."""

    text: str
    size: int
    measured: str
    passed: bool


Check = Callable[[SizeResult], tuple[str, bool] | None]
COMMANDS = ("who-backs", "who-opposes", "candidates", "timeline", "digest", "ask")
# The limits: (at most this many articles, first in a fresh process ms, first answer
# after one new article ms, warm p95 ms). 10,000's limits hold for any smaller archive too.
LIMITS = ((10_000, 300.0, 100.0, 50.0), (100_000, 1000.0, 300.0, 300.0))
INGEST_PER_S = 100
PEAK_RSS_MB = 1024
HELP_IMPORTS_MS = 150


def _label(command: str) -> str:
    return "stored digest" if command == "digest" else f"`{command}`"


def _p95(command: str, limit: float) -> Check:
    def check(r: SizeResult) -> tuple[str, bool] | None:
        figures = r.latency(command)
        if figures is None:
            return None
        return f"p95 {millis(figures['p95_ms'])} ms", figures["p95_ms"] <= limit

    return check


def _fresh(command: str, limit: float) -> Check:
    def check(r: SizeResult) -> tuple[str, bool] | None:
        figures = r.bot.get("fresh_process", {}).get(command)
        if figures is None:
            return None
        value = figures.get("installed_ms", figures["median_ms"])
        return f"{millis(value)} ms", value <= limit

    return check


def _after_one(command: str, limit: float) -> Check:
    def check(r: SizeResult) -> tuple[str, bool] | None:
        value = r.bot.get("after_one_article", {}).get("first_ms", {}).get(command)
        if value is None:
            return None
        return f"{millis(value)} ms", value <= limit

    return check


def _ask_vs_fts5(field: str, ours: Callable[[SizeResult], float | None]) -> Check:
    def check(r: SizeResult) -> tuple[str, bool] | None:
        theirs = r.peers.get("fts5", {}).get(field)
        mine = ours(r)
        if theirs is None or mine is None:
            return None
        return f"{millis(mine)} vs {millis(theirs)} ms", mine <= theirs

    return check


def _ask_first(r: SizeResult) -> float | None:
    figures = r.bot.get("fresh_process", {}).get("ask")
    return None if figures is None else float(figures.get("installed_ms", figures["median_ms"]))


def _ask_served(r: SizeResult) -> float | None:
    figures = r.bot.get("served_by_running_bot", {}).get("ask")
    return None if figures is None else float(figures["median_ms"])


def _ask_warm(r: SizeResult) -> float | None:
    figures = r.latency("ask")
    return None if figures is None else float(figures["p50_ms"])


def _sized_checks(size: int) -> Iterator[tuple[str, Check]]:
    """The latency targets that apply to an archive of `size` articles."""
    for most, fresh, after_one, p95 in LIMITS:
        if size > most:
            continue
        at = f"(target at {most:,})"
        for command in COMMANDS:
            label = _label(command)
            yield f"{label} first call in a new process ≤ {fresh:g} ms {at}", _fresh(command, fresh)
        for command in COMMANDS:
            label = _label(command)
            yield (
                f"{label} first answer after one new article ≤ {after_one:g} ms {at}",
                _after_one(command, after_one),
            )
        for command in COMMANDS:
            yield f"{_label(command)} warm p95 ≤ {p95:g} ms {at}", _p95(command, p95)
        return


def _general_checks(size: int) -> Iterator[tuple[str, Check]]:
    yield (
        "`ask` first call at least as fast as SQLite FTS5 (new process)",
        _ask_vs_fts5("first_ms", _ask_first),
    )
    yield (
        "`ask` first call at least as fast as SQLite FTS5, while `natosg run` serves the "
        "database (new process)",
        _ask_vs_fts5("first_ms", _ask_served),
    )
    yield "`ask` warm p50 faster than SQLite FTS5 warm p50", _ask_vs_fts5("p50_ms", _ask_warm)
    yield (
        f"ingest ≥ {INGEST_PER_S} articles/s",
        lambda r: (
            f"{r.bot['ingest_per_s']:,.0f}/s ({r.bot.get('words_per_article', 0):,.0f} words each)",
            r.bot["ingest_per_s"] >= INGEST_PER_S,
        ),
    )
    if size >= 100_000:
        yield (
            "peak memory ≤ 1 GiB",
            lambda r: (f"{r.bot['peak_rss_mb']:,.0f} MiB", r.bot["peak_rss_mb"] <= PEAK_RSS_MB),
        )
    yield (
        f"`natosg --help` imports < {HELP_IMPORTS_MS} ms",
        lambda r: (
            (f"{r.bot['help']['imports_ms']:,.0f} ms", r.bot["help"]["imports_ms"] < 150)
            if "help" in r.bot
            else None
        ),
    )
    if size <= 10_000:
        yield "fresh digest build p95 under 2 s", _p95("digest --rebuild", 2000)
    yield (
        "faster than rank-bm25",
        lambda r: (
            (f"{r.peers['retrieval']['ratio']:,.1f}×", r.peers["retrieval"]["ratio"] > 1)
            if "retrieval" in r.peers
            else None
        ),
    )
    yield (
        "re-ingest of unchanged files at least 10× faster",
        lambda r: (f"{r.bot['reingest_speedup']:,.1f}×", r.bot["reingest_speedup"] >= 10),
    )


def targets(results: list[SizeResult]) -> list[Target]:
    """Every target of the issue that the measured sizes can answer."""
    found = []
    for r in results:
        for text, check in (*_sized_checks(r.size), *_general_checks(r.size)):
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
