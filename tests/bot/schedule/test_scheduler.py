"""Daily digests delivered exactly once: restarts, crashes, downtime, failures, many channels.

The database is a real SQLite file and the digest is really built; the chat side is a
recording poster that behaves like an adapter (it posts, then records the post as the Slack
and Discord adapters do), with crashes injected at the points that matter.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.archive import Archive
from bot.commands import build_registry
from bot.config import Settings
from bot.dispatch import run_words
from bot.registry import CommandContext
from bot.reply import Reply
from bot.schedule.scheduler import DigestScheduler
from storage.db import open_database
from storage.subscriptions import delivery_for, subscribe
from tests.cli_helpers import Cli, chat_core
from tests.waiting import eventually

FIXTURES = Path(__file__).parents[2] / "fixtures" / "digest"
MORNING = datetime(2024, 5, 4, 7, 0, tzinfo=UTC)


class SimulatedCrash(BaseException):
    """The process dying mid-delivery (not an error the scheduler may handle)."""


class RecordingPoster:
    """A chat channel that keeps what was posted; `crash` picks where the process dies."""

    def __init__(self, settings: Settings, crash: str | None = None) -> None:
        self.settings = settings
        self.crash = crash
        self.posts: list[tuple[str, Reply, datetime]] = []
        self.down = False

    async def post_digest_reply(self, channel: str, reply: Reply) -> str:
        if self.down:
            raise ConnectionError("chat service unreachable")
        if self.crash == "before post":
            raise SimulatedCrash
        self.posts.append((channel, reply, datetime.now(UTC)))
        message_id = f"m{len(self.posts)}"
        if self.crash == "between post and record":
            raise SimulatedCrash
        if not reply.data.get("nothing_new"):
            chat_core(self.settings).remember_digest_post(
                "slack", channel, message_id, digest_id=reply.data.get("digest_id")
            )
        if self.crash == "after record":
            raise SimulatedCrash
        return message_id

    async def find_recent_post(self, channel: str, since: datetime, title: str) -> str | None:
        for index, (posted_in, reply, at) in enumerate(self.posts, start=1):
            if posted_in == channel and at >= since - timedelta(seconds=1) and reply.title == title:
                return f"m{index}"
        return None


@pytest.fixture
def settings(cli: Cli, db_path: Path) -> Settings:
    cli.run("ingest", *sorted(str(p) for p in FIXTURES.glob("0*.txt")))
    return Settings(db_path=db_path)


def add_subscription(settings: Settings, channel: str, hour: int = 7, zone: str = "UTC") -> int:
    db = open_database(settings.db_path)
    try:
        sub, _ = subscribe(db, "slack", channel, hour, 0, zone, "U1", "2024-05-01T00:00:00+00:00")
        return sub.id
    finally:
        db.close()


def status(settings: Settings, subscription_id: int, day: str) -> str | None:
    db = open_database(settings.db_path)
    try:
        row = delivery_for(db, subscription_id, day)
        return row.status if row else None
    finally:
        db.close()


def scheduler(settings: Settings, poster: RecordingPoster, clock: datetime) -> DigestScheduler:
    return DigestScheduler(
        settings, Archive(settings.db_path), {"slack": poster}, clock=lambda: clock
    )


async def test_a_day_is_posted_once_even_when_asked_again_or_restarted(settings: Settings) -> None:
    sub = add_subscription(settings, "C1")
    poster = RecordingPoster(settings)
    first = scheduler(settings, poster, MORNING)
    assert await first.deliver(sub, "2024-05-04") == "posted"
    assert await first.deliver(sub, "2024-05-04") == "already_done"
    restarted = scheduler(settings, poster, MORNING + timedelta(hours=1))
    try:
        assert await restarted.start() == []  # nothing to catch up: the day is done
    finally:
        await restarted.close()
    assert len(poster.posts) == 1 and status(settings, sub, "2024-05-04") == "posted"
    assert poster.posts[0][1].citations


@pytest.mark.parametrize("crash", ["before post", "between post and record", "after record"])
async def test_a_crash_at_any_point_ends_with_exactly_one_post(
    settings: Settings, crash: str
) -> None:
    sub = add_subscription(settings, "C1")
    poster = RecordingPoster(settings, crash=crash)
    with pytest.raises(SimulatedCrash):
        await scheduler(settings, poster, MORNING).deliver(sub, "2024-05-04")
    assert status(settings, sub, "2024-05-04") == "posting"  # claimed, never finished
    poster.crash = None
    restarted = scheduler(settings, poster, MORNING + timedelta(minutes=10))
    try:
        await restarted.start()
    finally:
        await restarted.close()
    assert len(poster.posts) == 1
    assert status(settings, sub, "2024-05-04") == "posted"


async def test_downtime_is_caught_up_within_the_grace_window_only(settings: Settings) -> None:
    due = add_subscription(settings, "C1", hour=7)
    too_late = add_subscription(settings, "C2", hour=1)
    poster = RecordingPoster(settings)
    back = scheduler(settings, poster, datetime(2024, 5, 4, 9, 30, tzinfo=UTC))
    try:
        outcomes = await back.start()
    finally:
        await back.close()
    assert outcomes == ["posted"]
    assert [channel for channel, _, _ in poster.posts] == ["C1"]
    assert status(settings, due, "2024-05-04") == "posted"
    assert status(settings, too_late, "2024-05-04") is None


async def test_an_adapter_that_is_down_is_retried_then_recorded_as_missed(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    sub = add_subscription(settings, "C1")
    poster = RecordingPoster(settings)
    poster.down = True
    clock = {"now": MORNING}
    runner = DigestScheduler(
        settings, Archive(settings.db_path), {"slack": poster}, clock=lambda: clock["now"]
    )
    runner.scheduler.start()
    try:
        assert await runner.deliver(sub, "2024-05-04") == "failed"
        assert status(settings, sub, "2024-05-04") == "failed"
        assert any(job.id.startswith("retry-") for job in runner.scheduler.get_jobs())
        poster.down = False
        clock["now"] = MORNING + timedelta(minutes=5)
        assert await runner.deliver(sub, "2024-05-04") == "posted"  # the retry succeeds
        poster.down = True
        clock["now"] = MORNING + timedelta(days=1, hours=5, minutes=56)
        with caplog.at_level(logging.ERROR):
            assert await runner.deliver(sub, "2024-05-05") == "missed"
    finally:
        await runner.close()
    assert status(settings, sub, "2024-05-05") == "missed"
    assert "missed" in caplog.text and len(poster.posts) == 1


async def test_many_channels_at_the_same_minute_share_one_digest(settings: Settings) -> None:
    subs = [add_subscription(settings, f"C{n}") for n in range(20)]
    poster = RecordingPoster(settings)
    runner = scheduler(settings, poster, MORNING)
    outcomes = await asyncio.gather(*(runner.deliver(s, "2024-05-04") for s in subs))
    assert outcomes == ["posted"] * 20 and len(poster.posts) == 20
    db = open_database(settings.db_path)
    try:
        assert db.execute("SELECT COUNT(*) FROM digests").fetchone()[0] == 1
    finally:
        db.close()
    assert len({reply.data["digest_id"] for _, reply, _ in poster.posts}) == 1


async def test_a_day_without_news_gets_one_line(settings: Settings) -> None:
    sub = add_subscription(settings, "C1")
    poster = RecordingPoster(settings)
    assert await scheduler(settings, poster, MORNING).deliver(sub, "2024-05-04") == "posted"
    next_day = scheduler(settings, poster, MORNING + timedelta(days=1))
    assert await next_day.deliver(sub, "2024-05-05") == "nothing_new"
    quiet = poster.posts[-1][1]
    assert quiet.data.get("nothing_new") and not quiet.citations


async def test_jobs_follow_subscriptions_live(cli: Cli, settings: Settings) -> None:
    # Commands and the scheduler of one process share its archive, which tells of changes.
    archive = Archive(settings.db_path)
    runner = DigestScheduler(settings, archive, {"console": RecordingPoster(settings)})
    ctx = CommandContext(archive, "cli", settings, is_admin=True)
    registry = build_registry()
    await runner.start()
    try:
        assert runner.job_ids() == []
        await asyncio.to_thread(run_words, ["subscribe", "06:45", "Europe/Vilnius"], ctx, registry)
        await eventually(lambda: runner.job_ids() != [], "the subscription's job")
        [job] = runner.scheduler.get_jobs()
        assert str(job.trigger.timezone) == "Europe/Vilnius"
        await asyncio.to_thread(run_words, ["unsubscribe"], ctx, registry)
        await eventually(lambda: runner.job_ids() == [], "the job to be removed")
    finally:
        await runner.close()
