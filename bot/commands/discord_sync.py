"""`discord-sync [--global]`: register the `/natosg` commands with Discord, on request only."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from bot.config import load_settings
from bot.dispatch import UserError
from bot.registry import Argument, Command, CommandContext
from bot.reply import Reply, message_reply


def handle_discord_sync(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """Sync to DISCORD_GUILD_ID (instant) unless `--global` or no guild is set."""
    # Only the adapter package may import discord; it is loaded when this command runs.
    from bot.adapters.discord_bot import DiscordSetupError, sync_commands_once

    settings = ctx.settings or load_settings()
    if not settings.discord_token:
        raise UserError("DISCORD_TOKEN is not set.", hint="See docs/discord.md to create the bot.")
    try:
        summary = asyncio.run(sync_commands_once(settings, globally=bool(values.get("global"))))
    except DiscordSetupError as exc:
        raise UserError(exc.message) from exc
    return message_reply("discord-sync", "Discord commands synced", summary)


DISCORD_SYNC = Command(
    name="discord-sync",
    summary="Register /natosg with Discord (to DISCORD_GUILD_ID if set, else globally).",
    handler=handle_discord_sync,
    arguments=(Argument("global", "sync globally even when DISCORD_GUILD_ID is set", kind="flag"),),
    surfaces=frozenset({"cli"}),
    examples=("discord-sync", "discord-sync --global"),
)
