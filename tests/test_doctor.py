"""`natosg doctor` against real services faked on 127.0.0.1: the Slack Web API (tokens and the
scopes it lists in `x-oauth-scopes`), Discord's REST API (token, application flags), an
OpenAI-compatible endpoint, and the database itself. Each problem gets one line naming it
and where to fix it; no token is ever printed."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.doctor.discord import GATEWAY_MESSAGE_CONTENT, GATEWAY_MESSAGE_CONTENT_LIMITED
from bot.doctor.slack import BOT_SCOPES
from tests.cli_helpers import Cli
from tests.fakes.discord_server import FakeDiscord
from tests.fakes.openai_server import FakeOpenAI
from tests.fakes.slack_server import GRANTED_SCOPES, FakeSlack
from tests.file_modes import read_only

MANIFEST = Path(__file__).resolve().parent.parent / "docs" / "slack-manifest.yml"
BOT_TOKEN = "xoxb-doctor-canary-4411"
APP_TOKEN = "xapp-doctor-canary-8823"
DISCORD_TOKEN = "discord-doctor-canary-5150"
LLM_KEY = "sk-doctor-canary-7373"
SECRETS = (BOT_TOKEN, APP_TOKEN, DISCORD_TOKEN, LLM_KEY)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
async def slack(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeSlack]:
    fake = await FakeSlack().start()
    fake.bot_token, fake.app_token = BOT_TOKEN, APP_TOKEN
    monkeypatch.setenv("SLACK_API_URL", fake.api_url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_APP_TOKEN", APP_TOKEN)
    try:
        yield fake
    finally:
        await fake.close()


@pytest.fixture
async def discord(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as fake:
        fake.valid_token = DISCORD_TOKEN
        monkeypatch.setenv("DISCORD_API_URL", fake.api_url)
        monkeypatch.setenv("DISCORD_TOKEN", DISCORD_TOKEN)
        yield fake


async def doctor(cli: Cli) -> tuple[dict[str, Any], str]:
    """The doctor's JSON reply and its text, run off the loop the fakes answer on."""
    reply = await asyncio.to_thread(cli.json, "doctor")
    status, text = await asyncio.to_thread(cli.run, "doctor")
    assert status == (0 if reply["ok"] else 1)
    for secret in SECRETS:
        assert secret not in str(reply) and secret not in text
    return reply, text


def failing(reply: dict[str, Any]) -> list[str]:
    return [str(check["check"]) for check in reply["checks"] if not check["ok"]]


def passing(reply: dict[str, Any]) -> str:
    return " | ".join(str(check["check"]) for check in reply["checks"] if check["ok"])


