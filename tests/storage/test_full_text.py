"""Full-text entries written later in a bulk ingest: every stored sentence is found by its
words once the ingest ends, even one an earlier ingest left pending, and the index always
holds exactly what the sentences say (FTS5's own check against its content table)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.ingest.pipeline import Ingestor
from storage import articles as article_store
from storage import full_text
from storage.db import Database, open_database, write_transaction
from summarizer.text.document import RawDocument
from summarizer.text.preparation import prepare_document

STORY = (
    "Report {n}\n\n"
    "The defence ministers of the alliance met in {city} on Tuesday. "
    "They discussed the budget for the coming year at length. "
    "No statement was issued after the talks ended late in the evening."
)
CITIES = ["Tallinn", "Lisbon", "Oslo", "Warsaw", "Rome", "Madrid", "Prague", "Vilnius"]


def _index_is_exact(db: Database) -> None:
    # Raises "database disk image is malformed" when an entry is missing or doubled.
    db.execute("INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('integrity-check', 1)")


def _found(db: Database, word: str) -> int:
    row = db.execute("SELECT COUNT(*) FROM sentences_fts WHERE sentences_fts MATCH ?", [word])
    return int(row.fetchone()[0])


def _folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(count):
        city = CITIES[n % len(CITIES)]
        text = STORY.format(n=n, city=city).replace("Tuesday", f"day {n}")
        (folder / f"{n:03}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return open_database(tmp_path / "natosg.db")


def test_every_sentence_of_an_ingest_is_searchable_when_it_ends(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(full_text, "FULL_TEXT_BATCH", 3)  # batches, and a remainder of 1
    results = Ingestor(db, parallel=False).ingest([str(_folder(tmp_path, 16))])
    assert [r.status for r in results] == ["added"] * 16
    assert not full_text.any_pending(db.conn)
    _index_is_exact(db)
    assert _found(db, "Tallinn") == 2 and _found(db, "Vilnius") == 2
    assert _found(db, "budget") == 16


def test_sentences_an_ingest_left_pending_are_indexed_by_the_next_store(
    db: Database, tmp_path: Path
) -> None:
    Ingestor(db, parallel=False).ingest([str(_folder(tmp_path, 2))])
    # An ingest killed after storing an article, before writing its entries.
    with write_transaction(db) as conn:
        article_id = _article(conn, "left")
        article_store.insert_sentences(
            conn,
            article_id,
            [article_store.NewSentence(0, 0, 28, "The envoys met in Reykjavik.")],
            full_text_later=True,
        )
    assert full_text.any_pending(db.conn)
    assert _found(db, "Reykjavik") == 0  # stored, not yet searchable
    # The next article stored on its own (a watched feed's) writes what was left.
    story = STORY.format(n=99, city="Reykjavik").replace("Tuesday", "Sunday")
    added = Ingestor(db, parallel=False).store(
        prepare_document(RawDocument("feed-item", "url", story))
    )
    assert added.status == "added"
    assert _found(db, "Reykjavik") == 2
    assert not full_text.any_pending(db.conn)
    _index_is_exact(db)


def test_any_later_ingest_writes_what_an_earlier_one_left(db: Database, tmp_path: Path) -> None:
    folder = _folder(tmp_path, 2)
    with write_transaction(db) as conn:
        left = _article(conn, "left")
        sentence = article_store.NewSentence(0, 0, 22, "The envoys met in Bonn.")
        article_store.insert_sentences(conn, left, [sentence], full_text_later=True)
    Ingestor(db, parallel=False).ingest([str(folder)])
    assert _found(db, "Bonn") == 1
    _index_is_exact(db)
    # Even one that adds nothing.
    with write_transaction(db) as conn:
        again = _article(conn, "again")
        sentence = article_store.NewSentence(0, 0, 21, "The envoys met in Nice.")
        article_store.insert_sentences(conn, again, [sentence], full_text_later=True)
    results = Ingestor(db, parallel=False).ingest([str(folder)])
    assert {r.status for r in results} == {"exists"}
    assert _found(db, "Nice") == 1
    _index_is_exact(db)


def test_sentences_stored_at_once_meanwhile_are_indexed_once(db: Database, tmp_path: Path) -> None:
    Ingestor(db, parallel=False).ingest([str(_folder(tmp_path, 1))])
    first = article_store.NewSentence(0, 0, 20, "Pending in Brussels.")
    second = article_store.NewSentence(0, 0, 18, "At once in Ankara.")
    with write_transaction(db) as conn:  # a bulk ingest's article, waiting for its entries
        later = _article(conn, "later")
        article_store.insert_sentences(conn, later, [first], full_text_later=True)
    with write_transaction(db) as conn:  # another process stores an article on its own
        now = _article(conn, "now")
        article_store.insert_sentences(conn, now, [second])
    assert _found(db, "Ankara") == 1 and _found(db, "Brussels") == 0
    with write_transaction(db) as conn:
        assert full_text.index_pending(conn) == 1  # the pending sentence only
    assert _found(db, "Ankara") == 1 and _found(db, "Brussels") == 1
    _index_is_exact(db)


def test_a_pending_sentence_deleted_before_its_turn_leaves_the_index_exact(
    db: Database,
) -> None:
    with write_transaction(db) as conn:
        gone = _article(conn, "gone")
        article_store.insert_sentences(
            conn,
            gone,
            [article_store.NewSentence(0, 0, 15, "Gone from Riga.")],
            full_text_later=True,
        )
    with write_transaction(db) as conn:
        conn.execute("DELETE FROM articles WHERE id = ?", [gone])
        assert full_text.index_pending(conn) == 0
    assert _found(db, "Riga") == 0
    _index_is_exact(db)


def _article(conn: sqlite3.Connection, name: str) -> int:
    return article_store.insert_article(
        conn,
        article_store.NewArticle(
            source=f"{name}.txt",
            source_kind="file",
            url=None,
            content_hash=name,
            outlet=None,
            title=name,
            published=None,
            published_how="unknown",
            language="en",
            body=name,
            raw=name,
            ingested_at="2024-01-01T00:00:00+00:00",
        ),
    )
