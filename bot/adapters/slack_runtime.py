"""Running the Slack app: Socket Mode when an app token is set, else an HTTP endpoint.

HTTP mode serves `POST /slack/events` (commands and events alike) on `SLACK_PORT`; Bolt
verifies every request's signature and timestamp and answers 401 to a bad one.
"""

from __future__ import annotations

import logging

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

from bot.adapters.slack_bot import SlackBot
from bot.conversation import ChatCore

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"


class SlackRuntime:
    """Starts and stops one Slack connection (Socket Mode or HTTP) in the running loop."""

    def __init__(self, core: ChatCore, bot: SlackBot | None = None) -> None:
        self.settings = core.settings
        self.bot = bot or SlackBot(core)
        self._socket: AsyncSocketModeHandler | None = None
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    async def _events(self, request: web.Request) -> web.Response:
        bolt_response = await self.bot.app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(bolt_response)

    async def start(self, host: str | None = None, port: int | None = None) -> None:
        """Connect (Socket Mode) or start listening (HTTP mode)."""
        if self.bot.socket_mode:
            self._socket = AsyncSocketModeHandler(self.bot.app, self.settings.slack_app_token)
            await self._socket.connect_async()  # type: ignore[no-untyped-call]
            log.info("Slack: connected in Socket Mode")
            return
        app = web.Application()
        app.router.add_post(EVENTS_PATH, self._events)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(
            self._runner,
            self.settings.slack_host if host is None else host,
            self.settings.slack_port if port is None else port,
        )
        await site.start()
        server = site._server
        sockets = getattr(server, "sockets", None) or []
        self.port = int(sockets[0].getsockname()[1]) if sockets else port
        log.info("Slack: listening for events on port %s%s", self.port, EVENTS_PATH)

    async def close(self) -> None:
        """Disconnect and stop listening."""
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[no-untyped-call]
            self._socket = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
