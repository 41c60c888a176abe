"""`natosg run`: first-start seeding, then every adapter that has credentials (else the console)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from bot.app import Application
from bot.briefing.llm import open_llm_service
from bot.commands.ingest import ingest_inputs
from bot.shell_server import ShellServer
from bot.warmup import CacheWarmer
from storage.articles import article_count

if TYPE_CHECKING:
    from bot.schedule.deliveries import Poster
    from bot.schedule.scheduler import DigestScheduler
    from bot.watch.poller import WatchPoller

log = logging.getLogger(__name__)


def seed_if_empty(app: Application) -> int:
    """Ingest the bundled seed articles into an empty database; returns how many were added."""
    settings = app.settings
    with app.archive.session() as session:
        if article_count(session.db) > 0:
            return 0
    if not settings.seeds_dir.is_dir():
        log.warning("no seed folder at %s; starting with an empty database", settings.seeds_dir)
        return 0
    results = ingest_inputs(app.context("cli"), [str(settings.seeds_dir)])
    added = sum(result.status == "added" for result in results)
    print(f"First start: ingested {added} seed articles into {settings.db_path}.", file=sys.stderr)
    return added


class ChatAdapter(Protocol):
    """A running chat connection the runner can stop."""

    async def close(self) -> None:
        """Disconnect."""
        ...


async def start_chat_adapters(app: Application) -> list[ChatAdapter]:
    """Start every chat adapter whose credentials are set; a broken one is logged, not fatal."""
    settings = app.settings
    adapters: list[ChatAdapter] = []
    if settings.slack_bot_token:
        if not (settings.slack_app_token or settings.slack_signing_secret):
            log.error(
                "SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor "
                "SLACK_SIGNING_SECRET (HTTP mode): Slack is not started."
            )
        else:
            from bot.adapters.slack_runtime import SlackRuntime

            slack = SlackRuntime(app.chat_core())
            try:
                await slack.start()
                adapters.append(slack)
            except Exception:
                log.exception("Slack could not start")
    if settings.discord_token:
        adapters += await _start_discord(app)
    return adapters


async def _start_discord(app: Application) -> list[ChatAdapter]:
    from bot.adapters.discord_bot import DiscordSetupError, NatosgDiscord

    discord_bot = NatosgDiscord(app.chat_core())
    task = asyncio.create_task(discord_bot.start(), name="discord")
    ready = asyncio.create_task(discord_bot.wait_until_ready())
    done, _ = await asyncio.wait({task, ready}, timeout=60, return_when=asyncio.FIRST_COMPLETED)
    if task in done:  # it stopped before becoming ready: a set-up problem
        ready.cancel()
        error = task.exception()
        message = error.message if isinstance(error, DiscordSetupError) else repr(error)
        log.error("Discord could not start: %s", message)
        await discord_bot.close()
        return []
    if ready not in done:
        log.warning("Discord is still connecting after 60 s; carrying on")
    log.info("Discord: connected")
    return [discord_bot]


def _posters(adapters: list[ChatAdapter]) -> dict[str, Poster]:
    from bot.adapters.discord_bot import NatosgDiscord
    from bot.adapters.slack_runtime import SlackRuntime

    posters: dict[str, Poster] = {}
    for adapter in adapters:
        if isinstance(adapter, SlackRuntime):
            posters["slack"] = adapter.bot
        elif isinstance(adapter, NatosgDiscord):
            posters["discord"] = adapter
    return posters


async def run_bot(app: Application) -> None:
    """Run the bot: the chat adapters that have credentials and the daily digests until
    interrupted, else the console (which can subscribe too) until end of input. Meanwhile
    the archive's caches are kept warm, and the shell's read-only commands on the same
    database are answered from them (`bot/shell_server.py`). One LLM service (one
    connection pool, on this loop) serves every command and digest; it is opened first and
    closed last."""
    llm = open_llm_service(app.settings)
    app = replace(app, settings=replace(app.settings, llm_service=llm))
    await asyncio.to_thread(seed_if_empty, app)
    warmer = CacheWarmer(app.archive)
    await warmer.start()
    shell = ShellServer(app)
    await shell.start()
    try:
        await _serve(app)
    finally:
        await shell.close()
        await warmer.close()
        if llm is not None:
            await llm.aclose()


async def _start_watching(app: Application, scheduler: DigestScheduler) -> WatchPoller:
    """Poll the watched sources on the digest scheduler's APScheduler."""
    from bot.ingest.netguard import AddressPolicy
    from bot.watch.poller import WatchPoller

    policy = AddressPolicy.from_env(app.settings.fetch_allow)
    poller = WatchPoller(app.archive, policy, scheduler=scheduler.scheduler)
    await poller.start()
    return poller


async def _serve(app: Application) -> None:
    from bot.adapters.console import ConsolePoster, run_console
    from bot.pipeline import ChatPipeline
    from bot.schedule.alerts import AlertWatcher
    from bot.schedule.scheduler import DigestScheduler

    adapters = await start_chat_adapters(app)
    if adapters:
        posters = _posters(adapters)
        scheduler = DigestScheduler(app.settings, app.archive, posters)
        alerts = AlertWatcher(app.archive, posters, secrets=app.settings.secrets())
        await scheduler.start()
        await alerts.start()
        watching = await _start_watching(app, scheduler)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(signum, stop.set)
        try:
            await stop.wait()
        finally:
            await watching.close()
            await alerts.close()
            await scheduler.close()
            for adapter in adapters:
                with contextlib.suppress(Exception):
                    await adapter.close()
        return
    # The console is a channel too: posts that fell due while the bot was down are printed
    # before any input is read.
    core = app.chat_core()
    console = ConsolePoster(core)
    scheduler = DigestScheduler(app.settings, app.archive, {"console": console})
    alerts = AlertWatcher(app.archive, {"console": console}, secrets=app.settings.secrets())
    await scheduler.start()
    await alerts.start()
    watching = await _start_watching(app, scheduler)
    try:
        await run_console(ChatPipeline(core))
    finally:
        await watching.close()
        await alerts.close()
        await scheduler.close()
