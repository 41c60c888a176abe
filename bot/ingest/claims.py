"""Claim extraction as a step of ingest: read from the article being stored, stored with it.

A bulk ingest reads claims in a worker process (`read`, pure) and stores them in the
article's write transaction (`store`); `rederive` reads them again from what is stored (after
the rules change: `rebuild-claims`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlite_utils import Database

from records.claims import ExtractedClaim
from storage.claims import article_header, article_sentences, replace_article_claims
from summarizer.entities.resolver import EntityResolver
from summarizer.extraction.reader import EXTRACTOR, extract_claims
from summarizer.text.preparation import PreparedArticle


class ClaimExtraction:
    """Reads an article's claims and stores them with it."""

    def read(self, prepared: PreparedArticle) -> list[ExtractedClaim]:
        """The claims of an article about to be stored (pure: runs in workers too)."""
        return extract_claims(
            [sentence.text for sentence in prepared.sentences],
            prepared.published,
            EntityResolver.default(),
            title=prepared.title,
        )

    def store(
        self,
        db: Database,
        article_id: int,
        sentence_ids: Sequence[int],
        claims: Sequence[ExtractedClaim],
    ) -> int:
        """Store the claims `read` found, for the article and sentences just inserted."""
        return replace_article_claims(db.conn, article_id, sentence_ids, claims, EXTRACTOR)


def rederive_claims(db: Database, article_id: int) -> int:
    """(Re-)derive one stored article's claims from its stored sentences; returns how many."""
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
