"""`natosg digest`: cited, verbatim, stored and reused; news leads; no fact twice."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.archive import Archive
from bot.commands import build_registry
from bot.dispatch import run_words
from bot.registry import CommandContext
from storage.db import open_database
from tests.cli_helpers import Cli
from tests.shared_eval import DEV_SET

FIXTURES = Path(__file__).parent / "fixtures"
DIGEST_FIXTURES = FIXTURES / "digest"


def digest_at(db_path: Path, now: datetime, *words: str) -> dict[str, Any]:
    """The digest as built on a given day (the way the scheduler passes its clock)."""
    ctx = CommandContext(archive=Archive(db_path), surface="cli", now=now)
    reply, _ = run_words(["digest", *words], ctx, build_registry())
    return reply.to_json()


def items(digest: dict[str, Any], section: str | None = None) -> list[dict[str, Any]]:
    return [i for i in digest["items"] if section is None or i["section"] == section]


def section_text(digest: dict[str, Any], section: str) -> str:
    return "\n".join(item["text"] for item in items(digest, section))


def cited_sources(digest: dict[str, Any], item: dict[str, Any]) -> set[str]:
    by_number = {c["n"]: c for c in digest["citations"]}
    return {Path(by_number[n]["source"]).name for n in item["citations"]}


def ingest_fixtures(cli: Cli) -> None:
    status, _ = cli.run("ingest", *sorted(str(p) for p in DIGEST_FIXTURES.glob("0*.txt")))
    assert status == 0


def test_every_seed_digest_item_is_cited_with_verbatim_quotes(
    cli: Cli, seeds_dir: Path, db_path: Path
) -> None:
    cli.run("ingest", str(seeds_dir))
    digest = cli.json("digest")
    assert digest["ok"] and digest["items"]
    assert all(item["citations"] for item in digest["items"])
    db = open_database(db_path)
    try:
        for citation in digest["citations"]:
            stored = db.execute(
                "SELECT text FROM sentences WHERE id = ?", [citation["sentence_id"]]
            ).fetchone()
            assert stored is not None and stored[0] == citation["quote"]
    finally:
        db.close()
    numbers = {c["n"] for c in digest["citations"]}
    assert all(set(item["citations"]) <= numbers for item in digest["items"])


def test_seed_digest_names_the_backers_the_obstacles_and_the_late_entry(
    cli: Cli, seeds_dir: Path
) -> None:
    cli.run("ingest", str(seeds_dir))
    digest = cli.json("digest")
    backers = section_text(digest, "backers") + section_text(digest, "standing")
    for country in ("United States", "United Kingdom", "France", "Germany"):
        assert country in backers
    holdouts = section_text(digest, "holdouts")
    assert "Hungary" in holdouts and "Turkey" in holdouts
    assert "Iohannis" in section_text(digest, "candidates")
    assert "Mark Rutte" in section_text(digest, "standing")


def test_no_boilerplate_reaches_the_digest(cli: Cli, seeds_dir: Path) -> None:
    cli.run("ingest", str(seeds_dir))
    ingest_fixtures(cli)
    digest = cli.json("digest")
    shown = json.dumps(digest["items"]) + json.dumps([c["quote"] for c in digest["citations"]])
    for phrase in [
        *DEV_SET.get("never_in_a_digest_or_answer", []),
        "All rights reserved",
        "Photo:",
    ]:
        assert phrase.casefold() not in shown.casefold()


def test_the_stored_digest_is_reused_until_new_articles_arrive(cli: Cli) -> None:
    ingest_fixtures(cli)
    first = cli.json("digest")
    again = cli.json("digest")
    assert (first["reused"], again["reused"]) == (False, True)
    assert again["digest_id"] == first["digest_id"]
    assert again["items"] == first["items"]
    rebuilt = cli.json("digest", "--rebuild")
    assert not rebuilt["reused"] and rebuilt["digest_id"] != first["digest_id"]
    cli.run("ingest", str(DIGEST_FIXTURES / "later" / "04_morning.txt"))
    fresh = cli.json("digest")
    assert not fresh["reused"] and fresh["digest_id"] != rebuilt["digest_id"]


def test_a_new_article_leads_the_digest_under_what_changed(cli: Cli) -> None:
    ingest_fixtures(cli)
    before = cli.json("digest")
    assert not items(before, "changes")  # the first digest has nothing to compare with
    cli.run("ingest", str(DIGEST_FIXTURES / "later" / "04_morning.txt"))
    after = cli.json("digest")
    headings = [section["heading"] for section in after["sections"]]
    assert headings[:2] == ["Where the race stands", "What changed since the last digest"]
    first_change = next(item for item in after["items"] if item["section"] == "changes")
    assert cited_sources(after, first_change) == {"04_morning.txt"}
    changes = section_text(after, "changes")
    assert "Iohannis" in changes and "Hungary" in changes
    # Said once: Hungary's new stance is news, so the holdouts no longer list it.
    assert "Hungary" not in section_text(after, "holdouts")
    assert after["previous_digest_id"] == before["digest_id"]


def test_no_fact_is_stated_twice(cli: Cli, seeds_dir: Path) -> None:
    cli.run("ingest", str(seeds_dir))
    ingest_fixtures(cli)
    cli.json("digest")
    cli.run("ingest", str(DIGEST_FIXTURES / "later" / "04_morning.txt"))
    digest = cli.json("digest")
    texts = [item["text"] for item in digest["items"]]
    assert len(texts) == len(set(texts))
    stance_items = [
        item for item in digest["items"] if item["section"] in ("changes", "backers", "holdouts")
    ]
    said = [" ".join(item["text"].split()[:3]) for item in stance_items]
    assert len(said) == len(set(said))
    quotes = [c["quote"] for c in digest["citations"]]
    assert len(quotes) == len(set(quotes))


def test_what_is_coming_lists_later_milestones_soonest_first(cli: Cli, db_path: Path) -> None:
    ingest_fixtures(cli)
    early = digest_at(db_path, datetime(2024, 5, 4, 8, 0, tzinfo=UTC))
    coming = items(early, "coming")
    assert [i["text"].split(":")[0] for i in coming] == ["9 July 2024", "1 October 2024"]
    assert "summit" in coming[0]["text"] and "Stoltenberg" in coming[1]["text"]
    late = digest_at(db_path, datetime(2024, 12, 1, 8, 0, tzinfo=UTC))
    assert not items(late, "coming")


def test_disagreeing_sources_are_flagged_and_both_cited(cli: Cli) -> None:
    ingest_fixtures(cli)
    digest = cli.json("digest")
    [spain] = [item for item in digest["items"] if item["text"].startswith("Spain")]
    assert "sources disagree" in spain["text"]
    assert cited_sources(digest, spain) == {"02_adriatic.txt", "03_harbour.txt"}


def test_facts_from_several_outlets_say_how_many(cli: Cli) -> None:
    ingest_fixtures(cli)
    digest = cli.json("digest")
    [finland] = [item for item in digest["items"] if item["text"].startswith("Finland")]
    assert "2 sources" in finland["text"]
    assert cited_sources(digest, finland) == {"01_nordic.txt", "03_harbour.txt"}


def test_holdouts_carry_their_stated_reasons(cli: Cli) -> None:
    ingest_fixtures(cli)
    holdouts = section_text(cli.json("digest"), "holdouts")
    assert "hawkish stance on Russia" in holdouts
    assert "assurances on defence spending" in holdouts


def test_an_empty_archive_gets_a_polite_answer_and_stores_nothing(cli: Cli, db_path: Path) -> None:
    status, out = cli.run("digest")
    assert status == 0 and "don't say anything about the race yet" in out
    db = open_database(db_path)
    try:
        assert db.execute("SELECT COUNT(*) FROM digests").fetchone()[0] == 0
    finally:
        db.close()


def test_the_digest_says_how_current_it_is(cli: Cli) -> None:
    ingest_fixtures(cli)
    digest = cli.json("digest")
    assert digest["note"].startswith("As of the latest article, 3 May 2024.")
    assert digest["backend"] == "extractive"


def test_the_state_of_the_race_leads_with_the_holdouts_named(cli: Cli, seeds_dir: Path) -> None:
    cli.run("ingest", str(seeds_dir))
    digest = cli.json("digest")
    lead = digest["items"][0]
    assert lead["section"] == "standing" and lead["citations"]
    assert "Mark Rutte" in lead["text"] and "leads with" in lead["text"]
    held_out = lead["text"].split("hold out:")[1]
    assert "Hungary" in held_out and "Turkey" in held_out


def test_an_old_archive_says_so_in_the_first_line(cli: Cli, db_path: Path) -> None:
    ingest_fixtures(cli)
    soon = digest_at(db_path, datetime(2024, 5, 6, 7, 0, tzinfo=UTC))
    assert soon["title"] == "NATO Secretary General race: digest for 6 May 2024"
    later = digest_at(db_path, datetime(2026, 12, 5, 7, 0, tzinfo=UTC))
    assert later["title"] == (
        "NATO Secretary General race: digest for 5 December 2026 "
        "(the newest article is from 3 May 2024, 946 days earlier)"
    )
    coming = section_text(later, "coming")
    assert coming == "", "nothing dated before the digest's day is 'coming'"
