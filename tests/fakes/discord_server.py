"""A fake Discord REST API and gateway on 127.0.0.1 for tests, driven by the real discord.py.

    async with FakeDiscord() as fake:
        settings = fake.settings(db_path, "token", admins=frozenset({"42"}))
        fake.rate_limit_once("POST", r"/channels/\\d+/messages")
        await fake.dispatch("INTERACTION_CREATE", fake.interaction("who-backs", {"name": "Rutte"}))
        call = await fake.wait_for_call("POST", r"/webhooks/.*")

It records every REST call, keeps the messages and threads it was asked to create, echoes
them back over the gateway as Discord does (MESSAGE_CREATE, THREAD_CREATE), and blanks the
content of messages that do not mention the bot when the client lacks the MESSAGE_CONTENT
intent. JSON responses carry `Content-Type: application/json` exactly: discord.py compares it.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web

from bot.config import Settings
from tests.fakes.discord_payloads import (
    BOT,
    BOT_ID,
    CHANNEL_ID,
    GUILD_ID,
    OTHER_CHANNEL_ID,
    USER,
    application,
    guild,
    interaction,
    member_part,
    message_object,
    ready,
    text_channel,
    thread,
)

JSON = dict[str, Any]
MESSAGE_CONTENT_INTENT = 1 << 15
Handler = Callable[["re.Match[str]", Any], Awaitable[web.Response]]


@dataclass(frozen=True)
class RecordedCall:
    """One REST request as the fake saw it (path without the `/api/v10` prefix)."""

    method: str
    path: str
    query: dict[str, str]
    json: Any
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict, repr=False)


def json_response(
    data: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    """A JSON response whose Content-Type is exactly `application/json`."""
    return web.Response(
        status=status,
        body=json.dumps(data).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
    )


class FakeDiscord:
    """The REST routes and gateway opcodes discord.py's Client needs, nothing more."""

    def __init__(self) -> None:
        self.ids = itertools.count(1_250_000_000_000_000_000)
        self.calls: list[RecordedCall] = []
        self.messages: dict[int, list[JSON]] = {}
        self.channels: dict[int, JSON] = {
            CHANNEL_ID: text_channel(CHANNEL_ID, "briefings"),
            OTHER_CHANNEL_ID: text_channel(OTHER_CHANNEL_ID, "chatter"),
        }
        self.valid_token: str | None = None  # when set, other tokens get 401
        self.application_flags = 0  # the application's flags (privileged intents enabled)
        self.identify: JSON | None = None
        self.identified = asyncio.Event()
        self._rate_limits: list[tuple[str, re.Pattern[str], float]] = []
        self._changed = asyncio.Condition()
        self._sockets: list[web.WebSocketResponse] = []
        self._sequence = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._routes: list[tuple[str, re.Pattern[str], Handler]] = [
            ("GET", re.compile(r"/users/@me"), self._me),
            ("GET", re.compile(r"/oauth2/applications/@me"), self._application),
            ("GET", re.compile(r"/applications/@me"), self._application),
            ("GET", re.compile(r"/gateway(/bot)?"), self._gateway),
            ("GET", re.compile(r"/channels/(\d+)"), self._get_channel),
            ("POST", re.compile(r"/channels/(\d+)/messages"), self._post_message),
            ("POST", re.compile(r"/channels/(\d+)/messages/(\d+)/threads"), self._start_thread),
            ("POST", re.compile(r"/channels/(\d+)/typing"), self._typing),
            ("POST", re.compile(r"/interactions/(\d+)/([^/]+)/callback"), self._callback),
            ("POST", re.compile(r"/webhooks/(\d+)/([^/]+)"), self._followup),
            ("PUT", re.compile(r"/applications/(\d+)/commands"), self._put_commands),
            ("PUT", re.compile(r"/applications/(\d+)/guilds/(\d+)/commands"), self._put_commands),
        ]

    # --- lifecycle ------------------------------------------------------------------------------
    async def start(self) -> None:
        """Listen on 127.0.0.1 on a free port."""
        app = web.Application()
        app.router.add_get("/gw/", self._gateway_socket)
        app.router.add_get("/gw", self._gateway_socket)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets
        self.port = server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        """Close the gateway sockets and stop listening."""
        for socket in list(self._sockets):
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def api_url(self) -> str:
        """The value for DISCORD_API_URL."""
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        """The value for DISCORD_GATEWAY_URL."""
        return f"ws://127.0.0.1:{self.port}/gw/"

    def settings(self, db_path: Path, token: str, **extra: Any) -> Settings:
        """Bot settings that point discord.py at this fake (and `extra` settings)."""
        return Settings(
            db_path=db_path,
            discord_token=token,
            discord_api_url=self.api_url,
            discord_gateway_url=self.gateway_url,
            **extra,
        )

    # --- scripting and inspection ---------------------------------------------------------------
    def rate_limit_once(self, method: str, path: str, retry_after: float = 0.2) -> None:
        """Answer the next request matching `method` and the `path` regex with a 429."""
        self._rate_limits.append((method, re.compile(path), retry_after))

    def calls_to(self, method: str, path: str) -> list[RecordedCall]:
        """The recorded calls whose method matches and whose path fully matches the regex."""
        pattern = re.compile(path)
        return [c for c in self.calls if c.method == method and pattern.fullmatch(c.path)]

    async def wait_for_call(
        self, method: str, path: str, count: int = 1, timeout: float = 5.0
    ) -> RecordedCall:
        """The `count`-th successful call matching, waiting at most `timeout` seconds."""

        def ready() -> list[RecordedCall]:
            return [c for c in self.calls_to(method, path) if c.status < 300]

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: len(ready()) >= count), timeout)
        return ready()[count - 1]

    async def dispatch(self, event: str, data: JSON) -> None:
        """Send a gateway DISPATCH (op 0) to every connected client."""
        frame = json.dumps({"op": 0, "t": event, "s": next(self._sequence), "d": data})
        for socket in list(self._sockets):
            if not socket.closed:
                await socket.send_str(frame)

    def has_content_intent(self) -> bool:
        """Whether the client identified with the MESSAGE_CONTENT intent."""
        return bool(self.identify and int(self.identify["intents"]) & MESSAGE_CONTENT_INTENT)

    async def user_message(
        self, channel_id: int, content: str, *, mention_bot: bool = False
    ) -> JSON:
        """A member's message in a channel or thread, delivered as MESSAGE_CREATE (content blanked,
        as Discord does, when the client lacks the intent and the bot is not mentioned)."""
        if mention_bot:
            content = f"<@{BOT_ID}> {content}"
        message = message_object(
            next(self.ids), channel_id, USER, content, mentions_bot=mention_bot
        )
        self.messages.setdefault(channel_id, []).append(message)
        event = {**message, "guild_id": str(GUILD_ID), "member": member_part()}
        if not mention_bot and not self.has_content_intent():
            event["content"] = ""
        await self.dispatch("MESSAGE_CREATE", event)
        return message

    def interaction(self, subcommand: str, options: JSON, **kwargs: Any) -> JSON:
        """An INTERACTION_CREATE payload for `/natosg subcommand` with these options."""
        return interaction(next(self.ids), subcommand, options, **kwargs)

    # --- gateway --------------------------------------------------------------------------------
    async def _gateway_socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._sockets.append(socket)
        await socket.send_json({"op": 10, "d": {"heartbeat_interval": 41250}})
        try:
            async for frame in socket:
                if frame.type is not WSMsgType.TEXT:
                    continue
                payload = json.loads(frame.data)
                if payload["op"] == 1:
                    await socket.send_json({"op": 11})
                elif payload["op"] == 2:
                    await self._identified(socket, payload["d"])
                elif payload["op"] == 6:
                    await socket.send_json({"op": 0, "t": "RESUMED", "s": 1, "d": {}})
        finally:
            self._sockets.remove(socket)
        return socket

    async def _identified(self, socket: web.WebSocketResponse, identify: JSON) -> None:
        self.identify = identify
        hello = ready(self.gateway_url)
        await socket.send_str(json.dumps({"op": 0, "t": "READY", "s": 1, "d": hello}))
        await self.dispatch("GUILD_CREATE", guild(list(self.channels.values())))
        self.identified.set()

    # --- REST -----------------------------------------------------------------------------------
    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        body = await request.read()
        data = json.loads(body) if body and request.content_type == "application/json" else None
        response = self._scripted_429(request.method, path)
        wanted = f"Bot {self.valid_token}"
        if self.valid_token and request.headers.get("Authorization") != wanted:
            response = json_response({"message": "401: Unauthorized", "code": 0}, 401)
        if response is None:
            response = await self._route(request, path, data)
        call = RecordedCall(
            request.method, path, dict(request.query), data, response.status, dict(request.headers)
        )
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()
        return response

    def _scripted_429(self, method: str, path: str) -> web.Response | None:
        for index, (wanted, pattern, retry_after) in enumerate(self._rate_limits):
            if wanted == method and pattern.fullmatch(path):
                del self._rate_limits[index]
                body = {"message": "You are being rate limited.", "retry_after": retry_after}
                headers = {"Via": "1.1 google", "Retry-After": str(max(1, round(retry_after)))}
                return json_response({**body, "global": False}, 429, headers)
        return None

    async def _route(self, request: web.Request, path: str, data: Any) -> web.Response:
        for method, pattern, handler in self._routes:
            match = pattern.fullmatch(path)
            if match and method == request.method:
                return await handler(match, data)
        return json_response({"message": "404: Not Found", "code": 0}, 404)

    async def _me(self, match: re.Match[str], data: Any) -> web.Response:
        return json_response(BOT)

    async def _application(self, match: re.Match[str], data: Any) -> web.Response:
        return json_response({**application(), "flags": self.application_flags})

    async def _gateway(self, match: re.Match[str], data: Any) -> web.Response:
        limits = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return json_response({"url": self.gateway_url, "shards": 1, "session_start_limit": limits})

    async def _get_channel(self, match: re.Match[str], data: Any) -> web.Response:
        channel = self.channels.get(int(match[1]))
        if channel is None:
            return json_response({"message": "Unknown Channel", "code": 10003}, 404)
        return json_response(channel)

    async def _post_message(self, match: re.Match[str], data: Any) -> web.Response:
        channel_id = int(match[1])
        if channel_id not in self.channels:
            return json_response({"message": "Unknown Channel", "code": 10003}, 404)
        message = message_object(next(self.ids), channel_id, BOT, **_message_fields(data))
        self.messages.setdefault(channel_id, []).append(message)
        await self.dispatch("MESSAGE_CREATE", {**message, "guild_id": str(GUILD_ID)})
        return json_response(message)

    async def _start_thread(self, match: re.Match[str], data: Any) -> web.Response:
        parent, message_id = int(match[1]), int(match[2])
        thread_data = thread(message_id, parent, str(data.get("name", "thread")))
        self.channels[message_id] = thread_data
        await self.dispatch("THREAD_CREATE", {**thread_data, "newly_created": True})
        return json_response(thread_data, 201)

    async def _typing(self, match: re.Match[str], data: Any) -> web.Response:
        return web.Response(status=204)

    async def _callback(self, match: re.Match[str], data: Any) -> web.Response:
        kind = int(data["type"])
        flags = int((data.get("data") or {}).get("flags", 0))
        interaction = {
            "id": match[1],
            "type": 2,
            "response_message_loading": kind == 5,
            "response_message_ephemeral": bool(flags & 64),
        }
        return json_response({"interaction": interaction, "resource": {"type": kind}})

    async def _followup(self, match: re.Match[str], data: Any) -> web.Response:
        message = message_object(next(self.ids), CHANNEL_ID, BOT, **_message_fields(data))
        message["webhook_id"] = match[1]
        return json_response(message)

    async def _put_commands(self, match: re.Match[str], data: Any) -> web.Response:
        commands = [
            {**command, "id": str(next(self.ids)), "application_id": match[1], "version": "1"}
            for command in data
        ]
        return json_response(commands)


def _message_fields(data: Any) -> JSON:
    data = data or {}
    return {
        "content": data.get("content") or "",
        "embeds": data.get("embeds") or [],
        "flags": int(data.get("flags") or 0),
    }
