"""What runs inside an article's write transaction after it is stored: claim extraction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import cast

from sqlite_utils import Database

from bot.ingest.pipeline import ArticleHook
from records.claims import ExtractedClaim
from storage.claims import article_header, article_sentences, replace_article_claims
from summarizer.entities.resolver import EntityResolver
from summarizer.extraction.reader import EXTRACTOR, extract_claims
from summarizer.text.preparation import PreparedArticle


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


class ClaimExtraction:
    """Claim extraction as an article hook: from the stored sentences when called, or in two
    steps for a bulk ingest, extracting in a worker (`prepare`) from the same sentences,
    date and title that are stored, then storing (`store`)."""

    def __call__(self, db: Database, article_id: int) -> int:
        """Extract and store the claims of a stored article."""
        return extract_article_claims(db, article_id)

    def prepare(self, prepared: PreparedArticle) -> list[ExtractedClaim]:
        """The claims of an article about to be stored."""
        return extract_claims(
            [sentence.text for sentence in prepared.sentences],
            prepared.published,
            EntityResolver.default(),
            title=prepared.title,
        )

    def store(self, db: Database, article_id: int, value: object) -> int:
        """Store the claims `prepare` found, for the article just inserted."""
        claims = cast(list[ExtractedClaim], value)
        sentence_ids = [sentence_id for sentence_id, _ in article_sentences(db, article_id)]
        return replace_article_claims(db.conn, article_id, sentence_ids, claims, EXTRACTOR)


def article_hooks() -> Sequence[ArticleHook]:
    """The hooks every ingest runs, in order."""
    return (ClaimExtraction(),)
