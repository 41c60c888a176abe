"""The in-process cache of parsed claims: the same rows as the SQL, and never stale."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlite_utils import Database

from bench.corpus import generate
from bot.ingest.hooks import article_hooks
from bot.ingest.pipeline import Ingestor
from storage.claims import (
    EvidenceRows,
    candidate_names,
    data_revision,
    evidence_for_candidate,
    evidence_of_kind,
)
from storage.db import open_database, write_transaction
from summarizer.race.stances import StanceIndex, current_stances


def _ingest(db: Database, folder: Path, count: int, seed: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for article in generate(count, seed=seed):
        (folder / f"{seed}-{article.name}").write_text(article.text, encoding="utf-8")
    Ingestor(db, after_insert=article_hooks(), parallel=False).ingest([str(folder)])


def test_cached_rows_are_the_rows_sql_gives(db: Database, tmp_path: Path) -> None:
    _ingest(db, tmp_path / "a", 40, seed=1)
    cached = evidence_of_kind(db, ["stance", "candidacy", "event"])
    assert isinstance(cached, EvidenceRows)
    with write_transaction(db):
        # Inside a transaction the cache is bypassed: these rows come from SQL.
        fresh = evidence_of_kind(db, ["stance", "candidacy", "event"])
        names = candidate_names(db)
        by_name = {name: evidence_for_candidate(db, name, ["stance"]) for name in names}
    assert not isinstance(fresh, EvidenceRows)
    assert list(cached) == fresh
    assert candidate_names(db) == names
    for name, rows in by_name.items():
        assert list(evidence_for_candidate(db, name, ["stance"])) == rows


def test_a_new_article_refreshes_the_cache(db: Database, tmp_path: Path) -> None:
    _ingest(db, tmp_path / "a", 20, seed=2)
    before = data_revision(db)
    rows = evidence_of_kind(db, ["stance"])
    _ingest(db, tmp_path / "b", 5, seed=3)
    assert data_revision(db) != before
    assert len(evidence_of_kind(db, ["stance"])) > len(rows)


def test_another_connection_sees_the_change(db_path: Path, tmp_path: Path) -> None:
    reader, writer = open_database(db_path), open_database(db_path)
    try:
        _ingest(writer, tmp_path / "a", 20, seed=4)
        first = len(evidence_of_kind(reader, ["stance"]))
        _ingest(writer, tmp_path / "b", 10, seed=5)
        assert len(evidence_of_kind(reader, ["stance"])) > first
    finally:
        reader.close()
        writer.close()


def test_two_databases_never_share_a_cache(tmp_path: Path) -> None:
    one, two = open_database(tmp_path / "one.db"), open_database(tmp_path / "two.db")
    try:
        _ingest(one, tmp_path / "a", 20, seed=6)
        assert evidence_of_kind(one, ["stance"])
        assert evidence_of_kind(two, ["stance"]) == []
        assert data_revision(one) != data_revision(two)
    finally:
        one.close()
        two.close()


def test_the_stance_index_answers_as_the_rows_do(db: Database, tmp_path: Path) -> None:
    _ingest(db, tmp_path / "a", 60, seed=7)
    for name in candidate_names(db):
        rows = evidence_for_candidate(db, name, ["stance"])
        for day in (None, date(2023, 11, 1), date(2024, 2, 29), date(2030, 1, 1)):
            cached = current_stances(name, rows, day)
            assert cached == StanceIndex.build(name, list(rows)).at(day)
            assert cached == current_stances(name, list(rows), day)
