"""Results derived from the claims, kept in the database per revision of the archive.

A new process answering `candidates` or `timeline` would otherwise read and parse every
claim. The row is keyed by the archive's revision (`claim_revision`: its token and counter)
and by a fingerprint of the code that computed it; a row for any other revision or code is
stale and never returned. The payload is the caller's own text (JSON).
"""

from __future__ import annotations

import sqlite3

Revision = tuple[str, int]


def stored_result(conn: sqlite3.Connection, name: str, revision: Revision, code: str) -> str | None:
    """The payload stored under `name` for exactly this revision and code, else None."""
    try:
        found = conn.execute(
            "SELECT payload FROM race_results "
            "WHERE name = ? AND token = ? AND revision = ? AND code = ?",
            [name, revision[0], revision[1], code],
        ).fetchone()
    except sqlite3.OperationalError:  # a database not migrated yet, or read-only and old
        return None
    return str(found[0]) if found else None


def store_result(
    conn: sqlite3.Connection, name: str, revision: Revision, code: str, payload: str
) -> bool:
    """Keep `payload` under `name` if the archive is still at `revision` (checked in the same
    statement). Never waits for another writer: a result not stored now is computed again
    later. Returns whether it was stored."""
    if conn.in_transaction:
        return False  # the caller's changes may still roll back
    (timeout,) = conn.execute("PRAGMA busy_timeout").fetchone()
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        done = conn.execute(
            "INSERT OR REPLACE INTO race_results (name, token, revision, code, payload) "
            "SELECT ?, token, value, ?, ? FROM claim_revision WHERE token = ? AND value = ?",
            [name, code, payload, revision[0], revision[1]],
        )
        return done.rowcount == 1
    except sqlite3.OperationalError:  # busy, read-only, or not migrated
        return False
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")
