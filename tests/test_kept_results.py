"""`candidates` and `timeline` in a new process read the results kept in the database for the
archive as it is; whenever the archive changes (an ingest, an article deleted), the next
process answers from the changed archive, and a kept row it cannot read is computed again.

Each `cli` call builds its own application and archive, as a new process does."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.archive import Archive
from bot.commands import build_registry
from bot.dispatch import run_words
from bot.instance import InstanceLock
from bot.registry import CommandContext
from bot.render.terminal import render_json
from bot.warmup import warm
from storage.db import open_database
from tests.cli_helpers import Cli

RACE = Path(__file__).parent / "fixtures" / "race2031"
BEFORE_THE_WITHDRAWAL = sorted(RACE.glob("0[1-3]*.txt"))
WITHDRAWAL = RACE / "04_ribeiro_quits.txt"


def statuses(cli: Cli) -> dict[str, str]:
    return {c["name"]: c["status"] for c in cli.json("candidates")["candidates"]}


def event_texts(cli: Cli, *words: str) -> list[str]:
    return [event["event"] for event in cli.json("timeline", *words)["events"]]


def kept(db_path: Path) -> dict[str, tuple[str, int]]:
    """The kept results and the revision each was computed at."""
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT name, token, revision FROM race_results").fetchall()
    return {name: (token, revision) for name, token, revision in rows}


def revision(db_path: Path) -> tuple[str, int]:
    with sqlite3.connect(db_path) as conn:
        token, value = conn.execute("SELECT token, value FROM claim_revision").fetchone()
    return str(token), int(value)


def without_timing(reply: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in reply.items() if "ms" not in key}


@pytest.fixture
def mid_race(cli: Cli) -> Cli:
    assert cli.run("ingest", *map(str, BEFORE_THE_WITHDRAWAL))[0] == 0
    return cli


def test_a_new_process_answers_from_the_kept_results_as_it_would_compute_them(
    mid_race: Cli,
) -> None:
    first = mid_race.json("candidates")
    first_timeline = mid_race.json("timeline")
    assert {"candidates", "timeline"} <= set(kept(mid_race.db_path))
    assert set(kept(mid_race.db_path).values()) == {revision(mid_race.db_path)}
    assert without_timing(mid_race.json("candidates")) == without_timing(first)
    assert without_timing(mid_race.json("timeline")) == without_timing(first_timeline)
    assert statuses(mid_race)["Ana Ribeiro"] == "nominated"


def test_an_ingest_changes_the_next_answer(mid_race: Cli) -> None:
    assert statuses(mid_race)["Ana Ribeiro"] == "nominated"
    assert "Ana Ribeiro withdraws" not in event_texts(mid_race)
    assert mid_race.run("ingest", str(WITHDRAWAL))[0] == 0
    assert statuses(mid_race)["Ana Ribeiro"] == "withdrawn"
    assert "Ana Ribeiro withdraws" in event_texts(mid_race)
    assert "Ana Ribeiro withdraws" in event_texts(mid_race, "Ribeiro")
    assert set(kept(mid_race.db_path).values()) == {revision(mid_race.db_path)}


def test_deleting_an_article_changes_the_next_answer(mid_race: Cli) -> None:
    assert mid_race.run("ingest", str(WITHDRAWAL))[0] == 0
    assert statuses(mid_race)["Ana Ribeiro"] == "withdrawn"
    assert "Ana Ribeiro withdraws" in event_texts(mid_race)
    with sqlite3.connect(mid_race.db_path) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM articles WHERE title LIKE 'Ribeiro quits%'")
    assert statuses(mid_race)["Ana Ribeiro"] == "nominated"
    assert "Ana Ribeiro withdraws" not in event_texts(mid_race)


def test_a_kept_row_that_cannot_be_read_is_computed_again(mid_race: Cli) -> None:
    expected = without_timing(mid_race.json("candidates"))
    expected_timeline = without_timing(mid_race.json("timeline"))
    with sqlite3.connect(mid_race.db_path) as conn:
        conn.execute('UPDATE race_results SET payload = \'{"not": "entries"}\'')
    assert without_timing(mid_race.json("candidates")) == expected
    assert without_timing(mid_race.json("timeline")) == expected_timeline


@pytest.mark.parametrize(
    "change",
    ["code = 'computed by other code'", "revision = revision - 1", "token = 'another database'"],
)
def test_a_row_kept_for_other_code_or_another_revision_is_never_used(
    mid_race: Cli, change: str
) -> None:
    expected = statuses(mid_race)
    # An empty result would be a wrong answer, were it used.
    with sqlite3.connect(mid_race.db_path) as conn:
        conn.execute(f"UPDATE race_results SET payload = '[]', {change}")
    assert statuses(mid_race) == expected
    assert event_texts(mid_race)


def _in_a_running_bot(archive: Archive, *words: str) -> dict[str, Any]:
    reply, _ = run_words([*words, "--json"], CommandContext(archive=archive, surface="cli"), REG)
    return without_timing(json.loads(render_json(reply)))


REG = build_registry()
UP_TO_THE_LAST_HOLDOUT = [str(path) for path in sorted(RACE.glob("0[1-5]*.txt"))]
SEEDS = [str(Path(__file__).parent.parent / "seeds")]
STANCE_QUESTIONS = [
    (UP_TO_THE_LAST_HOLDOUT, "Tomas Lindqvist", ("who-backs", "Lindqvist")),
    (UP_TO_THE_LAST_HOLDOUT, "Tomas Lindqvist", ("who-opposes", "Lindqvist")),
    (UP_TO_THE_LAST_HOLDOUT, "Ana Ribeiro", ("who-backs", "Ribeiro")),
    (UP_TO_THE_LAST_HOLDOUT, "Tomas Lindqvist", ("ask", "who holds out against Lindqvist?")),
    (SEEDS, "Mark Rutte", ("who-backs", "Rutte")),
    (SEEDS, "Mark Rutte", ("who-opposes", "Rutte")),
    (SEEDS, "Mark Rutte", ("ask", "who backs Rutte?")),
]


@pytest.mark.parametrize(("inputs", "name", "words"), STANCE_QUESTIONS)
def test_a_new_process_quotes_the_kept_stances_as_a_running_bot_computes_them(
    cli: Cli, inputs: list[str], name: str, words: tuple[str, ...]
) -> None:
    """The kept row carries only the claims an answer quotes: the answer must not change."""
    assert cli.run("ingest", *inputs)[0] == 0
    bot = Archive(cli.db_path)
    warm(bot)  # keeps every candidate's stances, and the claims in memory
    assert bot.claims_loaded(open_database(cli.db_path))
    assert kept(cli.db_path)[f"stances:{name}"] == revision(cli.db_path)
    computed = _in_a_running_bot(bot, *words)
    assert computed["entries" if words[0] != "ask" else "sections"]
    assert without_timing(cli.json(*words)) == computed  # read from the kept row
    with sqlite3.connect(cli.db_path) as conn:  # a kept row from other code: computed again
        conn.execute("UPDATE race_results SET code = 'other code'")
    assert without_timing(cli.json(*words)) == computed


def _evidence_days(db_path: Path, name: str) -> list[str]:
    """Every day the candidate's stance claims speak for, the day before each, and a day
    before and after them all: the days on which an as-of answer can change, and between."""
    with sqlite3.connect(db_path) as conn:
        found = conn.execute(
            "SELECT DISTINCT coalesce(nullif(c.event_date, ''), a.published) FROM claims c "
            "JOIN articles a ON a.id = c.article_id WHERE c.kind = 'stance' AND c.candidate = ?",
            (name,),
        ).fetchall()
    days = {date.fromisoformat(str(day)[:10]) for (day,) in found if day}
    around = {day - timedelta(days=1) for day in days} | {min(days) - timedelta(days=400)}
    return sorted(d.isoformat() for d in days | around | {max(days) + timedelta(days=400)})


@pytest.mark.parametrize(
    ("inputs", "name", "command"),
    [
        (UP_TO_THE_LAST_HOLDOUT, "Tomas Lindqvist", "who-backs"),
        (UP_TO_THE_LAST_HOLDOUT, "Tomas Lindqvist", "who-opposes"),
        (UP_TO_THE_LAST_HOLDOUT, "Ana Ribeiro", "who-backs"),
        (SEEDS, "Mark Rutte", "who-backs"),
    ],
)
def test_a_new_process_answers_as_of_any_day_as_a_running_bot_computes_it(
    cli: Cli, inputs: list[str], name: str, command: str
) -> None:
    """The kept day-by-day stances give, on every day the evidence can change an answer and
    on the days between, the answer the claims up to that day give."""
    assert cli.run("ingest", *inputs)[0] == 0
    assert kept(cli.db_path)[f"stance-days:{name}"] == revision(cli.db_path)
    bot = Archive(cli.db_path)
    warm(bot)
    days = _evidence_days(cli.db_path, name)
    answers = set()
    for day in days:
        words = (command, name, "--as-of", day)
        computed = _in_a_running_bot(bot, *words)
        assert without_timing(cli.json(*words)) == computed, day
        answers.add(json.dumps(computed["entries"]))
    assert len(answers) >= 2  # the answer does change over these days


def test_a_rival_s_backer_is_listed_as_holding_out_only_from_the_day_it_backed_the_rival(
    cli: Cli,
) -> None:
    assert cli.run("ingest", *UP_TO_THE_LAST_HOLDOUT)[0] == 0

    def rival_lines(day: str) -> list[str]:
        reply = cli.json("who-opposes", "Lindqvist", "--as-of", day)
        return [
            line["text"]
            for section in reply["sections"]
            if "another candidate" in (section.get("heading") or "")
            for line in section["lines"]
        ]

    assert rival_lines("2031-01-14") == []  # Lisbon nominated Ribeiro on the 15th
    assert any("Portugal backs Ribeiro" in line for line in rival_lines("2031-01-16"))


def test_a_running_bot_answers_an_ingest_from_memory_and_leaves_the_kept_rows_to_its_warm_up(
    mid_race: Cli,
) -> None:
    bot = Archive(mid_race.db_path)
    warm(bot)
    before = kept(mid_race.db_path)
    with InstanceLock(mid_race.db_path):  # the bot's; a bot keeps the answers in its warm-up
        assert mid_race.run("ingest", str(WITHDRAWAL))[0] == 0
    events = [e["event"] for e in _in_a_running_bot(bot, "timeline")["events"]]
    assert "Ana Ribeiro withdraws" in events
    candidates = _in_a_running_bot(bot, "candidates")["candidates"]
    assert {c["name"]: c["status"] for c in candidates}["Ana Ribeiro"] == "withdrawn"
    backers = _in_a_running_bot(bot, "who-opposes", "Lindqvist")
    assert kept(mid_race.db_path) == before  # nothing written in the user's time
    warm(bot)
    assert set(kept(mid_race.db_path).values()) == {revision(mid_race.db_path)}
    in_bot = _in_a_running_bot(bot, "timeline")["events"]
    assert without_timing(mid_race.json("timeline"))["events"] == in_bot
    assert without_timing(mid_race.json("who-opposes", "Lindqvist")) == backers


def test_an_ingest_at_the_shell_keeps_every_answer_ready_for_the_next_process(cli: Cli) -> None:
    reply = cli.json("ingest", *UP_TO_THE_LAST_HOLDOUT)
    assert reply["answers_ready_s"] >= 0
    now = revision(cli.db_path)
    found = kept(cli.db_path)
    assert {"candidates", "timeline", "firm_backers"} <= set(found)
    assert {"stances:Tomas Lindqvist", "stances:Ana Ribeiro"} <= set(found)
    assert set(found.values()) == {now}
    before = dict(found)
    again = cli.json("ingest", *UP_TO_THE_LAST_HOLDOUT)  # nothing new: nothing to keep
    assert again["added"] == 0 and "answers_ready_s" not in again
    assert kept(cli.db_path) == before


def test_a_running_bot_keeps_the_answers_itself(cli: Cli) -> None:
    with InstanceLock(cli.db_path):  # as `natosg run` holds it
        reply = cli.json("ingest", *UP_TO_THE_LAST_HOLDOUT)
    assert reply["added"] == 5 and "answers_ready_s" not in reply
    assert kept(cli.db_path) == {}


def test_keeping_the_answers_can_fail_without_failing_the_ingest(
    cli: Cli, caplog: pytest.LogCaptureFixture
) -> None:
    assert cli.run("ingest", UP_TO_THE_LAST_HOLDOUT[0])[0] == 0
    with sqlite3.connect(cli.db_path) as conn:
        conn.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON race_results "
            "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )
    status, out = cli.run("ingest", *UP_TO_THE_LAST_HOLDOUT[1:])
    assert status == 0 and "4 added" in out
    assert "could not keep the answers ready" in caplog.text
    with sqlite3.connect(cli.db_path) as conn:
        conn.execute("DROP TRIGGER refuse")
    assert statuses(cli)["Ana Ribeiro"] == "withdrawn"  # the next command computes instead
