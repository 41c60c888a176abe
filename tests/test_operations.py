"""Running it for real: `natosg backup` makes a consistent copy while another process
writes; `natosg doctor` says what is wrong and what to fix."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_helpers import Cli, natosg_env
from tests.fakes.openai_server import FakeOpenAI


def test_a_backup_taken_during_an_ingest_is_a_sound_copy(
    cli: Cli, seeds_dir: Path, db_path: Path, tmp_path: Path
) -> None:
    cli.run("ingest", str(seeds_dir))
    corpus = tmp_path / "more"
    corpus.mkdir()
    for n in range(60):
        (corpus / f"{n:03d}.txt").write_text(
            f"Title: Note {n}\nOutlet: Wire\nDate: 2024-03-{1 + n % 28:02d}\n\n"
            f"Estonia said on Monday that it backs Mark Rutte, in note number {n} of many.\n",
            encoding="utf-8",
        )
    writer = subprocess.Popen(
        [sys.executable, "-m", "bot", "ingest", str(corpus)],
        env=natosg_env(db_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        copy = tmp_path / "copy.db"
        reply = cli.json("backup", str(copy))
    finally:
        writer.wait(timeout=120)
    assert reply["ok"] and reply["bytes"] > 0
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        orphans = conn.execute(
            "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM sentences s WHERE s.article_id = a.id)"
        ).fetchone()[0]
    finally:
        conn.close()
    assert articles >= 5 and orphans == 0
    again = cli.json("backup", str(copy))
    assert not again["ok"] and "never overwrite" in str(again)


def test_doctor_on_a_sound_setup_says_so(cli: Cli, seeds_dir: Path) -> None:
    cli.run("ingest", str(seeds_dir))
    reply = cli.json("doctor")
    assert reply["ok"], reply
    assert all(check["ok"] for check in reply["checks"])


def test_doctor_names_what_to_fix(
    cli: Cli, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    with FakeOpenAI() as model:
        model.error(401, body='{"error": {"message": "bad key"}}')
        monkeypatch.setenv("NATOSG_LLM_BASE_URL", model.base_url)
        monkeypatch.setenv("NATOSG_LLM_API_KEY", "sk-doctor-key")
        reply = cli.json("doctor")
    assert not reply["ok"]
    failing = " | ".join(c["check"] for c in reply["checks"] if not c["ok"])
    assert "key was refused" in failing and "NATOSG_LLM_API_KEY" in failing
    assert "sk-doctor-key" not in str(reply)


def test_doctor_on_a_damaged_database_says_to_restore(cli: Cli, db_path: Path) -> None:
    db_path.write_bytes(b"not a database at all" * 200)
    reply = cli.json("doctor")
    assert not reply["ok"]
    assert "restore a backup" in str(reply) or "damaged" in str(reply)
