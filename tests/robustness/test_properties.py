"""Property-based tests of every text entry point: nothing raises, every reply is a valid
Reply that renders within Slack's, Discord's and the terminal's limits."""

from __future__ import annotations

import sqlite3
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.archive import Archive
from bot.commands import build_registry
from bot.dispatch import run_text, run_words
from bot.parsing import UsageError, parse_text
from bot.registry import CommandContext
from bot.render.discord import render_discord
from bot.render.slack import render_slack
from bot.render.terminal import render_text
from bot.reply import Reply
from storage.db import open_database
from storage.fts import fts_any_group
from summarizer.entities.lookup import lookup_candidate
from summarizer.entities.resolver import EntityResolver
from tests.bot.render.limits import assert_discord_limits, assert_slack_limits

# Text with the characters that break naive code: quotes, FTS and SQL syntax, markup,
# mentions, zero-width and right-to-left controls, emoji and other scripts.
NASTY = st.text(
    alphabet=st.sampled_from(
        list(string.printable)
        + list("“”‘’«»—–…•\u200b\u200d\u202e\u2066\ufeff")
        + list("😀🇺🇦👍🏽")
        + list("Ωжاב中ü")
    )
    | st.characters(),
    max_size=300,
)
WORDS = st.lists(NASTY, max_size=8)
PROPERTY = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def assert_renders(reply: Reply) -> None:
    assert isinstance(reply, Reply) and reply.title
    assert_slack_limits(render_slack(reply), reply)
    assert_discord_limits(render_discord(reply), reply)
    assert render_text(reply).strip()
    reply.to_json()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("props") / "natosg.db"
    seeds = Path(__file__).parents[2] / "seeds"
    ctx = CommandContext(archive=Archive(path), surface="cli")
    run_words(["ingest", str(seeds)], ctx, build_registry())
    return path


@PROPERTY
@given(text=NASTY)
def test_the_command_parser_never_raises_anything_but_a_usage_error(text: str) -> None:
    try:
        parse_text(build_registry(), text)
    except UsageError as exc:
        assert exc.message


@PROPERTY
@given(text=NASTY)
def test_fts_queries_are_always_valid_fts5(text: str) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    conn.execute("INSERT INTO t VALUES ('Rutte backs NATO')")
    words = text.split()
    for query in (
        fts_any_group([[[text]]]),
        fts_any_group([[words]]),
        fts_any_group([[[word] for word in words], [["rutte"], words]]),
    ):
        if query is not None:
            conn.execute("SELECT * FROM t WHERE t MATCH ?", [query]).fetchall()


@PROPERTY
@given(text=NASTY)
def test_name_resolution_answers_or_suggests(text: str) -> None:
    lookup = lookup_candidate(text, ["Mark Rutte", "Kaja Kallas"], EntityResolver.default())
    assert lookup.name is not None or lookup.problem is not None


@PROPERTY
@given(text=NASTY, command=st.sampled_from(["who-backs", "who-opposes", "timeline", "ask", ""]))
def test_any_line_gets_a_reply_that_fits_every_platform(
    seeded: Path, text: str, command: str
) -> None:
    ctx = CommandContext(archive=Archive(seeded), surface="slack", channel="C1", user="U1")
    reply, _ = run_text(f"{command} {text}", ctx, build_registry())
    assert_renders(reply)


@PROPERTY
@given(words=WORDS)
def test_any_cli_words_get_a_reply_and_change_no_article(seeded: Path, words: list[str]) -> None:
    before = _counts(seeded)
    ctx = CommandContext(archive=Archive(seeded), surface="cli")
    safe = [w for w in words if w not in ("ingest", "rebuild-claims", "subscribe", "unsubscribe")]
    reply, _ = run_words(["ask", *safe] if safe[:1] != ["ask"] else safe, ctx, build_registry())
    assert_renders(reply)
    assert _counts(seeded) == before


FILE_NAME = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\\x00"),
    min_size=1,
    max_size=60,
).filter(lambda name: name not in (".", ".."))


@PROPERTY
@given(name=FILE_NAME, body=st.binary(max_size=2000))
def test_ingest_of_any_bytes_under_any_name_is_answered(
    tmp_path_factory: pytest.TempPathFactory, name: str, body: bytes
) -> None:
    folder = tmp_path_factory.mktemp("bytes")
    try:
        path = folder / name
        path.write_bytes(body)
    except OSError:
        return  # a name this file system refuses cannot be handed to the bot either
    # The database lives elsewhere: a file named like it here is only an input.
    database = tmp_path_factory.mktemp("database") / "natosg.db"
    ctx = CommandContext(archive=Archive(database), surface="cli")
    reply, _ = run_words(["ingest", str(path)], ctx, build_registry())
    assert_renders(reply)
    db = open_database(database)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()


def _counts(path: Path) -> tuple[int, int, int]:
    db = open_database(path)
    try:
        return tuple(  # type: ignore[return-value]
            db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("articles", "sentences", "claims")
        )
    finally:
        db.close()
