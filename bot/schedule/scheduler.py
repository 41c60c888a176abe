"""The daily digest scheduler: one APScheduler cron job per subscription, in its zone.

Jobs have fixed ids and follow the subscriptions table: `sync_jobs()` adds, moves and removes
them (subscription commands ask for it through `Archive.subscriptions_changed()`). At start, a post
that fell due while the bot was down is made late, within the grace window. The truth of
what was posted lives in the deliveries table, never in the scheduler.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger

from bot.archive import Archive
from bot.config import Settings
from bot.schedule import deliveries
from bot.schedule.deliveries import Outcome, Poster
from bot.schedule.times import DEFAULT_GRACE, DailyTime, due_for_catch_up
from storage.subscriptions import Subscription, all_subscriptions, delivery_for

log = logging.getLogger(__name__)

RETRY_EVERY = timedelta(minutes=5)
_JOB_PREFIX = "digest-"


def _utc_now() -> datetime:
    return datetime.now(UTC)


class DigestScheduler:
    """Posts each subscribed channel's digest once a day through its chat adapter."""

    def __init__(
        self,
        settings: Settings,
        archive: Archive,
        posters: Mapping[str, Poster],
        *,
        clock: Callable[[], datetime] = _utc_now,
        grace: timedelta = DEFAULT_GRACE,
        retry_every: timedelta = RETRY_EVERY,
    ) -> None:
        self.settings = settings
        self.archive = archive
        self.posters = dict(posters)
        self.clock = clock
        self.grace = grace
        self.retry_every = retry_every
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self._build_lock = asyncio.Lock()
        self._in_flight: set[tuple[int, str]] = set()
        self._loop: asyncio.AbstractEventLoop | None = None

    # --- lifecycle -----------------------------------------------------------------------------
    async def start(self) -> list[Outcome]:
        """Start the jobs and make the posts that fell due while the bot was down."""
        self._loop = asyncio.get_running_loop()
        self.scheduler.start()
        self.archive.on_subscriptions_changed(self._on_change)
        await self.sync_jobs()
        return await self.catch_up()

    async def close(self) -> None:
        """Stop the jobs."""
        self.archive.stop_telling(self._on_change)
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    def _on_change(self) -> None:
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(lambda: asyncio.ensure_future(self.sync_jobs()))

    # --- jobs ----------------------------------------------------------------------------------
    async def _subscriptions(self) -> list[Subscription]:
        def read() -> list[Subscription]:
            with self.archive.session() as session:
                db = session.db
                return [s for s in all_subscriptions(db) if s.surface in self.posters]

        return await asyncio.to_thread(read)

    async def sync_jobs(self) -> None:
        """Make the jobs match the subscriptions table."""
        wanted = {f"{_JOB_PREFIX}{s.id}": s for s in await self._subscriptions()}
        for job in self.scheduler.get_jobs():
            if job.id.startswith(_JOB_PREFIX) and job.id not in wanted:
                job.remove()
        for job_id, sub in wanted.items():
            self.scheduler.add_job(
                self.deliver_due,
                trigger=DailyTime(sub.hour, sub.minute, sub.timezone).trigger(),
                args=[sub.id],
                id=job_id,
                replace_existing=True,
                misfire_grace_time=int(self.grace.total_seconds()),
                coalesce=True,
                max_instances=1,
            )

    def job_ids(self) -> list[str]:
        """The ids of the scheduled daily jobs."""
        return sorted(j.id for j in self.scheduler.get_jobs() if j.id.startswith(_JOB_PREFIX))

    async def deliver_due(self, subscription_id: int) -> Outcome:
        """The cron job: post today's (local) digest for one subscription."""
        sub = await asyncio.to_thread(deliveries.load_subscription, self.archive, subscription_id)
        if sub is None:
            return "gone"
        local_date = DailyTime(sub.hour, sub.minute, sub.timezone).local_date(self.clock())
        return await self.deliver(subscription_id, local_date.isoformat())

    async def catch_up(self) -> list[Outcome]:
        """Post what fell due within the grace window and was not delivered."""
        outcomes = []
        now = self.clock()
        for sub in await self._subscriptions():
            day = due_for_catch_up(DailyTime(sub.hour, sub.minute, sub.timezone), now, self.grace)
            if day is None or await self._finished(sub.id, day.isoformat()):
                continue
            log.info(
                "posting the digest due at %02d:%02d in %s late", sub.hour, sub.minute, sub.channel
            )
            outcomes.append(await self.deliver(sub.id, day.isoformat()))
        return outcomes

    async def _finished(self, subscription_id: int, local_date: str) -> bool:
        def read() -> bool:
            with self.archive.session() as session:
                db = session.db
                row = delivery_for(db, subscription_id, local_date)
                return row is not None and row.status in ("posted", "nothing_new", "missed")

        return await asyncio.to_thread(read)

    # --- one delivery --------------------------------------------------------------------------
    async def deliver(self, subscription_id: int, local_date: str) -> Outcome:
        """Post one subscription's digest for one local date, at most once."""
        key = (subscription_id, local_date)
        if key in self._in_flight:  # the cron job and a catch-up or retry met: one is enough
            return "already_done"
        self._in_flight.add(key)
        try:
            return await self._deliver(subscription_id, local_date)
        finally:
            self._in_flight.discard(key)

    async def _deliver(self, subscription_id: int, local_date: str) -> Outcome:
        settings = self.settings
        sub = await asyncio.to_thread(deliveries.load_subscription, self.archive, subscription_id)
        if sub is None:
            return "gone"
        poster = self.posters.get(sub.surface)
        if poster is None:
            return "no_adapter"
        result, claimed_at = await asyncio.to_thread(
            deliveries.claim, self.archive, sub.id, local_date
        )
        if result == "done":
            return "already_done"
        async with self._build_lock:  # the first channel builds the day's digest; others reuse it
            reply = await asyncio.to_thread(
                deliveries.build_reply, self.archive, settings, sub, self.clock()
            )
        if reply is None:
            await asyncio.to_thread(deliveries.finish, self.archive, sub, local_date, "nothing_new")
            return "nothing_new"
        digest_id = reply.data.get("digest_id")
        digest_id = digest_id if isinstance(digest_id, int) else None
        status = "nothing_new" if reply.data.get("nothing_new") else "posted"
        message_id = None
        if result == "in_doubt":
            message_id = await self._find_earlier_post(poster, sub, claimed_at, reply.title)
            if message_id is not None:
                log.warning("a digest post interrupted earlier had gone out; not posting again")
        posted_now = message_id is None
        if message_id is None:
            try:
                message_id = await poster.post_digest_reply(sub.channel, reply)
            except Exception as exc:
                return await self._failed(sub, local_date, exc)
        await asyncio.to_thread(
            deliveries.finish,
            self.archive,
            sub,
            local_date,
            status,
            digest_id=digest_id,
            message_id=message_id,
        )
        if not posted_now:
            return "already_done"
        return "posted" if status == "posted" else "nothing_new"

    async def _find_earlier_post(
        self, poster: Poster, sub: Subscription, claimed_at: str, title: str
    ) -> str | None:
        recorded = await asyncio.to_thread(deliveries.recorded_post, self.archive, sub, claimed_at)
        if recorded is not None:
            return recorded
        try:
            return await poster.find_recent_post(
                sub.channel, datetime.fromisoformat(claimed_at), title
            )
        except Exception:
            log.warning("could not check %s for an earlier post", sub.channel, exc_info=True)
            return None

    async def _failed(self, sub: Subscription, local_date: str, exc: Exception) -> Outcome:
        now = self.clock()
        error = f"{type(exc).__name__}: {str(exc)[:200]}"
        if deliveries.past_grace(sub, local_date, now + self.retry_every, self.grace):
            log.error(
                "digest for %s on %s missed: the %s adapter kept failing (%s)",
                sub.channel,
                local_date,
                sub.surface,
                type(exc).__name__,
            )
            await asyncio.to_thread(
                deliveries.finish, self.archive, sub, local_date, "missed", error=error
            )
            return "missed"
        log.warning(
            "digest for %s on %s failed (%s); retrying in %s",
            sub.channel,
            local_date,
            type(exc).__name__,
            self.retry_every,
        )
        await asyncio.to_thread(
            deliveries.finish, self.archive, sub, local_date, "failed", error=error
        )
        self.scheduler.add_job(
            self.deliver,
            trigger=DateTrigger(run_date=now + self.retry_every),
            args=[sub.id, local_date],
            id=f"retry-{sub.id}-{local_date}",
            replace_existing=True,
            misfire_grace_time=int(self.grace.total_seconds()),
        )
        return "failed"
