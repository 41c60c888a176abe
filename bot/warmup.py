"""Keeping a long-running bot's caches warm: after an archive changes, the claims and the
answers most asked for are computed in the background, not on a user's first command.

At 100,000 articles the first command after an ingest reads every claim (seconds); every
later one takes milliseconds. `natosg run` starts a `CacheWarmer`, which notices a change
(an ingest here or in another process) within `interval` seconds and warms up then. Only
read-only work is done: the next digest is computed but not stored, so "what changed since
the last digest" still counts from the last digest anyone was given.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from datetime import UTC, datetime
from pathlib import Path

from bot.briefing.digests import prepare_digest
from bot.dispatch import run_words
from bot.registry import CommandContext, Registry
from storage.claims import data_revision, evidence_of_kind
from storage.db import open_database
from summarizer.race.candidates import summarise_candidates

log = logging.getLogger(__name__)

CHECK_EVERY_S = 30.0
MAX_CANDIDATES = 12  # the candidates whose stances are warmed, most backed first


def archive_revision(db_path: Path) -> tuple[str, int] | None:
    """The database's identity and change counter (None before it has one)."""
    db = open_database(db_path)
    try:
        return data_revision(db)
    finally:
        db.close()


def warm_caches(db_path: Path, registry: Registry) -> int:
    """Run the read-only commands users ask most, and compute the digest a `digest` command
    would build, so their results are cached; returns how many commands were run."""
    db = open_database(db_path)
    try:
        # The order `candidates` lists them in: the most backed first.
        summaries = summarise_candidates(evidence_of_kind(db, ["candidacy", "stance"]))
        prepare_digest(db, datetime.now(UTC))  # computed, not stored
    finally:
        db.close()
    names = [summary.name for summary in summaries[:MAX_CANDIDATES]]
    calls = [["candidates"], ["timeline"]]
    for name in names:
        calls += [["who-backs", name], ["timeline", name]]
    ctx = CommandContext(db_path=db_path, surface="cli")
    for words in calls:
        run_words(words, ctx, registry)
    return len(calls)


class CacheWarmer:
    """Warms the caches at start and whenever the archive has changed since the last time."""

    def __init__(self, db_path: Path, registry: Registry, interval: float = CHECK_EVERY_S):
        self.db_path = db_path
        self.registry = registry
        self.interval = interval
        self._warmed: tuple[str, int] | None = None
        self._task: asyncio.Task[None] | None = None

    async def warm_if_changed(self) -> bool:
        """Warm up if the archive changed since the last warm-up; whether it did. A failure
        is logged and tried again at the next check, never raised."""
        try:
            revision = await asyncio.to_thread(archive_revision, self.db_path)
            if revision is None or revision == self._warmed:
                return False
            started = time.monotonic()
            count = await asyncio.to_thread(warm_caches, self.db_path, self.registry)
        except Exception as exc:  # a broken archive must not stop the bot; commands say why
            log.warning("could not warm the caches: %s", type(exc).__name__)
            return False
        self._warmed = revision
        log.debug("caches warmed by %d commands in %.1f s", count, time.monotonic() - started)
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
