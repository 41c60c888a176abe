"""`natosg run`: first-start seeding, then every adapter that has credentials (else the console)."""

from __future__ import annotations

import asyncio
import logging
import sys

from bot.commands import build_registry
from bot.commands.ingest import ingest_inputs
from bot.config import Settings
from bot.registry import CommandContext
from storage.articles import article_count
from storage.db import open_database

log = logging.getLogger(__name__)


def seed_if_empty(settings: Settings) -> int:
    """Ingest the bundled seed articles into an empty database; returns how many were added."""
    db = open_database(settings.db_path)
    try:
        if article_count(db) > 0:
            return 0
    finally:
        db.close()
    if not settings.seeds_dir.is_dir():
        log.warning("no seed folder at %s; starting with an empty database", settings.seeds_dir)
        return 0
    ctx = CommandContext(db_path=settings.db_path, surface="cli", settings=settings)
    results = ingest_inputs(ctx, [str(settings.seeds_dir)])
    added = sum(result.status == "added" for result in results)
    print(f"First start: ingested {added} seed articles into {settings.db_path}.", file=sys.stderr)
    return added


async def run_bot(settings: Settings) -> None:
    """Run the bot until its adapters stop (the console stops at end of input)."""
    from bot.adapters.console import run_console

    await asyncio.to_thread(seed_if_empty, settings)
    if settings.slack_bot_token or settings.discord_token:
        # Said out loud so nobody waits for a chat bot that this version cannot start.
        log.warning("Slack and Discord adapters are not available yet; running the console.")
    registry = build_registry()
    ctx = CommandContext(
        db_path=settings.db_path,
        surface="console",
        settings=settings,
        channel="console",
        user="console",
        is_admin=True,
    )
    await run_console(ctx, registry)
