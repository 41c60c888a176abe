"""`rebuild-claims`: re-derive every claim from the stored sentences (after a rules upgrade)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.ingest.claims import ClaimExtraction
from bot.registry import CommandContext
from bot.reply import Reply, message_reply
from storage.claims import article_ids


def handle_rebuild_claims(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """Re-run extraction over every article, one transaction per article; then re-read the
    articles that name people the first pass taught the archive."""
    with ctx.archive.session() as session:
        ids = article_ids(session.db)
        extraction = ClaimExtraction()
        extraction.load(session.db)
        total = extraction.reread(session.db, ids)
        extraction.catch_up(session.db)
    return message_reply(
        "rebuild-claims",
        "Claims rebuilt",
        f"Re-derived {total} claims from {len(ids)} articles.",
        data={"articles": len(ids), "claims": total},
    )
