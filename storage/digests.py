"""Every SQL statement about stored digests: their items, citations and covered articles."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from storage.db import Database


@dataclass(frozen=True)
class DigestItem:
    """One bullet of a digest and the stored sentences it cites, in order."""

    section_key: str
    section: str
    style: str
    text: str
    sentence_ids: tuple[int, ...]


@dataclass(frozen=True)
class NewDigest:
    """A digest ready to store."""

    digest_date: str
    built_at: str
    backend: str
    title: str
    latest_article_id: int
    article_count: int
    previous_id: int | None
    note: str | None
    items: tuple[DigestItem, ...]
    new_article_ids: tuple[int, ...]


@dataclass(frozen=True)
class StoredDigest(NewDigest):
    """A digest as stored: what was built, and its id."""

    id: int


def store_digest(conn: sqlite3.Connection, digest: NewDigest) -> int:
    """Store a digest (inside the caller's write transaction); returns its id."""
    cursor = conn.execute(
        """
        INSERT INTO digests (digest_date, built_at, backend, title, latest_article_id,
            article_count, previous_id, note)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
            digest.digest_date,
            digest.built_at,
            digest.backend,
            digest.title,
            digest.latest_article_id,
            digest.article_count,
            digest.previous_id,
            digest.note,
        ],
    )
    digest_id = int(cursor.lastrowid or 0)
    cited: set[int] = set()
    for position, item in enumerate(digest.items):
        row = conn.execute(
            "INSERT INTO digest_items (digest_id, position, section, section_key, style, text) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [digest_id, position, item.section, item.section_key, item.style, item.text],
        )
        item_id = int(row.lastrowid or 0)
        conn.executemany(
            "INSERT INTO digest_citations (item_id, ord, sentence_id) VALUES (?, ?, ?)",
            [(item_id, ord_, sentence_id) for ord_, sentence_id in enumerate(item.sentence_ids)],
        )
        cited.update(item.sentence_ids)
    _store_articles(conn, digest_id, cited, digest.new_article_ids)
    return digest_id


def _store_articles(
    conn: sqlite3.Connection, digest_id: int, cited: set[int], new_ids: Sequence[int]
) -> None:
    conn.executemany(
        "INSERT INTO digest_articles (digest_id, article_id, is_new) VALUES (?, ?, 1)",
        [(digest_id, article_id) for article_id in new_ids],
    )
    ids = sorted(cited)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        conn.execute(
            "INSERT OR IGNORE INTO digest_articles (digest_id, article_id, is_new) "
            f"SELECT DISTINCT ?, article_id, 0 FROM sentences WHERE id IN ({marks})",
            [digest_id, *chunk],
        )


_DIGEST_COLUMNS = (
    "id, digest_date, built_at, backend, title, latest_article_id, article_count, previous_id, note"
)


def _load(db: Database, where: str, params: Sequence[object]) -> StoredDigest | None:
    row = db.execute(
        f"SELECT {_DIGEST_COLUMNS} FROM digests WHERE {where} ORDER BY id DESC LIMIT 1", params
    ).fetchone()
    if row is None:
        return None
    digest_id = int(row[0])
    # Every item's citations in one query, not one per item (a digest has a few hundred).
    cites: dict[int, list[int]] = {}
    for item_id, sentence_id in db.execute(
        "SELECT c.item_id, c.sentence_id FROM digest_citations c "
        "JOIN digest_items i ON i.id = c.item_id WHERE i.digest_id = ? ORDER BY c.item_id, c.ord",
        [digest_id],
    ).fetchall():
        cites.setdefault(int(item_id), []).append(int(sentence_id))
    items = [
        DigestItem(key, section, style, text, tuple(cites.get(int(item_id), ())))
        for item_id, key, section, style, text in db.execute(
            "SELECT id, section_key, section, style, text FROM digest_items "
            "WHERE digest_id = ? ORDER BY position",
            [digest_id],
        ).fetchall()
    ]
    new_ids = db.execute(
        "SELECT article_id FROM digest_articles WHERE digest_id = ? AND is_new ORDER BY article_id",
        [digest_id],
    ).fetchall()
    return StoredDigest(
        id=digest_id,
        digest_date=row[1],
        built_at=row[2],
        backend=row[3],
        title=row[4],
        latest_article_id=int(row[5]),
        article_count=int(row[6]),
        previous_id=row[7],
        note=row[8],
        items=tuple(items),
        new_article_ids=tuple(int(r[0]) for r in new_ids),
    )


def digest_by_id(db: Database, digest_id: int) -> StoredDigest | None:
    """The stored digest with this id, if any."""
    return _load(db, "id = ?", [digest_id])


def latest_digest(db: Database) -> StoredDigest | None:
    """The most recently built digest, if any."""
    return _load(db, "1 = 1", [])


def latest_digest_before(
    db: Database, latest_article_id: int, article_count: int
) -> StoredDigest | None:
    """The newest digest that covered less than the archive does now: the baseline for
    "what changed" (a forced rebuild over the same articles keeps the same baseline)."""
    return _load(
        db,
        "NOT (latest_article_id = ? AND article_count = ?)",
        [latest_article_id, article_count],
    )
