"""A Slack HTTP-mode server over the digest fixtures, talking to a fake Slack Web API on
127.0.0.1: what the Slack and health-check tests start the same way."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from bot.adapters.slack_runtime import SlackRuntime
from bot.config import Settings
from tests.cli_helpers import Cli, chat_core
from tests.fakes.slack_server import FakeSlack

FIXTURES = Path(__file__).parents[2] / "fixtures" / "digest"


@asynccontextmanager
async def running_slack(
    cli: Cli, db_path: Path, *, token: str, secret: str
) -> AsyncIterator[tuple[FakeSlack, SlackRuntime]]:
    """The fixtures ingested, a fake Slack API and a real runtime on a free port."""
    cli.run("ingest", *sorted(str(p) for p in FIXTURES.glob("0*.txt")))
    fake = await FakeSlack().start()
    settings = Settings(
        db_path=db_path,
        slack_bot_token=token,
        slack_signing_secret=secret,
        slack_api_url=fake.api_url,
    )
    runtime = SlackRuntime(chat_core(settings))
    await runtime.start(host="127.0.0.1", port=0)
    try:
        yield fake, runtime
    finally:
        await runtime.close()
        await fake.close()
