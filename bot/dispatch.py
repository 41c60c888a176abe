"""Running a command for any surface: parse, check permissions, answer, never leak a traceback."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Mapping
from typing import Any

from bot.db_problems import database_problem
from bot.parsing import Invocation, UsageError, parse_text, parse_words
from bot.registry import Command, CommandContext, Registry
from bot.reply import Reply, error_reply, scrub_reply

log = logging.getLogger(__name__)


class UserError(Exception):
    """A problem the user can fix (bad date, unknown name); `message` is shown as is."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


SORRY_INTERNAL = (
    "Something went wrong on my side while answering that. It has been logged; "
    "please try again in a moment."
)


def run_invocation(invocation: Invocation, ctx: CommandContext, registry: Registry) -> Reply:
    """Answer a parsed command; every failure becomes a polite Reply.

    A user error (`UserError`) is an ordinary `ok=False` reply. A crash inside a handler is
    logged with its traceback and answered with one calm line; the reply's `failure` names
    the exception type (never its message), so tests and scripts can tell the bot's own
    failures from the user's mistakes."""
    command = invocation.command
    if invocation.values.get("__help__"):
        help_command = registry.get("help")
        if help_command is not None:
            return _answer(help_command, ctx, {"command": command.name})
    if ctx.surface not in command.surfaces:
        return error_reply(command.name, f"`{command.name}` isn't available here.")
    if command.admin_only and not ctx.is_admin:
        return error_reply(
            command.name,
            f"Sorry, only people who manage this channel can use `{command.name}`.",
        )
    flagged = command.admin_parts(invocation.values)
    if flagged and not ctx.is_admin:
        shown = ", ".join(f"`{part}`" for part in flagged)
        return error_reply(
            command.name,
            f"Sorry, only people who manage this channel can use {shown}.",
            hint=f"`{command.name}` without it works for everyone.",
        )
    return _answer(command, ctx, invocation.values)


def _answer(command: Command, ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    try:
        # Whatever a source or a model wrote, no configured secret is ever shown.
        return scrub_reply(command.handler(ctx, values), ctx.settings.secrets())
    except UserError as exc:
        return error_reply(command.name, exc.message, hint=exc.hint)
    except sqlite3.Error as exc:
        problem = database_problem(exc, ctx.settings.db_path)
        if problem is None:
            log.exception("command %s failed", command.name)
            return error_reply(command.name, SORRY_INTERNAL, failure=type(exc).__name__)
        # Not the user's mistake, nor a glitch worth retrying: the environment, said plainly.
        # A known state of the file, so one log line without a traceback.
        log.error("command %s: %s (sqlite: %s)", command.name, problem, exc)
        return error_reply(command.name, problem, failure=type(exc).__name__)
    except Exception as exc:
        # The details go to the log; the user gets one calm line.
        log.exception("command %s failed", command.name)
        return error_reply(command.name, SORRY_INTERNAL, failure=type(exc).__name__)


def run_text(text: str, ctx: CommandContext, registry: Registry) -> tuple[Reply, bool]:
    """Parse and run a chat or console line. Returns the reply and whether JSON was asked."""
    try:
        invocation = parse_text(registry, text)
    except UsageError as exc:
        return _usage_reply(exc), False
    return run_invocation(invocation, ctx, registry), invocation.json


def run_words(words: list[str], ctx: CommandContext, registry: Registry) -> tuple[Reply, bool]:
    """Parse and run CLI words. Returns the reply and whether `--json` was given."""
    want_json = "--json" in words
    try:
        invocation = parse_words(registry, words)
    except UsageError as exc:
        return _usage_reply(exc), want_json
    return run_invocation(invocation, ctx, registry), invocation.json


def _usage_reply(exc: UsageError) -> Reply:
    name = exc.command.name if exc.command else "help"
    return error_reply(name, exc.message)
