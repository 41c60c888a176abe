"""The `/natosg` Discord app-command group, generated from the one command registry.

Each registry command offered on Discord becomes a subcommand (`/natosg who-backs name:Rutte`)
whose options, descriptions and autocomplete come from the command's arguments. A subcommand
does no work itself: it hands the command and its typed values to the adapter's runner, which
puts them through the same pipeline as every other surface (`bot.pipeline`).
"""

from __future__ import annotations

import inspect
import unicodedata
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from typing import Any

import discord
from discord import app_commands

from bot.registry import Argument, Command, Registry

GROUP_NAME = "natosg"
GROUP_DESCRIPTION = "Cited briefings on the race for NATO Secretary General."
DESCRIPTION_LIMIT = 100
CHOICE_LIMIT = 100
MAX_CHOICES = 25
SHARE_OPTION = "share"
SHARE_HELP = "show the answer to the whole channel instead of only to you"

# (interaction, command, its typed values, whether the user asked to share the answer)
CommandRunner = Callable[[discord.Interaction, Command, dict[str, Any], bool], Awaitable[None]]
# autocomplete kind ("candidate" or "actor") -> every known name of that kind
NameSource = Callable[[str], Awaitable[list[str]]]


def clip(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """Text on one line, cut with "…" to fit a Discord name or description limit."""
    flat = " ".join(text.split()) or "…"
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def option_name(argument: Argument) -> str:
    """The option's name on Discord: the registry name with hyphens (`as_of` → `as-of`)."""
    return argument.name.replace("_", "-")


def typed_values(command: Command, values: Mapping[str, Any]) -> dict[str, Any]:
    """The options the user chose, as the command's values: text trimmed, empty text and
    unset flags left out. They stay typed; nothing is turned back into a command line."""
    chosen: dict[str, Any] = {}
    for argument in command.arguments:
        value = values.get(argument.name)
        if argument.kind == "flag":
            if value:
                chosen[argument.name] = True
        elif isinstance(value, str) and value.strip():
            chosen[argument.name] = value.strip()
    return chosen


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def matching_names(names: list[str], current: str, limit: int = MAX_CHOICES) -> list[str]:
    """Names for autocomplete, best first: whole-name prefix, then a word's prefix, then any
    substring (accents and case ignored); at most `limit` (Discord allows 25)."""
    wanted = _fold(current.strip())
    ranked: list[tuple[int, str]] = []
    for name in dict.fromkeys(names):
        folded = _fold(name)
        if folded.startswith(wanted):
            rank = 0
        elif any(word.startswith(wanted) for word in folded.split()):
            rank = 1
        elif wanted in folded:
            rank = 2
        else:
            continue
        ranked.append((rank, name))
    ranked.sort(key=lambda item: item[0])
    return [name for _, name in ranked[:limit]]


def _parameter(argument: Argument) -> inspect.Parameter:
    annotation: Any = bool if argument.kind == "flag" else str
    required = argument.required and argument.kind != "flag"
    return inspect.Parameter(
        argument.name,
        inspect.Parameter.KEYWORD_ONLY,
        annotation=annotation if required else annotation | None,
        default=inspect.Parameter.empty if required else None,
    )


def _completer(
    kind: str, names: NameSource
) -> Callable[[discord.Interaction, str], Coroutine[Any, Any, list[app_commands.Choice[str]]]]:
    async def complete(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        chosen = matching_names(await names(kind), current)
        return [
            app_commands.Choice(name=clip(name, CHOICE_LIMIT), value=name[:CHOICE_LIMIT])
            for name in chosen
        ]

    return complete


def build_subcommand(
    command: Command, run: CommandRunner, names: NameSource
) -> app_commands.Command[Any, ..., None]:
    """One `/natosg` subcommand for a registry command (its options from the arguments)."""
    shareable = not command.public_by_default and all(
        argument.name != SHARE_OPTION for argument in command.arguments
    )

    async def callback(interaction: discord.Interaction, **values: Any) -> None:
        share = bool(values.pop(SHARE_OPTION, False)) if shareable else False
        await run(interaction, command, typed_values(command, values), share)

    parameters = [
        inspect.Parameter(
            "interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction
        ),
        *(_parameter(argument) for argument in command.arguments),
    ]
    descriptions = {argument.name: clip(argument.help) for argument in command.arguments}
    if shareable:
        share = Argument(SHARE_OPTION, SHARE_HELP, kind="flag")
        parameters.append(_parameter(share))
        descriptions[SHARE_OPTION] = SHARE_HELP
    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    renames = {a.name: option_name(a) for a in command.arguments if option_name(a) != a.name}
    completers = {
        argument.name: _completer(argument.autocomplete, names)
        for argument in command.arguments
        if argument.autocomplete and argument.kind != "flag"
    }
    decorated: Any = app_commands.describe(**descriptions)(callback)
    if renames:
        decorated = app_commands.rename(**renames)(decorated)
    if completers:
        decorated = app_commands.autocomplete(**completers)(decorated)
    return app_commands.Command(
        name=command.name, description=clip(command.summary), callback=decorated
    )


def build_group(registry: Registry, run: CommandRunner, names: NameSource) -> app_commands.Group:
    """The `/natosg` group: one subcommand per registry command offered on Discord."""
    group = app_commands.Group(name=GROUP_NAME, description=GROUP_DESCRIPTION)
    for command in registry.for_surface("discord"):
        group.add_command(build_subcommand(command, run, names))
    return group
