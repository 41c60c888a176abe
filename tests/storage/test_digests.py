"""Storing digests: items keep their order and cited sentences; baselines skip rebuilds."""

from __future__ import annotations

from storage.articles import NewArticle, NewSentence, insert_article, insert_sentences
from storage.db import Database, write_transaction
from storage.digests import (
    DigestItem,
    NewDigest,
    digest_by_id,
    latest_digest,
    latest_digest_before,
    store_digest,
)
from storage.passages import articles_after, latest_article_id, passages_by_id


def add_article(db: Database, name: str, sentences: list[str]) -> tuple[int, list[int]]:
    body = " ".join(sentences)
    article = NewArticle(
        source=name,
        source_kind="file",
        url=None,
        content_hash=name,
        outlet="Test Outlet",
        title=name,
        published="2024-05-01",
        published_how="header",
        language="en",
        body=body,
        raw=body,
        ingested_at="2024-05-01T00:00:00+00:00",
    )
    spans, offset = [], 0
    for idx, text in enumerate(sentences):
        spans.append(NewSentence(idx, offset, offset + len(text), text))
        offset += len(text) + 1
    with write_transaction(db) as conn:
        article_id = insert_article(conn, article)
        insert_sentences(conn, article_id, spans)
    ids = [
        row[0] for row in db.execute("SELECT id FROM sentences WHERE article_id = ?", [article_id])
    ]
    return article_id, ids


def new_digest(
    latest: int, count: int, items: tuple[DigestItem, ...], new: tuple[int, ...] = ()
) -> NewDigest:
    return NewDigest(
        digest_date="2024-05-02",
        built_at="2024-05-02T07:00:00+00:00",
        backend="extractive",
        title="Digest",
        latest_article_id=latest,
        article_count=count,
        previous_id=None,
        note=None,
        items=items,
        new_article_ids=new,
    )


def test_a_digest_round_trips_with_its_items_and_citations(db: Database) -> None:
    article_id, sentence_ids = add_article(db, "a.txt", ["Finland backs Kallas.", "Spain waits."])
    items = (
        DigestItem("backers", "Backers", "bullets", "Finland backs Kallas.", (sentence_ids[0],)),
        DigestItem(
            "holdouts", "Holdouts", "bullets", "Spain waits.", tuple(reversed(sentence_ids))
        ),
    )
    with write_transaction(db) as conn:
        digest_id = store_digest(conn, new_digest(article_id, 1, items, (article_id,)))
    stored = digest_by_id(db, digest_id)
    assert stored is not None
    assert stored.items == items
    assert stored.new_article_ids == (article_id,)
    assert latest_digest(db) == stored
    cited = db.execute(
        "SELECT article_id, is_new FROM digest_articles WHERE digest_id = ?", [digest_id]
    ).fetchall()
    assert [tuple(row) for row in cited] == [(article_id, 1)]
    found = passages_by_id(db, sentence_ids)
    assert [found[i].quote for i in sentence_ids] == ["Finland backs Kallas.", "Spain waits."]


def test_the_baseline_is_the_newest_digest_over_fewer_articles(db: Database) -> None:
    first, ids = add_article(db, "a.txt", ["Finland backs Kallas."])
    item = (DigestItem("backers", "Backers", "bullets", "Finland backs Kallas.", (ids[0],)),)
    with write_transaction(db) as conn:
        older = store_digest(conn, new_digest(first, 1, item))
    second, _ = add_article(db, "b.txt", ["Spain backs Kallas."])
    with write_transaction(db) as conn:
        store_digest(conn, new_digest(second, 2, item))  # a rebuild over both articles
    assert latest_article_id(db) == second
    assert articles_after(db, first) == [second]
    baseline = latest_digest_before(db, second, 2)
    assert baseline is not None and baseline.id == older
    assert latest_digest_before(db, 0, 0) is not None
