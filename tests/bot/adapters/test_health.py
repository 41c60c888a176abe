"""`GET /healthz` on Slack's HTTP-mode server: asked over a real socket with httpx, as a load
balancer would, against a real database that is sound, damaged or missing."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlite_utils import Database

from bot.adapters.slack_runtime import SlackRuntime
from storage.db import LATEST_MIGRATION
from storage.migrations import MIGRATIONS
from tests.bot.adapters.slack_harness import running_slack
from tests.cli_helpers import Cli

FIXTURES = Path(__file__).parents[2] / "fixtures" / "digest"
SECRET = "signing-secret-canary-3391"
TOKEN = "xoxb-token-canary-6610"


@pytest.fixture
async def server(cli: Cli, db_path: Path) -> AsyncIterator[SlackRuntime]:
    async with running_slack(cli, db_path, token=TOKEN, secret=SECRET) as (_, runtime):
        yield runtime


async def get(runtime: SlackRuntime, path: str) -> httpx.Response:
    async with httpx.AsyncClient(trust_env=False) as client:
        return await client.get(f"http://127.0.0.1:{runtime.port}{path}", timeout=10)


def _no_secret(response: httpx.Response, db_path: Path) -> None:
    for secret in (SECRET, TOKEN, str(db_path.parent)):
        assert secret not in response.text


async def test_a_sound_database_answers_200_with_its_schema_and_latest_activity(
    server: SlackRuntime, cli: Cli, db_path: Path
) -> None:
    before = (await get(server, "/healthz")).json()
    assert before["status"] == "ok" and before["last_digest_at"] is None
    cli.run("digest")
    response = await get(server, "/healthz")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert body["status"] == "ok" and body["database"] == "readable"
    assert body["schema_version"] == len(MIGRATIONS.applied(Database(str(db_path))))
    assert body["schema"] == LATEST_MIGRATION
    assert body["schema"].startswith("m0")
    assert body["last_ingest_at"] and body["last_digest_at"]
    _no_secret(response, db_path)
    also = await get(server, "/health")
    assert also.status_code == 200 and also.json()["schema"] == body["schema"]


async def test_a_damaged_database_answers_503_with_the_reason(
    server: SlackRuntime, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert (await get(server, "/healthz")).status_code == 200
    for leftover in db_path.parent.glob(db_path.name + "-*"):
        leftover.unlink()  # the write-ahead log and its index
    db_path.write_bytes(b"this is not a database at all\n" * 400)
    with caplog.at_level(logging.INFO):
        response = await get(server, "/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable" and body["database"] == "unreadable"
    assert "damaged" in body["reason"]
    _no_secret(response, db_path)
    assert "Traceback" not in caplog.text
    assert "damaged" in caplog.text  # whoever runs the bot sees why the probe fails
    with caplog.at_level(logging.INFO):
        caplog.clear()
        assert (await get(server, "/healthz")).status_code == 503
    assert caplog.text == ""  # a probe every few seconds does not flood the log


async def test_a_missing_database_answers_503_and_is_not_created(
    server: SlackRuntime, db_path: Path
) -> None:
    moved = db_path.with_name("elsewhere.db")
    db_path.rename(moved)
    response = await get(server, "/healthz")
    assert response.status_code == 503
    assert "cannot be opened" in response.json()["reason"]
    assert not db_path.exists()  # a health probe never makes an empty database


async def test_an_empty_file_is_not_taken_for_a_healthy_database(
    server: SlackRuntime, db_path: Path
) -> None:
    for leftover in db_path.parent.glob(db_path.name + "-*"):
        leftover.unlink()
    db_path.write_bytes(b"")
    response = await get(server, "/healthz")
    assert response.status_code == 503
    assert "no natosg schema" in response.json()["reason"]
