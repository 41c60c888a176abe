"""Scheduled digests through the real Slack adapter and the fake Slack Web API."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.adapters.slack_bot import SlackBot
from bot.archive import Archive
from bot.config import Settings
from bot.schedule.scheduler import DigestScheduler
from storage.db import open_database
from storage.subscriptions import subscribe
from tests.cli_helpers import Cli, chat_core
from tests.fakes.slack_server import FakeSlack

FIXTURES = Path(__file__).parents[2] / "fixtures" / "digest"


class SimulatedCrash(BaseException):
    """The process dying right after Slack accepted the post."""


async def test_a_crash_between_post_and_record_does_not_post_twice(
    cli: Cli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.run("ingest", *sorted(str(p) for p in FIXTURES.glob("0*.txt")))
    fake = await FakeSlack().start()
    try:
        settings = Settings(
            db_path=db_path,
            slack_bot_token="xoxb-1",
            slack_signing_secret="s",
            slack_api_url=fake.api_url,
        )
        db = open_database(db_path)
        try:
            sub, _ = subscribe(db, "slack", "C7", 7, 0, "UTC", "U1", "2024-05-01T00:00:00+00:00")
        finally:
            db.close()
        now = datetime.now(UTC)

        def crash(*args: Any, **kwargs: Any) -> None:
            raise SimulatedCrash

        crashing = SlackBot(chat_core(settings))
        monkeypatch.setattr(crashing.core, "remember_digest_post", crash)
        first = DigestScheduler(settings, Archive(db_path), {"slack": crashing}, clock=lambda: now)
        with pytest.raises(SimulatedCrash):
            await first.deliver(sub.id, now.date().isoformat())
        monkeypatch.undo()
        assert len(fake.of("chat.postMessage")) == 1  # Slack has it; our records do not

        restarted = DigestScheduler(
            settings,
            Archive(db_path),
            {"slack": SlackBot(chat_core(settings))},
            clock=lambda: now + timedelta(minutes=3),
        )
        outcome = await restarted.deliver(sub.id, now.date().isoformat())
        assert outcome == "already_done"
        assert len(fake.of("chat.postMessage")) == 1
        assert fake.of("conversations.history")  # it looked in the channel before posting
    finally:
        await fake.close()
