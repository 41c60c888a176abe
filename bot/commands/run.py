"""`run` in the registry, so help lists it; the CLI starts the bot itself (bot/runner.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.dispatch import UserError
from bot.registry import Command, CommandContext
from bot.reply import Reply


def _only_from_cli(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    raise UserError("`run` starts the bot; use it from the command line: `natosg run`.")


RUN = Command(
    name="run",
    summary="Start the bot: chat adapters that have credentials, else the console.",
    handler=_only_from_cli,
    surfaces=frozenset({"cli"}),
    examples=("run",),
)
