"""The cache warmer of a long-running bot: after the archive changes, the claims are in memory
before anyone asks; nothing a user sees is stored, only the results a new process reads
instead of every claim; a broken archive is logged, never raised."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from bot.archive import Archive
from bot.warmup import CacheWarmer, warm
from storage.db import open_database
from tests.cli_helpers import Cli
from tests.waiting import eventually

ARTICLE = """Title: Oslo weighs in
Outlet: Fjord Times
Date: 2024-03-08

Norway said on Friday that it backs Kaja Kallas to lead the alliance.
"""


def _in_memory(archive: Archive) -> bool:
    with archive.session() as session:
        return archive.claims_loaded(session.db)


def _table_counts(db_path: Path) -> dict[str, int]:
    db = open_database(db_path)
    try:
        tables = ("articles", "claims", "digests", "threads", "thread_turns", "chat_posts")
        return {t: int(db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in tables}
    finally:
        db.close()


def test_claims_are_in_memory_after_each_change(seeded: Path, cli: Cli, tmp_path: Path) -> None:
    archive = Archive(seeded)
    assert not _in_memory(archive)
    warmer = CacheWarmer(archive)
    assert asyncio.run(warmer.warm_if_changed())
    assert _in_memory(archive)
    assert not asyncio.run(warmer.warm_if_changed())  # nothing changed: nothing to do

    article = tmp_path / "oslo.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    status, _ = cli.run("ingest", str(article))
    assert status == 0
    assert not _in_memory(archive)  # the ingest changed the claims...
    assert asyncio.run(warmer.warm_if_changed())
    assert _in_memory(archive)  # ...and the warmer read them before any command did


def test_warming_stores_only_the_results_new_processes_read(seeded: Path) -> None:
    before = _table_counts(seeded)
    assert warm(Archive(seeded)) >= 4  # candidates, timeline, and per candidate
    assert _table_counts(seeded) == before
    db = open_database(seeded)
    try:
        (revision,) = db.execute("SELECT value FROM claim_revision").fetchone()
        kept = {str(r[0]): int(r[1]) for r in db.execute("SELECT name, revision FROM race_results")}
        names = [
            str(r[0])
            for r in db.execute("SELECT DISTINCT candidate FROM claims WHERE candidate IS NOT NULL")
        ]
    finally:
        db.close()
    per_candidate = [f"{kind}:{name}" for name in names for kind in ("stances", "stance-days")]
    assert "stances:Mark Rutte" in per_candidate
    expected = ("candidates", "timeline", "firm_backers", *per_candidate)
    assert kept == dict.fromkeys(expected, revision)


def test_a_broken_archive_is_logged_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database" * 100)
    warmer = CacheWarmer(Archive(broken))
    with caplog.at_level(logging.WARNING, logger="bot.warmup"):
        assert not asyncio.run(warmer.warm_if_changed())
    assert "could not warm the caches" in caplog.text


def test_the_warmer_runs_in_the_background_until_closed(seeded: Path) -> None:
    archive = Archive(seeded)
    assert not _in_memory(archive)

    async def scenario() -> bool:
        warmer = CacheWarmer(archive, interval=0.05)
        await warmer.start()
        await eventually(lambda: _in_memory(archive), "the warmer to load the claims", 10.0)
        await warmer.close()
        return _in_memory(archive)

    assert asyncio.run(scenario())


def test_a_digest_computed_ahead_still_reports_what_changed(
    seeded: Path, cli: Cli, tmp_path: Path
) -> None:
    first = cli.json("digest")
    assert first["ok"]
    article = tmp_path / "oslo.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert cli.run("ingest", str(article))[0] == 0
    assert asyncio.run(CacheWarmer(Archive(seeded)).warm_if_changed())
    assert _table_counts(seeded)["digests"] == 1  # computed ahead, not stored

    after = cli.json("digest")
    changed = next(s for s in after["sections"] if s["heading"].startswith("What changed"))
    assert any("Norway" in line["text"] for line in changed["lines"]), changed
    assert _table_counts(seeded)["digests"] == 2
