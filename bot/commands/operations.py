"""`backup PATH` and `doctor`: running the bot for real.

`backup` makes a consistent copy while the bot runs. `doctor` checks what a deployment needs
and says what to fix: the database (writable, sound), the chat credentials present for the
platforms configured, and the language-model endpoint (reachable, key accepted)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx

from bot.config import Settings
from bot.dispatch import UserError
from bot.registry import CommandContext
from bot.reply import Line, Reply, Section, message_reply
from storage.backup import backup_to, integrity_problems

LLM_CHECK_TIMEOUT_S = 5.0


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


def _database_checks(ctx: CommandContext) -> list[tuple[bool, str]]:
    path = ctx.archive.path
    checks: list[tuple[bool, str]] = []
    try:
        with ctx.archive.session() as session:
            problems = integrity_problems(session.db)
            session.db.execute("CREATE TEMP TABLE IF NOT EXISTS doctor_probe (x)")
    except sqlite3.DatabaseError as exc:
        return [
            (False, f"database {path}: cannot be used ({type(exc).__name__}); restore a backup")
        ]
    checks.append(
        (not problems, f"database {path}: " + ("sound" if not problems else "; ".join(problems)))
    )
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    checks.append((writable, f"database {path}: {'writable' if writable else 'NOT writable'}"))
    return checks


def _chat_checks(settings: Settings) -> list[tuple[bool, str]]:
    checks: list[tuple[bool, str]] = []
    if settings.slack_bot_token:
        mode = settings.slack_app_token or settings.slack_signing_secret
        checks.append(
            (
                bool(mode),
                "Slack: bot token set, "
                + (
                    "and an app token or signing secret"
                    if mode
                    else "but neither SLACK_APP_TOKEN nor SLACK_SIGNING_SECRET: Slack won't start"
                ),
            )
        )
    if settings.discord_token:
        checks.append((True, "Discord: token set (run `natosg discord-sync` once to register)"))
    if not (settings.slack_bot_token or settings.discord_token):
        checks.append((True, "chat: none configured; `natosg run` opens the console"))
    return checks


def _llm_check(settings: Settings) -> list[tuple[bool, str]]:
    base = settings.llm_base_url
    if not base:
        return [(True, "language model: none configured (offline summaries)")]
    headers = {"Authorization": f"Bearer {settings.llm_api_key}"} if settings.llm_api_key else {}
    url = base.rstrip("/") + "/models"
    try:
        response = httpx.get(url, headers=headers, timeout=LLM_CHECK_TIMEOUT_S)
    except httpx.HTTPError as exc:
        return [(False, f"language model at {base}: not reachable ({type(exc).__name__})")]
    if response.status_code in (401, 403):
        return [
            (False, f"language model at {base}: the key was refused (HTTP {response.status_code})")
        ]
    if response.status_code >= 500:
        return [(False, f"language model at {base}: answers HTTP {response.status_code}")]
    return [(True, f"language model at {base}: reachable")]


def handle_doctor(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """Check the database, the chat settings and the model endpoint; say what to fix."""
    checks = _database_checks(ctx) + _chat_checks(ctx.settings) + _llm_check(ctx.settings)
    lines = tuple(Line(("ok: " if ok else "FIX: ") + text) for ok, text in checks)
    healthy = all(ok for ok, _ in checks)
    return Reply(
        command="doctor",
        title="All checks passed" if healthy else "Some things need fixing",
        sections=(Section(None, lines),),
        ok=healthy,
        data={"checks": [{"ok": ok, "check": text} for ok, text in checks]},
    )
