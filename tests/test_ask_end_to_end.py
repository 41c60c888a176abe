"""`ask` through the real CLI and dispatcher: the dev-set questions, "not covered", two-turn
threads in several wordings (on the seeds and on our own articles), memory across restarts,
and hostile input that never raises and never changes the articles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.archive import Archive
from bot.commands import build_registry
from bot.dispatch import run_text
from bot.registry import CommandContext
from storage.db import open_database
from tests.cli_helpers import Cli
from tests.shared_eval import DEV_SET, needs_dev_set

OWN_ARTICLES = Path(__file__).parent / "fixtures/ask"


@pytest.fixture
def seeded(cli: Cli, seeds_dir: Path) -> Cli:
    status, out = cli.run("ingest", str(seeds_dir))
    assert status == 0, out
    return cli


@pytest.fixture
def with_own(seeded: Cli) -> Cli:
    status, out = seeded.run("ingest", str(OWN_ARTICLES))
    assert status == 0, out
    return seeded


def _text(reply: dict[str, Any]) -> str:
    return "\n".join(line["text"] for s in reply["sections"] for line in s["lines"])


def _sources(reply: dict[str, Any]) -> set[str]:
    return {Path(c["source"]).name for c in reply["citations"]}


def _prefixes(reply: dict[str, Any]) -> set[str]:
    return {name[:3] for name in _sources(reply)}


def _ask(cli: Cli, question: str, thread: str | None = None) -> dict[str, Any]:
    words = ["ask", question] + (["--thread", thread] if thread else [])
    return cli.json(*words)


@needs_dev_set
@pytest.mark.parametrize("item", DEV_SET.get("questions", []), ids=lambda item: item["q"])
def test_dev_set_questions(seeded: Cli, item: dict[str, Any]) -> None:
    reply = _ask(seeded, item["q"])
    assert reply["ok"], reply
    assert reply["note"] == "As of the latest article, 6 March 2024."
    text = _text(reply)
    if "expect" in item:
        assert reply["answer_kind"] == "not_covered"
        assert reply["citations"] == []
        assert "My sources don't cover that." in text
        return
    assert reply["answer_kind"] == "passages"
    assert any(word.casefold() in text.casefold() for word in item["answer_mentions_any"]), text
    assert _prefixes(reply) & set(item["cites_any"]), reply["citations"]
    assert 1 <= len(reply["citations"]) <= 3


def test_answers_quote_the_stored_sentences_with_outlet_and_date(
    seeded: Cli, db_path: Path
) -> None:
    db = open_database(db_path)
    stored = {row[0]: row[1] for row in db.execute("SELECT id, text FROM sentences")}
    db.close()
    reply = _ask(seeded, "Who did Romania nominate?")
    line = reply["sections"][0]["lines"][0]
    citation = reply["citations"][line["citations"][0] - 1]
    assert citation["quote"] == stored[citation["sentence_id"]]
    assert line["text"] == f"“{citation['quote']}” — Der Spiegel, 1 March 2024"
    for word in DEV_SET.get("never_in_a_digest_or_answer", []):
        assert word not in json.dumps(reply)


def test_a_stance_question_is_answered_from_the_stance_engine(seeded: Cli) -> None:
    reply = _ask(seeded, "Which allies are standing behind Rutte?")
    assert (reply["answer_kind"], reply["candidate"]) == ("stance", "Mark Rutte")
    holders = {entry["holder"] for entry in reply["entries"]}
    assert {"United States", "Germany", "France", "United Kingdom"} <= holders
    assert not holders & {"Hungary", "Turkey"}
    line = next(line for s in reply["sections"] for line in s["lines"] if "Germany" in line["text"])
    assert "since 22 February 2024" in line["text"] and line["citations"]


# Two-turn threads, each in its own wording: (articles, first, second, check).
THREADS = [
    (
        "seeds",
        "Which allies are against Rutte?",
        "and France?",
        {"holder": "France", "candidate": "Mark Rutte", "mentions": "France backs Rutte"},
    ),
    (
        "seeds",
        "Who supports Kallas?",
        "is anyone against her?",
        {"candidate": "Kaja Kallas", "kind": "not_covered", "mentions": "anyone who opposes"},
    ),
    (
        "seeds",
        "What did Turkey want before endorsing Rutte?",
        "and Hungary?",
        {"kind": "passages", "mentions": "Hungary", "cites": {"001", "002", "004"}},
    ),
    (
        "own",
        "Is Ankara on board with Rutte now?",
        "what about Hungary?",
        # budapest_deal.md (later) has Hungary drop its veto: the thread gives the switch.
        {"holder": "Hungary", "mentions": "Hungary backs Rutte (since"},
    ),
    (
        "own",
        "Who did Bucharest put forward for the NATO post?",
        "how much does he want allies to spend on defence?",
        {"kind": "passages", "mentions": "2.5 percent", "cites": {"iohannis_bid.md"}},
    ),
    (
        "own",
        "Where did Rutte meet Erdogan?",
        "When does Kallas take up her new post?",
        {"kind": "passages", "mentions": "1 December", "cites": {"kallas_brussels.md"}},
    ),
]


@pytest.mark.parametrize(("articles", "first", "second", "check"), THREADS)
def test_two_turn_threads(
    seeded: Cli, articles: str, first: str, second: str, check: dict[str, Any]
) -> None:
    if articles == "own":
        status, out = seeded.run("ingest", str(OWN_ARTICLES))
        assert status == 0, out
    opening = _ask(seeded, first, "thread-1")
    assert opening["turn"] == 1 and opening["thread"] == "thread-1"
    assert opening["answer_kind"] in ("stance", "passages"), opening
    follow = _ask(seeded, second, "thread-1")
    assert follow["turn"] == 2
    assert follow["answer_kind"] == check.get("kind", "stance"), follow
    for key in ("holder", "candidate"):
        if key in check:
            assert follow[key] == check[key], follow
    assert check["mentions"] in _text(follow), _text(follow)
    if "cites" in check:
        assert (_sources(follow) | _prefixes(follow)) & check["cites"], follow["citations"]


def test_the_follow_up_answers_differently_without_the_thread(seeded: Cli) -> None:
    _ask(seeded, "Who supports Kallas?", "k")
    assert _ask(seeded, "who opposes her?", "k")["candidate"] == "Kaja Kallas"
    alone = _ask(seeded, "who opposes her?")
    assert alone["candidate"] is None and alone["thread"] is None and alone["turn"] is None


def test_own_articles_answer_in_their_own_words(with_own: Cli) -> None:
    reply = _ask(with_own, "What did Erdogan want from Rutte?")
    assert "guarantees" in _text(reply) and _sources(reply) == {"ankara_turns.md"}
    latest = _ask(with_own, "is Turkey on board with Rutte now?")
    assert "Turkey backs Rutte (since 29 April 2024" in _text(latest)
    assert "previously opposes" in _text(latest)
    assert latest["note"] == "As of the latest article, 28 June 2024."
    assert _ask(with_own, "Who won the Eurovision song contest?")["citations"] == []


def _first(reply: dict[str, Any]) -> tuple[str, str]:
    first = reply["citations"][0]
    return first["quote"], Path(first["source"]).name


@pytest.mark.parametrize(
    ("question", "holds", "source"),
    [
        # Another word form, and the race's paraphrases: quit / pulled out, stop / dropped.
        ("Why is Iohannis quitting?", "because", "bucharest_exit.md"),
        ("When did Turkey stop objecting to Rutte?", "on Monday", "ankara_turns.md"),
        (
            "Who chose Rutte as secretary general?",
            "ambassadors appointed",
            "brussels_appointment.md",
        ),
        # The demand, not any sentence about the man.
        ("What assurances did Orban get?", "guarantee", "budapest_deal.md"),
        # A date for that person's event, not for the other man the sentence names.
        ("When did Stoltenberg take office?", "in 2014", "brussels_appointment.md"),
        ("When does Rutte take office?", "1 October", "brussels_appointment.md"),
        # A leader's country stands in for him.
        ("When did Orban drop the veto?", "on Tuesday", "budapest_deal.md"),
    ],
)
def test_the_first_quote_answers_in_the_articles_words(
    with_own: Cli, question: str, holds: str, source: str
) -> None:
    quote, cited = _first(_ask(with_own, question))
    assert holds in quote and cited == source


def test_a_why_follow_up_gets_the_reason(with_own: Cli) -> None:
    assert "Iohannis" in _first(_ask(with_own, "Who withdrew from the race?", "w"))[0]
    quote, cited = _first(_ask(with_own, "Why did he pull out?", "w"))
    assert "because" in quote and cited == "bucharest_exit.md"


def test_thread_memory_survives_a_restart(seeded: Cli, db_path: Path) -> None:
    first = _ask(seeded, "When does Stoltenberg's term end?", "restart")
    db = open_database(db_path)
    rows = db.execute(
        "SELECT t.thread_key, t.surface, n.position, n.question, n.answer_kind, n.entities "
        "FROM threads t JOIN thread_turns n ON n.thread_id = t.id"
    ).fetchall()
    cited = db.execute("SELECT sentence_id FROM thread_citations ORDER BY ord").fetchall()
    db.close()
    assert [tuple(row[:5]) for row in rows] == [
        ("restart", "cli", 1, "When does Stoltenberg's term end?", "passages")
    ]
    assert "Jens Stoltenberg" in json.loads(rows[0][5])
    assert [row[0] for row in cited] == [c["sentence_id"] for c in first["citations"]]
    # A new process would open the file afresh; each CLI call does exactly that.
    second = _ask(seeded, "who is going to replace him?", "restart")
    assert second["turn"] == 2
    assert second["resolved"] == "who is going to replace Jens Stoltenberg?"
    assert "Rutte" in _text(second)


def test_chat_thread_key_wins_and_the_thread_records_the_channel(
    seeded: Cli, db_path: Path
) -> None:
    registry = build_registry()
    ctx = CommandContext(
        archive=Archive(db_path), surface="slack", channel="C42", thread_key="1709.0001", user="U1"
    )
    first, _ = run_text("/natosg ask who backs Rutte? --thread ignored", ctx, registry)
    second, _ = run_text("/natosg ask and Hungary?", ctx, registry)
    assert first.data["thread"] == "1709.0001"
    assert (second.data["holder"], second.data["turn"]) == ("Hungary", 2)
    db = open_database(db_path)
    rows = db.execute("SELECT thread_key, surface, channel FROM threads").fetchall()
    assert [tuple(row) for row in rows] == [("1709.0001", "slack", "C42")]
    db.close()


HOSTILE = [
    "",
    "   ",
    '"',
    "AND (",
    'NEAR("Rutte" Kallas) AND * OR "',
    "Rutte*",
    "'; DROP TABLE articles; --",
    "Robert'); DELETE FROM sentences; --",
    "🙂🎉🔥",
    "?!?!…",
    "x" * 10_000,
    "Rutte " * 1500,
    "¿Quién apoya a Rutte como secretario general de la OTAN y por qué es importante?",
    "Кто поддерживает Рютте?",
    "谁支持吕特？",
    "\x00\x1b[31m who backs Rutte",
    "{{7*7}} ${jndi:ldap://x} <script>alert(1)</script>",
]


def _counts(db_path: Path) -> tuple[int, int, int, str]:
    db = open_database(db_path)
    try:
        a, s, c = (
            db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("articles", "sentences", "claims")
        )
        return a, s, c, db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_gets_a_polite_reply_and_changes_nothing(
    seeded: Cli, db_path: Path, text: str
) -> None:
    before = _counts(db_path)
    status, out = seeded.run("ask", text, "--thread", "hostile", "--json")
    reply = json.loads(out)
    assert reply["command"] == "ask"
    assert "Traceback" not in out and "went wrong" not in out
    if reply["ok"]:
        assert status == 0
        assert reply["answer_kind"] in ("not_covered", "stance", "passages")
        assert reply["note"].startswith("As of the latest article")
    else:
        assert status == 1 and reply["error"]
    after = _counts(db_path)
    assert after == before and after[3] == "ok"


def test_hostile_input_through_the_console_parser(seeded: Cli, db_path: Path) -> None:
    registry = build_registry()
    ctx = CommandContext(archive=Archive(db_path), surface="console")
    for text in ('ask "', "ask AND (", "ask 🙂", "ask", "ask " + "y" * 3000):
        reply, _ = run_text(text, ctx, registry)
        assert reply.command == "ask" and reply.sections, text
        assert "went wrong" not in json.dumps(reply.to_json())


@pytest.mark.parametrize(
    ("question", "command", "as_of"),
    [
        ("Who backs Rutte?", "who-backs", None),
        ("Who opposes Rutte?", "who-opposes", None),
        ("Who backed Rutte as of 23 February 2024?", "who-backs", "2024-02-23"),
        ("Who was against Rutte in March 2024?", "who-opposes", "2024-03-31"),
    ],
)
def test_a_stance_question_names_the_holders_the_command_names(
    seeded: Cli, question: str, command: str, as_of: str | None
) -> None:
    asked = _ask(seeded, question)
    direct = seeded.json(command, "Rutte", *(["--as-of", as_of] if as_of else []))
    assert asked["answer_kind"] == "stance"
    assert [e["holder"] for e in asked["entries"]] == [e["holder"] for e in direct["entries"]]
    assert [e["stance"] for e in asked["entries"]] == [e["stance"] for e in direct["entries"]]


def test_the_same_holds_inside_a_thread(seeded: Cli) -> None:
    _ask(seeded, "Who backs Rutte?", thread="parity")
    follow = _ask(seeded, "and who is against him?", thread="parity")
    direct = seeded.json("who-opposes", "Rutte")
    assert [e["holder"] for e in follow["entries"]] == [e["holder"] for e in direct["entries"]]
