"""Every SQL statement about messages the bot posted in chat channels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from storage.db import Database, write_transaction


@dataclass(frozen=True)
class ChatPost:
    """A message the bot posted, and the thread its follow-ups arrive in."""

    surface: str
    channel: str
    message_id: str
    thread_id: str
    digest_id: int | None
    kind: str


def record_post(
    db: Database,
    surface: str,
    channel: str,
    message_id: str,
    *,
    thread_id: str | None = None,
    digest_id: int | None = None,
    kind: str = "digest",
) -> None:
    """Remember a posted message (its thread defaults to the message itself, as on Slack)."""
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT OR IGNORE INTO chat_posts (surface, channel, message_id, thread_id, "
            "digest_id, kind, posted_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                surface,
                channel,
                message_id,
                thread_id or message_id,
                digest_id,
                kind,
                datetime.now(UTC).isoformat(timespec="seconds"),
            ],
        )


def post_for_thread(db: Database, surface: str, thread_id: str) -> ChatPost | None:
    """The bot's post whose thread this is, if any."""
    row = db.execute(
        "SELECT surface, channel, message_id, thread_id, digest_id, kind FROM chat_posts "
        "WHERE surface = ? AND thread_id = ? ORDER BY id DESC LIMIT 1",
        [surface, thread_id],
    ).fetchone()
    return ChatPost(*row) if row else None


def post_since(db: Database, surface: str, channel: str, since: str) -> ChatPost | None:
    """The newest digest the bot recorded posting in a channel at or after `since`."""
    row = db.execute(
        "SELECT surface, channel, message_id, thread_id, digest_id, kind FROM chat_posts "
        "WHERE surface = ? AND channel = ? AND posted_at >= ? ORDER BY id DESC LIMIT 1",
        [surface, channel, since],
    ).fetchone()
    return ChatPost(*row) if row else None
