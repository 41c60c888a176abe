"""`natosg claims`: every reading of every sentence, cited, with how it was said and dated."""

from __future__ import annotations

from pathlib import Path

from records.claims import ExtractedClaim
from storage.claims import replace_article_claims
from storage.db import open_database
from tests.cli_helpers import Cli

READING_FIELDS = {
    "kind",
    "holder",
    "relation",
    "event",
    "candidate",
    "polarity",
    "modality",
    "aspect",
    "scope",
    "holdout",
    "date",
    "date_from_text",
    "date_how",
    "date_precision",
    "counts",
}


def test_claims_shows_every_reading_of_the_newest_articles(cli: Cli, seeds_dir: Path) -> None:
    cli.run("ingest", str(seeds_dir))
    reply = cli.json("claims")
    assert reply["ok"] is True
    assert len(reply["articles"]) == 5
    citations = {c["n"]: c for c in reply["citations"]}
    readings = []
    for article in reply["articles"]:
        for sentence in article["sentences"]:
            cited = citations[sentence["citation"]]
            assert cited["quote"] == sentence["quote"]
            assert cited["article_id"] == article["id"]
            assert cited["source"] and "published" in cited and "outlet" in cited
            for reading in sentence["readings"]:
                assert reading.keys() >= READING_FIELDS
                readings.append(reading)
    assert readings
    # "last week" in a dated article: the previous week's Monday, precise to the week.
    weekly = [r for r in readings if r["date_precision"] == "week"]
    assert weekly and weekly[0]["date_how"] == "last week (Monday)"
    assert any(r["date_from_text"] is False and r["date_how"] == "article date" for r in readings)


def test_claims_for_chosen_articles_marks_readings_that_do_not_count(
    cli: Cli, seeds_dir: Path, db_path: Path
) -> None:
    cli.run("ingest", str(seeds_dir))
    article_id = cli.json("sources")["articles"][0]["id"]
    db = open_database(db_path)
    sentence_id = db.execute(
        "SELECT id FROM sentences WHERE article_id = ? ORDER BY idx LIMIT 1", [article_id]
    ).fetchone()[0]
    hypothetical = ExtractedClaim(
        sentence_idx=0,
        kind="stance",
        holder="Hungary",
        stance="supports",
        candidate="Mark Rutte",
        modality="hypothetical",
        date_how="article date",
        date_precision="day",
    )
    with db.conn:
        replace_article_claims(db.conn, article_id, [sentence_id], [hypothetical], "test")
    db.close()

    reply = cli.json("claims", str(article_id))
    [article] = reply["articles"]
    [sentence] = article["sentences"]
    [reading] = sentence["readings"]
    assert (reading["holder"], reading["relation"], reading["candidate"]) == (
        "Hungary",
        "supports",
        "Mark Rutte",
    )
    assert reading["counts"] is False and reading["modality"] == "hypothetical"
    status, text = cli.run("claims", str(article_id))
    assert status == 0
    flat = " ".join(text.split())  # the terminal wraps long lines
    assert "does not count (hypothetical)" in flat
    assert f"“{' '.join(sentence['quote'].split())}”" in flat


def test_claims_answers_bad_ids_politely(cli: Cli, seeds_dir: Path) -> None:
    cli.run("ingest", str(seeds_dir))
    for words in (("abc",), ("1", "x2"), ("9999",), ('"',)):
        reply = cli.json("claims", *words)
        assert reply["ok"] is False
        assert "sources" in " ".join(line["text"] for line in reply["sections"][0]["lines"])
    mixed = cli.json("claims", "1", "9999")
    assert mixed["ok"] is True
    assert mixed["unknown_ids"] == [9999]
    assert "#9999" in mixed["note"]


def test_claims_on_an_empty_archive_is_polite(cli: Cli) -> None:
    reply = cli.json("claims")
    assert reply["ok"] is False
    assert "ingest" in reply["sections"][0]["lines"][1]["text"]
