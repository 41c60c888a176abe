"""Commands typed at the shell while `natosg run` serves the database: the read-only ones are
answered by the running bot over its Unix socket, exactly as the shell's own process would
answer them; anything else, or no bot listening, runs in the shell's process as before."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.felt import BotOnAThread
from bot.shell_link import SERVED, encode_request, socket_path
from tests.cli_helpers import ROOT, Cli
from tests.conftest import SEEDS


@pytest.fixture
def short_db(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    # A Unix socket's path is limited to about a hundred bytes: a short folder of its own.
    folder = Path(tempfile.mkdtemp(prefix="ns", dir="/tmp"))
    monkeypatch.setenv("NATOSG_DB", str(folder / "natosg.db"))
    monkeypatch.delenv("NATOSG_SHELL_VIA_BOT", raising=False)
    yield folder / "natosg.db"
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def shell(short_db: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    cli = Cli(short_db, capsys)
    assert cli.run("ingest", str(SEEDS))[0] == 0
    return cli


@pytest.fixture
def bot(shell: Cli) -> Iterator[BotOnAThread]:
    running = BotOnAThread(shell.db_path)
    assert running.listening
    yield running
    running.close()


QUESTIONS = [
    ("who-backs", "Rutte"),
    ("who-opposes", "Rutte", "--json"),
    ("candidates",),
    ("timeline", "Rutte", "--since", "2024-01-01"),
    ("ask", "who backs Rutte?"),
    ("digest",),
    ("who-backs", "Nobody Atall"),  # a polite refusal, exit status 1
]


def test_the_running_bot_answers_the_shell_as_the_shell_would(
    shell: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert shell.run("digest")[0] == 0  # today's digest, stored: the same for both
    alone = [shell.run(*words) for words in QUESTIONS]
    running = BotOnAThread(shell.db_path)
    try:
        assert running.listening
        served = [shell.run(*words) for words in QUESTIONS]
        assert running.server.answered == len(QUESTIONS)
    finally:
        running.close()
    assert [status for status, _ in served] == [0, 0, 0, 0, 0, 0, 1]
    assert served == alone
    assert not socket_path(shell.db_path).exists()  # removed when the bot stops


def test_only_the_owner_can_reach_the_socket(bot: BotOnAThread) -> None:
    mode = stat.S_IMODE(bot.server.path.stat().st_mode)
    assert mode == 0o600


def test_commands_that_write_or_read_the_shells_files_run_in_the_shells_process(
    shell: Cli, bot: BotOnAThread, tmp_path: Path
) -> None:
    article = tmp_path / "one.txt"
    article.write_text(
        "Title: Oslo weighs in\nDate: 2024-03-01\n\nNorway said on Friday it backs Mark Rutte "
        "to become NATO secretary general.\n",
        encoding="utf-8",
    )
    status, out = shell.run("ingest", str(article))
    assert status == 0 and "1 added" in out
    shell.run("help")
    shell.run("who-backs", "--help")
    assert {"ingest", "help", "rebuild-claims", "subscribe"}.isdisjoint(SERVED)
    assert bot.server.answered == 0


def test_a_shell_that_opts_out_answers_itself(
    shell: Cli, bot: BotOnAThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NATOSG_SHELL_VIA_BOT", "0")
    assert shell.run("candidates")[0] == 0
    assert bot.server.answered == 0
    monkeypatch.setenv("NATOSG_SHELL_VIA_BOT", "1")
    assert shell.run("candidates")[0] == 0
    assert bot.server.answered == 1


def test_a_socket_left_by_a_bot_that_died_is_ignored(shell: Cli) -> None:
    expected = shell.run("who-backs", "Rutte")
    path = socket_path(shell.db_path)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as dead:
        dead.bind(str(path))  # bound, never listening: what a killed bot leaves
    assert path.exists()
    assert shell.run("who-backs", "Rutte") == expected
    # The next bot replaces it.
    running = BotOnAThread(shell.db_path)
    try:
        assert running.listening
        assert shell.run("who-backs", "Rutte") == expected
        assert running.server.answered == 1
    finally:
        running.close()


def test_a_request_that_is_not_one_is_dropped_and_the_bot_carries_on(
    shell: Cli, bot: BotOnAThread
) -> None:
    for junk in (b"not json\n", b'{"words": "ingest /etc"}\n', encode_request(["ingest", "x"])):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as link:
            link.connect(str(bot.server.path))
            link.sendall(junk)
            assert link.recv(100) == b""  # closed without an answer
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as link:
        link.connect(str(bot.server.path))
        link.sendall(b"x" * 200_000)  # no end of line within the limit
        assert link.recv(100) == b""
    assert shell.run("candidates")[0] == 0
    assert bot.server.answered == 1


def test_a_socket_path_the_system_refuses_leaves_the_shell_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deep = tmp_path / ("x" * 120)
    deep.mkdir()
    running = BotOnAThread(deep / "natosg.db")
    try:
        assert not running.listening
    finally:
        running.close()


def test_a_new_process_answered_by_the_bot_imports_almost_nothing(
    shell: Cli, bot: BotOnAThread
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bot", "who-backs", "Rutte"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=True,
    )
    assert "Who backs Mark Rutte" in done.stdout
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()}
    assert "bot.shell_link" in imported
    assert not {"bot.app", "sqlite_utils", "summarizer.race.stances"} & imported
    assert bot.server.answered == 1
