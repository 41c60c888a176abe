"""The exact schema, migrations applied once, and the pragmas every connection gets."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import sqlite_utils

from storage.db import LATEST_MIGRATION, Database, connect, open_database, write_transaction
from storage.migrations import MIGRATIONS

SNAPSHOT = Path(__file__).with_name("schema.sql")


def normalised_schema(db: Database) -> str:
    """Every object's SQL, whitespace folded, in a stable order."""
    rows = db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
        "AND name NOT LIKE 'sqlite_%' ORDER BY type, name"
    ).fetchall()
    parts = []
    for kind, name, sql in rows:
        folded = re.sub(r"\s+", " ", sql).strip()
        parts.append(f"-- {kind} {name}\n{folded};")
    return "\n".join(parts) + "\n"


def test_schema_matches_the_snapshot(db: Database) -> None:
    # A change here must be a new migration and a deliberate snapshot update.
    assert normalised_schema(db) == SNAPSHOT.read_text()


def _migrations_view(db: Database) -> sqlite_utils.Database:
    return sqlite_utils.Database(db.conn, execute_plugins=False)


def test_migrations_apply_once_and_reopen_is_a_no_op(db_path: Path) -> None:
    first = open_database(db_path)
    applied = [m.name for m in MIGRATIONS.applied(_migrations_view(first))]
    assert applied[-1] == LATEST_MIGRATION  # what `open_database` checks for
    first.close()
    second = open_database(db_path)
    assert [m.name for m in MIGRATIONS.applied(_migrations_view(second))] == applied
    assert MIGRATIONS.pending(_migrations_view(second)) == []
    second.close()


def test_two_threads_opening_a_new_database_both_succeed(tmp_path: Path) -> None:
    errors: list[BaseException] = []
    for attempt in range(5):
        path = tmp_path / f"race-{attempt}.db"

        def opener(target: Path = path) -> None:
            try:
                open_database(target).close()
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=opener) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []


def test_connection_pragmas(db: Database) -> None:
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_write_transaction_rolls_back_on_error(db: Database) -> None:
    try:
        with write_transaction(db) as conn:
            conn.execute(
                "INSERT INTO articles (source, source_kind, content_hash, published_how, body, raw,"
                " ingested_at) VALUES ('a', 'file', 'h1', 'unknown', 'b', 'r', 'now')"
            )
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 0


def test_fts_follows_sentence_inserts_and_deletes(db: Database) -> None:
    with write_transaction(db) as conn:
        conn.execute(
            "INSERT INTO articles (id, source, source_kind, content_hash, published_how, body, raw,"
            " ingested_at) VALUES (7, 'a', 'file', 'h2', 'unknown', 'b', 'r', 'now')"
        )
        conn.execute(
            "INSERT INTO sentences (article_id, idx, char_start, char_end, text)"
            " VALUES (7, 0, 0, 20, 'Ankara lifts its veto')"
        )
    query = "SELECT COUNT(*) FROM sentences_fts WHERE sentences_fts MATCH '\"veto\"'"
    assert db.execute(query).fetchone()[0] == 1
    with write_transaction(db) as conn:
        conn.execute("DELETE FROM articles WHERE id = 7")
    assert db.execute(query).fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM sentences").fetchone()[0] == 0


def test_an_archive_from_before_kept_results_gains_them_and_keeps_its_articles(
    db_path: Path,
) -> None:
    old = sqlite_utils.Database(connect(db_path))
    MIGRATIONS.apply(old, stop_before=LATEST_MIGRATION)
    old.execute(
        "INSERT INTO articles (source, source_kind, content_hash, published_how, body, raw, "
        "ingested_at) VALUES ('a.txt', 'file', 'h1', 'header', 'Body.', 'Body.', '2024-01-01')"
    )
    old.close()
    db = open_database(db_path)
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "race_results" in tables
    assert [tuple(row) for row in db.execute("SELECT source FROM articles")] == [("a.txt",)]
    assert db.execute("SELECT count(*) FROM race_results").fetchone()[0] == 0
