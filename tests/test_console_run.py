"""`natosg run` on embedded defaults: seeds on first start, one reply per piped line."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.cli_helpers import assert_no_crash, json_reply, natosg_env, run_natosg


def run_console(tmp_path: Path, stdin: str) -> subprocess.CompletedProcess[str]:
    result = run_natosg(tmp_path / "bot.db", "run", stdin=stdin, cwd=tmp_path, timeout=120)
    assert_no_crash(result.stdout)
    return result


def test_piped_commands_get_one_reply_each_and_the_bot_exits(tmp_path: Path) -> None:
    result = run_console(
        tmp_path, "/natosg sources\n\nwho-backs Rutte\n/natosg frobnicate\nhelp --json\n"
    )
    assert result.returncode == 0, result.stderr
    assert "First start: ingested 5 seed articles" in result.stderr
    out = result.stdout
    assert "Sources (5 articles)" in out
    assert "Who backs Mark Rutte" in out and "[1]" in out
    assert "I don't know the command `frobnicate`" in out
    help_json = out[out.rindex('{\n  "command"') :]  # the last line's reply
    assert json_reply(help_json)["command"] == "help"
    assert "Traceback" not in out + result.stderr


def test_second_start_does_not_ingest_again(tmp_path: Path) -> None:
    run_console(tmp_path, "sources\n")
    again = run_console(tmp_path, "sources\n")
    assert "First start" not in again.stderr
    assert "Sources (5 articles)" in again.stdout


def test_a_console_subscription_due_while_down_is_printed_before_input(tmp_path: Path) -> None:
    run_console(tmp_path, "sources\n")
    due = (datetime.now(UTC) - timedelta(minutes=30)).strftime("%H:%M")
    subscribed = run_console(tmp_path, f"subscribe {due}\n")
    assert "Subscribed" in subscribed.stdout
    result = run_console(tmp_path, "subscriptions\n")
    out = result.stdout
    assert out.index("digest for") < out.index("Daily digests")  # the late post comes first
    assert "[1]" in out
    again = run_console(tmp_path, "subscriptions\n")
    assert "digest for" not in again.stdout  # posted once, not at every start


def test_a_second_bot_on_the_same_database_is_refused_politely(tmp_path: Path) -> None:
    db_path = tmp_path / "bot.db"
    first = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        env=natosg_env(db_path),
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lock = db_path.with_name("bot.db.run.lock")
        deadline = datetime.now(UTC) + timedelta(seconds=60)
        while not (lock.exists() and lock.read_text().strip()) and datetime.now(UTC) < deadline:
            if first.poll() is not None:
                break
            time.sleep(0.05)  # until the first bot has written its pid into the lock
        assert first.poll() is None, "the first bot is still running"
        second = run_natosg(db_path, "run", stdin="sources\n", cwd=tmp_path, timeout=60)
        assert second.returncode == 1
        assert "Another natosg run is already serving bot.db" in second.stderr
        assert "Traceback" not in second.stderr and "Sources" not in second.stdout
    finally:
        assert first.stdin is not None
        first.stdin.close()
        first.wait(timeout=60)
    assert first.returncode == 0
    again = run_console(tmp_path, "sources\n")
    assert again.returncode == 0, "the lock went with the first bot"
