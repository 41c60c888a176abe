"""`WatchPoller`: the watched sources polled inside `natosg run`, on the bot's APScheduler.

One interval job looks for sources whose stored next poll time has come and polls them, a
few at a time, in worker threads. The schedule lives in the database, so a restart resumes
it; sources that fell due while the bot was down are spread out rather than fetched at once.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.archive import Archive
from bot.ingest.netguard import AddressPolicy
from bot.watch import timing
from bot.watch.polling import PollLimits, PollReport, WatchPolling
from storage.watches import Watch, due_watches, reschedule

log = logging.getLogger(__name__)

JOB_ID = "watch-poll"
TICK = timedelta(seconds=30)
MAX_PARALLEL = 3
RESTART_STEP = timedelta(minutes=2)


class WatchPoller:
    """Polls due sources on a scheduler (the digest scheduler's, when given one)."""

    def __init__(
        self,
        archive: Archive,
        policy: AddressPolicy,
        *,
        scheduler: AsyncIOScheduler | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        rng: random.Random | None = None,
        limits: PollLimits | None = None,
        tick: timedelta = TICK,
        max_parallel: int = MAX_PARALLEL,
        restart_step: timedelta = RESTART_STEP,
    ) -> None:
        self.archive = archive
        self.clock = clock
        self.rng = rng or random.Random()
        self.polling = WatchPolling(
            archive, policy, clock=clock, rng=self.rng, limits=limits or PollLimits()
        )
        self.scheduler = scheduler or AsyncIOScheduler(timezone=UTC)
        self._owns_scheduler = scheduler is None
        self.tick = tick
        self.max_parallel = max_parallel
        self.restart_step = restart_step
        self._in_flight: set[int] = set()
        self._slots: asyncio.Semaphore | None = None

    async def start(self) -> dict[int, datetime]:
        """Spread out the sources that fell due while stopped, then poll on every tick.
        Returns the new poll times given to overdue sources."""
        self._slots = asyncio.Semaphore(self.max_parallel)
        spread = await asyncio.to_thread(self.resume)
        self.scheduler.add_job(
            self.poll_due,
            trigger=IntervalTrigger(seconds=max(1, int(self.tick.total_seconds()))),
            id=JOB_ID,
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=int(self.tick.total_seconds()) or 1,
        )
        if self._owns_scheduler and not self.scheduler.running:
            self.scheduler.start()
        return spread

    async def close(self) -> None:
        """Stop polling (a poll under way finishes in its thread)."""
        if self.scheduler.get_job(JOB_ID) is not None:
            self.scheduler.remove_job(JOB_ID)
        if self._owns_scheduler and self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    def resume(self) -> dict[int, datetime]:
        """Give the sources already due new poll times, a step apart, and store them."""
        now = self.clock()
        with self.archive.session() as session:
            overdue = due_watches(session.db, now.isoformat(timespec="seconds"))
            pairs = [(w.id, timedelta(seconds=w.every_s)) for w in overdue]
            spread = timing.spread_overdue(now, pairs, self.rng, self.restart_step)
            for watch_id, when in spread.items():
                reschedule(session.db, watch_id, when.isoformat(timespec="seconds"))
        if spread:
            log.info(
                "watch: %d sources fell due while stopped; spread over the next minutes",
                len(spread),
            )
        return spread

    async def poll_due(self) -> list[PollReport]:
        """Poll every source whose time has come (at most `max_parallel` at once)."""
        now = self.clock().isoformat(timespec="seconds")

        def read() -> list[Watch]:
            with self.archive.session() as session:
                return due_watches(session.db, now)

        due = [w for w in await asyncio.to_thread(read) if w.id not in self._in_flight]
        return list(await asyncio.gather(*(self._poll(watch) for watch in due)))

    async def _poll(self, watch: Watch) -> PollReport:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.max_parallel)
        self._in_flight.add(watch.id)
        try:
            async with self._slots:
                return await asyncio.to_thread(self.polling.poll, watch)
        finally:
            self._in_flight.discard(watch.id)
