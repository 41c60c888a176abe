"""The command registry: every command, in help order."""

from __future__ import annotations

from functools import lru_cache

from bot.registry import Registry


@lru_cache(maxsize=1)
def build_registry() -> Registry:
    """The registry shared by the CLI, the console and the chat adapters."""
    from bot.commands.help import make_help_command
    from bot.commands.ingest import INGEST
    from bot.commands.run import RUN
    from bot.commands.sources import SOURCES

    registry = Registry()
    for command in (SOURCES, INGEST, RUN):
        registry.add(command)
    registry.add(make_help_command(registry))
    return registry
