"""`natosg watch …` through the real CLI, and in chat: admins only for changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.archive import Archive
from bot.commands import build_registry
from bot.config import Settings
from bot.dispatch import run_text
from bot.registry import CommandContext
from storage.db import open_database
from tests.bot.watch.helpers import race_article
from tests.cli_helpers import Cli
from tests.fakes.feed_server import Route, feed_server, rss
from tests.waiting import logged


def test_add_list_poll_now_and_remove(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NATOSG_FETCH_ALLOW", "127.0.0.1/32")
    with feed_server() as server:
        item = ("Canada backs Rutte", server.url("/c"), "Sat, 04 May 2024 05:00:00 GMT")
        server.set("/feed.xml", Route(rss((*item, race_article("Canada"))), etag='"1"'))
        added = cli.json("watch", "add", server.url("/feed.xml"), "--every", "2h", "--name", "cbc")
        assert added["ok"] and added["watch"]["every"] == "2h"
        again = cli.json("watch", "add", server.url("/feed.xml"))
        assert not again["ok"] and "Already watched" in again["title"] + str(again)
        polled = cli.json("watch", "now", "cbc")
        assert polled["added"] == 1 and polled["polled"][0]["outcome"] == "new"
        status, text = cli.run("watch", "list")
        assert status == 0 and "#1 cbc" in text and "1 kept" in text and "(new)" in text
        listed = cli.json("watch")["watches"][0]
        assert listed["kind"] == "feed" and listed["last_new_at"] is not None
        assert cli.json("watch", "now")["polled"][0]["outcome"] == "not modified"
        assert cli.json("watch", "remove", "#1")["removed"] == 1
        assert cli.json("watch", "list")["watches"] == []


def test_bad_input_gets_a_polite_answer(cli: Cli) -> None:
    assert "between 1 minute" in str(
        cli.json("watch", "add", "https://example.org/f", "--every", "0m")
    )
    assert "30m" in str(cli.json("watch", "add", "https://example.org/f", "--every", "soon"))
    refused = cli.json("watch", "add", "http://10.1.2.3/feed.xml")
    assert not refused["ok"] and "won't watch" in str(refused)
    assert not cli.json("watch", "remove", "nothing")["ok"]
    assert not cli.json("watch", "dance")["ok"]
    suggested = cli.json("watch", "add", "--suggested")
    assert suggested["ok"] and len(suggested["suggested"]) >= 3
    assert cli.json("watch", "list")["watches"] == []  # none enabled by default


def test_in_chat_only_admins_change_what_is_watched(db_path: Path) -> None:
    registry = build_registry()
    archive = Archive(db_path)

    def ask(text: str, admin: bool) -> str:
        ctx = CommandContext(
            archive, "slack", Settings(db_path=db_path), "C1", "U1", is_admin=admin
        )
        reply, _ = run_text(text, ctx, registry)
        parts = [reply.title]
        for section in reply.sections:
            parts += [section.heading or "", *(line.text for line in section.lines)]
        return " ".join(parts)

    assert "only people who manage" in ask("/natosg watch add https://example.org/feed", False)
    assert "only people who manage" in ask("/natosg watch now", False)
    assert "Watching" in ask("/natosg watch add <https://example.org/feed|feed> --name ex", True)
    assert "https://example.org/feed" in ask("/natosg watch list", False)
    assert "ex" in ask("/natosg watch list", False)
    assert "only people who manage" in ask("/natosg watch remove ex", False)
    assert "Stopped watching" in ask("/natosg watch remove ex", True)


def test_a_source_failing_for_a_day_says_so_in_the_list_and_the_log(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("NATOSG_FETCH_ALLOW", "127.0.0.1/32")
    with feed_server() as server:
        server.set("/gone.xml", Route(b"gone", 500, "text/plain"))
        cli.json("watch", "add", server.url("/gone.xml"), "--name", "gone")
        assert cli.json("watch", "now", "gone")["polled"][0]["outcome"] == "failed"
        _, text = cli.run("watch", "list")
        assert "error (1 in a row)" in text and "failing since" not in text
        db = open_database(cli.db_path)
        try:
            db.execute("UPDATE watches SET failing_since = '2020-01-01T00:00:00+00:00'")
        finally:
            db.close()
        cli.run("watch", "now", "gone")
    assert logged(caplog, "bot.watch.polling", "gone", "failing since 2020-01-01")
    _, text = cli.run("watch", "list")
    assert "failing since 2020-01-01 00:00 UTC (2 in a row)" in text
