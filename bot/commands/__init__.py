"""The commands: one module per command family, their declarations (`catalog.py`, which
imports none of them until a command runs), and `build_registry`, which lists them in help
order. Command modules may import `bot` services, `summarizer`, `storage` and `records`;
never a chat adapter."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.commands.catalog import (
    ASK,
    BACKUP,
    CANDIDATES,
    CLAIMS,
    DIGEST,
    DOCTOR,
    INGEST,
    REBUILD_CLAIMS,
    SOURCES,
    SUBSCRIBE,
    SUBSCRIPTIONS,
    TIMELINE,
    UNSUBSCRIBE,
    WATCH,
    WHO_BACKS,
    WHO_OPPOSES,
)
from bot.commands.help import make_help_command
from bot.registry import Command, Registry

CommandFactory = Callable[[Registry], Command]


def build_registry(extras: Sequence[CommandFactory] = ()) -> Registry:
    """A registry of every core command, then the `extras` (commands that belong to an
    adapter, made from the registry they serve), then `help`."""
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
        CLAIMS,
        INGEST,
        WATCH,
        REBUILD_CLAIMS,
        BACKUP,
        DOCTOR,
    ):
        registry.add(command)
    for extra in extras:
        registry.add(extra(registry))
    registry.add(make_help_command(registry))
    return registry
