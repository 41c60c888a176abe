"""The database: can it be opened, is it sound (`PRAGMA integrity_check`), can it be written
(a real, harmless write that is committed)."""

from __future__ import annotations

import sqlite3

from bot.archive import Archive
from bot.db_problems import problem_kind
from bot.doctor import Check, failed, passed
from storage.backup import integrity_problems
from storage.db import write_transaction

_WRITE_FIXES = {
    "readonly": "make the file and its folder writable for the user the bot runs as",
    "full": "free some space on its disk",
    "io": "check the disk (an I/O error)",
    "cantopen": "check NATOSG_DB and the folder's permissions",
}


def database_checks(archive: Archive) -> list[Check]:
    """Whether the database opens, is sound and takes a write; what to fix if not."""
    name = f"database {archive.path}"
    try:
        with archive.session() as session:
            problems = integrity_problems(session.db)
    except sqlite3.DatabaseError as exc:
        if problem_kind(exc) in ("readonly", "cantopen"):
            fix = _WRITE_FIXES[str(problem_kind(exc))]
            return [failed(f"{name}: cannot be opened ({type(exc).__name__}); {fix}")]
        return [failed(f"{name}: cannot be used ({type(exc).__name__}); restore a backup")]
    checks = [
        passed(f"{name}: sound (integrity_check ok)")
        if not problems
        else failed(f"{name}: {'; '.join(problems)}; restore a backup (`natosg backup` makes one)")
    ]
    return [*checks, _write_check(archive, name)]


def _write_check(archive: Archive, name: str) -> Check:
    """Commit a write that changes nothing: the schema's user_version set to itself."""
    try:
        with archive.session() as session:
            db = session.db
            with write_transaction(db) as conn:
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
                conn.execute(f"PRAGMA user_version = {version}")
    except sqlite3.DatabaseError as exc:
        kind = problem_kind(exc)
        fix = _WRITE_FIXES.get(kind or "", f"the write failed ({type(exc).__name__})")
        return failed(f"{name}: NOT writable; {fix}")
    return passed(f"{name}: writable")
