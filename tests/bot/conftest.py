"""Fixtures the adapter and runner tests share."""

from __future__ import annotations

from pathlib import Path

import discord
import pytest

from tests.cli_helpers import Cli
from tests.conftest import SEEDS


@pytest.fixture
def restore_discord_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    """discord.py keeps its base URLs on classes: put them back after each test."""
    monkeypatch.setattr(discord.http.Route, "BASE", discord.http.Route.BASE)
    gateway = discord.gateway.DiscordWebSocket
    monkeypatch.setattr(gateway, "DEFAULT_GATEWAY", gateway.DEFAULT_GATEWAY)


@pytest.fixture
def seeded(cli: Cli, db_path: Path) -> Path:
    """The seed articles ingested into the test database."""
    status, _ = cli.run("ingest", str(SEEDS))
    assert status == 0
    return db_path
