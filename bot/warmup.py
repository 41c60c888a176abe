"""Keeping a long-running bot's archive warm: after it changes, the claims and the answers
most asked for are computed in the background, not on a user's first command.

At 100,000 articles the first command after an ingest reads every claim (seconds); every
later one takes milliseconds. `natosg run` starts a `CacheWarmer`, which notices a change
(an ingest here or in another process) within `interval` seconds and calls
`Archive.warm` then, and computes the next digest's draft without storing it, so "what
changed since the last digest" still counts from the last digest anyone was given.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from datetime import UTC, datetime

from bot.archive import Archive, settle_heap
from bot.briefing.digests import next_digest_draft
from bot.race_results import firm_backers, keep_for_new_processes

log = logging.getLogger(__name__)

CHECK_EVERY_S = 30.0


def warm(archive: Archive) -> int:
    """Warm the archive's caches, keep the candidates, the timeline, the firm backers and each
    candidate's stances in the database (for new processes) and compute the next digest's
    draft (kept with the claims, not stored); returns how many results were computed."""
    computed = archive.warm()
    with archive.session() as session:
        computed += keep_for_new_processes(session)
        firm_backers(session)  # what `who-opposes` reads in this process
        next_digest_draft(session, datetime.now(UTC))
    settle_heap()  # what was just worked out is kept until the next change
    return computed + 1


class CacheWarmer:
    """Warms the archive at start and whenever it has changed since the last time."""

    def __init__(self, archive: Archive, interval: float = CHECK_EVERY_S) -> None:
        self.archive = archive
        self.interval = interval
        self._warmed: tuple[str, int] | None = None
        self._task: asyncio.Task[None] | None = None

    def _revision(self) -> tuple[str, int] | None:
        with self.archive.session() as session:
            return self.archive.revision(session.db)

    async def warm_if_changed(self) -> bool:
        """Warm up if the archive changed since the last warm-up; whether it did. A failure
        is logged and tried again at the next check, never raised."""
        try:
            revision = await asyncio.to_thread(self._revision)
            if revision is None or revision == self._warmed:
                return False
            started = time.monotonic()
            count = await asyncio.to_thread(warm, self.archive)
        except Exception as exc:  # a broken archive must not stop the bot; commands say why
            log.warning("could not warm the caches: %s", type(exc).__name__)
            return False
        self._warmed = revision
        log.debug("caches warmed: %d results in %.1f s", count, time.monotonic() - started)
        return True

    async def start(self) -> None:
        """Begin checking in the background."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="cache-warmer")

    async def _run(self) -> None:
        while True:
            await self.warm_if_changed()
            await asyncio.sleep(self.interval)

    async def close(self) -> None:
        """Stop checking (a warm-up under way finishes in its thread, its results unused)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
