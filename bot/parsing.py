"""Turning what a user typed into a command and its arguments, with polite usage errors."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import Any

from bot.registry import Argument, Command, Registry

MAX_INPUT_CHARS = 4000
COMMAND_PREFIXES = ("/natosg", "natosg")


class UsageError(Exception):
    """The words do not make a valid command; `message` says why in one polite line."""

    def __init__(self, message: str, command: Command | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.command = command


@dataclass(frozen=True)
class Invocation:
    """A parsed command line: the command, its argument values, and output flags."""

    command: Command
    values: dict[str, Any]
    json: bool = False


def split_words(text: str) -> list[str]:
    """Split like a shell, but never fail: an unbalanced quote falls back to plain spaces."""
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    try:
        return shlex.split(text)
    except ValueError:
        return text.replace('"', " ").split()


def strip_prefix(words: list[str]) -> list[str]:
    """Drop a leading `/natosg` or `natosg` (and a bot mention such as `<@U123>`)."""
    while words and (
        words[0].casefold() in COMMAND_PREFIXES or (words[0].startswith("<@") and ">" in words[0])
    ):
        words = words[1:]
    return words


def parse_text(registry: Registry, text: str) -> Invocation:
    """Parse a chat or console line such as `/natosg who-backs Rutte --as-of 2024-03-01`."""
    if len(text) > MAX_INPUT_CHARS:
        raise UsageError(
            f"That message is too long for me ({len(text):,} characters; "
            f"the limit is {MAX_INPUT_CHARS:,}). Please shorten it."
        )
    return parse_words(registry, split_words(text))


def parse_words(registry: Registry, words: list[str]) -> Invocation:
    """Parse a list of words (CLI argv or a split chat line) against the registry."""
    words = strip_prefix(list(words))
    if not words:
        words = ["help"]
    name, rest = words[0], words[1:]
    if name in ("-h", "--help"):
        name = "help"
    command = registry.get(name)
    if command is None:
        suggestions = registry.suggest(name)
        hint = f" Did you mean {' or '.join(f'`{s}`' for s in suggestions)}?" if suggestions else ""
        raise UsageError(f"I don't know the command `{name[:40]}`.{hint} Try `help`.")
    return _parse_arguments(command, rest)


def _parse_arguments(command: Command, words: list[str]) -> Invocation:
    options = {a.flag: a for a in command.arguments if a.kind in ("option", "flag")}
    positionals = [a for a in command.arguments if a.kind == "positional"]
    values: dict[str, Any] = {}
    loose: list[str] = []
    want_json = False
    index = 0
    only_positionals = False
    while index < len(words):
        word = words[index]
        index += 1
        if only_positionals or not word.startswith("--") or word == "--":
            if word == "--" and not only_positionals:
                only_positionals = True
                continue
            loose.append(word)
            continue
        flag, has_value, inline_value = word.partition("=")
        if flag in ("--help", "-h"):
            values["__help__"] = True
            continue
        if flag == "--json":
            want_json = True
            continue
        argument = options.get(flag)
        if argument is None:
            raise UsageError(
                f"`{command.name}` has no option `{flag[:40]}`. Usage: `{command.usage()}`",
                command,
            )
        if argument.kind == "flag":
            values[argument.name] = True
            continue
        if has_value:
            values[argument.name] = inline_value
        elif index < len(words):
            values[argument.name] = words[index]
            index += 1
        else:
            raise UsageError(
                f"`{flag}` needs a value. Usage: `{command.usage()}`",
                command,
            )
    _assign_positionals(command, positionals, loose, values)
    return Invocation(command=command, values=values, json=want_json)


def _assign_positionals(
    command: Command, positionals: list[Argument], loose: list[str], values: dict[str, Any]
) -> None:
    for argument in positionals:
        if argument.variadic:
            if loose:
                values[argument.name] = list(loose)
            loose.clear()
        elif loose:
            values[argument.name] = loose.pop(0)
        if argument.required and argument.name not in values and "__help__" not in values:
            raise UsageError(
                f"`{command.name}` needs {argument.usage().strip('[]')}. "
                f"Usage: `{command.usage()}`",
                command,
            )
    if loose:
        raise UsageError(
            f"`{command.name}` doesn't take `{' '.join(loose)[:60]}`. Usage: `{command.usage()}`",
            command,
        )
