"""`backup PATH` and `doctor`: running the bot for real.

`backup` makes a consistent copy while the bot runs. `doctor` checks what a deployment needs
and says what to fix (`bot.doctor`): the database (sound, writable), Slack (tokens accepted,
scopes granted), Discord (token accepted, intents enabled) and the language-model endpoint
(reachable, key accepted)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx

from bot.dispatch import UserError
from bot.doctor import Check, passed
from bot.doctor.database import database_checks
from bot.doctor.discord import discord_checks
from bot.doctor.model import model_checks
from bot.doctor.slack import slack_checks
from bot.registry import CommandContext
from bot.reply import Line, Reply, Section, message_reply
from storage.backup import backup_to


def handle_backup(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """Copy the database to PATH (never over an existing file)."""
    raw = str(values.get("path") or "").strip()
    if not raw:
        raise UserError("Where to? Give me a file name.", hint="Usage: `backup PATH`")
    target = Path(raw).expanduser()
    if target.exists():
        raise UserError(f"{target} already exists; I never overwrite a file. Pick a new name.")
    if not target.parent.is_dir():
        raise UserError(f"There is no folder {target.parent} to write the copy into.")
    with ctx.archive.session() as session:
        size = backup_to(session.db, target)
    return message_reply(
        "backup",
        "Backup made",
        f"A consistent copy of the database is in {target} ({size:,} bytes).",
        data={"path": str(target), "bytes": size},
    )


def run_checks(ctx: CommandContext) -> list[Check]:
    """Every doctor check for these settings, in the order they are shown."""
    settings = ctx.settings
    checks = database_checks(ctx.archive)
    with httpx.Client() as client:
        checks += slack_checks(settings, client)
        checks += discord_checks(settings, client)
        if not (settings.slack_bot_token or settings.discord_token):
            checks.append(passed("chat: none configured; `natosg run` opens the console"))
        checks += model_checks(settings, client)
    return checks


def handle_doctor(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """Check the database, the chat services and the model endpoint; say what to fix."""
    checks = run_checks(ctx)
    lines = tuple(Line(("ok: " if c.ok else "FIX: ") + c.text) for c in checks)
    healthy = all(c.ok for c in checks)
    return Reply(
        command="doctor",
        title="All checks passed" if healthy else "Some things need fixing",
        sections=(Section(None, lines),),
        ok=healthy,
        data={"checks": [{"ok": c.ok, "check": c.text} for c in checks]},
    )
