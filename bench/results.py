"""Benchmark results: one size's stage results, saving and loading them, and the small
formatting helpers the report's tables share."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.measure import Machine

Result = dict[str, Any]
COMMAND_ORDER = (
    "who-backs",
    "who-opposes",
    "candidates",
    "timeline",
    "ask",
    "digest",
    "digest --rebuild",
)
# Commands held to the per-size p95 target; a fresh digest build has its own.
TARGETED = COMMAND_ORDER[:-1]


@dataclass(frozen=True)
class SizeResult:
    """Every stage's result for one archive size."""

    size: int
    bot: Result
    peers: Result
    llm: Result

    def latency(self, command: str) -> Result | None:
        """The latency figures of one command, if measured."""
        return next((row for row in self.bot.get("latency", []) if row["command"] == command), None)


@dataclass(frozen=True)
class Baseline:
    """Results measured on an earlier commit, to show before and after."""

    commit: str
    results: list[SizeResult]


def save_results(path: Path, results: list[SizeResult], machine: Machine) -> None:
    """Write the raw results as JSON (for a later `--baseline`)."""
    payload = {
        "machine": machine.to_json(),
        "results": [
            {"size": r.size, "bot": r.bot, "peers": r.peers, "llm": r.llm} for r in results
        ],
    }
    path.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")


def load_results(path: Path) -> Baseline:
    """Read results written by `save_results`."""
    payload = json.loads(path.read_text(encoding="utf-8"))
    results = [
        SizeResult(row["size"], row["bot"], row["peers"], row["llm"]) for row in payload["results"]
    ]
    return Baseline(str(payload["machine"]["commit"]), results)


def count(size: int) -> str:
    return f"{size:,}"


def mebibytes(size: float) -> str:
    return f"{size / 1024 / 1024:,.1f} MiB"


def millis(value: float) -> str:
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def markdown_table(header: list[str], aligns: str, rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join("---:" if a == "r" else "---" for a in aligns) + "|")
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
