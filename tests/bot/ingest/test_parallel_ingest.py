"""A bulk ingest prepares documents in worker processes and stores exactly what an ingest in
turn stores; re-reading unchanged files finds them by fingerprint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench.corpus import generate
from bot.ingest import claims as claims_module
from bot.ingest import parallel, pipeline
from bot.ingest.claims import ClaimExtraction
from bot.ingest.pipeline import Ingestor
from storage.db import open_database

RACE = Path(__file__).parents[2] / "fixtures" / "race2031"
TABLES = (
    "SELECT id, source, content_hash, title, published, body, duplicate_of FROM articles",
    "SELECT * FROM sentences ORDER BY id",
    "SELECT * FROM claims ORDER BY id",
    "SELECT * FROM article_links ORDER BY article_id, other_id",
    "SELECT * FROM document_fingerprints ORDER BY source, fingerprint",
)


def _ingest_twice(db_path: Path, folder: Path, parallel_ok: bool) -> tuple[Any, ...]:
    db = open_database(db_path)
    try:
        ingestor = Ingestor(db, claims=ClaimExtraction(), parallel=parallel_ok)
        first = [r.to_json() for r in ingestor.ingest([str(folder)])]
        again = [r.to_json() for r in ingestor.ingest([str(folder)])]
        # Then news into an archive that has learned who people are: every worker reads
        # with what the archive knew when this ingest began.
        later = [r.to_json() for r in ingestor.ingest([str(folder.with_name("later"))])]
        stored = [[tuple(row) for row in db.execute(sql).fetchall()] for sql in TABLES]
    finally:
        db.close()
    return first, again, later, stored


def test_workers_store_what_an_ingest_in_turn_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10)
    monkeypatch.setattr(parallel, "WINDOW", 4)
    if parallel.worker_count(100) == 0:
        pytest.skip("one core only: an ingest reads in turn here")
    used: list[int] = []
    real_in_order = pipeline.in_order

    def spy(*args: Any) -> Any:
        used.append(args[-1])
        return real_in_order(*args)

    monkeypatch.setattr(pipeline, "in_order", spy)
    folder = tmp_path / "corpus"
    folder.mkdir()
    for article in generate(30, seed=11):
        (folder / article.name).write_text(article.text, encoding="utf-8")
    (folder / "tiny.txt").write_text("Too short.", encoding="utf-8")
    (folder / "copy.txt").write_text(generate(1, seed=11)[0].text, encoding="utf-8")
    # An invented race: its first article teaches who the contenders are, and the later
    # ones name them in ways only that teaches (a surname alone).
    race = sorted(RACE.glob("*.txt"))
    (folder / race[0].name).write_text(race[0].read_text(encoding="utf-8"), encoding="utf-8")
    later = tmp_path / "later"
    later.mkdir()
    for path in race[1:]:
        (later / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    for article in generate(12, seed=5):
        (later / article.name).write_text(article.text, encoding="utf-8")

    in_turn = _ingest_twice(tmp_path / "turn.db", folder, parallel_ok=False)
    with_workers = _ingest_twice(tmp_path / "workers.db", folder, parallel_ok=True)

    assert used, "the bulk ingest did not use workers"
    assert with_workers == in_turn
    first, again, later_results, _ = with_workers
    assert {r["status"] for r in later_results} == {"added"}
    assert {r["status"] for r in first} == {"added", "exists", "failed"}
    assert all(r["status"] in ("exists", "failed") for r in again)
    assert [r["article_id"] for r in again if r["status"] == "exists"] == [
        r["article_id"] for r in first if r["status"] != "failed"
    ]


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    article = generate(1, seed=12, corpus="stress")[0]
    path = folder / article.name
    path.write_text(article.text, encoding="utf-8")
    db = open_database(tmp_path / "natosg.db")
    try:
        ingestor = Ingestor(db, claims=ClaimExtraction())
        (first,) = ingestor.ingest([str(path)])
        path.write_text(article.text + "\nA new closing paragraph about the race.\n", "utf-8")
        (second,) = ingestor.ingest([str(path)])
    finally:
        db.close()
    assert (first.status, second.status) == ("added", "added")
    assert second.article_id != first.article_id


def _claims_after_rereading(db_path: Path, *, workers: bool) -> list[tuple[Any, ...]]:
    db = open_database(db_path)
    try:
        extraction = ClaimExtraction()
        extraction.load(db)
        ids = [int(row[0]) for row in db.execute("SELECT id FROM articles ORDER BY id")]
        # One at a time never uses workers; all at once does (more than PARALLEL_FROM).
        if workers:
            total = extraction.reread(db, ids)
        else:
            total = sum(extraction.reread(db, [article_id]) for article_id in ids)
        rows = db.execute(
            "SELECT article_id, sentence_id, kind, candidate, holder, stance, event, event_date, "
            "counts, aspect FROM claims ORDER BY article_id, sentence_id, id"
        ).fetchall()
        assert total == len(rows)
        return [tuple(row) for row in rows]
    finally:
        db.close()


def test_rereading_in_workers_stores_what_rereading_in_turn_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`rebuild-claims` and the catch-up after an ingest read stored articles again, in
    workers when there are many: with the snapshot of who is who taken before, in order."""
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10)
    if parallel.worker_count(100) == 0:
        pytest.skip("one core only: re-reading runs in turn here")
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in sorted(RACE.glob("*.txt")):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    for article in generate(20, seed=3):
        (folder / article.name).write_text(article.text, encoding="utf-8")
    db = open_database(tmp_path / "in_turn.db")
    try:
        Ingestor(db, claims=ClaimExtraction(), parallel=False).ingest([str(folder)])
    finally:
        db.close()
    (tmp_path / "in_workers.db").write_bytes((tmp_path / "in_turn.db").read_bytes())
    spied: list[int] = []
    real = parallel.mapped_in_order

    def spy(payloads: Any, task: Any, workers: int) -> Any:
        spied.append(workers)
        return real(payloads, task, workers)

    monkeypatch.setattr(claims_module, "mapped_in_order", spy)
    in_turn = _claims_after_rereading(tmp_path / "in_turn.db", workers=False)
    in_workers = _claims_after_rereading(tmp_path / "in_workers.db", workers=True)
    assert spied and spied[-1] > 0, "the re-reading did not use workers"
    assert in_workers == in_turn
    assert any(row[4] for row in in_turn)  # holders were read: the claims are not empty
