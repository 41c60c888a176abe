"""The command registry: every command, in help order."""

from __future__ import annotations

from functools import lru_cache

from bot.registry import Registry


@lru_cache(maxsize=1)
def build_registry() -> Registry:
    """The registry shared by the CLI, the console and the chat adapters."""
    from bot.commands.ask import ASK
    from bot.commands.digest import DIGEST
    from bot.commands.discord_sync import DISCORD_SYNC
    from bot.commands.help import make_help_command
    from bot.commands.ingest import INGEST
    from bot.commands.maintenance import REBUILD_CLAIMS
    from bot.commands.race import CANDIDATES, TIMELINE
    from bot.commands.run import RUN
    from bot.commands.sources import SOURCES
    from bot.commands.stances import WHO_BACKS, WHO_OPPOSES
    from bot.commands.subscriptions import SUBSCRIBE, SUBSCRIPTIONS, UNSUBSCRIBE

    registry = Registry()
    for command in (
        WHO_BACKS,
        WHO_OPPOSES,
        CANDIDATES,
        TIMELINE,
        DIGEST,
        ASK,
        SUBSCRIBE,
        UNSUBSCRIBE,
        SUBSCRIPTIONS,
        SOURCES,
        INGEST,
        REBUILD_CLAIMS,
        DISCORD_SYNC,
        RUN,
    ):
        registry.add(command)
    registry.add(make_help_command(registry))
    return registry
