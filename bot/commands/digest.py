"""`digest [--rebuild]`: today's cited digest, reused until new articles arrive."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from bot.briefing.digest_reply import digest_reply
from bot.briefing.digests import current_digest
from bot.briefing.llm import llm_backend
from bot.registry import CommandContext
from bot.reply import Reply, message_reply


def handle_digest(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """Today's digest: the stored one while nothing new has arrived, else a fresh one."""
    now = ctx.now or datetime.now(UTC)
    with ctx.archive.session() as session:
        db = session.db
        result = current_digest(
            session, now, rebuild=bool(values.get("rebuild")), llm=llm_backend(ctx.settings, db)
        )
        if result.digest is None:
            return message_reply(
                "digest",
                "No digest yet",
                "My sources don't say anything about the race yet.",
                "Add articles with `ingest PATH_OR_URL`, then ask again.",
                data={"digest_id": None},
            )
        return digest_reply(db, result.digest, reused=result.reused)
