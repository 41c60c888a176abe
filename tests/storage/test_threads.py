"""Thread memory in SQLite: turns in order, focus and citations kept, survival across
re-opening the file, one thread per surface/channel/key, and the safe full-text search."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from records.conversation import TurnFocus
from records.passages import Passage
from storage.db import Database, open_database, write_transaction
from storage.fts import fts_any_group
from storage.search import (
    documents_holding,
    holders_among,
    newest_matching,
    sentence_total,
    sentences_before,
)
from storage.threads import MAX_TURNS_READ, NewTurn, add_turn, find_thread, recent_turns

NOW = "2024-03-06T09:00:00+00:00"
SENTENCES = [
    "Ankara lifts its veto on the Dutch candidate.",
    "Hungary keeps blocking Rutte.",
    "She is expected to take up the post in December.",
]


def _seed(db: Database) -> list[int]:
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT INTO articles (id, source, source_kind, content_hash, published_how, body, raw,"
            " ingested_at, published) VALUES (1, 'a.txt', 'file', 'h', 'text', 'b', 'r', 'now',"
            " '2024-03-01')"
        )
        for idx, text in enumerate(SENTENCES):
            conn.execute(
                "INSERT INTO sentences (article_id, idx, char_start, char_end, text)"
                " VALUES (1, ?, 0, 1, ?)",
                [idx, text],
            )
    return [int(row[0]) for row in db.execute("SELECT id FROM sentences ORDER BY idx")]


def _turn(question: str, *cited: int, candidate: str | None = "Mark Rutte") -> NewTurn:
    return NewTurn(
        question=question,
        resolved=question,
        answer="an answer",
        answer_kind="passages" if cited else "not_covered",
        focus=TurnFocus("stance", "supports", candidate, "Hungary", ("Mark Rutte", "Hungary")),
        sentence_ids=cited,
    )


def test_turns_are_numbered_and_read_back_with_focus_and_citations(db: Database) -> None:
    ids = _seed(db)
    assert add_turn(db, "t1", "cli", None, _turn("who backs Rutte?", ids[0], ids[1]), NOW) == 1
    assert add_turn(db, "t1", "cli", None, _turn("and Hungary?"), NOW) == 2
    thread = find_thread(db, "t1", "cli", None)
    assert thread is not None and thread.channel == "" and thread.digest_id is None
    turns = recent_turns(db, thread.id)
    assert [t.position for t in turns] == [1, 2]
    assert turns[0].sentence_ids == (ids[0], ids[1])
    assert turns[0].focus == TurnFocus(
        "stance", "supports", "Mark Rutte", "Hungary", ("Mark Rutte", "Hungary")
    )
    assert turns[1].answer_kind == "not_covered" and turns[1].sentence_ids == ()


def test_a_thread_survives_closing_and_reopening_the_file(db_path: Path) -> None:
    first = open_database(db_path)
    ids = _seed(first)
    add_turn(first, "thread-9", "slack", "C1", _turn("who backs Kallas?", ids[2]), NOW)
    first.close()
    second = open_database(db_path)
    thread = find_thread(second, "thread-9", "slack", "C1")
    assert thread is not None
    turns = recent_turns(second, thread.id)
    assert [t.question for t in turns] == ["who backs Kallas?"]
    assert turns[0].sentence_ids == (ids[2],)
    second.close()


def test_threads_are_per_surface_channel_and_key(db: Database) -> None:
    add_turn(db, "k", "slack", "C1", _turn("one"), NOW)
    add_turn(db, "k", "slack", "C2", _turn("two"), NOW)
    add_turn(db, "k", "discord", "C1", _turn("three"), NOW)
    add_turn(db, "k", "slack", "C1", _turn("four"), NOW)
    assert db.execute("SELECT COUNT(*) FROM threads").fetchone()[0] == 3
    thread = find_thread(db, "k", "slack", "C1")
    assert thread is not None
    assert [t.question for t in recent_turns(db, thread.id)] == ["one", "four"]
    assert find_thread(db, "k", "cli", None) is None


def test_only_the_latest_turns_are_read(db: Database) -> None:
    for n in range(MAX_TURNS_READ + 5):
        add_turn(db, "long", "cli", None, _turn(f"question {n}"), NOW)
    thread = find_thread(db, "long", "cli", None)
    assert thread is not None
    turns = recent_turns(db, thread.id)
    assert len(turns) == MAX_TURNS_READ
    assert turns[-1].question == f"question {MAX_TURNS_READ + 4}"
    assert turns[0].position == 6


def test_citations_of_missing_sentences_are_dropped_and_deleted_ones_cascade(
    db: Database,
) -> None:
    ids = _seed(db)
    add_turn(db, "c", "cli", None, _turn("q", ids[0], 99_999, ids[1]), NOW)
    thread = find_thread(db, "c", "cli", None)
    assert thread is not None
    assert recent_turns(db, thread.id)[0].sentence_ids == (ids[0], ids[1])
    with write_transaction(db) as conn:
        conn.execute("DELETE FROM sentences WHERE id = ?", [ids[0]])
    assert recent_turns(db, thread.id)[0].sentence_ids == (ids[1],)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_thread_records_the_digest_it_hangs_off(db: Database) -> None:
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT INTO digests (id, digest_date, built_at, backend, title)"
            " VALUES (5, '2024-03-06', ?, 'extractive', 'Digest')",
            [NOW],
        )
    add_turn(db, "1700.01", "slack", "C1", _turn("who backs Rutte?"), NOW, digest_id=5)
    add_turn(db, "1700.01", "slack", "C1", _turn("and Hungary?"), NOW)  # keeps its digest
    thread = find_thread(db, "1700.01", "slack", "C1")
    assert thread is not None and thread.digest_id == 5
    add_turn(db, "other", "slack", "C1", _turn("q"), NOW, digest_id=404)  # unknown: stays NULL
    other = find_thread(db, "other", "slack", "C1")
    assert other is not None and other.digest_id is None
    with write_transaction(db) as conn:
        conn.execute("DELETE FROM digests WHERE id = 5")
    thread = find_thread(db, "1700.01", "slack", "C1")
    assert thread is not None and thread.digest_id is None
    assert len(recent_turns(db, thread.id)) == 2


def test_look_ups_find_the_newest_first_and_never_let_operators_through(db: Database) -> None:
    ids = _seed(db)
    blocking = fts_any_group([[["rutte"], ["blocked", "veto"]]])  # stemmed: "blocking" matches
    anything = fts_any_group([[["hungary"]], [["veto"]], [["post"]]])
    assert blocking is not None and anything is not None
    assert [p.sentence_id for p in newest_matching(db, [blocking], 10)] == [ids[1]]
    # The first query's matches first, newest first; then the next query's; each sentence once.
    found = newest_matching(db, [blocking, anything], 10)
    assert [p.sentence_id for p in found] == [ids[1], ids[2], ids[0]]
    assert len(newest_matching(db, [anything], 2)) == 2
    # Enough found: a looser query is not run, and what is found is a prefix of the whole.
    asked: list[int] = []

    def enough(so_far: Sequence[Passage]) -> bool:
        asked.append(len(so_far))
        return len(so_far) >= 1

    assert newest_matching(db, [blocking, anything], 10, enough=enough) == found[:1]
    assert asked == [0, 1]
    assert newest_matching(db, [blocking, anything], 10, enough=lambda _: False) == found
    assert found[0].source == "a.txt" and found[0].quote == SENTENCES[1]
    for hostile in ('"', "AND (", "NEAR(veto", "veto*", "'; DROP TABLE sentences; --", "🙂"):
        query = fts_any_group([[[hostile]]])
        if query is not None:
            newest_matching(db, [query], 5)  # never a syntax error
    assert fts_any_group([[["🙂 ( *"]]]) is None
    assert sentence_total(db) == 3


def test_documents_are_counted_and_holders_marked_among_given_sentences(db: Database) -> None:
    ids = _seed(db)
    assert documents_holding(db, ["veto", "blocking"]) == 2
    assert documents_holding(db, ["peru"]) == 0
    assert documents_holding(db, []) == 0
    holders = holders_among(db, [["veto", "blocking"], ["peru"], []], [ids[0], ids[2]])
    assert holders == [frozenset({ids[0]}), frozenset(), frozenset()]
    assert holders_among(db, [["veto"]], []) == [frozenset()]


def test_sentences_before(db: Database) -> None:
    _seed(db)
    assert sentences_before(db, 1, 2) == SENTENCES[:2]
    assert sentences_before(db, 1, 0) == []
