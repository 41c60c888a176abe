"""Every SQL statement about watched sources and the items they brought.

A watch is a feed or page polled on its own interval. Its row keeps what the next poll
needs (validators for a conditional request, the next poll time, the error streak), so a
restarted process carries on where the last one stopped. `watch_items` remembers each item
handled (kept or skipped) by a key, never its text: an off-topic item is not stored; an item
that could not be read is tried again at the next polls, three times in all.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.db import Database, write_transaction


@dataclass(frozen=True)
class Watch:
    """One watched source and where its polling stands (times are ISO 8601, UTC)."""

    id: int
    name: str
    url: str
    every_s: int
    kind: str | None  # 'feed' or 'page' once known
    etag: str | None
    last_modified: str | None
    next_poll_at: str
    last_fetch_at: str | None
    last_outcome: str | None
    last_new_at: str | None
    last_error: str | None
    failing_since: str | None
    errors: int
    kept: int
    skipped: int
    added_by: str | None
    added_at: str


@dataclass(frozen=True)
class PollRecord:
    """What one poll changed on a watch's row."""

    fetched_at: str
    next_poll_at: str
    outcome: str
    kind: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    new_articles: int = 0
    skipped: int = 0


_COLUMNS = (
    "id, name, url, every_s, kind, etag, last_modified, next_poll_at, last_fetch_at, "
    "last_outcome, last_new_at, last_error, failing_since, errors, kept, skipped, added_by, "
    "added_at"
)
_SELECT = f"SELECT {_COLUMNS} FROM watches"


def add_watch(
    db: Database, name: str, url: str, every_s: int, user: str | None, now: str
) -> Watch | None:
    """Add a watch, first polled `now`; None when the name or the URL is already watched."""
    with write_transaction(db) as conn:
        taken = conn.execute(
            "SELECT 1 FROM watches WHERE name = ? OR url = ?", [name, url]
        ).fetchone()
        if taken:
            return None
        conn.execute(
            "INSERT INTO watches (name, url, every_s, next_poll_at, added_by, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [name, url, every_s, now, user, now],
        )
    return find_watch(db, name)


def all_watches(db: Database) -> list[Watch]:
    """Every watch, oldest first."""
    return [Watch(*row) for row in db.execute(f"{_SELECT} ORDER BY id").fetchall()]


def find_watch(db: Database, name_or_id: str) -> Watch | None:
    """A watch by its name, its number (`3` or `#3`) or its URL."""
    text = name_or_id.strip()
    row = db.execute(f"{_SELECT} WHERE name = ? OR url = ?", [text, text]).fetchone()
    if row is None and text.lstrip("#").isdigit():
        row = db.execute(f"{_SELECT} WHERE id = ?", [int(text.lstrip("#"))]).fetchone()
    return Watch(*row) if row else None


def due_watches(db: Database, now: str) -> list[Watch]:
    """The watches whose next poll time has come, most overdue first."""
    rows = db.execute(
        f"{_SELECT} WHERE next_poll_at <= ? ORDER BY next_poll_at, id", [now]
    ).fetchall()
    return [Watch(*row) for row in rows]


def remove_watch(db: Database, watch_id: int) -> bool:
    """Stop watching a source (its stored articles stay); whether it existed."""
    with write_transaction(db) as conn:
        cursor = conn.execute("DELETE FROM watches WHERE id = ?", [watch_id])
    return cursor.rowcount > 0


def reschedule(db: Database, watch_id: int, next_poll_at: str) -> None:
    """Move a watch's next poll."""
    with write_transaction(db) as conn:
        conn.execute("UPDATE watches SET next_poll_at = ? WHERE id = ?", [next_poll_at, watch_id])


def record_poll(db: Database, watch_id: int, record: PollRecord) -> None:
    """Keep a poll's outcome: validators, counts and the next poll on success; the error,
    the streak and when it started on failure."""
    with write_transaction(db) as conn:
        if record.error is None:
            conn.execute(
                "UPDATE watches SET last_fetch_at = ?, next_poll_at = ?, last_outcome = ?, "
                "kind = COALESCE(?, kind), etag = COALESCE(?, etag), "
                "last_modified = COALESCE(?, last_modified), last_error = NULL, "
                "failing_since = NULL, errors = 0, kept = kept + ?, skipped = skipped + ?, "
                "last_new_at = CASE WHEN ? > 0 THEN ? ELSE last_new_at END WHERE id = ?",
                [
                    record.fetched_at,
                    record.next_poll_at,
                    record.outcome,
                    record.kind,
                    record.etag,
                    record.last_modified,
                    record.new_articles,
                    record.skipped,
                    record.new_articles,
                    record.fetched_at,
                    watch_id,
                ],
            )
        else:
            conn.execute(
                "UPDATE watches SET last_fetch_at = ?, next_poll_at = ?, last_outcome = ?, "
                "last_error = ?, failing_since = COALESCE(failing_since, ?), "
                "errors = errors + 1 WHERE id = ?",
                [
                    record.fetched_at,
                    record.next_poll_at,
                    record.outcome,
                    record.error,
                    record.fetched_at,
                    watch_id,
                ],
            )


MAX_ATTEMPTS = 3  # an item that could not be read this many times is given up


def seen_items(db: Database, watch_id: int, keys: list[str]) -> set[str]:
    """Which of these item keys this watch has handled before (or given up on)."""
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = db.execute(
            "SELECT item_key FROM watch_items WHERE watch_id = ? AND (outcome != 'failed' "
            f"OR attempts >= ?) AND item_key IN ({marks})",
            [watch_id, MAX_ATTEMPTS, *chunk],
        ).fetchall()
        found.update(str(row[0]) for row in rows)
    return found


def mark_item(db: Database, watch_id: int, key: str, outcome: str, now: str) -> None:
    """Remember that an item was handled (`kept` or `skipped`)."""
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT INTO watch_items (watch_id, item_key, outcome, seen_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (watch_id, item_key) DO UPDATE SET outcome = excluded.outcome, "
            "seen_at = excluded.seen_at WHERE outcome = 'failed'",
            [watch_id, key, outcome, now],
        )


def mark_failed(db: Database, watch_id: int, key: str, now: str) -> int:
    """Count a failed attempt at reading an item; how many there have been."""
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT INTO watch_items (watch_id, item_key, outcome, seen_at) "
            "VALUES (?, ?, 'failed', ?) ON CONFLICT (watch_id, item_key) DO UPDATE SET "
            "attempts = attempts + 1, seen_at = excluded.seen_at WHERE outcome = 'failed'",
            [watch_id, key, now],
        )
        row = conn.execute(
            "SELECT attempts FROM watch_items WHERE watch_id = ? AND item_key = ?",
            [watch_id, key],
        ).fetchone()
    return int(row[0]) if row else 0
