"""Who is who as the articles say (table `people_seen`): stored with each article's claims,
read back summed per person for the extraction of later articles."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date

from records.people import Sighting
from storage.db import Database
from storage.fts import fts_phrase


def replace_article_sightings(
    conn: sqlite3.Connection, article_id: int, sightings: Sequence[Sighting]
) -> None:
    """Replace what an article says of people (inside the caller's write transaction)."""
    conn.execute("DELETE FROM people_seen WHERE article_id = ?", [article_id])
    conn.executemany(
        "INSERT INTO people_seen (article_id, name, seen_on, country, role, contender, times) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                article_id,
                s.name,
                s.on.isoformat() if s.on else None,
                s.country,
                s.role,
                int(s.contender),
                s.times,
            )
            for s in sightings
        ],
    )


def archive_sightings(db: Database | sqlite3.Connection) -> list[Sighting]:
    """Every kind of sighting in the archive that says something of who someone is (a
    nationality, an office or a candidacy) once, at its first and its last day, with how
    often it was made (a summary small enough to load before every ingest)."""
    rows = db.execute(
        """
        SELECT name, country, role, contender, MIN(seen_on), MAX(seen_on), SUM(times)
        FROM people_seen WHERE country IS NOT NULL OR role IS NOT NULL OR contender > 0
        GROUP BY name, country, role, contender
        """
    ).fetchall()
    found = []
    for name, country, role, contender, first, last, times in rows:
        days = {first, last} - {None}
        for day in sorted(days) or [None]:
            found.append(
                Sighting(
                    str(name),
                    date.fromisoformat(day) if day else None,
                    country,
                    role,
                    int(contender),
                    max(1, int(times) // max(1, len(days))),
                )
            )
    return found


def articles_naming(db: Database | sqlite3.Connection, words: Iterable[str]) -> list[int]:
    """The articles with a sentence that holds one of these words (through the full-text
    index: accents folded, so "Asgeirsdottir" is found for "Ásgeirsdóttir"; a word with an
    ASCII capital must be written so)."""
    found: set[int] = set()
    for word in sorted(set(words)):
        phrase = fts_phrase(word)
        if phrase is None:
            continue
        # The index folds case, so "Long" would find "long": the word must also be written
        # as a name (its capital) in the sentence.
        capital = word[:1]
        rows = db.execute(
            "SELECT DISTINCT s.article_id FROM sentences_fts JOIN sentences s "
            "ON s.id = sentences_fts.rowid WHERE sentences_fts MATCH ? "
            "AND (instr(s.text, ?) > 0 OR NOT ? GLOB '[A-Z]*')",
            [phrase, word, capital],
        ).fetchall()
        found.update(int(row[0]) for row in rows)
    return sorted(found)
