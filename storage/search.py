"""Full-text search over the stored sentences (FTS5, BM25), for answering questions.

User text reaches MATCH only through `storage.fts.fts_query`, which quotes every token.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlite_utils import Database

from storage.claims import data_revision
from storage.fts import fts_query
from storage.passages import Passage

T = TypeVar("T")
MAX_HITS = 80
_CHUNK = 500
# Same tokenizer as sentences_fts, so a sentence matches here exactly when it does there.
_PROBE_TABLE = """
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.sentence_probe
    USING fts5(text, tokenize='porter unicode61 remove_diacritics 2')
"""
_SEARCH = """
    SELECT s.id, s.text, s.idx, a.id, a.source, a.outlet, a.title, a.published, a.url,
           a.duplicate_of, hits.score
    FROM (
        SELECT rowid AS id, bm25(sentences_fts) AS score FROM sentences_fts
        WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?
    ) AS hits
    JOIN sentences s ON s.id = hits.id
    JOIN articles a ON a.id = s.article_id
    ORDER BY hits.score, s.id
"""
# Searches and counts per database revision: a long-running bot asked about the same names
# again answers from memory until an article arrives. Bounded.
_RESULTS: OrderedDict[Hashable, Any] = OrderedDict()
_LOCK = threading.Lock()
MAX_RESULTS = 512


def _remembered(db: Database, key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """`compute()`, kept for this database's current revision (computed afresh inside a
    transaction, whose changes may roll back)."""
    revision = data_revision(db)
    if revision is None:
        return compute()
    full = (*revision, *key)
    with _LOCK:
        if full in _RESULTS:
            _RESULTS.move_to_end(full)
            return _RESULTS[full]  # type: ignore[no-any-return]
    value = compute()
    with _LOCK:
        _RESULTS[full] = value
        while len(_RESULTS) > MAX_RESULTS:
            _RESULTS.popitem(last=False)
    return value


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
    wanted = max(1, min(limit, 500))
    return list(_remembered(db, ("search", query, wanted), lambda: _search(db, query, wanted)))


def _search(db: Database, query: str, limit: int) -> tuple[SearchHit, ...]:
    rows = db.execute(_SEARCH, [query, limit]).fetchall()
    # FTS5's bm25() is negative, more negative being more relevant.
    return tuple(SearchHit(Passage(*row[:10]), -float(row[10])) for row in rows)


def term_stat(db: Database, text: str, among: Iterable[int]) -> TermStat:
    """In how many sentences any word of `text` occurs, and which of the `among` ids hold one."""
    query = fts_query(text, mode="OR")
    if query is None:
        return TermStat(0, frozenset())
    documents = _remembered(db, ("count", query), lambda: _count(db, query))
    wanted = list(dict.fromkeys(among))
    return TermStat(documents, frozenset(_matching(db, query, wanted)))


def _count(db: Database, query: str) -> int:
    row = db.execute("SELECT COUNT(*) FROM sentences_fts WHERE sentences_fts MATCH ?", [query])
    return int(row.fetchone()[0])


def _matching(db: Database, query: str, sentence_ids: list[int]) -> set[int]:
    """Which of these sentences match `query`: asked of a small FTS5 table holding only them
    (same tokenizer), as filtering the whole index by rowid costs more the larger it grows."""
    if not sentence_ids:
        return set()
    conn = db.conn
    conn.execute(_PROBE_TABLE)
    conn.execute("DELETE FROM temp.sentence_probe")
    for start in range(0, len(sentence_ids), _CHUNK):
        chunk = sentence_ids[start : start + _CHUNK]
        marks = ",".join("?" for _ in chunk)
        conn.execute(
            "INSERT INTO temp.sentence_probe (rowid, text) "
            f"SELECT id, text FROM sentences WHERE id IN ({marks})",
            chunk,
        )
    rows = conn.execute(
        "SELECT rowid FROM temp.sentence_probe WHERE sentence_probe MATCH ?", [query]
    ).fetchall()
    return {int(row[0]) for row in rows}


def sentence_total(db: Database) -> int:
    """How many sentences are stored (the corpus size for IDF)."""
    return _remembered(
        db, ("sentences",), lambda: int(db.execute("SELECT COUNT(*) FROM sentences").fetchone()[0])
    )


def sentences_before(db: Database, article_id: int, idx: int, count: int = 2) -> list[str]:
    """The `count` sentences just before one sentence of an article, in order."""
    rows = db.execute(
        "SELECT text FROM sentences WHERE article_id = ? AND idx >= ? AND idx < ? ORDER BY idx",
        [article_id, idx - count, idx],
    ).fetchall()
    return [str(row[0]) for row in rows]
