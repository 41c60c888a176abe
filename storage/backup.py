"""A consistent copy of the database while the bot runs (SQLite's online backup API), and the
database's own health check."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storage.db import Database


def backup_to(db: Database, target: Path) -> int:
    """Copy the database to `target` (a new file) page by page with SQLite's backup API, so
    the copy is consistent however many writers are at work; returns its size in bytes."""
    destination = sqlite3.connect(target)
    try:
        db.conn.backup(destination, pages=1024)
        destination.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    finally:
        destination.close()
    return target.stat().st_size


def integrity_problems(db: Database, limit: int = 5) -> list[str]:
    """What SQLite's integrity check finds wrong (empty when the database is sound)."""
    rows = db.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()
    found = [str(row[0]) for row in rows]
    return [] if found == ["ok"] else found
