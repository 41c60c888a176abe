"""Every SQL statement about articles, their sentences and the links between them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storage import full_text
from storage.db import Database


@dataclass(frozen=True)
class NewSentence:
    """A sentence to store: its position and exact offsets into the clean body."""

    idx: int
    char_start: int
    char_end: int
    text: str


@dataclass(frozen=True)
class NewArticle:
    """An article ready to store, cleaned and dated."""

    source: str
    source_kind: str
    url: str | None
    content_hash: str
    outlet: str | None
    title: str | None
    published: str | None
    published_how: str
    language: str | None
    body: str
    raw: str
    ingested_at: str


@dataclass(frozen=True)
class ArticleLink:
    """Another article this one shares passages with."""

    other_id: int
    kind: str
    shared: int
    containment: float


@dataclass(frozen=True)
class ArticleSummary:
    """One row of `sources`: what an article is and where it came from."""

    id: int
    source: str
    source_kind: str
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None
    published_how: str
    language: str | None
    ingested_at: str
    sentence_count: int
    duplicate_of: int | None
    links: tuple[ArticleLink, ...]


def find_by_hash(db: Database, content_hash: str) -> int | None:
    """The id of the stored article with this content hash, if any."""
    row = db.execute("SELECT id FROM articles WHERE content_hash = ?", [content_hash]).fetchone()
    return int(row[0]) if row else None


def insert_article(conn: sqlite3.Connection, article: NewArticle) -> int:
    """Insert one article (inside the caller's write transaction); its id."""
    cursor = conn.execute(
        """
        INSERT INTO articles (source, source_kind, url, content_hash, outlet, title, published,
            published_how, language, body, raw, ingested_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
            article.source,
            article.source_kind,
            article.url,
            article.content_hash,
            article.outlet,
            article.title,
            article.published,
            article.published_how,
            article.language,
            article.body,
            article.raw,
            article.ingested_at,
        ],
    )
    return int(cursor.lastrowid or 0)


def insert_sentences(
    conn: sqlite3.Connection,
    article_id: int,
    sentences: Sequence[NewSentence],
    *,
    full_text_later: bool = False,
) -> list[int]:
    """Insert an article's sentences (inside the caller's write transaction); their ids, in
    order, so what is derived from them can be stored without reading them back. With
    `full_text_later`, their full-text entries wait for `full_text.index_pending`.

    The ids are the ones SQLite would give them one by one (the next after the largest),
    given up front so that one statement inserts them all."""
    first = int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM sentences").fetchone()[0])
    ids = list(range(first, first + len(sentences)))
    if full_text_later and ids:
        full_text.defer(conn, ids[0], ids[-1])
    conn.executemany(
        "INSERT INTO sentences (id, article_id, idx, char_start, char_end, text) "
        "VALUES (?,?,?,?,?,?)",
        [
            (sentence_id, article_id, s.idx, s.char_start, s.char_end, s.text)
            for sentence_id, s in zip(ids, sentences, strict=True)
        ],
    )
    return ids


def shared_shingle_counts(
    conn: sqlite3.Connection,
    hashes: Iterable[int],
    *,
    common_cap: int,
    common: set[int] | None = None,
) -> dict[int, int]:
    """How many of `hashes` each stored article shares, ignoring common phrases.

    A shingle already held by `common_cap` or more articles is a stock phrase ("the post of
    NATO Secretary General"), not a shared passage; reading at most `common_cap` postings
    per shingle also keeps this lookup flat as the archive grows. The stock phrases found
    are added to `common`, when given.
    """
    counts: dict[int, int] = {}
    # One statement for all of an article's shingles (each still reads at most `common_cap`
    # postings): hundreds of separate look-ups cost more in calls than in reading.
    rows = conn.execute(
        "SELECT j.value, (SELECT group_concat(article_id) FROM "
        "(SELECT article_id FROM shingles WHERE hash = j.value LIMIT ?)) "
        "FROM json_each(?) AS j",
        [common_cap, json.dumps(list(hashes))],
    ).fetchall()
    for value, holders in rows:
        if not holders:
            continue
        ids = str(holders).split(",")
        if len(ids) >= common_cap:
            if common is not None:
                common.add(int(value))
            continue
        for found in ids:
            article_id = int(found)
            counts[article_id] = counts.get(article_id, 0) + 1
    return counts


def sentence_texts(conn: sqlite3.Connection, article_id: int) -> list[str]:
    """An article's stored sentences, in order."""
    rows = conn.execute(
        "SELECT text FROM sentences WHERE article_id = ? ORDER BY idx", [article_id]
    ).fetchall()
    return [str(row[0]) for row in rows]


def shingle_count(conn: sqlite3.Connection, article_id: int, sample: int = 1) -> int:
    """How many distinct shingles an article has among those kept when one in `sample` is
    kept (an archive stored before sampling holds every one; they are counted alike)."""
    row = conn.execute(
        "SELECT COUNT(*) FROM shingles WHERE article_id = ? AND hash % ? = 0", [article_id, sample]
    )
    return int(row.fetchone()[0])


def insert_shingles(conn: sqlite3.Connection, article_id: int, hashes: Iterable[int]) -> None:
    """Record an article's shingles for later overlap lookups."""
    conn.executemany(
        "INSERT OR IGNORE INTO shingles (hash, article_id) VALUES (?, ?)",
        [(value, article_id) for value in hashes],
    )


def insert_link(
    conn: sqlite3.Connection, article_id: int, other_id: int, link: ArticleLink
) -> None:
    """Link two articles both ways; a near-duplicate also points `duplicate_of` at the older."""
    for a, b in ((article_id, other_id), (other_id, article_id)):
        conn.execute(
            """
            INSERT OR REPLACE INTO article_links (article_id, other_id, kind, shared, containment)
            VALUES (?, ?, ?, ?, ?)
            """,
            [a, b, link.kind, link.shared, link.containment],
        )
    if link.kind == "near_duplicate":
        conn.execute(
            "UPDATE articles SET duplicate_of = ? WHERE id = ? AND duplicate_of IS NULL",
            [min(article_id, other_id), max(article_id, other_id)],
        )


def list_articles(db: Database) -> list[ArticleSummary]:
    """Every stored article with its sentence count and links, oldest publication first."""
    links: dict[int, list[ArticleLink]] = {}
    for row in db.execute(
        "SELECT article_id, other_id, kind, shared, containment FROM article_links "
        "ORDER BY article_id, other_id"
    ):
        links.setdefault(row[0], []).append(ArticleLink(row[1], row[2], row[3], row[4]))
    rows = db.execute(
        """
        SELECT a.id, a.source, a.source_kind, a.url, a.outlet, a.title, a.published,
               a.published_how, a.language, a.ingested_at, a.duplicate_of,
               (SELECT COUNT(*) FROM sentences s WHERE s.article_id = a.id)
        FROM articles a
        ORDER BY a.published IS NULL, a.published, a.id
        """
    ).fetchall()
    return [
        ArticleSummary(
            id=row[0],
            source=row[1],
            source_kind=row[2],
            url=row[3],
            outlet=row[4],
            title=row[5],
            published=row[6],
            published_how=row[7],
            language=row[8],
            ingested_at=row[9],
            duplicate_of=row[10],
            sentence_count=row[11],
            links=tuple(links.get(row[0], ())),
        )
        for row in rows
    ]


def article_count(db: Database) -> int:
    """How many articles are stored."""
    return int(db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])


def latest_published(db: Database) -> str | None:
    """The newest article date (ISO), or None when no article is dated."""
    row = db.execute("SELECT MAX(published) FROM articles").fetchone()
    return row[0] if row and row[0] else None
