"""Full-text look-ups over the stored sentences (FTS5), for answering questions.

User text reaches MATCH only through `storage.fts`, which quotes every word.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from functools import partial
from typing import TypeVar

from records.claims import DerivedResults
from records.passages import Passage
from storage.db import Database
from storage.fts import fts_any_group

T = TypeVar("T")
_CHUNK = 500
# Same tokenizer as sentences_fts, so a sentence matches here exactly when it does there.
_PROBE_TABLE = """
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.sentence_probe
    USING fts5(text, tokenize='porter unicode61 remove_diacritics 2')
"""
_NEWEST = """
    SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ? ORDER BY rowid DESC LIMIT ?
"""
_PASSAGES = """
    SELECT s.id, s.text, s.idx, a.id, a.source, a.outlet, a.title, a.published,
           -- a link only where the article was fetched, never a file's claimed url
           CASE WHEN a.source_kind IN ('url', 'feed') THEN a.url END,
           a.duplicate_of
    FROM sentences s JOIN articles a ON a.id = s.article_id
    WHERE s.id IN ({marks})
"""


def _kept(results: DerivedResults | None, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, kept in `results` (the caller's cache for this revision of the archive)."""
    return compute() if results is None else results.get(key, compute)


def documents_holding(
    db: Database, words: Sequence[str], results: DerivedResults | None = None
) -> int:
    """In how many sentences any of `words` occurs (kept in `results` when given)."""
    query = fts_any_group([[words]])
    if query is None:
        return 0
    return _kept(results, ("count", query), lambda: _count(db, query))


def newest_matching(
    db: Database,
    queries: Sequence[str],
    limit: int,
    results: DerivedResults | None = None,
    enough: Callable[[Sequence[Passage]], bool] | None = None,
) -> list[Passage]:
    """Up to `limit` sentences matching the first query, the most recently stored first, then
    those matching the next one, and so on. Queries come from `storage.fts` (every word quoted).
    With `enough`, the next query is not run once the sentences found so far are enough for
    the caller (the list is then a prefix of the one it would be).

    No relevance ranking happens here: ranking every match of a common word is what grows
    with the archive; the caller's queries are narrow enough that the newest do."""
    wanted = max(1, min(limit, 1000))

    def compute() -> tuple[Passage, ...]:
        found: dict[int, Passage] = {}
        for query in queries:
            if len(found) >= wanted or (enough is not None and enough(tuple(found.values()))):
                break
            # Each query's matches are kept as ids (questions often share a query); the
            # sentences themselves only with the whole answer's list.
            ids = _kept(results, ("newest ids", query, wanted), partial(_newest, db, query, wanted))
            found.update(_passages(db, [i for i in ids if i not in found][: wanted - len(found)]))
        return tuple(found.values())

    key = ("newest", *queries, wanted, enough is not None)
    return list(_kept(results, key, compute))


def _newest(db: Database, query: str, limit: int) -> tuple[int, ...]:
    return tuple(int(row[0]) for row in db.execute(_NEWEST, [query, limit]).fetchall())


def _passages(db: Database, chosen: Sequence[int]) -> dict[int, Passage]:
    """The stored sentences among `chosen`, by id, in that order."""
    found: dict[int, Passage] = {}
    for start in range(0, len(chosen), _CHUNK):
        chunk = chosen[start : start + _CHUNK]
        marks = ",".join("?" for _ in chunk)
        for row in db.execute(_PASSAGES.format(marks=marks), chunk).fetchall():
            found[int(row[0])] = Passage(*row)
    return {sid: found[sid] for sid in chosen if sid in found}


def holders_among(
    db: Database, word_sets: Sequence[Sequence[str]], sentence_ids: Iterable[int]
) -> list[frozenset[int]]:
    """For each word set, which of these sentences hold any of its words (as the index reads
    them: stemmed, accent-folded)."""
    wanted = list(dict.fromkeys(sentence_ids))
    queries = [fts_any_group([[words]]) for words in word_sets]
    if not wanted or not any(queries):
        return [frozenset() for _ in word_sets]
    _fill_probe(db, wanted)
    conn = db.conn
    found: list[frozenset[int]] = []
    for query in queries:
        if query is None:
            found.append(frozenset())
            continue
        rows = conn.execute(
            "SELECT rowid FROM temp.sentence_probe WHERE sentence_probe MATCH ?", [query]
        ).fetchall()
        found.append(frozenset(int(row[0]) for row in rows))
    return found


def _count(db: Database, query: str) -> int:
    row = db.execute("SELECT COUNT(*) FROM sentences_fts WHERE sentences_fts MATCH ?", [query])
    return int(row.fetchone()[0])


def _fill_probe(db: Database, sentence_ids: list[int]) -> None:
    """A small FTS5 table holding only these sentences (same tokenizer): asking it is cheap,
    whereas filtering the whole index by rowid costs more the larger it grows."""
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


def sentence_total(db: Database, results: DerivedResults | None = None) -> int:
    """How many sentences are stored (the corpus size for IDF)."""
    return _kept(
        results,
        ("sentences",),
        lambda: int(db.execute("SELECT COUNT(*) FROM sentences").fetchone()[0]),
    )


def sentences_before(db: Database, article_id: int, idx: int, count: int = 2) -> list[str]:
    """The `count` sentences just before one sentence of an article, in order."""
    rows = db.execute(
        "SELECT text FROM sentences WHERE article_id = ? AND idx >= ? AND idx < ? ORDER BY idx",
        [article_id, idx - count, idx],
    ).fetchall()
    return [str(row[0]) for row in rows]
