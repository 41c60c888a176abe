"""What runs inside an article's write transaction after it is stored: claim extraction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlite_utils import Database

from bot.ingest.pipeline import ArticleHook
from storage.claims import article_header, article_sentences, replace_article_claims
from summarizer.entities import EntityResolver
from summarizer.extraction import EXTRACTOR, extract_claims


def extract_article_claims(db: Database, article_id: int) -> int:
    """(Re-)derive one article's claims from its stored sentences; returns how many."""
    sentences = article_sentences(db, article_id)
    published, title = article_header(db, article_id)
    claims = extract_claims(
        [text for _, text in sentences],
        date.fromisoformat(published) if published else None,
        EntityResolver.default(),
        title=title,
    )
    return replace_article_claims(
        db.conn, article_id, [sentence_id for sentence_id, _ in sentences], claims, EXTRACTOR
    )


def article_hooks() -> Sequence[ArticleHook]:
    """The hooks every ingest runs, in order."""
    return (extract_article_claims,)
