"""Posting one subscription's digest for one local date, exactly once.

The delivery row is claimed before the post and finished after it. A claim left unfinished
by a crash is "in doubt": the post is looked for (our own record of posts, then the channel
itself through the adapter) and only made again when it is not found.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Literal, Protocol
from zoneinfo import ZoneInfo

from bot.archive import Archive
from bot.briefing.digests import daily_post
from bot.briefing.llm import llm_backend
from bot.config import Settings
from bot.reply import Reply
from storage.posts import post_since
from storage.subscriptions import (
    Subscription,
    claim_delivery,
    delivery_for,
    finish_delivery,
    last_posted_digest,
    subscription_by_id,
)

log = logging.getLogger(__name__)

Outcome = Literal["posted", "nothing_new", "already_done", "failed", "missed", "gone", "no_adapter"]


class Poster(Protocol):
    """What a chat adapter offers the digest scheduler and the alert watcher."""

    async def post_digest_reply(self, channel: str, reply: Reply) -> str:
        """Post a digest (or a "nothing new" line) in a channel; returns the message id."""
        ...

    async def find_recent_post(self, channel: str, since: datetime, title: str) -> str | None:
        """A message of the bot's in the channel since `since` whose title is `title`."""
        ...

    async def post_alert(self, channel: str, reply: Reply) -> str:
        """Post a stance-change alert in a channel; returns the message id."""
        ...


def stamp(moment: datetime | None = None) -> str:
    """A UTC timestamp to the second, as every table stores them."""
    return (moment or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")


def load_subscription(archive: Archive, subscription_id: int) -> Subscription | None:
    """One subscription, read in its own unit of work."""
    with archive.session() as session:
        db = session.db
        return subscription_by_id(db, subscription_id)


def claim(archive: Archive, subscription_id: int, local_date: str) -> tuple[str, str]:
    """Claim a day's delivery; returns the claim result and when the claim was made."""
    with archive.session() as session:
        db = session.db
        result = claim_delivery(db, subscription_id, local_date, stamp())
        row = delivery_for(db, subscription_id, local_date)
        return result, row.claimed_at if row else stamp()


def recorded_post(archive: Archive, sub: Subscription, since: str) -> str | None:
    """The message id of a digest we recorded posting in the channel since `since`."""
    with archive.session() as session:
        db = session.db
        post = post_since(db, sub.surface, sub.channel, since)
        return post.message_id if post else None


def build_reply(
    archive: Archive, settings: Settings, sub: Subscription, now: datetime
) -> Reply | None:
    """Today's digest for this channel, or one line when nothing arrived since its last post."""
    with archive.session() as session:
        last = last_posted_digest(session.db, sub.id)
        return daily_post(session, now, last, llm_backend(settings, session.db))


def finish(
    archive: Archive,
    sub: Subscription,
    local_date: str,
    status: str,
    *,
    digest_id: int | None = None,
    message_id: str | None = None,
    error: str | None = None,
) -> None:
    """Record how a delivery ended."""
    with archive.session() as session:
        db = session.db
        finish_delivery(
            db,
            sub.id,
            local_date,
            status,
            stamp(),
            digest_id=digest_id,
            message_id=message_id,
            error=error,
        )


def past_grace(sub: Subscription, local_date: str, now: datetime, grace: timedelta) -> bool:
    """Whether it is too late to post this day's digest."""
    day = datetime.fromisoformat(local_date)
    due = datetime(
        day.year, day.month, day.day, sub.hour, sub.minute, tzinfo=ZoneInfo(sub.timezone)
    )
    return now > due + grace
