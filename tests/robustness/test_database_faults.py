"""A database the bot cannot use as it should: garbage bytes, a read-only file, a full disk.

Each used to be answered "try again in a moment" (and `natosg run` died with a traceback);
now each is named plainly, in the CLI, in chat replies and at `natosg run`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import storage.db
from bot.app import Application
from bot.config import Settings
from bot.dispatch import SORRY_INTERNAL, run_text
from tests.cli_helpers import Cli, run_natosg
from tests.file_modes import read_only

# These replies are the bot's own failures (`failure` is set), though clear ones.
pytestmark = pytest.mark.internal_failure

ARTICLE = (
    "Denmark has endorsed Kaja Kallas for the post of NATO secretary general, officials in "
    "Copenhagen said on Tuesday, while other allies urged a quick decision.\n"
)


def _garbage(db_path: Path) -> None:
    db_path.write_bytes(bytes(range(256)) * 64)  # 16 kB that are no SQLite file


def _article(tmp_path: Path) -> Path:
    path = tmp_path / "denmark.txt"
    path.write_text(ARTICLE)
    return path


def test_garbage_database_is_named_in_the_cli_and_in_chat(cli: Cli, db_path: Path) -> None:
    _garbage(db_path)
    status, out = cli.run("candidates")
    assert status == 1
    assert "damaged or is not a natosg database" in out and SORRY_INTERNAL not in out
    app = Application.from_settings(Settings(db_path=db_path))
    reply, _ = run_text("candidates", app.context("slack", channel="C1"), app.registry)
    assert not reply.ok and reply.failure == "DatabaseError"
    assert "damaged" in reply.data["error"] and "try again" not in reply.data["error"]


def test_natosg_run_on_a_garbage_database_exits_with_one_line(db_path: Path) -> None:
    _garbage(db_path)
    done = run_natosg(db_path, "run", stdin="", timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert done.stderr.strip().splitlines()[-1].startswith("natosg: The database")
    assert "damaged" in done.stderr


def test_read_only_database_is_named_when_something_must_be_saved(
    cli: Cli, db_path: Path, tmp_path: Path
) -> None:
    cli.run("ingest", str(_article(tmp_path)))
    cli.run("candidates")  # every write of the first start done
    with read_only(db_path):
        other = tmp_path / "other.txt"
        other.write_text(ARTICLE.replace("Denmark", "Norway").replace("Tuesday", "Monday"))
        status, out = cli.run("ingest", str(other))
    assert status == 1
    assert "is read-only" in out and SORRY_INTERNAL not in out


def test_full_disk_is_named_not_retried(
    cli: Cli, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.run("candidates")  # the schema in place
    real = storage.db.connect

    def full(path: str | Path) -> sqlite3.Connection:
        conn = real(path)
        pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
        conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLITE_FULL on the next page
        return conn

    monkeypatch.setattr(storage.db, "connect", full)
    # Long enough to need new pages whatever the file has free.
    article = tmp_path / "long.txt"
    article.write_text("".join(f"{ARTICLE.strip()} Report {n} follows.\n\n" for n in range(300)))
    status, out = cli.run("ingest", str(article))
    assert status == 1
    assert "is full" in out and SORRY_INTERNAL not in out


def test_natosg_run_in_a_read_only_folder_exits_with_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    db_path = folder / "natosg.db"
    with read_only(folder):
        done = run_natosg(db_path, "run", stdin="", timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert "cannot create the lock file" in done.stderr.strip().splitlines()[-1]
