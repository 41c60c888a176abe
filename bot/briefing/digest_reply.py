"""A stored digest as a Reply: its items with citations re-read from the stored sentences."""

from __future__ import annotations

from bot.citations import CitationBook
from bot.reply import Line, Reply, Section
from storage.db import Database
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
