"""`natosg run` polls the watched sources on the digest scheduler's APScheduler."""

from __future__ import annotations

from pathlib import Path

from bot.app import Application
from bot.config import Settings
from bot.runner import _start_watching
from bot.schedule.scheduler import DigestScheduler
from bot.watch.poller import JOB_ID


async def test_the_runner_adds_the_poll_job_to_the_digest_scheduler(db_path: Path) -> None:
    app = Application.from_settings(Settings(db_path=db_path))
    digests = DigestScheduler(app.settings, app.archive, {})
    await digests.start()
    try:
        poller = await _start_watching(app, digests)
        assert poller.scheduler is digests.scheduler
        assert digests.scheduler.get_job(JOB_ID) is not None
        await poller.close()
        assert digests.scheduler.get_job(JOB_ID) is None
    finally:
        await digests.close()