async def test_everything_accepted_passes_and_each_service_was_asked(
    cli: Cli, slack: FakeSlack, discord: FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    discord.application_flags = GATEWAY_MESSAGE_CONTENT_LIMITED
    monkeypatch.setenv("DISCORD_MESSAGE_CONTENT", "1")
    with FakeOpenAI() as model:
        monkeypatch.setenv("NATOSG_LLM_BASE_URL", model.base_url)
        monkeypatch.setenv("NATOSG_LLM_API_KEY", LLM_KEY)
        reply, text = await doctor(cli)
    assert reply["ok"], failing(reply)
    assert "All checks passed" in text and "FIX" not in text
    found = passing(reply)
    assert "bot token accepted" in found and "app token accepted" in found
    assert "every scope the bot needs is granted" in found
    assert "Discord: token accepted" in found and "Message Content intent enabled" in found
    assert "integrity_check ok" in found and "writable" in found
    assert [call.headers["Authorization"] for call in slack.of("auth.test")] == [
        f"Bearer {BOT_TOKEN}"
    ] * 2
    assert len(slack.of("apps.connections.open")) == 2
    assert len(discord.calls_to("GET", "/applications/@me")) == 2


async def test_each_missing_slack_scope_is_named_with_where_to_add_it(
    cli: Cli, slack: FakeSlack
) -> None:
    slack.scopes = [s for s in GRANTED_SCOPES if s not in ("users:read", "groups:history")]
    reply, _ = await doctor(cli)
    assert not reply["ok"]
    problems = failing(reply)
    assert len(problems) == 2
    for scope, use in (("users:read", "users.info"), ("groups:history", "private channels")):
        (line,) = [p for p in problems if f"scope {scope} is missing" in p]
        assert use in line
        assert "OAuth & Permissions → Bot Token Scopes" in line and "reinstall the app" in line


async def test_refused_slack_tokens_say_where_to_get_the_right_ones(
    cli: Cli, slack: FakeSlack
) -> None:
    slack.bot_token, slack.app_token = "xoxb-another", "xapp-another"
    reply, _ = await doctor(cli)
    problems = " | ".join(failing(reply))
    assert "SLACK_BOT_TOKEN was refused (invalid_auth)" in problems
    assert "Bot User OAuth Token" in problems
    assert "SLACK_APP_TOKEN was refused (invalid_auth)" in problems
    assert "App-Level Tokens" in problems and "connections:write" in problems
    assert "is missing" not in problems  # a refused token has no scopes to judge


async def test_a_slack_token_without_a_mode_says_how_to_choose_one(
    cli: Cli, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SLACK_APP_TOKEN")
    reply, _ = await doctor(cli)
    (problem,) = failing(reply)
    assert "neither SLACK_APP_TOKEN nor SLACK_SIGNING_SECRET" in problem
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "signing-doctor-canary")
    reply, _ = await doctor(cli)
    assert reply["ok"] and "HTTP mode" in passing(reply) and "/healthz" in passing(reply)


def test_a_slack_app_token_without_a_bot_token_is_named(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLACK_APP_TOKEN", APP_TOKEN)
    reply = cli.json("doctor")
    (problem,) = failing(reply)
    assert "SLACK_BOT_TOKEN is not" in problem and "Bot User OAuth Token" in problem
    assert APP_TOKEN not in str(reply)


async def test_a_missing_discord_intent_is_named_with_where_to_enable_it(
    cli: Cli, discord: FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISCORD_MESSAGE_CONTENT", "1")
    reply, _ = await doctor(cli)
    (problem,) = failing(reply)
    assert "Message Content intent is not enabled" in problem
    assert "Privileged Gateway Intents → Message Content Intent" in problem
    assert "DISCORD_MESSAGE_CONTENT=0" in problem
    discord.application_flags = GATEWAY_MESSAGE_CONTENT  # verified for it: counts too
    reply, _ = await doctor(cli)
    assert reply["ok"], failing(reply)


async def test_discord_without_the_content_setting_needs_no_privileged_intent(
    cli: Cli, discord: FakeDiscord
) -> None:
    reply, _ = await doctor(cli)
    assert reply["ok"] and "no privileged intent needed" in passing(reply)
    discord.application_flags = GATEWAY_MESSAGE_CONTENT_LIMITED
    reply, _ = await doctor(cli)
    assert reply["ok"] and "set DISCORD_MESSAGE_CONTENT=1" in passing(reply)


async def test_a_refused_discord_token_says_to_reset_it(
    cli: Cli, discord: FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    discord.valid_token = "another-token"
    reply, _ = await doctor(cli)
    (problem,) = failing(reply)
    assert "DISCORD_TOKEN was refused (HTTP 401)" in problem and "Reset Token" in problem


async def test_services_that_cannot_be_reached_are_named(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_APP_TOKEN", APP_TOKEN)
    monkeypatch.setenv("SLACK_API_URL", f"http://127.0.0.1:{closed}/api/")
    monkeypatch.setenv("DISCORD_TOKEN", DISCORD_TOKEN)
    monkeypatch.setenv("DISCORD_API_URL", f"http://127.0.0.1:{closed}/api/v10")
    monkeypatch.setenv("NATOSG_LLM_BASE_URL", f"http://127.0.0.1:{closed}/v1")
    monkeypatch.setenv("NATOSG_LLM_API_KEY", LLM_KEY)
    reply, _ = await doctor(cli)
    problems = " | ".join(failing(reply))
    for service in ("Slack Web API", "Discord API", "language model"):
        assert f"{service} at http://127.0.0.1:{closed}" in problems
    assert problems.count("not reachable") == 4  # the app token's check too


def test_a_read_only_database_is_named_with_its_fix(cli: Cli, db_path: Path) -> None:
    cli.run("sources")  # create and migrate it
    with read_only(db_path):
        reply = cli.json("doctor")
    (problem,) = failing(reply)
    assert "NOT writable" in problem and "make the file and its folder writable" in problem


def test_the_scopes_checked_are_the_ones_the_manifest_asks_for() -> None:
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    asked = manifest["oauth_config"]["scopes"]["bot"]
    assert sorted(asked) == sorted(scope.name for scope in BOT_SCOPES)
    assert sorted(GRANTED_SCOPES) == sorted(asked)
