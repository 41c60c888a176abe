"""No configured secret ever appears in a log line, a reply or an error, checked by scanning
everything the bot printed for the configured values."""

from __future__ import annotations

import logging
import os
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import load_settings
from bot.logs import configure_logging
from tests.cli_helpers import ROOT, Cli
from tests.fakes.openai_server import FakeOpenAI

SECRETS = {
    "SLACK_BOT_TOKEN": "xoxb-canary-slack-bot-4411",
    "SLACK_APP_TOKEN": "xapp-canary-slack-app-4412",
    "SLACK_SIGNING_SECRET": "canary-signing-secret-4413",
    "DISCORD_TOKEN": "canary-discord-token-4414",
    "NATOSG_LLM_API_KEY": "sk-canary-llm-key-4415",
}


def assert_clean(*texts: str) -> None:
    for text in texts:
        for secret in SECRETS.values():
            assert secret not in text


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.mark.usefixtures("restore_logging")
def test_the_log_filter_scrubs_messages_arguments_and_tracebacks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging("DEBUG", SECRETS.values())
    log = logging.getLogger("natosg.test")
    token = SECRETS["SLACK_BOT_TOKEN"]
    log.warning("calling with %s", token)
    log.info(f"header Authorization: Bearer {SECRETS['NATOSG_LLM_API_KEY']}")
    try:
        raise RuntimeError(f"server said: bad token {SECRETS['DISCORD_TOKEN']}")
    except RuntimeError:
        log.exception("it failed")
    err = capsys.readouterr().err
    assert "[redacted]" in err and "it failed" in err and "RuntimeError" in err
    assert_clean(err)


def test_settings_never_show_their_secrets() -> None:
    settings = load_settings(env=dict(SECRETS))
    assert_clean(repr(settings), str(settings))
    assert sorted(settings.secrets()) == sorted(SECRETS.values())


def test_an_endpoint_that_echoes_the_key_back_leaks_it_nowhere(
    cli: Cli,
    seeds_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    cli.run("ingest", str(seeds_dir))
    key = SECRETS["NATOSG_LLM_API_KEY"]
    with FakeOpenAI() as model:
        model.error(401, body=f'{{"error": {{"message": "Incorrect API key provided: {key}"}}}}')
        monkeypatch.setenv("NATOSG_LLM_BASE_URL", model.base_url)
        monkeypatch.setenv("NATOSG_LLM_API_KEY", key)
        with caplog.at_level(logging.DEBUG):
            status, out = cli.run("digest", "--json")
            ask_status, answer = cli.run("ask", "Who did Romania nominate?")
    assert status == 0 and ask_status == 0 and "offline" in out
    assert_clean(out, answer, caplog.text, capsys.readouterr().err)
    assert model.requests[0].headers["authorization"] == f"Bearer {key}"  # it was really used


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_bot_whose_chat_services_fail_at_start_prints_no_secret(tmp_path: Path) -> None:
    port = _closed_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    env.update(
        NATOSG_DB=str(tmp_path / "bot.db"),
        SLACK_BOT_TOKEN=SECRETS["SLACK_BOT_TOKEN"],  # no app token or signing secret: refused
        DISCORD_TOKEN=SECRETS["DISCORD_TOKEN"],
        DISCORD_API_URL=f"http://127.0.0.1:{port}/api/v10",
        DISCORD_GATEWAY_URL=f"ws://127.0.0.1:{port}/gw/",
        NATOSG_LLM_API_KEY=SECRETS["NATOSG_LLM_API_KEY"],
        NATOSG_LOG_LEVEL="DEBUG",
    )
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        input="sources\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Slack is not started" in result.stderr and "Discord could not start" in result.stderr
    assert "Sources" in result.stdout
    assert_clean(result.stdout, result.stderr)


@pytest.mark.usefixtures("restore_logging")
def test_a_model_that_writes_the_key_into_its_answer_gets_it_shown_and_cached_nowhere(
    cli: Cli, seeds_dir: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    cli.run("ingest", str(seeds_dir))
    key = SECRETS["NATOSG_LLM_API_KEY"]
    with FakeOpenAI(lambda request: f"Romania nominated Klaus Iohannis, key {key} [1].") as model:
        monkeypatch.setenv("NATOSG_LLM_BASE_URL", model.base_url)
        monkeypatch.setenv("NATOSG_LLM_API_KEY", key)
        status, answer = cli.run("ask", "Who did Romania nominate?", "--json")
    assert status == 0 and model.requests
    assert_clean(answer)
    db = sqlite3.connect(db_path)
    try:
        cached = " ".join(str(row[0]) for row in db.execute("SELECT * FROM llm_cache"))
    finally:
        db.close()
    assert key not in cached


def test_an_article_that_quotes_a_configured_token_shows_it_redacted(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = SECRETS["SLACK_BOT_TOKEN"]
    article = tmp_path / "leak.txt"
    article.write_text(
        "Title: A leaked token\nOutlet: Wire\nDate: 2024-03-01\n\n"
        f"Hungary said on Friday that it opposes Mark Rutte, in a note signed {token}.\n",
        encoding="utf-8",
    )
    cli.run("ingest", str(article))
    monkeypatch.setenv("SLACK_BOT_TOKEN", token)
    _, out = cli.run("who-opposes", "Rutte", "--json")
    assert "Hungary" in out and "[redacted]" in out
    assert_clean(out)
