"""Running the Slack app: Socket Mode when an app token is set, else an HTTP endpoint.

HTTP mode serves `POST /slack/events` (commands and events alike) on `SLACK_PORT`. Every
request's signature and timestamp are verified on the raw body before anything parses it:
a bad one gets 401, a signed body that cannot be read 400, each with one short line and no
traceback in the log. (Bolt verifies again; it would parse first.)

It also answers `GET /healthz` (and `/health`) for a load balancer or an orchestrator:
200 with a small JSON body when the database can be read, 503 with the reason when not
(`bot.health`). The check needs no signature and tells nothing secret.
"""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_sdk.signature import SignatureVerifier

from bot.adapters.slack_bot import SlackBot
from bot.conversation import ChatCore
from bot.health import check_health

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATHS = ("/healthz", "/health")


class SlackRuntime:
    """Starts and stops one Slack connection (Socket Mode or HTTP) in the running loop."""

    def __init__(self, core: ChatCore, bot: SlackBot | None = None) -> None:
        self.settings = core.settings
        self.db_path = core.archive.path
        self._healthy = True  # what the last health check found
        self.bot = bot or SlackBot(core)
        self._socket: AsyncSocketModeHandler | None = None
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    async def _events(self, request: web.Request) -> web.Response:
        raw = await request.read()  # aiohttp caps the size (1 MB by default)
        if not self._signed(raw, request):
            log.info("Slack: refused a request without a valid signature")
            return web.Response(status=401, text="invalid request signature")
        try:
            bolt_response = await self.bot.app.async_dispatch(await to_bolt_request(request))
        except Exception as exc:
            # Signed, so from Slack, but not a body Bolt can read: say so, no traceback.
            log.warning("Slack: could not read a signed request (%s)", type(exc).__name__)
            return web.Response(status=400, text="malformed request body")
        return await to_aiohttp_response(bolt_response)

    async def _health(self, request: web.Request) -> web.Response:
        health = await asyncio.to_thread(check_health, self.db_path)
        if health.healthy != self._healthy:  # log changes, not every probe
            if health.healthy:
                log.info("health check: the database can be read again")
            else:
                log.warning("health check: %s", health.body.get("reason"))
            self._healthy = health.healthy
        return web.json_response(
            health.body, status=health.http_status, headers={"Cache-Control": "no-store"}
        )

    def _signed(self, raw: bytes, request: web.Request) -> bool:
        """Whether the raw body carries a valid, fresh Slack signature."""
        secret = self.settings.slack_signing_secret
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "").strip()
        signature = request.headers.get("X-Slack-Signature")
        if not secret or not signature or not timestamp.isascii() or not timestamp.isdigit():
            return False  # the verifier would raise on a timestamp that is not a number
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return SignatureVerifier(secret).is_valid(
            body=body, timestamp=timestamp, signature=signature
        )

    async def start(self, host: str | None = None, port: int | None = None) -> None:
        """Connect (Socket Mode) or start listening (HTTP mode)."""
        if self.bot.socket_mode:
            self._socket = AsyncSocketModeHandler(self.bot.app, self.settings.slack_app_token)
            await self._socket.connect_async()  # type: ignore[no-untyped-call]
            log.info("Slack: connected in Socket Mode")
            return
        app = web.Application()
        app.router.add_post(EVENTS_PATH, self._events)
        for path in HEALTH_PATHS:
            app.router.add_get(path, self._health)
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
        log.info(
            "Slack: listening for events on port %s%s (health check at %s)",
            self.port,
            EVENTS_PATH,
            HEALTH_PATHS[0],
        )

    async def close(self) -> None:
        """Disconnect and stop listening."""
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[no-untyped-call]
            self._socket = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
