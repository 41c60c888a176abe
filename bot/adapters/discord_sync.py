"""`discord-sync [--global]`: register the `/natosg` commands with Discord, on request only.

The command lives with the Discord adapter; the program's entry points add it to their
registry (`bot.app.build_application_registry`), so no command module reaches the SDK.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.dispatch import UserError
from bot.registry import Argument, Command, CommandContext, Registry
from bot.reply import Reply, message_reply


def discord_sync_command(registry: Registry) -> Command:
    """The `discord-sync` command, syncing the commands of `registry`."""

    def handle(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
        """Sync to DISCORD_GUILD_ID (instant) unless `--global` or no guild is set."""
        # discord.py takes a while to import: load it only when this command runs.
        import asyncio

        from bot.adapters.discord_bot import DiscordSetupError, sync_commands_once
        from bot.conversation import ChatCore

        if not ctx.settings.discord_token:
            raise UserError(
                "DISCORD_TOKEN is not set.", hint="See docs/discord.md to create the bot."
            )
        core = ChatCore(ctx.settings, ctx.archive, registry)
        try:
            summary = asyncio.run(sync_commands_once(core, globally=bool(values.get("global"))))
        except DiscordSetupError as exc:
            raise UserError(exc.message) from exc
        return message_reply("discord-sync", "Discord commands synced", summary)

    return Command(
        name="discord-sync",
        summary="Register /natosg with Discord (to DISCORD_GUILD_ID if set, else globally).",
        handler=handle,
        arguments=(
            Argument("global", "sync globally even when DISCORD_GUILD_ID is set", kind="flag"),
        ),
        surfaces=frozenset({"cli"}),
        examples=("discord-sync", "discord-sync --global"),
    )
