"""The daily post: the digest when articles arrived since the last post, else one line."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.archive import Archive
from bot.briefing.digests import daily_post
from tests.cli_helpers import Cli

FIXTURES = Path(__file__).parents[2] / "fixtures" / "digest"
MORNING = datetime(2024, 5, 4, 7, 0, tzinfo=UTC)
NEXT_MORNING = datetime(2024, 5, 5, 7, 0, tzinfo=UTC)


def test_nothing_new_since_the_last_post_is_said_in_one_line(cli: Cli, db_path: Path) -> None:
    cli.run("ingest", *sorted(str(p) for p in FIXTURES.glob("0*.txt")))
    with Archive(db_path).session() as db:
        first = daily_post(db, MORNING, None)
        assert first is not None and first.command == "digest" and first.citations
        posted_id = first.data["digest_id"]
        quiet = daily_post(db, NEXT_MORNING, posted_id)
        assert quiet is not None and quiet.data.get("nothing_new") is True
        assert [line.text for s in quiet.sections for line in s.lines] == [
            "No new articles since the digest of 4 May 2024; ask `digest` to see it again."
        ]
    cli.run("ingest", str(FIXTURES / "later" / "04_morning.txt"))
    with Archive(db_path).session() as db:
        news = daily_post(db, NEXT_MORNING, posted_id)
        assert news is not None and news.citations and not news.data.get("nothing_new")
        assert [s.heading for s in news.sections][:2] == [
            "Where the race stands",
            "What changed since the last digest",
        ]


def test_an_empty_archive_posts_nothing(db_path: Path) -> None:
    with Archive(db_path).session() as db:
        assert daily_post(db, MORNING, None) is None
