"""Every SQL statement about alert subscriptions and the alerts sent.

An alert is claimed (a row under the unique (subscription, change) key) before it is posted
and finished after: a change is posted at most once per channel, across restarts too.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.db import Database, write_transaction


@dataclass(frozen=True)
class AlertSubscription:
    """A channel that is told at once when the race changes.

    Only changes first reported in articles stored after `after_article_id` (the newest when
    the channel subscribed) are sent, so subscribing never replays the race's history."""

    id: int
    surface: str
    channel: str
    after_article_id: int
    created_by: str | None


_SELECT = "SELECT id, surface, channel, after_article_id, created_by FROM alert_subscriptions"


def subscribe_alerts(
    db: Database, surface: str, channel: str, user: str | None, now: str
) -> tuple[AlertSubscription, bool]:
    """Subscribe a channel to alerts (kept as it is when it already is); whether it is new."""
    with write_transaction(db) as conn:
        found = alert_subscription_for(db, surface, channel)
        if found is not None:
            return found, False
        newest = conn.execute("SELECT COALESCE(MAX(id), 0) FROM articles").fetchone()[0]
        conn.execute(
            "INSERT INTO alert_subscriptions (surface, channel, after_article_id, created_by, "
            "created_at) VALUES (?, ?, ?, ?, ?)",
            [surface, channel, int(newest), user, now],
        )
    made = alert_subscription_for(db, surface, channel)
    assert made is not None
    return made, True


def unsubscribe_alerts(db: Database, surface: str, channel: str) -> bool:
    """Stop a channel's alerts; whether it had them."""
    with write_transaction(db) as conn:
        cursor = conn.execute(
            "DELETE FROM alert_subscriptions WHERE surface = ? AND channel = ?", [surface, channel]
        )
    return cursor.rowcount > 0


def alert_subscription_for(db: Database, surface: str, channel: str) -> AlertSubscription | None:
    """A channel's alert subscription, if any."""
    row = db.execute(f"{_SELECT} WHERE surface = ? AND channel = ?", [surface, channel]).fetchone()
    return AlertSubscription(*row) if row else None


def all_alert_subscriptions(db: Database) -> list[AlertSubscription]:
    """Every alert subscription, oldest first."""
    return [AlertSubscription(*row) for row in db.execute(f"{_SELECT} ORDER BY id").fetchall()]


def claim_alert(db: Database, subscription_id: int, change_key: str, now: str) -> bool:
    """Claim one change for one channel before posting it; False when it was claimed before
    (posted, or lost to a crash: never posted twice)."""
    with write_transaction(db) as conn:
        cursor = conn.execute(
            "INSERT OR IGNORE INTO alerts_sent (subscription_id, change_key, status, claimed_at) "
            "VALUES (?, ?, 'posting', ?)",
            [subscription_id, change_key, now],
        )
    return cursor.rowcount > 0


def finish_alert(
    db: Database, subscription_id: int, change_key: str, status: str, message_id: str | None
) -> None:
    """Record how posting one alert ended."""
    with write_transaction(db) as conn:
        conn.execute(
            "UPDATE alerts_sent SET status = ?, message_id = ? "
            "WHERE subscription_id = ? AND change_key = ?",
            [status, message_id, subscription_id, change_key],
        )


def alerts_sent(db: Database, subscription_id: int) -> list[tuple[str, str]]:
    """(change key, status) of every alert claimed for a subscription, oldest first."""
    rows = db.execute(
        "SELECT change_key, status FROM alerts_sent WHERE subscription_id = ? ORDER BY claimed_at",
        [subscription_id],
    ).fetchall()
    return [(str(row[0]), str(row[1])) for row in rows]
