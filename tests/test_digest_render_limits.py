"""A digest built from 200 generated articles renders within every platform's limits."""

from __future__ import annotations

from pathlib import Path

from bench.corpus import write_corpus
from bot.archive import Archive
from bot.commands import build_registry
from bot.dispatch import run_words
from bot.registry import CommandContext
from bot.render.discord import render_discord
from bot.render.slack import render_slack
from bot.render.terminal import render_text
from tests.bot.render.limits import assert_discord_limits, assert_slack_limits
from tests.cli_helpers import Cli


def test_a_digest_of_200_articles_fits_slack_and_discord(
    cli: Cli, db_path: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 200, corpus="stress")
    status, _ = cli.run("ingest", str(corpus))
    assert status == 0
    ctx = CommandContext(archive=Archive(db_path), surface="slack")
    reply, _ = run_words(["digest"], ctx, build_registry())
    assert reply.ok and len(reply.citations) > 40  # big enough to need splitting somewhere
    slack = render_slack(reply)
    assert_slack_limits(slack, reply)
    discord = render_discord(reply)
    assert_discord_limits(discord, reply)
    assert len(discord) > 1  # more than 10 embeds' worth of text: split into messages
    assert "[1]" in render_text(reply)
