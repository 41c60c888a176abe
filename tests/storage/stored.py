"""Articles stored by hand in tests: one with a sentence waiting for its full-text entry,
as a bulk ingest leaves it between two batches (storage/full_text.py)."""

from __future__ import annotations

import sqlite3

from storage.articles import NewArticle, NewSentence, insert_article, insert_sentences
from storage.db import Database, write_transaction


def add_article(conn: sqlite3.Connection, name: str, body: str = "") -> int:
    """A bare article named `name` (inside the caller's write transaction); its id."""
    return insert_article(
        conn,
        NewArticle(
            source=f"{name}.txt",
            source_kind="file",
            url=None,
            content_hash=name,
            outlet=None,
            title=name,
            published=None,
            published_how="unknown",
            language="en",
            body=body or name,
            raw=body or name,
            ingested_at="2024-01-01T00:00:00+00:00",
        ),
    )


def add_pending_sentence(db: Database, name: str, text: str) -> int:
    """An article of one sentence whose full-text entry is still to be written; its id."""
    with write_transaction(db) as conn:
        article_id = add_article(conn, name, text)
        sentence = NewSentence(0, 0, len(text), text)
        insert_sentences(conn, article_id, [sentence], full_text_later=True)
    return article_id
