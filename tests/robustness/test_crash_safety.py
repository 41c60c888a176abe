"""SIGKILL at random points of a large ingest and of a scheduled post: after a restart the
database is intact, no article is half-stored, re-running completes the work, and no digest
is posted twice or lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bench.corpus import write_corpus
from storage.db import open_database

ROOT = Path(__file__).resolve().parents[2]


def bot_env(db_path: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "NATOSG_"))
    }
    env["NATOSG_DB"] = str(db_path)
    return env


def start(
    db_path: Path, *args: str, stdin: int | None = None, quiet: bool = False
) -> subprocess.Popen[str]:
    # Output that nobody reads must not go to a pipe: a full pipe would stall the process.
    sink = subprocess.DEVNULL if quiet else subprocess.PIPE
    return subprocess.Popen(
        [sys.executable, "-m", "bot", *args],
        cwd=ROOT,
        env=bot_env(db_path),
        stdin=stdin,
        stdout=sink,
        stderr=sink,
        text=True,
    )


def finish(process: subprocess.Popen[str], stdin_text: str = "") -> str:
    out, _ = process.communicate(stdin_text or None, timeout=180)
    return out


def assert_no_process_left(marker: str, timeout: float = 10.0) -> None:
    """No worker of a killed ingest lingers (they must leave with their parent)."""
    deadline = time.monotonic() + timeout
    while True:
        left = []
        for proc in Path("/proc").iterdir():
            try:
                if proc.name.isdigit() and marker in (proc / "cmdline").read_text():
                    left.append(proc.name)
            except OSError:
                continue
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert left == []


def table_counts(db_path: Path) -> dict[str, int]:
    db = open_database(db_path)
    try:
        return {
            table: int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
            for table in ("articles", "sentences", "claims")
        }
    finally:
        db.close()


def assert_consistent(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        # The full-text index agrees with the sentences it indexes.
        db.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('integrity-check')")
        half_stored = db.execute(
            "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM sentences s WHERE s.article_id = a.id)"
        ).fetchone()[0]
        assert half_stored == 0
    finally:
        db.close()


def test_a_killed_ingest_leaves_a_sound_database_and_a_rerun_completes_it(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 300, seed=11)
    reference = tmp_path / "reference.db"
    started = time.monotonic()
    assert start(reference, "ingest", str(corpus), quiet=True).wait(timeout=300) == 0
    whole = time.monotonic() - started
    expected = table_counts(reference)
    db_path = tmp_path / "killed.db"
    chance = random.Random(7)
    for _ in range(3):
        process = start(db_path, "ingest", str(corpus), quiet=True)
        time.sleep(chance.uniform(0.3, 0.9) * whole)  # somewhere inside the ingest
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) in (-signal.SIGKILL, 0)  # killed, or done before it
        assert_no_process_left(str(corpus))
        assert_consistent(db_path)
    assert start(db_path, "ingest", str(corpus), quiet=True).wait(timeout=300) == 0
    assert_consistent(db_path)
    assert table_counts(db_path) == expected


@pytest.mark.parametrize("delay", [0.6, 1.2, 2.0, 3.0])
def test_a_killed_scheduled_post_is_posted_exactly_once(tmp_path: Path, delay: float) -> None:
    db_path = tmp_path / "bot.db"
    finish(start(db_path, "run", stdin=subprocess.PIPE), "sources\n")  # seeds
    due = (datetime.now(UTC) - timedelta(minutes=20)).strftime("%H:%M")
    assert start(db_path, "subscribe", due, quiet=True).wait(timeout=60) == 0
    running = start(db_path, "run", stdin=subprocess.PIPE)  # stdin open: it keeps running
    time.sleep(delay)
    running.send_signal(signal.SIGKILL)
    first, _ = running.communicate(timeout=30)
    second = finish(start(db_path, "run", stdin=subprocess.PIPE), "subscriptions\n")
    assert first.count("digest for") + second.count("digest for") == 1
    db = open_database(db_path)
    try:
        rows = db.execute("SELECT status FROM deliveries").fetchall()
    finally:
        db.close()
    assert [row[0] for row in rows] == ["posted"]
    assert_consistent(db_path)
