"""Stance-change alerts: channels that asked (`subscribe alerts`) are told at once, once.

`natosg run` starts an `AlertWatcher` next to the digest scheduler. Whenever the archive has
changed (an ingest here or in another process), it works out the race's changes and posts
each one not yet sent to each subscribed channel whose platform is running. Each alert is
claimed in the database before it is posted, so a change is never posted twice, also across
restarts; one lost to a crash between claim and post is not posted again (at most once).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping, Sequence

from bot.archive import TIMELINE_KINDS, Archive
from bot.citations import CitationBook
from bot.reply import Line, Reply, Section, scrub_reply
from bot.schedule.deliveries import Poster, stamp
from storage.alerts import (
    AlertSubscription,
    all_alert_subscriptions,
    claim_alert,
    finish_alert,
)
from summarizer.race.changes import RaceChange, race_changes

log = logging.getLogger(__name__)

CHECK_EVERY_S = 30.0
ALERT_TITLE = "NATO Secretary General race: alert"


def alert_reply(change: RaceChange) -> Reply:
    """One change as a cited reply."""
    book = CitationBook()
    line = Line(change.text, book.cite_all(list(change.evidence)))
    return Reply(
        command="alert",
        title=ALERT_TITLE,
        sections=(Section(None, (line,)),),
        citations=book.citations,
        data={"change": change.key},
    )


def _due(archive: Archive) -> list[tuple[AlertSubscription, RaceChange]]:
    """Every (channel, change) pair not claimed yet."""
    with archive.session() as session:
        subscriptions = all_alert_subscriptions(session.db)
        if not subscriptions:
            return []
        changes = race_changes(session.claims_of_kind(TIMELINE_KINDS))
        due = []
        for sub in subscriptions:
            for change in changes:
                if change.first_article_id > sub.after_article_id:
                    due.append((sub, change))
        return due


def _claim(archive: Archive, sub: AlertSubscription, change: RaceChange) -> bool:
    with archive.session() as session:
        return claim_alert(session.db, sub.id, change.key, stamp())


def _finish(
    archive: Archive, sub: AlertSubscription, change: RaceChange, status: str, message: str | None
) -> None:
    with archive.session() as session:
        finish_alert(session.db, sub.id, change.key, status, message)


class AlertWatcher:
    """Posts each new change of the race once to each channel that asked for alerts."""

    def __init__(
        self,
        archive: Archive,
        posters: Mapping[str, Poster],
        interval: float = CHECK_EVERY_S,
        secrets: Sequence[str] = (),
    ) -> None:
        self.archive = archive
        self.secrets = tuple(secrets)
        self.posters = dict(posters)
        self.interval = interval
        self._seen: tuple[str, int] | None = None
        self._task: asyncio.Task[None] | None = None

    def _revision(self) -> tuple[str, int] | None:
        with self.archive.session() as session:
            return self.archive.revision(session.db)

    async def check(self) -> int:
        """Post every alert that is due; returns how many were posted. A failure is logged
        and the alert marked failed, never retried in a loop, never raised."""
        posted = 0
        due = await asyncio.to_thread(_due, self.archive)
        for sub, change in due:
            poster = self.posters.get(sub.surface)
            if poster is None:
                continue  # that platform is not running here
            if not await asyncio.to_thread(_claim, self.archive, sub, change):
                continue  # sent before (or claimed by another process)
            try:
                reply = scrub_reply(alert_reply(change), self.secrets)
                message_id = await poster.post_alert(sub.channel, reply)
            except Exception as exc:
                log.warning("could not post an alert in %s: %s", sub.channel, type(exc).__name__)
                await asyncio.to_thread(_finish, self.archive, sub, change, "failed", None)
                continue
            await asyncio.to_thread(_finish, self.archive, sub, change, "posted", message_id)
            posted += 1
        return posted

    async def check_if_changed(self) -> int:
        """`check` when the archive changed since the last look (or subscriptions may have)."""
        try:
            revision = await asyncio.to_thread(self._revision)
            if revision is not None and revision == self._seen:
                return 0
            posted = await self.check()
        except Exception as exc:  # a broken archive must not stop the bot
            log.warning("could not check for alerts: %s", type(exc).__name__)
            return 0
        self._seen = revision
        return posted

    def subscriptions_changed(self) -> None:
        """Look again at the next check even if no article arrived (a new subscriber)."""
        self._seen = None

    async def start(self) -> None:
        """Begin watching in the background."""
        if self._task is None:
            self.archive.on_subscriptions_changed(self.subscriptions_changed)
            self._task = asyncio.create_task(self._run(), name="alert-watcher")

    async def _run(self) -> None:
        while True:
            await self.check_if_changed()
            await asyncio.sleep(self.interval)

    async def close(self) -> None:
        """Stop watching."""
        self.archive.stop_telling(self.subscriptions_changed)
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
