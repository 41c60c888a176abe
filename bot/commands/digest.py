"""`digest [--rebuild]`: today's cited digest, reused until new articles arrive."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from bot.briefing.digests import current_digest
from bot.citations import CitationBook
from bot.registry import Argument, Command, CommandContext
from bot.reply import Line, Reply, Section, message_reply
from storage.db import open_database
from storage.digests import StoredDigest
from storage.passages import passages_by_id


def digest_reply(db: Database, digest: StoredDigest, *, reused: bool) -> Reply:
    """A stored digest as a Reply; citations are re-read from the stored sentences."""
    passages = passages_by_id(db, (i for item in digest.items for i in item.sentence_ids))
    book = CitationBook()
    sections: list[tuple[str, str, list[Line]]] = []
    entries = []
    for item in digest.items:
        cited = [passages[i] for i in item.sentence_ids if i in passages]
        if not cited:
            continue  # its sentences are gone: no citation, no statement
        cites = book.cite_all(cited)
        if not sections or sections[-1][0] != item.section_key:
            sections.append((item.section_key, item.section, []))
        sections[-1][2].append(Line(item.text, cites))
        entries.append({"section": item.section_key, "text": item.text, "citations": list(cites)})
    return Reply(
        command="digest",
        title=digest.title,
        sections=tuple(Section(heading, tuple(lines)) for _, heading, lines in sections),
        citations=book.citations,
        note=digest.note,
        data={
            "digest_id": digest.id,
            "date": digest.digest_date,
            "built_at": digest.built_at,
            "backend": digest.backend,
            "reused": reused,
            "article_count": digest.article_count,
            "previous_digest_id": digest.previous_id,
            "new_articles": list(digest.new_article_ids),
            "items": entries,
        },
    )


def handle_digest(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """Today's digest: the stored one while nothing new has arrived, else a fresh one."""
    now = ctx.now or datetime.now(UTC)
    db = open_database(ctx.db_path)
    try:
        result = current_digest(db, now, rebuild=bool(values.get("rebuild")))
        if result.digest is None:
            return message_reply(
                "digest",
                "No digest yet",
                "My sources don't say anything about the race yet.",
                "Add articles with `ingest PATH_OR_URL`, then ask again.",
                data={"digest_id": None},
            )
        return digest_reply(db, result.digest, reused=result.reused)
    finally:
        db.close()


DIGEST = Command(
    name="digest",
    summary="Today's cited digest of the race (reused until new articles arrive).",
    handler=handle_digest,
    arguments=(Argument("rebuild", "build a new digest even if today's is current", kind="flag"),),
    public_by_default=True,
    examples=("digest", "digest --rebuild"),
)
