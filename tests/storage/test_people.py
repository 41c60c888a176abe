"""What articles say of who people are: stored per article, summed per person for the next
ingest, and the articles that name a person found through the full-text index."""

from __future__ import annotations

from datetime import date

from records.people import CANDIDACY_EVENT, Sighting
from storage.db import Database, write_transaction
from storage.people import archive_sightings, articles_naming, replace_article_sightings


def _article(db: Database, article_id: int, text: str) -> None:
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT INTO articles (id, source, source_kind, content_hash, published_how, body,"
            " raw, ingested_at) VALUES (?, ?, 'file', ?, 'unknown', 'b', 'b', 'now')",
            [article_id, f"{article_id}.txt", f"h{article_id}"],
        )
        conn.execute(
            "INSERT INTO sentences (article_id, idx, char_start, char_end, text)"
            " VALUES (?, 0, 0, ?, ?)",
            [article_id, len(text), text],
        )


def test_sightings_are_replaced_per_article_and_summed_per_person(db: Database) -> None:
    _article(db, 1, "Icelandic Foreign Minister Sigrún Ásgeirsdóttir will run.")
    _article(db, 2, "Norway backs Ásgeirsdóttir.")
    described = Sighting("Sigrún Ásgeirsdóttir", date(2033, 3, 7), "Iceland", "foreign_minister")
    running = Sighting("Sigrún Ásgeirsdóttir", date(2033, 3, 7), contender=CANDIDACY_EVENT)
    with write_transaction(db) as conn:
        replace_article_sightings(conn, 1, [described, running])
        replace_article_sightings(conn, 2, [described])
        replace_article_sightings(conn, 2, [running])  # read again: the old rows go
    summary = archive_sightings(db)
    assert sorted(summary, key=repr) == sorted(
        [described, Sighting(running.name, running.on, contender=CANDIDACY_EVENT, times=2)],
        key=repr,
    )


def test_a_name_seen_with_nothing_said_of_it_is_left_out_of_the_summary(db: Database) -> None:
    # An archive names tens of thousands of people in passing; only what says who someone
    # is (a nationality, an office, a candidacy) is read before every ingest.
    _article(db, 1, "Ilse Marten, a researcher, spoke. Danish Minister Ole Berg agreed.")
    bare = Sighting("Ilse Marten", date(2033, 3, 7))
    described = Sighting("Ole Berg", date(2033, 3, 7), "Denmark")
    with write_transaction(db) as conn:
        replace_article_sightings(conn, 1, [bare, described])
    assert archive_sightings(db) == [described]


def test_articles_naming_a_person_are_found_with_accents_and_case_folded(db: Database) -> None:
    _article(db, 1, "Norway backs Ásgeirsdóttir.")
    _article(db, 2, "Denmark backs ASGEIRSDOTTIR too.")
    _article(db, 3, "Nothing about her here.")
    assert articles_naming(db, ["Ásgeirsdóttir"]) == [1, 2]
    assert articles_naming(db, ['"; DROP TABLE sentences; --']) == []


def test_a_capitalised_name_must_be_written_as_a_name(db: Database) -> None:
    _article(db, 1, "It was a long day in Brussels.")
    _article(db, 2, "Ambassador Long said so.")
    assert articles_naming(db, ["Long"]) == [2]
