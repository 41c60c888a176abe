"""Links a source did not earn: a bare URL inside a quoted sentence (Slack and Discord link
it), and a front-matter `url:` under a spoofed outlet name (it became the source link)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.app import Application
from bot.config import Settings
from bot.dispatch import run_words
from bot.render.discord import render_discord
from bot.render.slack import render_slack
from bot.reply import Reply
from tests.cli_helpers import Cli

SENTENCE = (
    "Slovakia refused to endorse Mark Rutte's bid for NATO secretary general on Wednesday, "
    "officials said, pointing to https://evil.example/x for details."
)
SPOOF = f"---\noutlet: Reuters\nurl: https://evil.example/phish\n---\n\n{SENTENCE}\n"
PAGE = f"<html><head><title>Vote</title></head><body><article><p>{SENTENCE}</p>" + (
    "<p>Diplomats expect the question to be settled before the summit in July.</p></article>"
    "</body></html>"
)


@pytest.fixture
def server() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/page"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _opposes(db_path: Path) -> Reply:
    app = Application.from_settings(Settings(db_path=db_path))
    reply, _ = run_words(["who-opposes", "Rutte"], app.context("cli"), app.registry)
    assert reply.ok and reply.citations, reply
    return reply


def _rendered(reply: Reply) -> tuple[str, str]:
    slack = "\n".join(str(block) for message in render_slack(reply) for block in message.blocks)
    discord = "\n".join(str(embed) for message in render_discord(reply) for embed in message.embeds)
    return slack, discord


def test_front_matter_url_is_never_a_source_link(cli: Cli, db_path: Path, tmp_path: Path) -> None:
    article = tmp_path / "spoof.md"
    article.write_text(SPOOF)
    assert cli.json("ingest", str(article))["added"] == 1
    reply = _opposes(db_path)
    assert [citation.url for citation in reply.citations] == [None]
    slack, discord = _rendered(reply)
    assert "evil.example/phish" not in slack and "evil.example/phish" not in discord
    # The file's claim is still on record where sources are listed, as what it is.
    assert cli.json("sources")["articles"][0]["url"] == "https://evil.example/phish"


def test_bare_url_in_a_quote_is_inline_code_not_a_link(
    cli: Cli, db_path: Path, tmp_path: Path
) -> None:
    article = tmp_path / "spoof.md"
    article.write_text(SPOOF)
    cli.json("ingest", str(article))
    slack, discord = _rendered(_opposes(db_path))
    assert "`https://evil.example/x`" in slack and "<https://evil" not in slack
    assert "`https://evil.example/x`" in discord and "](https://evil" not in discord
    assert "https://evil.example/x" not in slack.replace("`https://evil.example/x`", "")
    assert "https://evil.example/x" not in discord.replace("`https://evil.example/x`", "")


def test_a_fetched_page_keeps_its_source_link(
    cli: Cli, db_path: Path, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NATOSG_FETCH_ALLOW", "127.0.0.1/32")
    assert cli.json("ingest", server)["added"] == 1
    reply = _opposes(db_path)
    assert [citation.url for citation in reply.citations] == [server]
    slack, discord = _rendered(reply)
    assert f"<{server}|" in slack and f"]({server})" in discord
