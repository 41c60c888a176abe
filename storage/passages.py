"""Stored sentences with their article's details: what a digest or an answer cites."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from records.passages import Passage
from storage.db import Database

_SELECT = """
    SELECT s.id, s.text, s.idx, a.id, a.source, a.outlet, a.title, a.published,
           -- a link only where the article was fetched, never a file's claimed url
           CASE WHEN a.source_kind IN ('url', 'feed') THEN a.url END,
           a.duplicate_of
    FROM sentences s JOIN articles a ON a.id = s.article_id
"""
# SQLite limits bound parameters per statement; stay far below the lowest default.
_CHUNK = 500


def _passage(row: Sequence[Any]) -> Passage:
    return Passage(*row)


def passages_by_id(db: Database, sentence_ids: Iterable[int]) -> dict[int, Passage]:
    """The stored sentences with these ids (missing ids are left out)."""
    wanted = list(dict.fromkeys(sentence_ids))
    found: dict[int, Passage] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ",".join("?" for _ in chunk)
        for row in db.execute(_SELECT + f" WHERE s.id IN ({marks})", chunk).fetchall():
            passage = _passage(row)
            found[passage.sentence_id] = passage
    return found


def recent_article_ids(db: Database, limit: int) -> list[int]:
    """The newest original (non-duplicate) articles, newest publication first."""
    # Dated ones first, read backwards off the index on `published` (one ORDER BY over both
    # sorted every article); the undated after them, newest stored first.
    dated = db.execute(
        "SELECT id FROM articles WHERE duplicate_of IS NULL AND published IS NOT NULL "
        "ORDER BY published DESC, id DESC LIMIT ?",
        [limit],
    ).fetchall()
    undated = db.execute(
        "SELECT id FROM articles WHERE duplicate_of IS NULL AND published IS NULL "
        "ORDER BY id DESC LIMIT ?",
        [limit - len(dated)],
    ).fetchall()
    return [int(row[0]) for row in [*dated, *undated]]


def passages_of_articles(db: Database, article_ids: Sequence[int]) -> list[Passage]:
    """Every sentence of these articles, article by article in the order given."""
    order = {article_id: rank for rank, article_id in enumerate(article_ids)}
    found: list[Passage] = []
    for start in range(0, len(article_ids), _CHUNK):
        chunk = list(article_ids[start : start + _CHUNK])
        marks = ",".join("?" for _ in chunk)
        rows = db.execute(_SELECT + f" WHERE s.article_id IN ({marks})", chunk).fetchall()
        found += [_passage(row) for row in rows]
    return sorted(found, key=lambda p: (order[p.article_id], p.idx))


def articles_after(db: Database, article_id: int) -> list[int]:
    """Ids of the articles stored after the one given (ids only grow), oldest first."""
    rows = db.execute("SELECT id FROM articles WHERE id > ? ORDER BY id", [article_id])
    return [int(row[0]) for row in rows.fetchall()]


def latest_article_id(db: Database) -> int:
    """The id of the newest stored article, 0 when there is none."""
    row = db.execute("SELECT MAX(id) FROM articles").fetchone()
    return int(row[0] or 0)


def source_is_stored(db: Database, source: str) -> bool:
    """Whether some stored article came from this file name or URL."""
    row = db.execute("SELECT 1 FROM articles WHERE source = ? LIMIT 1", [source]).fetchone()
    return row is not None
