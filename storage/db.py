"""Opening the database: pragmas, migrations, and explicit write transactions."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from storage.health import MIGRATION_SET

BUSY_TIMEOUT_MS = 15_000
# The last migration (storage/migrations.py; a test keeps the two in step): a database that
# has it is current, and opening it needs neither the migrations nor sqlite-utils.
LATEST_MIGRATION = "m017_full_text_later"


class Database:
    """An open database: its connection and `execute`, all the program needs of a handle.

    sqlite-utils runs the migrations, on its own handle over the same connection, only when
    one is pending: importing it costs a new process more than most answers take."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        # Triggers may fire triggers, as they do under sqlite-utils' handle.
        conn.execute("PRAGMA recursive_triggers = on")

    def execute(
        self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] | None = None
    ) -> sqlite3.Cursor:
        """Run one statement (the connection is in autocommit mode: see `connect`)."""
        if parameters is None:
            return self.conn.execute(sql)
        return self.conn.execute(sql, parameters)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _lock_file(path: Path) -> contextlib.AbstractContextManager[object]:
    """Serialise migrations between processes that open a new database at the same time."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX; migrations then rely on SQLite alone
        return contextlib.nullcontext()

    @contextlib.contextmanager
    def locked() -> Iterator[object]:
        lock_path = path.with_name(path.name + ".migrate-lock")
        with open(lock_path, "a+b") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield handle
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    return locked()


def connect(path: str | Path) -> sqlite3.Connection:
    """A raw connection with the project's pragmas, in autocommit mode.

    Autocommit (`isolation_level=None`) means no transaction starts behind our back:
    every write goes through `write_transaction`, which takes the write lock up front.
    """
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if str(path) != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
        # NORMAL in WAL mode survives application crashes; only power loss can drop the
        # last transactions, never corrupt the file.
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def open_database(path: str | Path) -> Database:
    """Open (creating if needed) the database at `path` and apply pending migrations.

    No sqlite-utils plugins are used: looking for them would scan every installed package's
    metadata."""
    if str(path) == ":memory:":
        db = Database(connect(":memory:"))
        _migrate(db)
        return db
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Switching a new file to WAL and migrating it need the file to ourselves; openers in
    # other threads or processes wait here instead of failing with "database is locked".
    with _lock_file(target):
        db = Database(connect(target))
        if not _is_current(db.conn):
            _migrate(db)
    return db


def _is_current(conn: sqlite3.Connection) -> bool:
    try:
        found = conn.execute(
            "SELECT 1 FROM _sqlite_migrations WHERE migration_set = ? AND name = ?",
            (MIGRATION_SET, LATEST_MIGRATION),
        ).fetchone()
    except sqlite3.OperationalError:  # no migrations table: a new database
        return False
    return found is not None


def _migrate(db: Database) -> None:
    from sqlite_utils import Database as MigrationHandle

    from storage.migrations import MIGRATIONS

    MIGRATIONS.apply(MigrationHandle(db.conn, execute_plugins=False))


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[sqlite3.Connection]:
    """Run a block as one write transaction started with BEGIN IMMEDIATE.

    A deferred transaction that reads and then writes can fail with SQLITE_BUSY at once,
    ignoring the busy timeout; taking the write lock first makes writers queue instead.
    """
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        # SQLite may have rolled back already (a full disk, say): a ROLLBACK then fails and
        # would hide the error that says what happened.
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")
