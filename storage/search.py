"""Full-text search over the stored sentences (FTS5, BM25), for answering questions.

User text reaches MATCH only through `storage.fts.fts_query`, which quotes every token.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from storage.fts import fts_query
from storage.passages import Passage

MAX_HITS = 80
_CHUNK = 500


@dataclass(frozen=True)
class SearchHit:
    """A stored sentence that matched, with its BM25 relevance (higher is better)."""

    passage: Passage
    score: float


@dataclass(frozen=True)
class TermStat:
    """How many sentences a term (or any of its variants) occurs in, and which of some."""

    documents: int
    among: frozenset[int]


def search_passages(db: Database, text: str, *, limit: int = MAX_HITS) -> list[SearchHit]:
    """The sentences best matching any word of `text`, best first (at most `limit`)."""
    query = fts_query(text, mode="OR")
    if query is None:
        return []
    rows = db.execute(
        """
        SELECT s.id, s.text, s.idx, a.id, a.source, a.outlet, a.title, a.published, a.url,
               a.duplicate_of, hits.score
        FROM (
            SELECT rowid AS id, bm25(sentences_fts) AS score FROM sentences_fts
            WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?
        ) AS hits
        JOIN sentences s ON s.id = hits.id
        JOIN articles a ON a.id = s.article_id
        ORDER BY hits.score, s.id
        """,
        [query, max(1, min(limit, 500))],
    ).fetchall()
    # FTS5's bm25() is negative, more negative being more relevant.
    return [SearchHit(Passage(*row[:10]), -float(row[10])) for row in rows]


def term_stat(db: Database, text: str, among: Iterable[int]) -> TermStat:
    """In how many sentences any word of `text` occurs, and which of the `among` ids hold one."""
    query = fts_query(text, mode="OR")
    if query is None:
        return TermStat(0, frozenset())
    documents = int(
        db.execute(
            "SELECT COUNT(*) FROM sentences_fts WHERE sentences_fts MATCH ?", [query]
        ).fetchone()[0]
    )
    wanted = list(dict.fromkeys(among))
    found: set[int] = set()
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ",".join("?" for _ in chunk)
        rows = db.execute(
            f"SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ? AND rowid IN ({marks})",
            [query, *chunk],
        ).fetchall()
        found.update(int(row[0]) for row in rows)
    return TermStat(documents, frozenset(found))


def sentence_total(db: Database) -> int:
    """How many sentences are stored (the corpus size for IDF)."""
    return int(db.execute("SELECT COUNT(*) FROM sentences").fetchone()[0])


def sentences_before(db: Database, article_id: int, idx: int, count: int = 2) -> list[str]:
    """The `count` sentences just before one sentence of an article, in order."""
    rows = db.execute(
        "SELECT text FROM sentences WHERE article_id = ? AND idx >= ? AND idx < ? ORDER BY idx",
        [article_id, idx - count, idx],
    ).fetchall()
    return [str(row[0]) for row in rows]
