"""Full-text entries written later, in batches, for the sentences of a bulk ingest.

Triggers keep the full-text index (`sentences_fts`) as sentences are stored. A bulk ingest
commits each article on its own, and each commit wrote that article's entries as a new
segment of the index and merged segments again: 1.6 ms of the 6 ms the storing process
spent on an article at 100,000 articles. So a bulk ingest marks the ids of the sentences
it stores as pending (the triggers then leave them alone) and writes their entries in one
statement every FULL_TEXT_BATCH articles and when it ends: a quarter of the cost.

The pending ids are rows of the database, written in the article's own transaction, so an
ingest that stops half-way (killed, a power cut) leaves them for the next store to index:
never half-indexed, never unindexed for good. Sentences stored by anyone else meanwhile are
indexed at once, as ever, and are not pending.
"""

from __future__ import annotations

import sqlite3

# Articles whose sentences wait for their full-text entries, at most (about a second of a
# bulk ingest: search sees an article that much later than its sentences).
FULL_TEXT_BATCH = 32


def defer(conn: sqlite3.Connection, first_id: int, last_id: int) -> None:
    """Mark sentences `first_id`..`last_id` as pending, before they are inserted (inside the
    caller's write transaction): their insert then writes no full-text entry."""
    conn.execute("INSERT INTO fts_pending (first_id, last_id) VALUES (?, ?)", [first_id, last_id])


def any_pending(conn: sqlite3.Connection) -> bool:
    """Whether some stored sentences still wait for their full-text entries."""
    return bool(conn.execute("SELECT EXISTS (SELECT 1 FROM fts_pending)").fetchone()[0])


def index_pending(conn: sqlite3.Connection) -> int:
    """Write the full-text entries of every pending sentence still stored, in one statement
    (inside the caller's write transaction); how many were written."""
    cursor = conn.execute(
        "INSERT INTO sentences_fts (rowid, text) "
        "SELECT s.id, s.text FROM fts_pending AS p "
        "JOIN sentences AS s ON s.id BETWEEN p.first_id AND p.last_id ORDER BY s.id"
    )
    written = cursor.rowcount
    conn.execute("DELETE FROM fts_pending")
    return written
