"""The Slack adapter: `/natosg …`, digests posted in channels, follow-ups in their threads.

Every command is acknowledged at once and answered after the core (synchronous, in a worker
thread) is done: lookups privately through `respond()`, digests and shared answers in the
channel. Replies in a digest's thread and mentions anywhere are answered in the thread, with
that thread's conversation memory. Only this package imports slack_bolt and slack_sdk.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands import build_registry
from bot.config import Settings
from bot.conversation import (
    Incoming,
    Outgoing,
    answer_command,
    answer_follow_up,
    digest_thread,
    digest_to_post,
    remember_digest_post,
    thread_key,
)
from bot.parsing import split_words, strip_prefix
from bot.render.slack import SlackMessage, render_slack
from bot.reply import Reply, error_reply

log = logging.getLogger(__name__)

SLASH_COMMAND = "/natosg"
DEFAULT_API_URL = "https://slack.com/api/"
_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
_SORRY = "Sorry, something went wrong on my side while answering that. Please try again."
# respond() may be used five times per command; longer answers are cut with a pointer.
MAX_RESPONSES = 5


class SeenEvents:
    """Event ids already handled, for a while: Slack re-delivers what it thinks failed."""

    def __init__(self, ttl_s: float = 600.0, size: int = 5000) -> None:
        self.ttl_s = ttl_s
        self.size = size
        self._seen: OrderedDict[str, float] = OrderedDict()

    def first_time(self, key: str) -> bool:
        """True the first time a key is seen within the window."""
        now = time.monotonic()
        while self._seen and (
            len(self._seen) > self.size or next(iter(self._seen.values())) < now - self.ttl_s
        ):
            self._seen.popitem(last=False)
        if key in self._seen:
            return False
        self._seen[key] = now
        return True


def web_client(settings: Settings) -> AsyncWebClient:
    """The Web API client: our base URL (GovSlack, tests) and 429s retried after Retry-After."""
    client = AsyncWebClient(
        token=settings.slack_bot_token, base_url=settings.slack_api_url or DEFAULT_API_URL
    )
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=2))
    return client


class SlackBot:
    """The Bolt app with natosg's listeners."""

    def __init__(self, settings: Settings, *, socket_mode: bool | None = None) -> None:
        self.settings = settings
        self.socket_mode = bool(settings.slack_app_token) if socket_mode is None else socket_mode
        self.client = web_client(settings)
        self.seen = SeenEvents()
        self._bot_user: str | None = None
        self.app = AsyncApp(
            client=self.client,  # carries the bot token
            signing_secret=settings.slack_signing_secret,
            request_verification_enabled=not self.socket_mode,
        )
        self.app.command(SLASH_COMMAND)(self._on_command)
        self.app.event("app_mention")(self._on_mention)
        self.app.event("message")(self._on_message)
        self.app.error(self._on_error)

    # --- posting -----------------------------------------------------------------------------
    async def _post(self, channel: str, message: SlackMessage, thread_ts: str | None) -> str:
        response = await self.client.chat_postMessage(
            channel=channel,
            text=message.text,
            blocks=message.blocks,
            thread_ts=thread_ts,
            unfurl_links=False,
            unfurl_media=False,
        )
        return str(response["ts"])

    async def post_reply(self, channel: str, reply: Reply, thread_ts: str | None = None) -> str:
        """Post a reply in a channel (or thread); a long one continues in the thread.
        Returns the first message's ts."""
        messages = render_slack(reply)
        first = await self._post(channel, messages[0], thread_ts)
        for message in messages[1:]:
            await self._post(channel, message, thread_ts or first)
        return first

    async def post_digest(self, channel: str, last_posted_id: int | None = None) -> str | None:
        """Post today's digest in a channel and remember it; returns its ts (None: nothing)."""
        reply = await asyncio.to_thread(digest_to_post, self.settings, last_posted_id)
        if reply is None:
            return None
        return await self.post_digest_reply(channel, reply)

    async def post_digest_reply(self, channel: str, reply: Reply) -> str:
        """Post a built digest and remember it (a "nothing new" line is not a digest)."""
        ts = await self.post_reply(channel, reply)
        if reply.data.get("nothing_new"):
            return ts
        digest_id = reply.data.get("digest_id")
        await asyncio.to_thread(
            remember_digest_post,
            self.settings,
            "slack",
            channel,
            ts,
            digest_id=digest_id if isinstance(digest_id, int) else None,
        )
        return ts

    async def find_recent_post(self, channel: str, since: datetime, title: str) -> str | None:
        """The ts of a message of ours in the channel since `since` that starts with `title`
        (after a crash mid-post, so the scheduler does not post the same digest twice)."""
        history = await self.client.conversations_history(
            channel=channel, oldest=f"{since.timestamp():.6f}", limit=100
        )
        for message in history.get("messages") or []:
            mine = message.get("bot_id") or message.get("user") == self._bot_user
            if mine and str(message.get("text", "")).startswith(title):
                return str(message.get("ts"))
        return None

    # --- listeners ---------------------------------------------------------------------------
    async def _is_admin(self, user: str, text: str) -> bool:
        words = strip_prefix(split_words(text[:200]))
        command = build_registry().get(words[0]) if words else None
        if command is None or not command.admin_only:
            return False  # only asked when it matters: one users.info call
        if user in self.settings.admins:
            return True
        try:
            info = await self.client.users_info(user=user)
        except SlackApiError:
            log.warning("could not look up whether %s is an admin", user)
            return False
        profile = info.get("user") or {}
        return bool(profile.get("is_admin") or profile.get("is_owner"))

    async def _on_command(
        self, ack: Callable[..., Awaitable[Any]], command: dict[str, Any], respond: Any
    ) -> None:
        await ack()
        channel, user = str(command.get("channel_id", "")), str(command.get("user_id", ""))
        text = str(command.get("text", ""))
        try:
            incoming = Incoming(
                "slack", channel, user, text, is_admin=await self._is_admin(user, text)
            )
            out = await asyncio.to_thread(answer_command, self.settings, incoming)
            if out.public and out.reply.command == "digest" and out.reply.citations:
                await self._share_digest(channel, out, respond)
                return
            await self._respond(respond, out)
        except Exception:
            log.exception("slash command failed")
            await respond(text=_SORRY, response_type="ephemeral", replace_original=False)

    async def _share_digest(self, channel: str, out: Outgoing, respond: Any) -> None:
        try:
            await self.post_digest_reply(channel, out.reply)
        except SlackApiError as exc:
            error = str(exc.response.get("error", "")) if exc.response else ""
            log.warning("could not post the digest in %s: %s", channel, error)
            hint = (
                "Invite me to this channel first (`/invite @natosg`), then ask again."
                if error in ("not_in_channel", "channel_not_found")
                else "Slack refused the post; please try again in a moment."
            )
            await self._respond(respond, Outgoing(error_reply("digest", hint), public=False))

    async def _respond(self, respond: Any, out: Outgoing) -> None:
        kind = "in_channel" if out.public else "ephemeral"
        messages = render_slack(out.reply)
        for message in messages[:MAX_RESPONSES]:
            await respond(
                text=message.text, blocks=message.blocks, response_type=kind, replace_original=False
            )

    async def _answer_in_thread(
        self, channel: str, user: str, text: str, thread_ts: str, digest_id: int | None = None
    ) -> None:
        incoming = Incoming(
            "slack",
            channel,
            user,
            text,
            thread_key=thread_key("slack", channel, thread_ts),
            digest_id=digest_id,
        )
        try:
            out = await asyncio.to_thread(answer_follow_up, self.settings, incoming)
            reply = out.reply
        except Exception:
            log.exception("follow-up failed")
            reply = error_reply("ask", _SORRY)
        await self.post_reply(channel, reply, thread_ts=thread_ts)

    async def _on_mention(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        if not self.seen.first_time(str(body.get("event_id") or event.get("ts"))):
            _ignored(event, "already handled (a re-delivery)")
            return
        text = _MENTION.sub(" ", str(event.get("text", ""))).strip()
        thread_ts = str(event.get("thread_ts") or event.get("ts"))
        await self._answer_in_thread(
            str(event.get("channel", "")), str(event.get("user", "")), text, thread_ts
        )

    async def _on_message(
        self, event: dict[str, Any], body: dict[str, Any], context: dict[str, Any]
    ) -> None:
        thread_ts, ts = event.get("thread_ts"), event.get("ts")
        if event.get("subtype") or event.get("bot_id") or not thread_ts or thread_ts == ts:
            _ignored(event, "an edit, a join, a bot's, or not in a thread")
            return
        text = str(event.get("text", ""))
        bot_user = context.get("bot_user_id")
        if bot_user and f"<@{bot_user}" in text:
            _ignored(event, "it mentions the bot, so the app_mention event answers it")
            return
        if not self.seen.first_time(str(body.get("event_id") or f"{event.get('channel')}:{ts}")):
            _ignored(event, "already handled (a re-delivery)")
            return
        channel = str(event.get("channel", ""))
        post = await asyncio.to_thread(digest_thread, self.settings, "slack", str(thread_ts))
        if post is None or post.channel != channel:
            _ignored(event, "a thread of someone else's message, not of a digest")
            return
        user = str(event.get("user", ""))
        await self._answer_in_thread(channel, user, text, str(thread_ts), post.digest_id)

    async def _on_error(self, error: Exception, body: dict[str, Any]) -> None:
        log.error("Slack listener error: %s", type(error).__name__, exc_info=error)


def _ignored(event: dict[str, Any], why: str) -> None:
    """Say at debug level that an event was deliberately left unanswered, and why."""
    log.debug("Slack message %s in %s ignored: %s", event.get("ts"), event.get("channel"), why)
