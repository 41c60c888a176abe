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
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import DEFAULT_SLACK_API_URL, Settings
from bot.conversation import ChatCore, thread_key
from bot.pipeline import ChatPipeline, Outgoing
from bot.render.slack import SlackMessage, render_slack
from bot.reply import Reply, error_reply

log = logging.getLogger(__name__)

SLASH_COMMAND = "/natosg"
_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
_SORRY = "Sorry, something went wrong on my side while answering that. Please try again."
# respond() may be used five times per command; longer answers are cut with a pointer.
MAX_RESPONSES = 5


def web_client(settings: Settings) -> AsyncWebClient:
    """The Web API client: our base URL (GovSlack, tests) and 429s retried after Retry-After."""
    client = AsyncWebClient(
        token=settings.slack_bot_token, base_url=settings.slack_api_url or DEFAULT_SLACK_API_URL
    )
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=2))
    return client


class SlackBot:
    """The Bolt app with natosg's listeners."""

    def __init__(self, core: ChatCore, *, socket_mode: bool | None = None) -> None:
        settings = core.settings
        self.core = core
        self.settings = settings
        self.socket_mode = bool(settings.slack_app_token) if socket_mode is None else socket_mode
        self.client = web_client(settings)
        self.pipeline = ChatPipeline(core)
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
        reply = await asyncio.to_thread(self.core.digest_to_post, last_posted_id)
        if reply is None:
            return None
        return await self.post_digest_reply(channel, reply)

    async def post_alert(self, channel: str, reply: Reply) -> str:
        """Post a stance-change alert in a channel; returns its ts."""
        return await self.post_reply(channel, reply)

    async def post_digest_reply(self, channel: str, reply: Reply) -> str:
        """Post a built digest and remember it (a "nothing new" line is not a digest)."""
        ts = await self.post_reply(channel, reply)
        await asyncio.to_thread(self.core.remember_posted_reply, "slack", channel, reply, ts)
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
    async def _is_admin(self, user: str) -> bool:
        """Whether Slack says the user administers the workspace (one users.info call; the
        pipeline asks only for admin-only commands)."""
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
            request = self.pipeline.reader.from_text(
                "slack", channel, user, text, admin=lambda: self._is_admin(user)
            )
            out = await self.pipeline.handle(request)
            if out is None:
                return
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
        self,
        channel: str,
        user: str,
        text: str,
        thread_ts: str,
        event_id: str,
        digest_id: int | None = None,
    ) -> bool:
        """Answer text in a thread through the pipeline; False when it was a re-delivery."""
        request = self.pipeline.reader.follow_up(
            "slack",
            channel,
            user,
            text,
            thread_key=thread_key("slack", channel, thread_ts),
            digest_id=digest_id,
            event_id=event_id,
            admin=lambda: self._is_admin(user),
        )
        try:
            out = await self.pipeline.handle(request)
            if out is None:
                return False  # a repeat delivery
            reply = out.reply
        except Exception:
            log.exception("follow-up failed")
            reply = error_reply("ask", _SORRY)
        await self.post_reply(channel, reply, thread_ts=thread_ts)
        return True

    async def _on_mention(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        text = _MENTION.sub(" ", str(event.get("text", ""))).strip()
        thread_ts = str(event.get("thread_ts") or event.get("ts"))
        event_id = str(body.get("event_id") or event.get("ts"))
        channel, user = str(event.get("channel", "")), str(event.get("user", ""))
        if not await self._answer_in_thread(channel, user, text, thread_ts, event_id):
            _ignored(event, "already handled (a re-delivery)")

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
        event_id = str(body.get("event_id") or f"{event.get('channel')}:{ts}")
        channel = str(event.get("channel", ""))
        post = await asyncio.to_thread(self.core.digest_thread, "slack", str(thread_ts))
        if post is None or post.channel != channel:
            _ignored(event, "a thread of someone else's message, not of a digest")
            return
        user = str(event.get("user", ""))
        if not await self._answer_in_thread(
            channel, user, text, str(thread_ts), event_id, post.digest_id
        ):
            _ignored(event, "already handled (a re-delivery)")

    async def _on_error(self, error: Exception, body: dict[str, Any]) -> None:
        log.error("Slack listener error: %s", type(error).__name__, exc_info=error)


def _ignored(event: dict[str, Any], why: str) -> None:
    """Say at debug level that an event was deliberately left unanswered, and why."""
    log.debug("Slack message %s in %s ignored: %s", event.get("ts"), event.get("channel"), why)
