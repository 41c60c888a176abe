"""Running the real `natosg` CLI entry point in-process against a temporary database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.app import Application
from bot.cli import main
from bot.config import Settings
from bot.conversation import ChatCore


class Cli:
    """Calls `natosg …` with NATOSG_DB pointing at a test database."""

    def __init__(self, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db_path = db_path
        self.capsys = capsys

    def run(self, *words: str) -> tuple[int, str]:
        """Exit status and stdout of one command."""
        self.capsys.readouterr()
        status = main(list(words))
        return status, self.capsys.readouterr().out

    def json(self, *words: str) -> dict[str, Any]:
        """The parsed `--json` output of one command."""
        _, out = self.run(*words, "--json")
        payload: dict[str, Any] = json.loads(out)
        return payload


def chat_core(settings: Settings) -> ChatCore:
    """The chat core a running bot would give its adapters, for these settings."""
    return Application.from_settings(settings).chat_core()
