"""Polling one watched source: a conditional fetch, its new items read and filtered to the
race, the kept ones stored through the Ingestor with their claims, and the source's row
updated (validators, counts, the next poll time, or the error and its backoff)."""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.archive import Archive
from bot.ingest.claims import ClaimExtraction
from bot.ingest.inputs import fingerprint
from bot.ingest.netguard import AddressPolicy, FetchError
from bot.ingest.pipeline import Ingestor
from bot.watch import timing
from bot.watch.conditional import FetchThrottled, Validators, conditional_fetch
from bot.watch.items import Item, read_item, source_items
from storage.watches import (
    MAX_ATTEMPTS,
    PollRecord,
    Watch,
    mark_failed,
    mark_item,
    record_poll,
    seen_items,
)
from summarizer.text.preparation import UnusableDocument, prepare_document
from summarizer.text.race_relevance import race_relevance

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PollLimits:
    """How much one poll may take: items read, bytes fetched, the source's own size."""

    max_items: int = 20
    max_bytes: int = 8 * 1024 * 1024
    source_max_bytes: int = 2 * 1024 * 1024
    deadline_s: float = 20.0


@dataclass(frozen=True)
class PollReport:
    """What one poll of one source did."""

    watch_id: int
    name: str
    outcome: str  # 'new', 'nothing new', 'not modified', 'failed', 'throttled'
    next_poll_at: datetime
    added: tuple[int, ...] = ()
    off_topic: int = 0
    item_errors: int = 0
    error: str | None = None
    left_for_later: int = 0

    def to_json(self) -> dict[str, object]:
        """The report as a JSON object."""
        return {
            "watch_id": self.watch_id,
            "name": self.name,
            "outcome": self.outcome,
            "next_poll_at": self.next_poll_at.isoformat(timespec="seconds"),
            "added": list(self.added),
            "off_topic": self.off_topic,
            "item_errors": self.item_errors,
            "error": self.error,
            "left_for_later": self.left_for_later,
        }


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@dataclass
class _Tally:
    added: list[int] = field(default_factory=list)
    off_topic: int = 0
    item_errors: int = 0
    spent: int = 0


