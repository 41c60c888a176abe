"""The composition root: what one process of the bot is made of.

The CLI and `natosg run` build an `Application` once and pass its parts on; nothing else
builds a registry, opens an archive or reads the settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.adapters.discord_sync import discord_sync_command
from bot.archive import Archive
from bot.commands import build_registry
from bot.config import Settings
from bot.registry import CommandContext, Registry, Surface

if TYPE_CHECKING:
    from bot.conversation import ChatCore


def build_application_registry() -> Registry:
    """Every command the program offers: the core's and the adapters' own."""
    return build_registry(extras=(discord_sync_command,))


@dataclass(frozen=True)
class Application:
    """The settings, archive and registry of one process."""

    settings: Settings
    archive: Archive
    registry: Registry

    @classmethod
    def from_settings(cls, settings: Settings, *, answers_once: bool = False) -> Application:
        """The application for these settings: their database, every command (`answers_once`:
        a process that answers one command and exits, see `Archive`)."""
        archive = Archive(settings.db_path, answers_once=answers_once)
        return cls(settings, archive, build_application_registry())

    def context(
        self,
        surface: Surface,
        *,
        is_admin: bool = False,
        channel: str | None = None,
        user: str | None = None,
    ) -> CommandContext:
        """A command context on `surface`."""
        return CommandContext(
            self.archive, surface, self.settings, channel=channel, user=user, is_admin=is_admin
        )

    def chat_core(self) -> ChatCore:
        """What the chat adapters are given (the digest and model services load here, not
        for a one-off command)."""
        from bot.conversation import ChatCore

        return ChatCore(self.settings, self.archive, self.registry)
