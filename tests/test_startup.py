"""Starting `natosg` imports only what the command asked for.

`natosg --help` and the stored-answer commands (who-backs, who-opposes, candidates, timeline,
and `ask` without a language model) must not load the ingest readers, the HTTP client, the
chat SDKs, the scheduler or the model client: each costs tens of milliseconds before the first
word is printed. Each case runs the
real entry point in a fresh child process and lists the heavy modules it left loaded; no
timing is asserted.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_helpers import ROOT, json_reply, natosg_env, run_natosg

# Loaded by no command that only reads stored answers. (numpy is not listed: sqlite-utils
# loads it whenever it is installed, as it is beside the benchmarks' peers.)
HEAVY = (
    "aiohttp",
    "apscheduler",
    "bot.adapters.discord_bot",
    "bot.adapters.slack_bot",
    "bot.ingest.pipeline",
    "bot.runner",
    "discord",
    "feedparser",
    "httpx",
    "lxml",
    "pysbd",
    "slack_bolt",
    "slack_sdk",
    "summarizer.extraction.reader",
    "summarizer.llm.client",
    "trafilatura",
)
# `--help` reads no database and resolves no name either.
HEAVY_FOR_HELP = (*HEAVY, "asyncio", "numpy", "rapidfuzz", "sqlite_utils", "storage.db")

PROBE = """
import contextlib, io, json, sys
from bot.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    status = main(sys.argv[1:])
print(json.dumps({"status": status, "modules": sorted(sys.modules)}))
"""


def loaded_after(db_path: Path, *words: str) -> tuple[int, set[str]]:
    """The exit status of `natosg WORDS…` in a fresh process, and every module it loaded."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *words],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=natosg_env(db_path),
        timeout=120,
        check=True,
    )
    payload = json.loads(done.stdout.strip().splitlines()[-1])
    return int(payload["status"]), set(payload["modules"])


def heavy_in(modules: set[str], heavy: tuple[str, ...]) -> list[str]:
    """The heavy packages (or any of their submodules) among `modules`."""
    return sorted(
        name for name in heavy if any(m == name or m.startswith(name + ".") for m in modules)
    )


def test_help_imports_nothing_heavy(tmp_path: Path) -> None:
    status, modules = loaded_after(tmp_path / "natosg.db", "--help")
    assert status == 0
    assert "bot.commands.catalog" in modules  # the probe did run the CLI
    assert heavy_in(modules, HEAVY_FOR_HELP) == []
    assert not (tmp_path / "natosg.db").exists(), "help opened no database"


@pytest.mark.parametrize(
    "words",
    [
        ("who-backs", "Rutte"),
        ("who-opposes", "Kallas"),
        ("candidates",),
        ("timeline",),
        ("digest",),
        ("ask", "who", "backs", "Rutte?"),
        ("ask", "when", "is", "the", "summit?"),
        ("help", "who-backs"),
    ],
)
def test_stored_answers_import_nothing_heavy(tmp_path: Path, words: tuple[str, ...]) -> None:
    _, modules = loaded_after(tmp_path / "natosg.db", *words)
    assert "bot.commands.catalog" in modules
    assert heavy_in(modules, HEAVY) == []


@pytest.mark.parametrize(
    "words",
    [
        ("who-backs", "Rutte", "--as-of", "2024-03-01"),
        ("candidates",),
        ("ask", "when", "is", "the", "summit?"),
    ],
)
def test_a_current_database_opens_without_the_migrations(
    tmp_path: Path, words: tuple[str, ...]
) -> None:
    """sqlite-utils (and numpy, which it loads when installed) runs the migrations only: a
    database that has them all is opened and read without it."""
    db_path = tmp_path / "natosg.db"
    _, first = loaded_after(db_path, "candidates")  # creates the database: migrations run
    assert "sqlite_utils" in first
    _, modules = loaded_after(db_path, *words)
    assert "storage.db" in modules
    assert heavy_in(modules, ("sqlite_utils", "storage.migrations", "numpy")) == []


def test_ingest_still_loads_what_it_needs(tmp_path: Path) -> None:
    # Guards the cases above against a probe that sees nothing: ingest does read with pysbd.
    article = tmp_path / "one.txt"
    article.write_text(
        "Title: One\nDate: 2024-02-22\n\nThe United States backs Mark Rutte for NATO "
        "secretary general.\n",
        encoding="utf-8",
    )
    status, modules = loaded_after(tmp_path / "natosg.db", "ingest", str(article))
    assert status == 0
    assert "bot.ingest.pipeline" in heavy_in(modules, HEAVY)


def test_a_one_shot_command_exits_quickly_with_its_whole_answer_and_status(
    tmp_path: Path, seeds_dir: Path
) -> None:
    # The shell's commands end with os._exit once their answer is flushed: nothing of it may
    # be lost (output to a pipe is buffered unless PYTHONUNBUFFERED says otherwise), and the
    # status must be the command's.
    db_path = tmp_path / "natosg.db"
    assert run_natosg(db_path, "ingest", str(seeds_dir)).returncode == 0
    env = {k: v for k, v in natosg_env(db_path).items() if k != "PYTHONUNBUFFERED"}

    def natosg(*words: str) -> subprocess.CompletedProcess[str]:
        return run_natosg(db_path, *words, env=env)

    done = natosg("timeline", "--json")
    assert done.returncode == 0
    payload = json_reply(done.stdout)  # the whole JSON object, or it would not parse
    assert payload["command"] == "timeline" and payload["citations"]
    refused = natosg("who-backs", "--as-of", "someday", "Rutte")
    assert refused.returncode == 1 and "someday" in refused.stdout
    short = natosg("candidates")  # a few lines: all of them still in the buffer at the end
    assert short.returncode == 0 and "Rutte" in short.stdout
    # Every connection was closed before the exit: SQLite removes the log of the last one.
    assert not (tmp_path / "natosg.db-wal").exists()
