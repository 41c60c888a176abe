"""Every SQL statement about subscriptions and their deliveries.

A delivery is claimed (status `posting`) in its own transaction before anything is posted,
and finished after. The unique (subscription, local date) key makes the claim the lock: a
second claim for the same day finds the row and never posts again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from storage.db import Database, write_transaction

ClaimResult = Literal["claimed", "retry", "done", "in_doubt"]
FINAL = ("posted", "nothing_new", "missed")


@dataclass(frozen=True)
class Subscription:
    """A channel's daily digest time."""

    id: int
    surface: str
    channel: str
    hour: int
    minute: int
    timezone: str
    created_by: str | None


@dataclass(frozen=True)
class Delivery:
    """One day's post for a subscription, and how it went."""

    id: int
    subscription_id: int
    local_date: str
    status: str
    attempts: int
    digest_id: int | None
    message_id: str | None
    error: str | None
    claimed_at: str


_SUB = "SELECT id, surface, channel, hour, minute, timezone, created_by FROM subscriptions"
_DELIVERY = (
    "SELECT id, subscription_id, local_date, status, attempts, digest_id, message_id, error, "
    "claimed_at FROM deliveries"
)


def subscribe(
    db: Database,
    surface: str,
    channel: str,
    hour: int,
    minute: int,
    zone: str,
    user: str | None,
    now: str,
) -> tuple[Subscription, bool]:
    """Create or move a channel's subscription; returns it and whether it is new."""
    with write_transaction(db) as conn:
        existing = conn.execute(
            "SELECT id FROM subscriptions WHERE surface = ? AND channel = ?", [surface, channel]
        ).fetchone()
        if existing:
            conn.execute(
                "UPDATE subscriptions SET hour = ?, minute = ?, timezone = ?, created_by = ? "
                "WHERE id = ?",
                [hour, minute, zone, user, existing[0]],
            )
        else:
            conn.execute(
                "INSERT INTO subscriptions (surface, channel, hour, minute, timezone, created_by, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [surface, channel, hour, minute, zone, user, now],
            )
    found = subscription_for(db, surface, channel)
    assert found is not None
    return found, existing is None


def unsubscribe(db: Database, surface: str, channel: str) -> Subscription | None:
    """Remove a channel's subscription (and its delivery history); returns what was removed."""
    found = subscription_for(db, surface, channel)
    if found is not None:
        with write_transaction(db) as conn:
            conn.execute("DELETE FROM subscriptions WHERE id = ?", [found.id])
    return found


def subscription_for(db: Database, surface: str, channel: str) -> Subscription | None:
    """The subscription of one channel, if any."""
    row = db.execute(_SUB + " WHERE surface = ? AND channel = ?", [surface, channel]).fetchone()
    return Subscription(*row) if row else None


def subscription_by_id(db: Database, subscription_id: int) -> Subscription | None:
    """One subscription by id."""
    row = db.execute(_SUB + " WHERE id = ?", [subscription_id]).fetchone()
    return Subscription(*row) if row else None


def all_subscriptions(db: Database, surface: str | None = None) -> list[Subscription]:
    """Every subscription (of one surface), oldest first."""
    if surface is None:
        rows = db.execute(_SUB + " ORDER BY id").fetchall()
    else:
        rows = db.execute(_SUB + " WHERE surface = ? ORDER BY id", [surface]).fetchall()
    return [Subscription(*row) for row in rows]


def delivery_for(db: Database, subscription_id: int, local_date: str) -> Delivery | None:
    """The delivery of one subscription on one local date, if any."""
    row = db.execute(
        _DELIVERY + " WHERE subscription_id = ? AND local_date = ?", [subscription_id, local_date]
    ).fetchone()
    return Delivery(*row) if row else None


def claim_delivery(db: Database, subscription_id: int, local_date: str, now: str) -> ClaimResult:
    """Take the right to post one day's digest.

    `claimed`: a new row, go ahead. `retry`: an earlier attempt failed before posting, go
    ahead again. `done`: posted, nothing new, or given up. `in_doubt`: a claim exists that
    never finished (a crash while posting), so the post may or may not have gone out.
    """
    with write_transaction(db) as conn:
        row = conn.execute(
            "SELECT id, status FROM deliveries WHERE subscription_id = ? AND local_date = ?",
            [subscription_id, local_date],
        ).fetchone()
        if row is None:
            conn.execute(
                "INSERT INTO deliveries (subscription_id, local_date, status, claimed_at) "
                "VALUES (?, ?, 'posting', ?)",
                [subscription_id, local_date, now],
            )
            return "claimed"
        if row[1] in FINAL:
            return "done"
        if row[1] == "failed":
            conn.execute(
                "UPDATE deliveries SET status = 'posting', attempts = attempts + 1, "
                "claimed_at = ? WHERE id = ?",
                [now, row[0]],
            )
            return "retry"
        return "in_doubt"


def finish_delivery(
    db: Database,
    subscription_id: int,
    local_date: str,
    status: str,
    now: str,
    *,
    digest_id: int | None = None,
    message_id: str | None = None,
    error: str | None = None,
) -> None:
    """Record how a claimed delivery ended."""
    with write_transaction(db) as conn:
        conn.execute(
            "UPDATE deliveries SET status = ?, digest_id = COALESCE(?, digest_id), "
            "message_id = COALESCE(?, message_id), error = ?, finished_at = ? "
            "WHERE subscription_id = ? AND local_date = ?",
            [status, digest_id, message_id, error, now, subscription_id, local_date],
        )


def last_posted_digest(db: Database, subscription_id: int) -> int | None:
    """The digest most recently posted for a subscription (for "nothing new" days)."""
    row = db.execute(
        "SELECT digest_id FROM deliveries WHERE subscription_id = ? AND status = 'posted' "
        "AND digest_id IS NOT NULL ORDER BY local_date DESC LIMIT 1",
        [subscription_id],
    ).fetchone()
    return int(row[0]) if row else None
