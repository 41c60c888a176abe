"""The health check a load balancer or an orchestrator asks (`GET /healthz`).

It answers from the database alone, read-only, in a few milliseconds: whether the file can
be read as natosg's, its schema version, and when the latest article was ingested and the
latest digest built. A database that cannot be read is "unavailable" with a short reason.
The body never holds a secret, a path or an exception's text.

Slack's HTTP mode serves it at `/healthz`; `python -m bot.health` prints the same body and
exits 0 or 1, for a container's health check in any mode.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.config import load_settings
from bot.db_problems import problem_kind
from storage.health import NotOurDatabase, open_read_only, read_health

_REASONS = {
    "damaged": "the database is damaged or is not a natosg database",
    "cantopen": "the database cannot be opened (a missing file or folder, or no permission)",
    "io": "the disk failed while reading the database (an I/O error)",
    "readonly": "the database cannot be read",
    "full": "the disk holding the database is full",
}


@dataclass(frozen=True)
class Health:
    """One health check's outcome: the HTTP status to answer and the JSON body."""

    healthy: bool
    body: dict[str, object]

    @property
    def http_status(self) -> int:
        """200 when healthy, 503 (service unavailable) otherwise."""
        return 200 if self.healthy else 503


def check_health(db_path: Path) -> Health:
    """Read the database at `db_path` (never creating or changing it) and report."""
    checked_at = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        conn = open_read_only(db_path)
        try:
            facts = read_health(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return Health(
            False,
            {
                "status": "unavailable",
                "database": "unreadable",
                "reason": _reason(exc),
                "checked_at": checked_at,
            },
        )
    return Health(
        True,
        {
            "status": "ok",
            "database": "readable",
            "schema_version": facts.schema_version,
            "schema": facts.schema_name,
            "last_ingest_at": facts.last_ingest_at,
            "last_digest_at": facts.last_digest_at,
            "checked_at": checked_at,
        },
    )


def _reason(exc: sqlite3.Error) -> str:
    if isinstance(exc, NotOurDatabase):
        return "the database has no natosg schema (the wrong file, or never started)"
    kind = problem_kind(exc)
    if kind is not None:
        return _REASONS[kind]
    return f"the database cannot be read ({type(exc).__name__})"


def main() -> int:
    """Check the configured database (NATOSG_DB); print the JSON body, exit 0 when healthy."""
    health = check_health(load_settings().db_path)
    sys.stdout.write(json.dumps(health.body) + "\n")
    return 0 if health.healthy else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
