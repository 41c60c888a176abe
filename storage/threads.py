"""Every SQL statement about `ask` conversations: threads, their turns and what they cited.

A thread is identified by (surface, channel, thread key): a Slack thread, a Discord thread or
a `--thread` key typed on the command line. Each turn keeps the question, the answer, what it
was about (so "her" or "and Hungary?" resolve in the next turn) and the sentences it cited.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from records.conversation import TurnFocus
from storage.db import Database, write_transaction

# How many of a thread's latest turns are read back; older ones stay stored but unused.
MAX_TURNS_READ = 20
MAX_KEY_CHARS = 200


@dataclass(frozen=True)
class NewTurn:
    """A turn to store."""

    question: str
    resolved: str  # the question with pronouns and ellipsis resolved
    answer: str
    answer_kind: str  # "stance" | "passages" | "not_covered"
    focus: TurnFocus
    sentence_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class StoredTurn:
    """A stored turn of a thread."""

    id: int
    position: int
    question: str
    resolved: str
    answer: str
    answer_kind: str
    focus: TurnFocus
    sentence_ids: tuple[int, ...]
    created_at: str


@dataclass(frozen=True)
class Thread:
    """A conversation: where it happens and the digest it hangs off, if any."""

    id: int
    thread_key: str
    surface: str
    channel: str
    digest_id: int | None
    created_at: str
    updated_at: str


def _key(thread_key: str) -> str:
    return thread_key.strip()[:MAX_KEY_CHARS]


def find_thread(db: Database, thread_key: str, surface: str, channel: str | None) -> Thread | None:
    """The thread with this key on this surface and channel, if it was ever used."""
    row = db.execute(
        "SELECT id, thread_key, surface, channel, digest_id, created_at, updated_at FROM threads "
        "WHERE surface = ? AND channel = ? AND thread_key = ?",
        [surface, channel or "", _key(thread_key)],
    ).fetchone()
    return Thread(*row) if row else None


def _turn(row: Sequence[Any], cited: dict[int, list[int]]) -> StoredTurn:
    entities = json.loads(row[11]) if row[11] else []
    focus = TurnFocus(
        intent=str(row[7]),
        stance_filter=row[8],
        candidate=row[9],
        holder=row[10],
        entities=tuple(str(name) for name in entities if isinstance(name, str)),
    )
    return StoredTurn(
        id=int(row[0]),
        position=int(row[1]),
        question=str(row[2]),
        resolved=str(row[3]),
        answer=str(row[4]),
        answer_kind=str(row[5]),
        focus=focus,
        sentence_ids=tuple(cited.get(int(row[0]), [])),
        created_at=str(row[6]),
    )


def recent_turns(db: Database, thread_id: int, limit: int = MAX_TURNS_READ) -> list[StoredTurn]:
    """A thread's latest turns (at most `limit`), oldest first."""
    rows = db.execute(
        "SELECT id, position, question, resolved, answer, answer_kind, created_at, intent, "
        "stance_filter, candidate, holder, entities FROM thread_turns WHERE thread_id = ? "
        "ORDER BY position DESC LIMIT ?",
        [thread_id, limit],
    ).fetchall()
    rows.reverse()
    cited: dict[int, list[int]] = {}
    ids = [int(row[0]) for row in rows]
    if ids:
        marks = ",".join("?" for _ in ids)
        for turn_id, sentence_id in db.execute(
            f"SELECT turn_id, sentence_id FROM thread_citations WHERE turn_id IN ({marks}) "
            "ORDER BY turn_id, ord",
            ids,
        ).fetchall():
            cited.setdefault(int(turn_id), []).append(int(sentence_id))
    return [_turn(row, cited) for row in rows]


def _upsert_thread(
    conn: sqlite3.Connection,
    thread_key: str,
    surface: str,
    channel: str | None,
    now: str,
    digest_id: int | None,
) -> int:
    row = conn.execute(
        """
        INSERT INTO threads (thread_key, surface, channel, digest_id, created_at, updated_at)
        VALUES (?, ?, ?, (SELECT id FROM digests WHERE id = ?), ?, ?)
        ON CONFLICT (surface, channel, thread_key) DO UPDATE SET
            updated_at = excluded.updated_at,
            digest_id = COALESCE(excluded.digest_id, threads.digest_id)
        RETURNING id
        """,
        [_key(thread_key), surface, channel or "", digest_id, now, now],
    ).fetchone()
    return int(row[0])


def add_turn(
    db: Database,
    thread_key: str,
    surface: str,
    channel: str | None,
    turn: NewTurn,
    now: str,
    digest_id: int | None = None,
) -> int:
    """Store a turn (creating the thread on first use) in one write; returns its position.

    Cited sentences that no longer exist are left out rather than failing the write.
    """
    with write_transaction(db) as conn:
        thread_id = _upsert_thread(conn, thread_key, surface, channel, now, digest_id)
        position = int(
            conn.execute(
                "SELECT COALESCE(MAX(position), 0) + 1 FROM thread_turns WHERE thread_id = ?",
                [thread_id],
            ).fetchone()[0]
        )
        turn_id = conn.execute(
            """
            INSERT INTO thread_turns (thread_id, position, question, resolved, answer,
                answer_kind, intent, stance_filter, candidate, holder, entities, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                thread_id,
                position,
                turn.question,
                turn.resolved,
                turn.answer,
                turn.answer_kind,
                turn.focus.intent,
                turn.focus.stance_filter,
                turn.focus.candidate,
                turn.focus.holder,
                json.dumps(list(turn.focus.entities), ensure_ascii=False),
                now,
            ],
        ).lastrowid
        for ord_, sentence_id in enumerate(dict.fromkeys(turn.sentence_ids)):
            conn.execute(
                "INSERT INTO thread_citations (turn_id, ord, sentence_id) "
                "SELECT ?, ?, id FROM sentences WHERE id = ?",
                [turn_id, ord_, sentence_id],
            )
    return position


def latest_digest_id(db: Database) -> int | None:
    """The id of the newest stored digest, None when there is none."""
    row = db.execute("SELECT MAX(id) FROM digests").fetchone()
    return int(row[0]) if row and row[0] is not None else None
