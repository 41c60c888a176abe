"""A whole invented race (tests/fixtures/race2031, our own words, people absent from the
entity data), end to end: the digest leads with the outcome, or mid-race with the holdouts by
name; the timeline holds each event once with its sources; who-backs and candidates read the
race from the articles alone."""

from __future__ import annotations

from pathlib import Path

from tests.cli_helpers import Cli

RACE = Path(__file__).parent / "fixtures" / "race2031"
UNTIL_THE_LAST_HOLDOUT = sorted(RACE.glob("0[1-5]*.txt"))


def test_mid_race_the_digest_leads_with_the_front_runner_and_names_the_last_holdout(
    cli: Cli,
) -> None:
    assert cli.run("ingest", *map(str, UNTIL_THE_LAST_HOLDOUT))[0] == 0
    lead = cli.json("digest")["items"][0]
    assert lead["section"] == "standing" and lead["citations"]
    assert lead["text"].startswith("Tomas Lindqvist (nominated) leads with")
    assert lead["text"].endswith("hold out: Hungary.") or "1 holds out: Hungary" in lead["text"]


def test_after_the_appointment_the_digest_states_the_outcome(cli: Cli) -> None:
    assert cli.run("ingest", str(RACE))[0] == 0
    digest = cli.json("digest")
    lead = digest["items"][0]
    assert lead["section"] == "standing"
    assert lead["text"].startswith("Tomas Lindqvist was appointed Secretary General (19 June 2031)")
    assert "office on 1 October 2031" in lead["text"]
    sources = {Path(c["source"]).name for c in digest["citations"] if c["n"] in lead["citations"]}
    assert "07_appointed.txt" in sources


def test_the_timeline_holds_each_event_once_with_its_sources(cli: Cli) -> None:
    assert cli.run("ingest", str(RACE))[0] == 0
    events = cli.json("timeline")["events"]
    texts = [event["event"] for event in events]
    assert len(texts) == len(set(texts)), "each event once"
    assert "Ana Ribeiro withdraws" in texts
    assert "Tomas Lindqvist is appointed Secretary General" in texts
    switches = [e for e in events if e["kind"] == "change"]
    assert {e["holder"] for e in switches} >= {"Turkey", "Slovakia"}
    assert all(event["sources"] >= 1 and event["citations"] for event in events)


def test_backers_and_candidates_come_from_the_articles_alone(cli: Cli) -> None:
    assert cli.run("ingest", str(RACE))[0] == 0
    backers = {e["holder"] for e in cli.json("who-backs", "Lindqvist")["entries"]}
    assert {"Sweden", "United States", "Germany", "France", "United Kingdom"} <= backers
    statuses = {c["name"]: c["status"] for c in cli.json("candidates")["candidates"]}
    assert statuses["Tomas Lindqvist"] == "appointed"
    assert statuses["Ana Ribeiro"] == "withdrawn"
    assert "Mark Rutte" not in statuses or statuses["Mark Rutte"] not in ("declared", "nominated")
