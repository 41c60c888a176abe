"""The one command registry that the CLI, the console and the chat adapters share."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from bot.archive import Archive
from bot.config import Settings
from bot.reply import Reply

ArgKind = Literal["positional", "option", "flag"]
Surface = Literal["cli", "console", "slack", "discord"]


@dataclass(frozen=True)
class Argument:
    """One argument of a command. A variadic positional takes the rest of the words."""

    name: str
    help: str
    kind: ArgKind = "positional"
    required: bool = False
    variadic: bool = False
    metavar: str | None = None
    autocomplete: Literal["candidate", "actor", None] = None

    @property
    def flag(self) -> str:
        """The option as typed: `--as-of` for `as_of`."""
        return "--" + self.name.replace("_", "-")

    def usage(self) -> str:
        """This argument as it appears in a usage line."""
        meta = self.metavar or self.name.upper()
        if self.kind == "flag":
            text = self.flag
        elif self.kind == "option":
            text = f"{self.flag} {meta}"
        else:
            text = meta + ("..." if self.variadic else "")
        return text if self.required else f"[{text}]"


@dataclass(frozen=True)
class CommandContext:
    """Who asks, where, the archive to read and the settings to answer with."""

    archive: Archive
    surface: Surface
    settings: Settings = field(default_factory=Settings)
    channel: str | None = None
    user: str | None = None
    thread_key: str | None = None
    is_admin: bool = False
    now: datetime | None = None
    digest_id: int | None = None  # the digest whose chat thread this is, if known


Handler = Callable[[CommandContext, Mapping[str, Any]], Reply]


@dataclass(frozen=True)
class Command:
    """A command: its name, help, arguments and the function that answers it."""

    name: str
    summary: str
    handler: Handler
    arguments: tuple[Argument, ...] = ()
    surfaces: frozenset[Surface] = frozenset({"cli", "console", "slack", "discord"})
    admin_only: bool = False
    admin_flags: frozenset[str] = frozenset()  # options only admins may use (`--rebuild`)
    admin_words: frozenset[str] = frozenset()  # subcommand words only admins may use (`add`)
    public_by_default: bool = False
    examples: tuple[str, ...] = field(default_factory=tuple)

    def admin_parts(self, values: Mapping[str, Any]) -> list[str]:
        """The admin-only flags and subcommand word these values use (empty: none)."""
        parts = [f"--{flag.replace('_', '-')}" for flag in self.admin_flags if values.get(flag)]
        first = next((a for a in self.arguments if a.kind == "positional"), None)
        word = str(values.get(first.name) or "").casefold() if first else ""
        if word and word in self.admin_words:
            parts.append(f"{self.name} {word}")
        return sorted(parts)

    def usage(self) -> str:
        """The one-line usage: `who-backs NAME [--as-of DATE]`."""
        parts = [self.name, *(argument.usage() for argument in self.arguments)]
        return " ".join(parts)


class Registry:
    """Commands by name, in the order they were registered (which is the help order)."""

    def __init__(self) -> None:
        self._commands: dict[str, Command] = {}

    def add(self, command: Command) -> Command:
        """Register a command; names are unique."""
        if command.name in self._commands:
            raise ValueError(f"command {command.name!r} registered twice")
        self._commands[command.name] = command
        return command

    def get(self, name: str) -> Command | None:
        """The command with this exact name (case-insensitive), if any."""
        return self._commands.get(name.casefold())

    def suggest(self, name: str) -> list[str]:
        """Command names close to a mistyped one, best first."""
        from rapidfuzz import process

        matches = process.extract(name.casefold()[:64], list(self._commands), limit=3)
        return [match[0] for match in matches if match[1] >= 60]

    def for_surface(self, surface: Surface) -> list[Command]:
        """The commands offered on one surface."""
        return [command for command in self._commands.values() if surface in command.surfaces]

    def __iter__(self) -> Iterator[Command]:
        return iter(self._commands.values())
