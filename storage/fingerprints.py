"""Fingerprints of the documents ingested from each source, so that reading an unchanged
file again finds its stored article at once, without cleaning and hashing its text."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from storage.db import Database


@dataclass(frozen=True)
class KnownDocument:
    """The stored article a document with this fingerprint led to, and its title as read."""

    article_id: int
    title: str | None


def known_document(db: Database, source: str, fingerprint: str) -> KnownDocument | None:
    """The article this exact document from this source led to, if it was ingested before."""
    row = db.execute(
        "SELECT article_id, title FROM document_fingerprints WHERE source = ? AND fingerprint = ?",
        [source, fingerprint],
    ).fetchone()
    return KnownDocument(int(row[0]), row[1]) if row else None


def remember_document(
    conn: sqlite3.Connection, source: str, fingerprint: str, article_id: int, title: str | None
) -> None:
    """Record which article a document led to (inside the caller's write transaction)."""
    conn.execute(
        "INSERT OR REPLACE INTO document_fingerprints (source, fingerprint, article_id, title) "
        "VALUES (?, ?, ?, ?)",
        [source, fingerprint, article_id, title],
    )
