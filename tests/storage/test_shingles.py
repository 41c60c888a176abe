"""Shared passages are found through stored shingles; a stock phrase held by many articles
does not make them related."""

from __future__ import annotations

from storage.articles import insert_shingles, shared_shingle_counts, shingle_count
from storage.db import Database, write_transaction

BIG = 2**63 - 1  # shingle hashes are signed 64-bit numbers, at both ends of the range


def _article(db: Database, article_id: int, hashes: list[int]) -> None:
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT INTO articles (id, source, source_kind, content_hash, published_how, body,"
            " raw, ingested_at) VALUES (?, ?, 'file', ?, 'unknown', 'b', 'b', 'now')",
            [article_id, f"{article_id}.txt", f"h{article_id}"],
        )
        insert_shingles(conn, article_id, hashes)


def test_each_stored_article_counts_the_shingles_it_shares(db: Database) -> None:
    _article(db, 1, [BIG, -BIG - 1, 5, 6])
    _article(db, 2, [5, 7])
    counts = shared_shingle_counts(db.conn, [BIG, -BIG - 1, 5, 8], common_cap=10)
    assert counts == {1: 3, 2: 1}
    assert shingle_count(db.conn, 1) == 4


def test_a_shingle_held_by_common_cap_articles_is_a_stock_phrase(db: Database) -> None:
    for article_id in range(1, 4):
        _article(db, article_id, [42, article_id * 100])
    assert shared_shingle_counts(db.conn, [42, 100], common_cap=3) == {1: 1}
    assert shared_shingle_counts(db.conn, [42, 100], common_cap=4) == {1: 2, 2: 1, 3: 1}
    assert shared_shingle_counts(db.conn, [], common_cap=4) == {}


def test_an_article_stored_before_sampling_counts_only_the_sampled_shingles(
    db: Database,
) -> None:
    _article(db, 1, [-9, -8, -1, 0, 3, 4, BIG, BIG - 3])  # BIG - 3 = 2**63 - 4
    assert shingle_count(db.conn, 1, 4) == 4
    assert shingle_count(db.conn, 1) == 8


def test_the_stock_phrases_a_lookup_meets_are_reported(db: Database) -> None:
    for article_id in range(1, 4):
        _article(db, article_id, [42, article_id * 100])
    common: set[int] = set()
    assert shared_shingle_counts(db.conn, [42, 100], common_cap=3, common=common) == {1: 1}
    assert common == {42}
