"""Full-text entries written later in a bulk ingest: every stored sentence is found by its
words once the ingest ends, even one an earlier ingest left pending, and the index always
holds exactly what the sentences say (FTS5's own check against its content table)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.ingest.pipeline import Ingestor, IngestResult
from storage import articles as article_store
from storage import full_text
from storage.db import Database, open_database, write_transaction
from summarizer.text.document import RawDocument
from summarizer.text.preparation import prepare_document
from tests.storage.stored import add_article, add_pending_sentence

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
    add_pending_sentence(db, "left", "The envoys met in Reykjavik.")
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
    add_pending_sentence(db, "left", "The envoys met in Bonn.")
    Ingestor(db, parallel=False).ingest([str(folder)])
    assert _found(db, "Bonn") == 1
    _index_is_exact(db)
    # Even one that adds nothing.
    add_pending_sentence(db, "again", "The envoys met in Nice.")
    results = Ingestor(db, parallel=False).ingest([str(folder)])
    assert {r.status for r in results} == {"exists"}
    assert _found(db, "Nice") == 1
    _index_is_exact(db)


def test_sentences_stored_at_once_meanwhile_are_indexed_once(db: Database, tmp_path: Path) -> None:
    Ingestor(db, parallel=False).ingest([str(_folder(tmp_path, 1))])
    add_pending_sentence(db, "later", "Pending in Brussels.")  # a bulk ingest's article
    with write_transaction(db) as conn:  # another process stores an article on its own
        now = add_article(conn, "now")
        sentence = article_store.NewSentence(0, 0, 18, "At once in Ankara.")
        article_store.insert_sentences(conn, now, [sentence])
    assert _found(db, "Ankara") == 1 and _found(db, "Brussels") == 0
    with write_transaction(db) as conn:
        assert full_text.index_pending(conn) == 1  # the pending sentence only
    assert _found(db, "Ankara") == 1 and _found(db, "Brussels") == 1
    _index_is_exact(db)


def test_a_pending_sentence_deleted_before_its_turn_leaves_the_index_exact(
    db: Database,
) -> None:
    gone = add_pending_sentence(db, "gone", "Gone from Riga.")
    with write_transaction(db) as conn:
        conn.execute("DELETE FROM articles WHERE id = ?", [gone])
        assert full_text.index_pending(conn) == 0
    assert _found(db, "Riga") == 0
    _index_is_exact(db)


def test_an_ingest_that_fails_half_way_reports_its_own_error_and_keeps_what_it_stored(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(full_text, "FULL_TEXT_BATCH", 100)  # everything still pending
    folder = _folder(tmp_path, 6)
    seen: list[str] = []

    def stop_after_three(result: IngestResult) -> None:
        seen.append(result.status)
        if len(seen) == 3:
            raise RuntimeError("the user's progress display broke")

    with pytest.raises(RuntimeError, match="progress display"):
        Ingestor(db, parallel=False).ingest([str(folder)], on_item=stop_after_three)
    # The entries of what was stored were written on the way out.
    assert not full_text.any_pending(db.conn)
    assert _found(db, "budget") == 3
    _index_is_exact(db)

    # And when writing them fails too (the disk full), the loop's own error is the one told;
    # the entries wait for the next store.
    seen.clear()
    pages = int(db.execute("PRAGMA page_count").fetchone()[0])

    def full_disk_then_stop(result: IngestResult) -> None:
        seen.append(result.status)
        if len(seen) == 2:
            db.execute(f"PRAGMA max_page_count = {pages}")
            raise RuntimeError("stopped")

    more = tmp_path / "more"
    more.mkdir()
    for n in range(4):  # long, with words of their own: their entries need new pages
        lines = (f"Delegate {n} raised item{n}x{i} at the meeting." for i in range(400))
        (more / f"{n}.txt").write_text(f"Minutes {n}\n\n" + " ".join(lines), encoding="utf-8")
    with pytest.raises(RuntimeError, match="stopped"):
        Ingestor(db, parallel=False).ingest([str(more)], on_item=full_disk_then_stop)
    assert full_text.any_pending(db.conn)
    db.execute("PRAGMA max_page_count = 1073741823")
    Ingestor(db, parallel=False).ingest([str(more)])
    assert not full_text.any_pending(db.conn)
    _index_is_exact(db)


def test_a_full_disk_while_writing_entries_is_named_as_such(db: Database) -> None:
    # SQLite rolls the transaction back itself here; rolling back again must not replace
    # "disk is full" with "no transaction is active".
    for n in range(3):
        text = " ".join(f"Delegate {n} raised item{n}x{i} at the meeting." for i in range(400))
        add_pending_sentence(db, f"minutes-{n}", text)
    pages = int(db.execute("PRAGMA page_count").fetchone()[0])
    db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(sqlite3.OperationalError, match="full"), write_transaction(db) as conn:
        full_text.index_pending(conn)
    assert full_text.any_pending(db.conn)  # nothing half-written, all still to do
