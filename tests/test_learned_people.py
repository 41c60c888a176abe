"""People the entity data lacks, learned from the archive end to end: an article that names a
person in full with their office teaches who a surname or an office means in every other
article, whichever is ingested first; `rebuild-claims` learns from what is stored. Articles
invented, in our own words."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.cli_helpers import Cli

TEACHING = """Title: Reykjavik enters the race
Date: 2033-03-07

Icelandic Foreign Minister Sigrún Ásgeirsdóttir said on Monday that she would stand for \
NATO secretary general, the first Icelander to seek the post.
"""
SURNAME_ONLY = """Title: Oslo and Copenhagen back the Icelander
Date: 2033-03-21

Norway endorsed Ásgeirsdóttir on Tuesday. The Icelandic foreign minister was also backed by \
Denmark later in the day.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def backers(cli: Cli, name: str) -> set[str]:
    reply = cli.json("who-backs", name)
    assert reply["ok"], reply
    return {entry["holder"] for entry in reply["entries"]}


def unknown(cli: Cli, name: str) -> bool:
    reply = cli.json("who-backs", name)
    return not reply["ok"] or not reply["entries"]


def test_an_article_read_before_the_one_that_names_the_person_is_read_again(
    cli: Cli, tmp_path: Path
) -> None:
    later = write(tmp_path, "backers.txt", SURNAME_ONLY)
    assert cli.run("ingest", str(later))[0] == 0
    assert unknown(cli, "Sigrún Ásgeirsdóttir")  # nobody knows who she is yet
    first = write(tmp_path, "declares.txt", TEACHING)
    assert cli.run("ingest", str(first))[0] == 0
    assert backers(cli, "Sigrún Ásgeirsdóttir") == {"Norway", "Denmark"}
    assert backers(cli, "Ásgeirsdóttir") == {"Norway", "Denmark"}


def test_rebuild_claims_learns_from_the_stored_articles(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "race"
    folder.mkdir()
    write(folder, "a.txt", TEACHING)
    write(folder, "b.txt", SURNAME_ONLY)
    assert cli.run("ingest", str(folder))[0] == 0
    assert backers(cli, "Sigrún Ásgeirsdóttir") == {"Norway", "Denmark"}
    # An archive stored before people were learned: no sightings, and claims read without.
    with sqlite3.connect(cli.db_path) as conn:
        conn.execute("DELETE FROM people_seen")
        conn.execute("DELETE FROM claims")
    assert unknown(cli, "Sigrún Ásgeirsdóttir")
    assert cli.run("rebuild-claims")[0] == 0
    assert backers(cli, "Sigrún Ásgeirsdóttir") == {"Norway", "Denmark"}
