"""Running the real `natosg` CLI, in-process or as a child process, against a test database.

In-process commands are watched for crashes by tests/failure_watch.py. A child process is out
of its reach, so its output is checked here: `json_reply` reads a `--json` reply and insists
that the bot did not fail inside (`failure` is None), and `assert_no_crash` does the same for
terminal text.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.app import Application
from bot.cli import main
from bot.config import Settings
from bot.conversation import ChatCore
from bot.dispatch import SORRY_INTERNAL

ROOT = Path(__file__).resolve().parent.parent
# The polite line's first sentence fits on one terminal line, so wrapping never splits it.
CRASH_LINE = SORRY_INTERNAL.split(".")[0]


class Cli:
    """Calls `natosg …` with NATOSG_DB pointing at a test database."""

    def __init__(self, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db_path = db_path
        self.capsys = capsys

    def run(self, *words: str) -> tuple[int, str]:
        """Exit status and stdout of one command.

        `natosg` points its log handler at the stderr of the moment, which pytest closes at
        the end of the test phase; the root logger is put back afterwards, as if the command
        had run in a process of its own."""
        self.capsys.readouterr()
        root = logging.getLogger()
        handlers, level = list(root.handlers), root.level
        try:
            status = main(list(words))
        finally:
            root.handlers[:] = handlers
            root.setLevel(level)
        return status, self.capsys.readouterr().out

    def json(self, *words: str) -> dict[str, Any]:
        """The parsed `--json` output of one command."""
        _, out = self.run(*words, "--json")
        payload: dict[str, Any] = json.loads(out)
        return payload


def chat_core(settings: Settings) -> ChatCore:
    """The chat core a running bot would give its adapters, for these settings."""
    return Application.from_settings(settings).chat_core()


def json_reply(out: str, *, failure: str | None = None) -> dict[str, Any]:
    """The one JSON object a `natosg … --json` printed, whose `failure` must be `failure`:
    None (the default) unless the test means the bot to fail inside."""
    payload: dict[str, Any] = json.loads(out)
    assert "failure" in payload, "every --json reply says whether the bot failed inside"
    assert payload["failure"] == failure, (
        f"`{payload.get('command')}` failed inside the bot ({payload['failure']}); "
        "its traceback is on the process's stderr"
    )
    return payload


def assert_no_crash(out: str) -> None:
    """No reply in this terminal output is the bot's "something went wrong on my side"."""
    assert CRASH_LINE not in out, f"a command crashed inside the bot:\n{out[-2000:]}"


def natosg_env(db_path: Path, **extra: str) -> dict[str, str]:
    """This process's environment without chat credentials or natosg settings (but with
    the test session's NATOSG_CACHE_DIR), plus NATOSG_DB and `extra`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "DISCORD_", "NATOSG_")) or k == "NATOSG_CACHE_DIR"
    }
    env["NATOSG_DB"] = str(db_path)
    env.update(extra)
    return env


def run_natosg(
    db_path: Path,
    *words: str,
    stdin: str | None = None,
    cwd: Path = ROOT,
    timeout: float = 180,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """`natosg WORDS…` in a child process, to completion, with its output captured (in
    `env`, by default `natosg_env(db_path)`)."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *words],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=natosg_env(db_path) if env is None else env,
        timeout=timeout,
        check=False,
    )
