"""User text reaches FTS5 only through fts_query, which never raises and never adds operators."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from storage.db import write_transaction
from storage.fts import fts_query

NASTY = [
    "multi-agent",
    "don't",
    "@nasa",
    "50%",
    '"',
    "AND (",
    "NOT",
    "NOT Rutte",
    "Rutte OR",
    "🇳🇱🤝🇺🇸",
    "",
    "   ",
    "x" * 10_000,
    "word " * 2_000,
    "'; DROP TABLE sentences; --",
    "NEAR(rutte kallas, 2)",
    "text:Rutte",
    "^Rutte*",
]


@pytest.fixture
def indexed(db: Database) -> Database:
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT INTO articles (id, source, source_kind, content_hash, published_how, body, raw,"
            " ingested_at) VALUES (1, 'a.txt', 'file', 'h', 'unknown', 'b', 'b', 'now')"
        )
        for idx, text in enumerate(
            [
                "NATO's multi-agent planning don't matter.",
                "Rutte is not the only candidate, 50% said.",
                "Kallas met NASA officials.",
            ]
        ):
            conn.execute(
                "INSERT INTO sentences (article_id, idx, char_start, char_end, text)"
                " VALUES (1, ?, 0, ?, ?)",
                [idx, len(text), text],
            )
    return db


@pytest.mark.parametrize("text", NASTY)
def test_nasty_input_never_breaks_a_match(indexed: Database, text: str) -> None:
    query = fts_query(text)
    if query is None:
        assert not any(ch.isalnum() for ch in text)
        return
    rows = indexed.execute(
        "SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ? ORDER BY rank", [query]
    ).fetchall()
    assert isinstance(rows, list)


def test_every_token_is_quoted() -> None:
    assert fts_query('AND ( "x" NOT') == '"and" OR "x" OR "not"'


def test_not_is_a_word_not_an_operator(indexed: Database) -> None:
    query = fts_query("NOT Rutte", mode="AND")
    assert query == '"not" AND "rutte"'
    rows = indexed.execute(
        "SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?", [query]
    ).fetchall()
    # "Rutte is not the only candidate" matches both words; a real NOT would have excluded it.
    assert [row[0] for row in rows] == [2]


def test_hyphen_and_apostrophe_words_still_find_their_sentence(indexed: Database) -> None:
    for text, expected in (("multi-agent", 1), ("don't", 1), ("@nasa", 3), ("50%", 2)):
        query = fts_query(text, mode="AND")
        rows = indexed.execute(
            "SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?", [query]
        ).fetchall()
        assert [row[0] for row in rows] == [expected], text


def test_long_input_is_capped() -> None:
    query = fts_query(" ".join(f"w{i}" for i in range(5000)))
    assert query is not None
    assert query.count('"') == 2 * 32


def test_empty_and_symbol_only_input_gives_none() -> None:
    for text in ("", "   ", '"', "AND ("[3:], "🙂🙂", "%%%"):
        assert fts_query(text) is None


def test_unknown_mode_is_rejected() -> None:
    with pytest.raises(ValueError):
        fts_query("x", mode="NEAR")
