"""The race scorer on a synthetic facts file and canned JSON replies (no process is run)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from evaluation.counts import Counts
from evaluation.race.__main__ import main
from evaluation.race.facts import FactsError, RaceFacts, parse_facts, read_facts
from evaluation.race.report import table
from evaluation.race.runner import ingest_counts
from evaluation.race.scoring import RaceReplies, RaceScore, RaceScorer
from evaluation.race.statuses import agrees, is_running

FACTS: dict[str, Any] = {
    "_about": "An invented race, for testing the scorer.",
    "candidate": "Ingrid Holm",
    "states": {
        "2031-04-01": {"backers": ["Norway", "Portugal", "Iceland", "Greece"], "holdouts": []},
        "2031-03-01": {
            "backers": ["Norway", "Portugal"],
            "holdouts": ["Greece", "Malta", "Cyprus"],
            "tally": "a few",
        },
    },
    "final_statuses": {
        "Ingrid Holm": "appointed",
        "Tomas Lind": "withdrawn",
        "Aino Koski": "out of the race",
        "Marta Ruiz": "not a candidate (UN post)",
    },
    "never_candidates": ["Pavel Novák", "Elena Sato"],
}


def entry(holder: str, stance: str, **extra: Any) -> dict[str, Any]:
    return {"holder": holder, "stance": stance, "since": None, "citations": [1], **extra}


REPLIES = RaceReplies(
    backs={
        "2031-03-01": {
            "entries": [entry("Norway", "supports"), entry("Portugal", "supports"),
                        entry("Spain", "supports")],
            "holdouts": ["Malta"],
        },
        "2031-04-01": {
            "entries": [entry("Norway", "supports"), entry("Portugal", "supports"),
                        entry("Iceland", "supports")],
        },
    },
    opposes={"2031-03-01": {"entries": [entry("Greece", "conditional")]}},
    candidates={
        "candidates": [
            {"name": "Ingrid Holm", "name_ascii": "Ingrid Holm", "status": "appointed"},
            {"name": "Tomas Lind", "name_ascii": "Tomas Lind", "status": "declared"},
            {"name": "Áino Koski", "name_ascii": "Aino Koski", "status": "withdrawn"},
            {"name": "Pavel Novák", "name_ascii": "Pavel Novak", "status": "nominated"},
            {"name": "Elena Sato", "name_ascii": "Elena Sato", "status": "mentioned"},
        ]
    },
)  # fmt: skip


@pytest.fixture
def facts() -> RaceFacts:
    return parse_facts(FACTS)


@pytest.fixture
def score(facts: RaceFacts) -> RaceScore:
    return RaceScorer().score(facts, REPLIES)


def test_facts_are_read_in_day_order(tmp_path: Path) -> None:
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(FACTS))
    facts = read_facts(path)
    assert facts.candidate == "Ingrid Holm"
    assert [day.day for day in facts.days] == ["2031-03-01", "2031-04-01"]
    assert facts.days[0].holdouts == ("Greece", "Malta", "Cyprus")
    assert dict(facts.final_statuses)["Marta Ruiz"] == "not a candidate (UN post)"
    assert facts.never_candidates == ("Pavel Novák", "Elena Sato")


@pytest.mark.parametrize(
    "broken",
    [
        {"states": {}},
        {"candidate": "X", "states": []},
        {"candidate": "X", "states": {"2031-01-01": {"backers": "Norway"}}},
    ],
)
def test_malformed_facts_are_refused(broken: dict[str, Any]) -> None:
    with pytest.raises(FactsError):
        parse_facts(broken)


def test_backers_and_holdouts_per_day(score: RaceScore) -> None:
    first, second = score.days
    assert first.backers == Counts(tp=2, fp=1)
    assert first.extra_backers == ("Spain",)
    # Greece is listed by who-opposes (any stance), Malta is marked a holdout; Cyprus is missed.
    assert first.holdouts == Counts(tp=2, fn=1)
    assert first.missed_holdouts == ("Cyprus",)
    assert second.backers == Counts(tp=3, fn=1)
    assert second.missing_backers == ("Greece",)
    assert second.holdouts.recall is None  # nobody held out


def test_totals(score: RaceScore) -> None:
    assert score.backers == Counts(tp=5, fp=1, fn=1)
    assert score.backers.precision == pytest.approx(5 / 6)
    assert score.holdouts.recall == pytest.approx(2 / 3)


def test_final_statuses_and_never_candidates(score: RaceScore) -> None:
    got = {s.person: (s.got, s.right) for s in score.statuses}
    assert got == {
        "Ingrid Holm": ("appointed", True),
        "Tomas Lind": ("declared", False),
        "Aino Koski": ("withdrawn", True),  # found by its folded name
        "Marta Ruiz": (None, False),  # not listed at all
    }
    assert score.statuses_right == 2
    assert score.never_running == (("Pavel Novák", "nominated"),)


def test_a_flagged_entry_counts_as_a_holdout(facts: RaceFacts) -> None:
    opposes = {"entries": [entry("Cyprus", "supports", holdout=True)]}
    day = RaceScorer().day(facts.days[0], {}, opposes)
    assert day.holdouts == Counts(tp=1, fn=2)


def test_report_and_json(score: RaceScore) -> None:
    text = table(score)
    assert "2031-03-01" in text and "extra Spain" in text and "holdouts missed Cyprus" in text
    assert "final statuses: 2 of 4 right" in text
    assert "never candidates listed as running: 1 (Pavel Novák (nominated))" in text
    report = json.loads(json.dumps(score.to_json()))
    assert report["backers"]["tp"] == 5
    assert report["final_statuses"]["right"] == 2


def test_status_vocabulary() -> None:
    assert agrees("Withdrawn", "withdrawn")
    assert agrees("not a candidate (EU post)", "not declared")
    assert agrees("out of the race", "withdrawn")
    assert not agrees("appointed", "declared")
    assert not agrees("withdrawn", None)
    assert agrees("some new phrase", "some_new-phrase")
    assert is_running("nominated") and not is_running("considering") and not is_running(None)


def test_ingest_counts() -> None:
    reply = {"results": [{"status": "added"}, {"status": "added"}, {"status": "failed"}]}
    assert ingest_counts(reply) == {"added": 2, "failed": 1}


def test_absent_shared_folder_is_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    absent = str(tmp_path / "shared" / "eval")
    assert main([str(tmp_path), "--eval-dir", absent]) == 0
    assert capsys.readouterr().out == f"skipped: {absent} not found\n"


def test_a_missing_folder_or_bad_facts_is_an_error(tmp_path: Path) -> None:
    assert main([str(tmp_path / "nothing")]) == 2
    bad = tmp_path / "facts.json"
    bad.write_text("[1, 2]")
    assert main([str(tmp_path), "--facts", str(bad)]) == 2
