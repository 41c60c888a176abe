"""Running the real `natosg` command line against a temporary database, for the race scorer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from evaluation.paths import ROOT
from evaluation.race.facts import RaceFacts
from evaluation.race.scoring import RaceReplies

SEEDS = ROOT / "seeds"
INGEST_TIMEOUT_S = 3600.0
QUERY_TIMEOUT_S = 300.0
# Settings that would reach out of this machine or into a chat service: never passed on.
_DROPPED_PREFIXES = ("NATOSG_LLM_", "SLACK_", "DISCORD_")


class RunError(RuntimeError):
    """A command that did not answer with one JSON object; the message says what it printed."""


class NatosgCli:
    """Runs `python -m bot ... --json` (the `natosg` entry point) on one database.

    Each command runs in `workdir` (so no `.env` of the caller's folder is read) with
    NATOSG_DB pointing at `db_path`, and without model or chat credentials.
    """

    def __init__(self, db_path: Path, workdir: Path, python: str = sys.executable) -> None:
        self._db_path = db_path
        self._workdir = workdir
        self._python = python

    def _env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(_DROPPED_PREFIXES)}
        env["NATOSG_DB"] = str(self._db_path)
        return env

    def json(self, words: Sequence[str], timeout: float = QUERY_TIMEOUT_S) -> dict[str, Any]:
        """The JSON reply of `natosg WORDS... --json` (any exit status, if it printed JSON)."""
        done = subprocess.run(
            [self._python, "-m", "bot", *words, "--json"],
            cwd=self._workdir,
            env=self._env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        try:
            reply = json.loads(done.stdout)
        except json.JSONDecodeError as error:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise RunError(
                f"natosg {' '.join(words)} exited {done.returncode}: {' | '.join(tail)}"
            ) from error
        if not isinstance(reply, dict):
            raise RunError(f"natosg {' '.join(words)} printed JSON that is not an object")
        return reply


def ingest(cli: NatosgCli, folder: Path) -> dict[str, Any]:
    """Ingest `folder` and the seed articles; the ingest reply."""
    return cli.json(["ingest", str(folder.resolve()), str(SEEDS)], timeout=INGEST_TIMEOUT_S)


def ask_replies(cli: NatosgCli, facts: RaceFacts) -> RaceReplies:
    """who-backs and who-opposes the candidate as of each day of the facts, and candidates."""
    backs = {}
    opposes = {}
    for day in facts.days:
        as_of = ["--as-of", day.day]
        backs[day.day] = cli.json(["who-backs", facts.candidate, *as_of])
        opposes[day.day] = cli.json(["who-opposes", facts.candidate, *as_of])
    return RaceReplies(backs, opposes, cli.json(["candidates"]))


def ingest_counts(reply: dict[str, Any]) -> dict[str, int]:
    """How many files the ingest added, found already stored, and failed, by status."""
    counts: dict[str, int] = {}
    for result in reply.get("results") or []:
        status = str(result.get("status", "unknown"))
        counts[status] = counts.get(status, 0) + 1
    return counts
