"""What a health check reads: the schema version and the latest ingest and digest.

Every query here is cheap however large the archive (the newest row by primary key), so a
load balancer may ask every few seconds. Nothing is written and nothing is created.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

MIGRATIONS_TABLE = "_sqlite_migrations"
MIGRATION_SET = "natosg"


class NotOurDatabase(sqlite3.DatabaseError):
    """The file is an SQLite database, but natosg's schema is not in it."""


@dataclass(frozen=True)
class HealthFacts:
    """What the database says about itself."""

    schema_version: int  # how many migrations are applied
    schema_name: str  # the last one applied, e.g. "m013_watches"
    last_ingest_at: str | None
    last_digest_at: str | None


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection that never creates the file (a missing one raises)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2.0)
    conn.execute("PRAGMA busy_timeout = 2000")
    return conn


def read_health(conn: sqlite3.Connection) -> HealthFacts:
    """Read the facts; raises sqlite3.DatabaseError when the file cannot be read as ours."""
    tables = {
        str(row[0])
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (?, ?, ?)",
            (MIGRATIONS_TABLE, "articles", "digests"),
        )
    }
    if MIGRATIONS_TABLE not in tables:
        raise NotOurDatabase("no natosg schema in this file")
    applied = conn.execute(
        f"SELECT COUNT(*), MAX(rowid) FROM {MIGRATIONS_TABLE} WHERE migration_set = ?",
        (MIGRATION_SET,),
    ).fetchone()
    last = conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE rowid = ?", (applied[1],)
    ).fetchone()
    return HealthFacts(
        schema_version=int(applied[0]),
        schema_name=str(last[0]) if last else "",
        last_ingest_at=_newest(conn, "articles", "ingested_at") if "articles" in tables else None,
        last_digest_at=_newest(conn, "digests", "built_at") if "digests" in tables else None,
    )


def _newest(conn: sqlite3.Connection, table: str, column: str) -> str | None:
    row = conn.execute(f"SELECT {column} FROM {table} ORDER BY id DESC LIMIT 1").fetchone()
    return str(row[0]) if row and row[0] is not None else None
