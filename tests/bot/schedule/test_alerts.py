"""Stance-change alerts: a channel that asked is told once, with sources, when a government
switches or a candidate enters, withdraws or is appointed, and never twice, even after a
restart; history from before it subscribed is not replayed."""

from __future__ import annotations

from pathlib import Path

from bot.adapters.slack_bot import SlackBot
from bot.archive import Archive
from bot.commands import build_registry
from bot.config import Settings
from bot.dispatch import run_words
from bot.registry import CommandContext
from bot.reply import Reply
from bot.schedule.alerts import ALERT_TITLE, AlertWatcher
from storage.alerts import alert_subscription_for, alerts_sent
from tests.cli_helpers import Cli, chat_core
from tests.fakes.slack_server import FakeSlack

SWITCH = """Title: Ankara comes round
Outlet: Bosphorus Wire
Date: 2024-04-29

Turkey said on Monday that it backs Mark Rutte as the next NATO secretary general, after
talks in Istanbul.
"""


def _subscribe_alerts(archive: Archive, channel: str) -> Reply:
    ctx = CommandContext(archive, "slack", channel=channel, user="U1", is_admin=True)
    reply, _ = run_words(["subscribe", "alerts"], ctx, build_registry())
    return reply


async def test_a_switch_is_alerted_once_with_sources_and_never_again(
    cli: Cli, seeds_dir: Path, db_path: Path, tmp_path: Path
) -> None:
    cli.run("ingest", str(seeds_dir))
    archive = Archive(db_path)
    subscribed = _subscribe_alerts(archive, "C9")
    assert subscribed.ok and subscribed.data["new"]
    fake = await FakeSlack().start()
    try:
        settings = Settings(db_path=db_path, slack_bot_token="xoxb-1", slack_api_url=fake.api_url)
        watcher = AlertWatcher(archive, {"slack": SlackBot(chat_core(settings))})
        assert await watcher.check() == 0, "the race's history is not replayed"

        article = tmp_path / "ankara.txt"
        article.write_text(SWITCH, encoding="utf-8")
        assert cli.run("ingest", str(article))[0] == 0
        assert await watcher.check_if_changed() >= 1
        posts = [call for call in fake.of("chat.postMessage") if call.args["channel"] == "C9"]
        texts = [str(call.args.get("text", "")) for call in posts]
        switch = [call for call in posts if "Turkey now backs" in str(call.args.get("text"))]
        assert len(switch) == 1, texts
        shown = str(switch[0].args)
        assert ALERT_TITLE in shown and "[1]" in shown and "ankara.txt" in shown

        assert await watcher.check() == 0, "nothing is posted twice"
        restarted = AlertWatcher(Archive(db_path), {"slack": SlackBot(chat_core(settings))})
        assert await restarted.check() == 0, "nor after a restart"
        again = [c for c in fake.of("chat.postMessage") if c.args["channel"] == "C9"]
        assert len(again) == len(posts)
        with archive.session() as session:
            sub = alert_subscription_for(session.db, "slack", "C9")
            assert sub is not None
            assert all(status == "posted" for _, status in alerts_sent(session.db, sub.id))
    finally:
        await fake.close()


async def test_only_admins_subscribe_and_alerts_can_be_stopped(
    cli: Cli, seeds_dir: Path, db_path: Path
) -> None:
    cli.run("ingest", str(seeds_dir))
    archive = Archive(db_path)
    registry = build_registry()
    member = CommandContext(archive, "slack", channel="C9", user="U2")
    refused, _ = run_words(["subscribe", "alerts"], member, registry)
    assert not refused.ok
    assert _subscribe_alerts(archive, "C9").ok
    admin = CommandContext(archive, "slack", channel="C9", user="U1", is_admin=True)
    listed, _ = run_words(["subscriptions"], admin, registry)
    assert listed.data["alerts"] is True
    stopped, _ = run_words(["unsubscribe", "alerts"], admin, registry)
    assert stopped.ok and stopped.data["removed"] is True
    wrong, _ = run_words(["unsubscribe", "everything"], admin, registry)
    assert not wrong.ok and "unsubscribe alerts" in str(wrong.to_json())
