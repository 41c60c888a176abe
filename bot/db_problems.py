"""What a database failure means for whoever runs the bot, in one clear line.

A read-only, damaged or full database is not the user's mistake and not a passing glitch:
"try again in a moment" would be wrong. These messages name the problem and what fixes it,
without a traceback and without the file's full path (chat users see them too).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

# SQLite primary result codes (the low byte of an extended code).
_READONLY = 8
_IOERR = 10
_CORRUPT = 11
_FULL = 13
_CANTOPEN = 14
_NOTADB = 26


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def problem_kind(exc: sqlite3.Error) -> str | None:
    """What is wrong with the database file: readonly, damaged, full, io, cantopen, or None
    when the error is not about the file's state."""
    code = _code(exc)
    text = str(exc).lower()
    if code == _READONLY or "readonly" in text or "read-only" in text:
        return "readonly"
    if code in (_NOTADB, _CORRUPT) or "not a database" in text or "malformed" in text:
        return "damaged"
    if code == _FULL or "disk is full" in text:
        return "full"
    if code == _IOERR or "disk i/o error" in text:
        return "io"
    if code == _CANTOPEN or "unable to open database" in text:
        return "cantopen"
    return None


def database_problem(exc: sqlite3.Error, db_path: str | Path | None = None) -> str | None:
    """One line saying what is wrong with the database and how to fix it, or None when the
    error is not about the database file's state (a bug, a lock: the generic apology fits)."""
    kind = problem_kind(exc)
    if kind is None:
        return None
    name = f"`{Path(db_path).name}`" if db_path else "the database"
    messages = {
        "readonly": (
            f"The database {name} is read-only, so nothing can be saved. Whoever runs the bot "
            "should make the file and its folder writable."
        ),
        "damaged": (
            f"The database {name} is damaged or is not a natosg database. Whoever runs the bot "
            "should restore it from a backup or point NATOSG_DB at another file."
        ),
        "full": (
            f"The disk holding the database {name} is full, so nothing can be saved. Whoever "
            "runs the bot should free some space."
        ),
        "io": (
            f"The disk holding the database {name} failed to read or write (an I/O error). "
            "Whoever runs the bot should check the disk."
        ),
        "cantopen": (
            f"The database {name} cannot be opened (a missing folder or no permission). "
            "Whoever runs the bot should check NATOSG_DB."
        ),
    }
    return messages[kind]
