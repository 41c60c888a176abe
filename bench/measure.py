"""Small measuring tools for the benchmarks: timers, percentiles, memory, sizes, the machine."""

from __future__ import annotations

import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent


def timed(call: Callable[[], T]) -> tuple[T, float]:
    """Run `call` once; its result and the wall-clock seconds it took (`perf_counter`)."""
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


def percentile(values: Sequence[float], share: float) -> float:
    """The `share` (0..1) percentile of `values`, interpolated between the nearest ranks."""
    if not values:
        return 0.0
    ordered = sorted(values)
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class Latency:
    """Latency figures of one command over many calls, in milliseconds."""

    command: str
    calls: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    first_ms: float  # the first call after the ingest, before any warm-up

    @classmethod
    def of(cls, command: str, seconds: Sequence[float], first: float) -> Latency:
        """Summarise per-call timings given in seconds."""
        millis = [value * 1000 for value in seconds]
        return cls(
            command=command,
            calls=len(millis),
            p50_ms=percentile(millis, 0.5),
            p95_ms=percentile(millis, 0.95),
            max_ms=max(millis, default=0.0),
            first_ms=first * 1000,
        )

    def to_json(self) -> dict[str, Any]:
        """The figures as a JSON object."""
        return asdict(self)


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MiB (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    divisor = 1024 * 1024 if sys.platform == "darwin" else 1024
    return peak / divisor


def database_bytes(path: Path) -> int:
    """The database's size on disk: the file and its write-ahead log."""
    return sum(
        candidate.stat().st_size
        for candidate in (path, path.with_name(path.name + "-wal"))
        if candidate.exists()
    )


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True, timeout=10
    ).stdout.strip()


def git_commit() -> str:
    """The short commit of the working tree, with `+dirty` when it has changes (or
    `BENCH_COMMIT`, for a tree exported from git without its history)."""
    if os.environ.get("BENCH_COMMIT"):
        return os.environ["BENCH_COMMIT"]
    try:
        commit = _git("rev-parse", "--short", "HEAD")
        dirty = _git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return commit + ("+dirty" if dirty else "")


@dataclass(frozen=True)
class Machine:
    """Where and when the benchmark ran."""

    cpu: str
    cores: int
    memory_gib: float
    python: str
    sqlite: str
    system: str
    date: str
    commit: str

    def to_json(self) -> dict[str, Any]:
        """The machine as a JSON object."""
        return asdict(self)


def machine() -> Machine:
    """Describe this machine, the interpreter, the date and the commit."""
    import sqlite3

    return Machine(
        cpu=_cpu_model(),
        cores=os.cpu_count() or 1,
        memory_gib=round(_memory_gib(), 1),
        python=platform.python_version(),
        sqlite=sqlite3.sqlite_version,
        system=f"{platform.system()} {platform.release()}",
        date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        commit=git_commit(),
    )
