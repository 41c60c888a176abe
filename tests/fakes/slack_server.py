"""A fake Slack Web API on 127.0.0.1 that the real slack_sdk client talks to.

It answers `auth.test`, `apps.connections.open`, `chat.postMessage`, `users.info` and
`response_url` posts, records every call, and can be scripted to rate-limit one method once
(HTTP 429 + Retry-After). Like Slack, every Web API answer lists the token's scopes in the
`x-oauth-scopes` header (`scopes`); with `bot_token` or `app_token` set, `auth.test` or
`apps.connections.open` refuse any other token with `invalid_auth`.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

BOT_USER = "UBOT0001"
GRANTED_SCOPES = (
    "commands",
    "chat:write",
    "app_mentions:read",
    "channels:history",
    "groups:history",
    "users:read",
)


@dataclass
class SlackCall:
    """One request the fake received: the API method (or `respond`) and its arguments."""

    method: str
    args: dict[str, Any]
    headers: dict[str, str] = field(repr=False, default_factory=dict)
    ts: str | None = None  # what chat.postMessage answered
    target: str | None = None  # which response_url a `respond` call was posted to


class FakeSlack:
    """Start with `await FakeSlack().start()`; `api_url` goes in SLACK_API_URL."""

    def __init__(self) -> None:
        self.calls: list[SlackCall] = []
        self.admins: set[str] = set()
        self.rate_limit_once: set[str] = set()
        self.scopes: list[str] = list(GRANTED_SCOPES)
        self.bot_token: str | None = None
        self.app_token: str | None = None
        self._ts = 1_700_000_000
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.posted = asyncio.Event()

    @property
    def api_url(self) -> str:
        """The Web API base URL, as slack_sdk's `base_url` takes it."""
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str = "r1") -> str:
        """A `response_url` for a slash command payload, served by this fake."""
        return f"http://127.0.0.1:{self.port}/respond/{name}"

    async def start(self) -> FakeSlack:
        """Serve on a free port."""
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)
        app.router.add_post("/respond/{name}", self._respond)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        return self

    async def close(self) -> None:
        """Stop serving."""
        if self._runner is not None:
            await self._runner.cleanup()

    def of(self, method: str) -> list[SlackCall]:
        """The calls of one method, in order."""
        return [call for call in self.calls if call.method == method]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[SlackCall]:
        """Wait until `count` calls of `method` arrived."""

        async def until() -> list[SlackCall]:
            while len(self.of(method)) < count:
                await asyncio.sleep(0.02)
            return self.of(method)

        return await asyncio.wait_for(until(), timeout)

    async def _arguments(self, request: web.Request) -> dict[str, Any]:
        if request.method == "GET":
            return dict(request.query)
        text = await request.text()
        if request.content_type == "application/json":
            loaded = json.loads(text or "{}")
            return loaded if isinstance(loaded, dict) else {}
        args: dict[str, Any] = dict(parse_qsl(text))
        for key in ("blocks", "attachments"):
            if isinstance(args.get(key), str):
                args[key] = json.loads(args[key])
        return args

    async def _api(self, request: web.Request) -> web.Response:
        response = await self._answer(request)
        response.headers["x-oauth-scopes"] = ",".join(self.scopes)
        return response

    def _refused(self, request: web.Request, wanted: str | None) -> bool:
        given = request.headers.get("Authorization", "")
        return wanted is not None and given != f"Bearer {wanted}"

    async def _answer(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await self._arguments(request)
        call = SlackCall(method, args, dict(request.headers))
        self.calls.append(call)
        if method in self.rate_limit_once:
            self.rate_limit_once.discard(method)
            return web.json_response(
                {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": "1"}
            )
        if method == "apps.connections.open":
            if self._refused(request, self.app_token):
                return web.json_response({"ok": False, "error": "invalid_auth"})
            return web.json_response({"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"})
        if method == "auth.test":
            if self._refused(request, self.bot_token):
                return web.json_response({"ok": False, "error": "invalid_auth"})
            return web.json_response(
                {
                    "ok": True,
                    "user_id": BOT_USER,
                    "bot_id": "B0001",
                    "team_id": "T0001",
                    "user": "natosg",
                    "team": "Test",
                }
            )
        if method == "chat.postMessage":
            self._ts = max(self._ts + 1, int(time.time()))
            ts = f"{self._ts}.000100"
            call.ts = ts
            return web.json_response(
                {
                    "ok": True,
                    "channel": args.get("channel"),
                    "ts": ts,
                    "message": {"ts": ts, "text": args.get("text", "")},
                }
            )
        if method == "conversations.history":
            channel, oldest = args.get("channel"), float(args.get("oldest") or 0)
            posted = [
                {
                    "type": "message",
                    "bot_id": "B0001",
                    "text": c.args.get("text", ""),
                    "ts": c.ts,
                }
                for c in self.of("chat.postMessage")
                if c.ts
                and c.args.get("channel") == channel
                and not c.args.get("thread_ts")
                and float(c.ts) >= oldest
            ]
            return web.json_response({"ok": True, "messages": list(reversed(posted))})
        if method == "users.info":
            user = str(args.get("user", ""))
            admin = user in self.admins
            return web.json_response(
                {"ok": True, "user": {"id": user, "is_admin": admin, "is_owner": False}}
            )
        return web.json_response({"ok": False, "error": "unknown_method"})

    async def _respond(self, request: web.Request) -> web.Response:
        args = await self._arguments(request)
        target = request.match_info["name"]
        self.calls.append(SlackCall("respond", args, dict(request.headers), target=target))
        return web.Response(text="ok")
