"""`natosg run` starts the chat adapters whose credentials are set, and survives bad ones."""

from __future__ import annotations

import asyncio
import io
import logging
import sys
import time
from pathlib import Path

import pytest

from bot.app import Application
from bot.config import Settings
from bot.runner import run_bot, start_chat_adapters
from tests.cli_helpers import Cli
from tests.conftest import SEEDS
from tests.fakes.discord_server import FakeDiscord
from tests.fakes.openai_server import FakeOpenAI
from tests.fakes.slack_server import FakeSlack
from tests.test_llm_digest_end_to_end import echo_notes

pytestmark = pytest.mark.usefixtures("restore_discord_urls")


async def test_slack_http_mode_and_discord_both_start_and_stop(db_path: Path) -> None:
    slack = await FakeSlack().start()
    try:
        async with FakeDiscord() as discord_fake:
            settings = Settings(
                db_path=db_path,
                slack_bot_token="xoxb-1",
                slack_signing_secret="s",
                slack_api_url=slack.api_url,
                slack_port=0,
                discord_token="discord-token",
                discord_api_url=discord_fake.api_url,
                discord_gateway_url=discord_fake.gateway_url,
            )
            adapters = await start_chat_adapters(Application.from_settings(settings))
            assert [type(a).__name__ for a in adapters] == ["SlackRuntime", "NatosgDiscord"]
            for adapter in adapters:
                await adapter.close()
    finally:
        await slack.close()


async def test_a_slack_token_without_a_mode_is_reported_not_started(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        adapters = await start_chat_adapters(
            Application.from_settings(Settings(db_path=db_path, slack_bot_token="xoxb-1"))
        )
    assert adapters == []
    assert "neither SLACK_APP_TOKEN" in caplog.text and "xoxb-1" not in caplog.text


async def test_a_rejected_discord_token_is_reported_not_fatal(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with FakeDiscord() as discord_fake:
        settings = Settings(
            db_path=db_path,
            discord_token="wrong-token-canary",
            discord_api_url=discord_fake.api_url,
            discord_gateway_url=discord_fake.gateway_url,
        )
        discord_fake.valid_token = "the-right-token"
        with caplog.at_level(logging.ERROR):
            adapters = await start_chat_adapters(Application.from_settings(settings))
    assert adapters == []
    assert "Discord could not start" in caplog.text and "wrong-token-canary" not in caplog.text


def test_discord_sync_without_a_token_says_what_to_do(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    status, out = cli.run("discord-sync")
    assert status == 1 and "DISCORD_TOKEN is not set" in out and "docs/discord.md" in out


async def test_run_shares_one_llm_service_and_closes_it_at_the_end(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO("digest\n"))
    with FakeOpenAI(echo_notes, keep_alive=True) as model:
        settings = Settings(
            db_path=db_path, seeds_dir=SEEDS, llm_base_url=model.base_url, llm_timeout_s=3.0
        )
        await run_bot(Application.from_settings(settings))

        out = capsys.readouterr().out
        assert "written by a language model" in out
        assert len(model.requests) >= 2 and model.connections == 1  # one pool for the process
        deadline = time.monotonic() + 5
        while model.open_connections and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        assert model.open_connections == 0  # the service was closed at the end


def test_slack_http_mode_listens_on_this_machine_unless_told_otherwise() -> None:
    from bot.config import load_settings

    assert load_settings(env={}).slack_host == "127.0.0.1"
    assert load_settings(env={"SLACK_HOST": "0.0.0.0"}).slack_host == "0.0.0.0"
