"""User text reaches FTS5 only through storage.fts, which never raises and never adds operators."""

from __future__ import annotations

import pytest

from storage.db import Database, write_transaction
from storage.fts import fts_any_group

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


def _match(db: Database, query: str | None) -> list[int]:
    assert query is not None
    rows = db.execute("SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?", [query])
    return sorted(int(row[0]) for row in rows.fetchall())


@pytest.mark.parametrize("text", NASTY)
def test_nasty_input_never_breaks_a_match(indexed: Database, text: str) -> None:
    for query in (fts_any_group([[[text]]]), fts_any_group([[text.split()]])):
        if query is None:
            assert not any(ch.isalnum() for ch in text)
            continue
        assert isinstance(_match(indexed, query), list)
    # Each word a set of its own: a set with nothing searchable ("(") cannot be held.
    every = fts_any_group([[[word] for word in text.split()]])
    if every is None:
        assert (
            any(not any(ch.isalnum() for ch in word) for word in text.split()) or not text.strip()
        )
    else:
        assert isinstance(_match(indexed, every), list)


def test_every_word_is_quoted() -> None:
    query = fts_any_group([[["AND", "(", '"x"'], ["NOT"]], [["NEAR(a"]]])
    assert query == '(("and" OR "x") AND "not") OR ("near a")'


def test_not_is_a_word_not_an_operator(indexed: Database) -> None:
    query = fts_any_group([[["NOT"], ["Rutte"]]])
    assert query == '("not" AND "rutte")'
    # "Rutte is not the only candidate" matches both words; a real NOT would have excluded it.
    assert _match(indexed, query) == [2]


def test_groups_are_alternatives_and_sets_within_a_group_all_needed(indexed: Database) -> None:
    assert _match(indexed, fts_any_group([[["rutte"], ["kallas"]]])) == []
    assert _match(indexed, fts_any_group([[["rutte"]], [["kallas"]]])) == [2, 3]
    assert _match(indexed, fts_any_group([[["rutte", "nasa"], ["officials", "said"]]])) == [2, 3]
    # A set of several words is held by any one of them; a word of several tokens is a phrase.
    assert _match(indexed, fts_any_group([[["only candidate"]]])) == [2]
    assert _match(indexed, fts_any_group([[["candidate only"]]])) == []


def test_hyphen_and_apostrophe_words_still_find_their_sentence(indexed: Database) -> None:
    for text, expected in (("multi-agent", 1), ("don't", 1), ("@nasa", 3), ("50%", 2)):
        assert _match(indexed, fts_any_group([[[text]]])) == [expected], text


def test_long_input_is_capped() -> None:
    many = [f"w{i}" for i in range(5000)]
    query = fts_any_group([[many]])
    assert query is not None and query.count('"') == 2 * 32
    phrase = fts_any_group([[[" ".join(many)]]])
    assert phrase is not None and len(phrase.split()) == 32
    groups = fts_any_group([[[word]] for word in many])
    assert groups is not None and groups.count('"') == 2 * 64


def test_empty_and_symbol_only_input_gives_none() -> None:
    for text in ("", "   ", '"', "AND ("[3:], "🙂🙂", "%%%"):
        assert fts_any_group([[[text]]]) is None
    assert fts_any_group([]) is None
    assert fts_any_group([[]]) is None
    # A group with an unsearchable set cannot be held; the other group still counts.
    assert fts_any_group([[["🙂"], ["rutte"]], [["kallas"]]]) == '("kallas")'
