"""Storing an article's claims again after a re-read: a reading that finds what is stored
writes nothing, so the archive's revision (and every cache keyed by it) stays; any other
reading replaces them. A plain replace (a new article's claims) always writes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from records.claims import ExtractedClaim
from storage.claims import data_revision, replace_article_claims, update_article_claims
from storage.db import Database, write_transaction

BACKS = ExtractedClaim(
    sentence_idx=0,
    kind="stance",
    holder="Norway",
    stance="supports",
    candidate="Sigrún Ásgeirsdóttir",
    event_date=date(2033, 3, 7),
    date_how="article date",
    date_precision="day",
)
RUNS = ExtractedClaim(
    sentence_idx=1, kind="candidacy", candidate="Sigrún Ásgeirsdóttir", event="declares"
)


def _article(db: Database) -> list[int]:
    texts = ["Norway backs Ásgeirsdóttir.", "Ásgeirsdóttir said she will run."]
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT INTO articles (id, source, source_kind, content_hash, published_how, body,"
            " raw, ingested_at) VALUES (1, 'a.txt', 'file', 'h1', 'unknown', 'b', 'b', 'now')"
        )
        for idx, text in enumerate(texts):
            conn.execute(
                "INSERT INTO sentences (article_id, idx, char_start, char_end, text)"
                " VALUES (1, ?, 0, ?, ?)",
                [idx, len(text), text],
            )
    return [int(row[0]) for row in db.execute("SELECT id FROM sentences ORDER BY idx")]


def _replace(db: Database, sentence_ids: list[int], claims: list[ExtractedClaim]) -> int:
    with write_transaction(db) as conn:
        return update_article_claims(conn, 1, sentence_ids, claims, "rules-1")


def _stored(db: Database) -> list[tuple[int, str, str | None]]:
    return [
        (int(row[0]), str(row[1]), row[2])
        for row in db.execute("SELECT id, kind, stance FROM claims ORDER BY id").fetchall()
    ]


def test_the_same_reading_again_writes_nothing(db: Database) -> None:
    sentence_ids = _article(db)
    assert _replace(db, sentence_ids, [BACKS, RUNS]) == 2
    stored, revision = _stored(db), data_revision(db.conn)
    assert _replace(db, sentence_ids, [BACKS, RUNS]) == 2
    assert _stored(db) == stored  # the same rows, ids and all
    assert data_revision(db.conn) == revision  # caches keyed by the revision stay valid


def test_a_different_reading_replaces_the_claims(db: Database) -> None:
    sentence_ids = _article(db)
    _replace(db, sentence_ids, [BACKS, RUNS])
    revision = data_revision(db.conn)
    opposes = replace(BACKS, stance="opposes")
    assert _replace(db, sentence_ids, [opposes, RUNS]) == 2
    assert [(kind, stance) for _, kind, stance in _stored(db)] == [
        ("stance", "opposes"),
        ("candidacy", None),
    ]
    assert data_revision(db.conn) != revision


def test_the_same_claims_in_another_order_or_by_other_rules_are_written_again(
    db: Database,
) -> None:
    sentence_ids = _article(db)
    _replace(db, sentence_ids, [BACKS, RUNS])
    _replace(db, sentence_ids, [RUNS, BACKS])
    assert [kind for _, kind, _ in _stored(db)] == ["candidacy", "stance"]
    with write_transaction(db) as conn:
        update_article_claims(conn, 1, sentence_ids, [RUNS, BACKS], "rules-2")
    extractors = db.execute("SELECT DISTINCT extractor FROM claims").fetchall()
    assert [row[0] for row in extractors] == ["rules-2"]


def test_a_reading_with_no_claims_removes_them(db: Database) -> None:
    sentence_ids = _article(db)
    _replace(db, sentence_ids, [BACKS])
    assert _replace(db, sentence_ids, []) == 0
    assert _stored(db) == []
    revision = data_revision(db.conn)
    assert _replace(db, sentence_ids, []) == 0
    assert data_revision(db.conn) == revision


def test_a_plain_replace_always_writes(db: Database) -> None:
    sentence_ids = _article(db)
    _replace(db, sentence_ids, [BACKS, RUNS])
    revision = data_revision(db.conn)
    with write_transaction(db) as conn:
        assert replace_article_claims(conn, 1, sentence_ids, [BACKS, RUNS], "rules-1") == 2
    assert len(_stored(db)) == 2
    assert data_revision(db.conn) != revision
