"""The timeline holds events, not restatements: each once, with how many independent sources
reported it and its earliest report cited; oldest first; per candidate or holder, within
days, page by page; bad input gets a polite line."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.cli_helpers import Cli

RACE = Path(__file__).parent / "fixtures" / "race2031"


@pytest.fixture
def seeded(cli: Cli, seeds_dir: Path) -> Cli:
    cli.run("ingest", str(seeds_dir))
    return cli


def test_each_event_once_with_its_sources_oldest_first(seeded: Cli) -> None:
    reply = seeded.json("timeline")
    events = reply["events"]
    counts = Counter(event["event"] for event in events)
    assert [text for text, n in counts.items() if n > 1] == [], "a restatement is not an event"
    dated = [event["date"] for event in events if event["date"]]
    assert dated == sorted(dated)
    (us,) = [e for e in events if e["event"] == "United States backs Rutte"]
    assert us["sources"] >= 2 and us["citations"], "later reports fold into the first"
    by_n = {c["n"]: c for c in reply["citations"]}
    assert by_n[us["citations"][0]]["quote"], "the earliest report is cited first"


def test_per_holder_within_days_and_by_page(seeded: Cli) -> None:
    turkey = seeded.json("timeline", "--holder", "Ankara")
    assert turkey["holder"] == "Turkey"
    assert turkey["events"] and all(e["holder"] == "Turkey" for e in turkey["events"])
    window = seeded.json("timeline", "--since", "2024-02-22", "--until", "2024-02-29")
    assert window["events"] and all(
        "2024-02-22" <= e["date"] <= "2024-02-29" for e in window["events"]
    )
    assert seeded.json("timeline", "--page", "1")["pages"] == 1
    too_far = seeded.json("timeline", "--page", "5")
    assert not too_far["ok"] and "only 1 page" in str(too_far)


@pytest.mark.parametrize(
    ("words", "says"),
    [
        (["--page", "zero"], "not a page number"),
        (["--holder", "Atlantis"], "don't know a government"),
        (["--since", "someday"], "couldn't read"),
    ],
)
def test_bad_input_gets_a_polite_line(seeded: Cli, words: list[str], says: str) -> None:
    reply = seeded.json("timeline", *words)
    assert not reply["ok"] and says in str(reply)


def test_an_invented_race_reads_from_its_articles_alone(cli: Cli) -> None:
    cli.run("ingest", str(RACE))
    events = cli.json("timeline")["events"]
    texts = " | ".join(e["event"] for e in events)
    assert "Lindqvist" in texts, texts


def test_two_offices_left_are_two_events_and_one_event_keeps_the_agreed_day(
    cli: Cli, tmp_path: Path
) -> None:
    first = tmp_path / "one.txt"
    first.write_text(
        "Title: A minister's long year\nOutlet: Baltic Wire\nDate: 2031-11-20\n\n"
        "Arvid Lepp, who wants to lead NATO, stepped down as prime minister of Estonia in "
        "August.\n",
        encoding="utf-8",
    )
    second = tmp_path / "two.txt"
    second.write_text(
        "Title: Lepp quits the foreign ministry\nOutlet: Tallinn Post\nDate: 2032-03-28\n\n"
        "Arvid Lepp, a candidate for NATO secretary general, resigned as Estonia's foreign "
        "minister on Thursday.\n",
        encoding="utf-8",
    )
    cli.run("ingest", str(first), str(second))
    left = [
        e for e in cli.json("timeline")["events"] if e["event"].endswith("leaves another office")
    ]
    assert sorted(e["date"] for e in left) == ["2031-08-01", "2032-03-25"]
