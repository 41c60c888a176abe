"""`candidates` and `timeline` in a new process read the results kept in the database for the
archive as it is; whenever the archive changes (an ingest, an article deleted), the next
process answers from the changed archive, and a kept row it cannot read is computed again.

Each `cli` call builds its own application and archive, as a new process does."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

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
    assert set(kept(mid_race.db_path)) == {"candidates", "timeline"}
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