class WatchPolling:
    """Polls sources one at a time (callers run several in threads): synchronous, with its
    own fetch policy, clock, random source for jitter and limits."""

    def __init__(
        self,
        archive: Archive,
        policy: AddressPolicy,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        rng: random.Random | None = None,
        limits: PollLimits | None = None,
    ) -> None:
        self.archive = archive
        self.policy = policy
        self.clock = clock
        self.rng = rng or random.Random()
        self.limits = limits or PollLimits()
        self._claims: ClaimExtraction | None = None

    def claims(self) -> ClaimExtraction:
        """The claim reader kept articles are stored with (made once)."""
        if self._claims is None:
            self._claims = ClaimExtraction()
        return self._claims

    def _catch_up(self) -> None:
        # New items may have taught the archive who someone is: earlier articles naming them
        # are read again (bot/ingest/claims.py).
        with self.archive.session() as session:
            self.claims().catch_up(session.db)

    def poll(self, watch: Watch) -> PollReport:
        """Poll one source now and record the outcome; never raises for a source's fault."""
        started = self.clock()
        every = timedelta(seconds=watch.every_s)
        try:
            polled = conditional_fetch(
                watch.url,
                Validators(watch.etag, watch.last_modified),
                policy=self.policy,
                max_bytes=self.limits.source_max_bytes,
                deadline_s=self.limits.deadline_s,
            )
            if polled.not_modified:
                return self._succeeded(watch, started, every, "not modified", None, _Tally())
            assert polled.fetched is not None
            kind, items = source_items(polled.fetched)
        except FetchThrottled as exc:
            wait = timedelta(seconds=exc.retry_after_s) if exc.retry_after_s else None
            return self._failed(watch, started, "throttled", exc.reason, wait)
        except FetchError as exc:
            return self._failed(watch, started, "failed", exc.reason, None)
        except ValueError as exc:
            return self._failed(watch, started, "failed", str(exc), None)
        tally = _Tally()
        left = self._take(watch, items, tally)
        if tally.added:
            self._catch_up()
        outcome = "new" if tally.added else "nothing new"
        validators = polled.validators
        return self._succeeded(watch, started, every, outcome, (kind, validators), tally, left)

    def _take(self, watch: Watch, items: list[Item], tally: _Tally) -> int:
        """Read the items not seen before, up to the caps; how many were left for later."""
        with self.archive.session() as session:
            seen = seen_items(session.db, watch.id, [item.key for item in items])
        fresh = [item for item in items if item.key not in seen]
        taken = 0
        for item in fresh:
            if taken >= self.limits.max_items or tally.spent >= self.limits.max_bytes:
                break
            taken += 1
            self._take_one(watch, item, tally)
        return len(fresh) - taken

    def _take_one(self, watch: Watch, item: Item, tally: _Tally) -> None:
        now = _iso(self.clock())
        budget = max(1, min(self.limits.source_max_bytes, self.limits.max_bytes - tally.spent))
        try:
            document, spent = read_item(item, self.policy, budget)
        except FetchError as exc:
            self._unreadable(watch, item, exc.reason, tally)
            return
        except ValueError as exc:
            self._unreadable(watch, item, str(exc), tally)
            return
        tally.spent += spent
        verdict = race_relevance(document.text, document.title)
        with self.archive.session() as session:
            db = session.db
            if not verdict.keep:
                tally.off_topic += 1
                mark_item(db, watch.id, item.key, "skipped", now)
                return
            try:
                prepared = prepare_document(document)
            except UnusableDocument as exc:
                self._unreadable(watch, item, str(exc), tally)
                return
            ingestor = Ingestor(db, policy=self.policy, claims=self.claims(), clock=self.clock)
            result = ingestor.store(prepared, fingerprint=fingerprint(document))
            mark_item(db, watch.id, item.key, "kept", now)
        if result.status == "added" and result.article_id is not None:
            tally.added.append(result.article_id)

    def _unreadable(self, watch: Watch, item: Item, reason: str, tally: _Tally) -> None:
        """Count an item that could not be read; it is tried again at the next polls."""
        tally.item_errors += 1
        with self.archive.session() as session:
            attempts = mark_failed(session.db, watch.id, item.key, _iso(self.clock()))
        given_up = " (given up)" if attempts >= MAX_ATTEMPTS else ""
        log.info("watch %s: %s not read%s: %s", watch.name, item.key, given_up, reason)

    def _succeeded(
        self,
        watch: Watch,
        started: datetime,
        every: timedelta,
        outcome: str,
        found: tuple[str, Validators] | None,
        tally: _Tally,
        left: int = 0,
    ) -> PollReport:
        next_at = timing.after_success(self.clock(), every, self.rng)
        kind, validators = found if found else (None, Validators())
        record = PollRecord(
            fetched_at=_iso(started),
            next_poll_at=_iso(next_at),
            outcome=outcome,
            kind=kind,
            etag=validators.etag,
            last_modified=validators.last_modified,
            new_articles=len(tally.added),
            skipped=tally.off_topic,
        )
        with self.archive.session() as session:
            record_poll(session.db, watch.id, record)
        if tally.added or tally.off_topic:
            log.info(
                "watch %s: %d new articles, %d off-topic items skipped",
                watch.name,
                len(tally.added),
                tally.off_topic,
            )
        return PollReport(
            watch.id,
            watch.name,
            outcome,
            next_at,
            tuple(tally.added),
            tally.off_topic,
            tally.item_errors,
            None,
            left,
        )

    def _failed(
        self,
        watch: Watch,
        started: datetime,
        outcome: str,
        reason: str,
        retry_after: timedelta | None,
    ) -> PollReport:
        every = timedelta(seconds=watch.every_s)
        errors = watch.errors + 1
        next_at = timing.after_failure(self.clock(), every, errors, self.rng, retry_after)
        record = PollRecord(_iso(started), _iso(next_at), outcome, error=reason)
        with self.archive.session() as session:
            record_poll(session.db, watch.id, record)
        since = watch.failing_since or _iso(started)
        if timing.is_failing_long(since, started):
            log.warning(
                "watch %s has been failing since %s (%d errors in a row): %s",
                watch.name,
                since,
                errors,
                reason,
            )
        else:
            log.info("watch %s: %s; next try %s", watch.name, reason, _iso(next_at))
        return PollReport(watch.id, watch.name, outcome, next_at, error=reason)
