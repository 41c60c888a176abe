"""SIGKILL in the middle of a large ingest and of a scheduled post: after a restart the
database is intact, no article is half-stored, re-running completes the work, and no digest
is posted twice or lost.

Each kill is aimed at a moment seen from outside the process (so many articles stored; the
day's delivery claimed; the digest printed), and the database is read after the kill to
prove the work had started and not finished. A kill that came too late is tried again from
the same starting state, a few times; a test whose kills all missed fails rather than
passing on a process that was already done.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

import pytest

from bench.corpus import write_corpus
from storage.db import open_database
from tests.cli_helpers import ROOT, assert_no_crash, json_reply, natosg_env, run_natosg
from tests.waiting import wait_until

ATTEMPTS = 4  # tries to land a kill before the work is done
INGEST_STOPS = (0.25, 0.5, 0.75)  # kill a resumed ingest once this share of articles is stored


class Child:
    """A `natosg` process whose standard output is collected as it is written. With
    `kill_on`, the reader kills it the moment a line containing that text arrives (a poll
    would come milliseconds late)."""

    def __init__(self, db_path: Path, *words: str, log: Path, kill_on: str | None = None) -> None:
        self._log = log.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", *words],
            cwd=ROOT,
            env=natosg_env(db_path),
            stdin=subprocess.PIPE,  # left open: `run` keeps running until it is killed
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
        )
        self._kill_on = kill_on
        self._lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if self._kill_on is not None and self._kill_on in line:
                self.process.send_signal(signal.SIGKILL)
            self._lines.append(line)

    @property
    def output(self) -> str:
        """What the process has printed so far."""
        return "".join(self._lines)

    @property
    def exited(self) -> bool:
        """Whether the process has ended (by itself or killed)."""
        return self.process.poll() is not None

    def kill(self) -> bool:
        """SIGKILL it (unless the reader did); whether a kill, not the process, ended it."""
        if not self.exited:
            self.process.send_signal(signal.SIGKILL)
        killed = self.process.wait(timeout=30) == -signal.SIGKILL
        self._reader.join(timeout=30)
        self._log.close()
        return killed


def read_only(db_path: Path) -> sqlite3.Connection:
    """A connection that cannot change the database a process under test is writing."""
    return sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)


def article_count(db_path: Path) -> int:
    """Articles stored so far (0 before the database or its tables exist)."""
    try:
        with closing(read_only(db_path)) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def delivery_state(db_path: Path) -> tuple[str | None, int]:
    """The day's delivery status (None before it is claimed) and how many posts are recorded."""
    with closing(read_only(db_path)) as conn:
        row = conn.execute("SELECT status FROM deliveries").fetchone()
        posts = int(conn.execute("SELECT COUNT(*) FROM chat_posts").fetchone()[0])
    return (row[0] if row else None), posts


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy (SQLite's backup), also of a database whose writer was killed."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def assert_no_process_left(marker: str) -> None:
    """No worker of a killed ingest lingers (they must leave with their parent)."""

    def workers() -> list[str]:
        found = []
        for proc in Path("/proc").iterdir():
            try:
                if proc.name.isdigit() and marker in (proc / "cmdline").read_text():
                    found.append(proc.name)
            except OSError:
                continue
        return found

    wait_until(lambda: not workers(), "the killed ingest's workers to exit")


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


def kill_mid_ingest(start_from: Path | None, db_path: Path, corpus: Path, stop_at: int) -> int:
    """Start an ingest on a copy of `start_from` and kill it once `stop_at` articles are
    stored; returns how many there were after the kill, or -1 if it had finished first."""
    if start_from is not None:
        copy_database(start_from, db_path)
    child = Child(db_path, "ingest", str(corpus), log=db_path.with_suffix(".log"))
    wait_until(
        lambda: article_count(db_path) >= stop_at or child.exited,
        f"{stop_at} articles to be stored",
        timeout=120,
    )
    return article_count(db_path) if child.kill() else -1


def test_a_killed_ingest_leaves_a_sound_database_and_a_rerun_completes_it(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 300, seed=11, corpus="stress")
    reference = tmp_path / "reference.db"
    clean = run_natosg(reference, "ingest", str(corpus), "--json")
    assert clean.returncode == 0 and json_reply(clean.stdout)["ok"]
    expected = table_counts(reference)
    total = expected["articles"]
    previous: Path | None = None
    for round_number, share in enumerate(INGEST_STOPS):
        before = article_count(previous) if previous else 0
        for attempt in range(ATTEMPTS):
            db_path = tmp_path / f"killed-{round_number}-{attempt}.db"
            stored = kill_mid_ingest(previous, db_path, corpus, int(total * share))
            if before < stored < total:
                break  # started (it stored articles) and not finished: the kill landed
        else:
            pytest.fail(f"in {ATTEMPTS} tries the ingest always finished before SIGKILL landed")
        assert_no_process_left(str(corpus))
        assert_consistent(db_path)
        previous = db_path
    assert previous is not None
    rerun = run_natosg(previous, "ingest", str(corpus), "--json")
    assert rerun.returncode == 0 and json_reply(rerun.stdout)["ok"]
    assert_consistent(previous)
    assert table_counts(previous) == expected


@pytest.fixture(scope="module")
def subscribed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded database whose console subscription fell due 20 minutes ago, not yet posted."""
    db_path = tmp_path_factory.mktemp("subscribed") / "bot.db"
    seeded = run_natosg(db_path, "run", stdin="sources\n")
    assert seeded.returncode == 0 and "First start" in seeded.stderr
    assert_no_crash(seeded.stdout)
    due = (datetime.now(UTC) - timedelta(minutes=20)).strftime("%H:%M")
    subscribed = run_natosg(db_path, "subscribe", due, "--json")
    assert json_reply(subscribed.stdout)["ok"]
    return db_path


# Where a scheduled post is killed: the moment the test waits for (a state of the database,
# or a line of output, on which the reader kills at once), and what the database must still
# say after the kill for it to have landed in the middle of the delivery.
class KillPoint(NamedTuple):
    reached: Callable[[Path, Child], bool]
    kill_on: str | None
    landed: Callable[[tuple[str | None, int], str], bool]
    restart_says: str  # what the restarted bot logs on its way to posting exactly once


KILL_POINTS = {
    "while the digest is built": KillPoint(
        reached=lambda db_path, child: delivery_state(db_path) == ("posting", 0),
        kill_on=None,
        landed=lambda state, printed: state == ("posting", 0) and "digest for" not in printed,
        restart_says="posting the digest due at",
    ),
    "after it is printed, before it is marked posted": KillPoint(
        reached=lambda db_path, child: child.exited,
        kill_on="digest for",
        landed=lambda state, printed: state[0] == "posting" and "digest for" in printed,
        restart_says="a digest post interrupted earlier had gone out; not posting again",
    ),
}


def kill_mid_delivery(template: Path, db_path: Path, point: str) -> str | None:
    """Start the bot on a copy of `template`, kill it at `point`; what it printed, or None
    when the delivery had got further than `point` by the time the kill landed."""
    kill = KILL_POINTS[point]
    copy_database(template, db_path)
    child = Child(db_path, "run", log=db_path.with_suffix(".log"), kill_on=kill.kill_on)
    wait_until(lambda: kill.reached(db_path, child), point, timeout=60)
    assert child.kill(), "`natosg run` exited by itself"
    return child.output if kill.landed(delivery_state(db_path), child.output) else None


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_a_scheduled_post_killed_mid_delivery_is_posted_exactly_once(
    subscribed: Path, tmp_path: Path, point: str
) -> None:
    for attempt in range(ATTEMPTS):
        db_path = tmp_path / f"bot-{attempt}.db"
        first = kill_mid_delivery(subscribed, db_path, point)
        if first is not None:
            break
    else:
        pytest.fail(f"in {ATTEMPTS} tries the post always finished before SIGKILL landed")
    assert_no_crash(first)
    again = run_natosg(db_path, "run", stdin="subscriptions\n")
    assert again.returncode == 0, again.stderr[-2000:]
    assert_no_crash(again.stdout)
    assert first.count("digest for") + again.stdout.count("digest for") == 1
    assert KILL_POINTS[point].restart_says in again.stderr  # it took the path under test
    db = open_database(db_path)
    try:
        rows = db.execute("SELECT status FROM deliveries").fetchall()
    finally:
        db.close()
    assert [row[0] for row in rows] == ["posted"]
    assert_consistent(db_path)


def test_a_finished_delivery_never_counts_as_a_kill_mid_delivery() -> None:
    printed = "NATO Secretary General race: digest for 4 May\n"
    for point, kill in KILL_POINTS.items():
        assert not kill.landed(("posted", 1), printed), point
