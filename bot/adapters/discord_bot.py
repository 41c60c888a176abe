"""The Discord adapter: `/natosg` app commands, digest posts with a thread, answers in threads.

One `discord.Client` and its `CommandTree` share the process's asyncio loop; every call into
the core (`bot.conversation`, synchronous) runs in a worker thread. Commands are synced only
on request (`sync_commands`, `natosg discord-sync`), never on start: Discord limits how often
commands may be created.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from dataclasses import replace
from datetime import datetime
from typing import Any, Literal

import discord
import yarl
from discord import app_commands

from bot.adapters.discord_commands import GROUP_NAME, build_group
from bot.config import Settings
from bot.conversation import ChatCore, thread_key
from bot.pipeline import ChatPipeline, ChatRequest
from bot.registry import Command, Surface
from bot.render.discord import DiscordMessage, render_discord
from bot.reply import Reply, error_reply, message_reply
from summarizer.entities.resolver import EntityResolver
from summarizer.text.wording import human_day

log = logging.getLogger(__name__)

SURFACE: Surface = "discord"
NO_MENTIONS = discord.AllowedMentions.none()
THREAD_NAME_LIMIT = 100
THREAD_ARCHIVE_MINUTES: Literal[1440] = 1440
SORRY = (
    "Sorry, something went wrong on my side while answering that. "
    "It has been logged; please try again in a moment."
)
DIGEST_POSTED = "Today's digest is posted in this channel; ask follow-up questions in its thread."
OUT_OF_DATE = (
    "That command doesn't match this version of the bot. "
    "An admin can fix it with `natosg discord-sync`."
)


class DiscordSetupError(Exception):
    """Discord refused the bot's set-up (token, intents); `message` says what to fix."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def apply_test_overrides(settings: Settings) -> None:
    """Point discord.py's REST base and gateway at `DISCORD_API_URL` / `DISCORD_GATEWAY_URL`.

    A plain `discord.Client` connects to `DiscordWebSocket.DEFAULT_GATEWAY` without asking
    `/gateway/bot` first, and reconnects to the `resume_gateway_url` that READY names; every
    REST call, webhook and interaction callback included, is built from `Route.BASE`. Nothing
    changes when the settings are unset.
    """
    if settings.discord_api_url:
        discord.http.Route.BASE = settings.discord_api_url.rstrip("/")
    if settings.discord_gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.discord_gateway_url)


def thread_name(reply: Reply) -> str:
    """The name of a digest's follow-up thread: `Digest 4 May 2024 — follow-ups`."""
    day = reply.data.get("date")
    name = f"Digest {human_day(str(day))} — follow-ups" if day else "Digest — follow-ups"
    return name[:THREAD_NAME_LIMIT]


def without_mention(text: str, user_id: int) -> str:
    """The message text with every mention of the bot (`<@id>`, `<@!id>`) removed."""
    return re.sub(rf"<@!?{user_id}>", " ", text).strip()


def _payload(message: DiscordMessage) -> dict[str, Any]:
    """`send()` keyword arguments for a rendered message; nobody is ever pinged."""
    payload: dict[str, Any] = {
        "embeds": [discord.Embed.from_dict(embed) for embed in message.embeds],
        "allowed_mentions": NO_MENTIONS,
    }
    if message.content:
        payload["content"] = message.content
    return payload


class NatosgDiscord:
    """The bot on Discord: a client, its `/natosg` command tree and the event handlers."""

    def __init__(
        self,
        core: ChatCore,
        *,
        guild_ready_timeout: float = 2.0,
    ) -> None:
        settings = core.settings
        apply_test_overrides(settings)
        self.core = core
        self.pipeline = ChatPipeline(core)
        self.settings = settings
        intents = discord.Intents.default()
        intents.message_content = settings.discord_message_content
        self.client = discord.Client(
            intents=intents,
            allowed_mentions=NO_MENTIONS,
            guild_ready_timeout=guild_ready_timeout,
        )
        self.tree = app_commands.CommandTree(self.client)
        self.tree.add_command(build_group(core.registry, self.run_command, self._names))
        self.tree.error(self._on_tree_error)
        self.client.event(self.on_message)

    # --- lifecycle ------------------------------------------------------------------------------
    def _token(self) -> str:
        if not self.settings.discord_token:
            raise DiscordSetupError("DISCORD_TOKEN is not set; see docs/discord.md.")
        return self.settings.discord_token

    async def login(self) -> None:
        """Log in over REST only (enough to sync commands or post)."""
        try:
            await self.client.login(self._token())
        except discord.LoginFailure as exc:
            raise DiscordSetupError("Discord rejected DISCORD_TOKEN; check the bot token.") from exc

    async def start(self) -> None:
        """Log in and run the gateway connection until `close()`. Commands are not synced."""
        await self.login()
        try:
            await self.client.connect()
        except discord.PrivilegedIntentsRequired as exc:
            raise DiscordSetupError(
                "Discord refused the Message Content intent. Enable it for the bot in the "
                "Developer Portal, or unset DISCORD_MESSAGE_CONTENT."
            ) from exc

    async def wait_until_ready(self) -> None:
        """Wait until the gateway has delivered READY and the guilds."""
        await self.client.wait_until_ready()

    async def close(self) -> None:
        """Disconnect from the gateway and close the HTTP session."""
        await self.client.close()

    async def sync_commands(self, guild_id: str | None) -> list[app_commands.AppCommand]:
        """Register `/natosg` with Discord: in one guild (instant) when given, else globally."""
        if guild_id:
            if not guild_id.isdigit():
                raise DiscordSetupError(f"DISCORD_GUILD_ID must be a server id, not {guild_id!r}.")
            guild = discord.Object(id=int(guild_id))
            self.tree.copy_global_to(guild=guild)
            return await self.tree.sync(guild=guild)
        return await self.tree.sync()

    # --- digests --------------------------------------------------------------------------------
    async def post_digest(
        self, channel_id: str, *, last_posted_id: int | None = None
    ) -> str | None:
        """Post today's digest in a text channel and open its follow-up thread.

        The first message goes in the channel, the thread is created on it, continuation
        messages go inside the thread, and the post is recorded so that messages in the thread
        are answered. Returns the message id, or None when there is nothing to post.
        """
        reply = await asyncio.to_thread(self.core.digest_to_post, last_posted_id)
        if reply is None:
            return None
        return await self.post_digest_reply(channel_id, reply)

    async def _text_channel(self, channel_id: str) -> discord.TextChannel:
        channel = self.client.get_channel(int(channel_id))
        if channel is None:
            channel = await self.client.fetch_channel(int(channel_id))
        if not isinstance(channel, discord.TextChannel):
            raise ValueError(f"Discord channel {channel_id} is not a text channel")
        return channel

    async def find_recent_post(self, channel_id: str, since: datetime, title: str) -> str | None:
        """A message of ours in the channel since `since` whose first embed is titled `title`
        (after a crash mid-post, so the scheduler does not post the same digest twice)."""
        channel = await self._text_channel(channel_id)
        async for message in channel.history(after=since, limit=50):
            mine = message.author == self.client.user
            if mine and message.embeds and message.embeds[0].title == title:
                return str(message.id)
        return None

    async def post_alert(self, channel_id: str, reply: Reply) -> str:
        """Post a stance-change alert in a text channel; returns the first message's id."""
        channel = await self._text_channel(channel_id)
        first, *rest = render_discord(reply)
        sent = await channel.send(**_payload(first))
        for message in rest:
            await channel.send(**_payload(message))
        return str(sent.id)

    async def post_digest_reply(self, channel_id: str, reply: Reply) -> str:
        """Post a built digest in a text channel, open its thread and remember it."""
        channel = await self._text_channel(channel_id)
        messages = render_discord(reply)
        first = await channel.send(**_payload(messages[0]))
        if reply.data.get("nothing_new"):
            return str(first.id)  # one line, no thread
        target: discord.abc.Messageable = channel
        thread_id: str | None = None
        try:
            thread = await first.create_thread(
                name=thread_name(reply), auto_archive_duration=THREAD_ARCHIVE_MINUTES
            )
        except discord.HTTPException:
            log.exception("could not open a thread on the digest in channel %s", channel_id)
        else:
            target, thread_id = thread, str(thread.id)
        for message in messages[1:]:
            await target.send(**_payload(message))
        await asyncio.to_thread(
            self.core.remember_posted_reply,
            SURFACE,
            channel_id,
            reply,
            str(first.id),
            thread_id=thread_id,
        )
        return str(first.id)

    # --- thread follow-ups ----------------------------------------------------------------------
    async def on_message(self, message: discord.Message) -> None:
        """Answer a message in a digest's thread (plain text with the Message Content intent,
        else only messages that mention the bot); everything else is ignored."""
        try:
            request = await self._follow_up(message)
        except Exception:
            log.exception("reading message %s failed", message.id)
            return
        if request is None:
            log.debug(
                "Discord message %s ignored: not a follow-up in a digest's thread", message.id
            )
            return
        with contextlib.suppress(discord.HTTPException):
            await message.channel.typing()
        try:
            outgoing = await self.pipeline.handle(request)
            if outgoing is None:
                return  # a repeat delivery
            first, *rest = render_discord(outgoing.reply)
        except Exception:
            log.exception("answering message %s failed", message.id)
            first, rest = DiscordMessage(content=SORRY, embeds=[]), []
        try:
            await message.channel.send(**_payload(first), reference=message)
            for rendered in rest:
                await message.channel.send(**_payload(rendered))
        except discord.HTTPException:
            log.exception("could not answer in thread %s", message.channel.id)
        else:
            log.debug("Discord message %s answered in %d message(s)", message.id, 1 + len(rest))

    async def _follow_up(self, message: discord.Message) -> ChatRequest | None:
        """The follow-up in a digest's thread that this message is, or None to ignore it."""
        me = self.client.user
        if me is None or message.author.bot or message.author.id == me.id:
            return None
        if message.guild is None or isinstance(message.channel, discord.TextChannel):
            return None
        mentioned = any(user.id == me.id for user in message.mentions)
        if not (mentioned or self.settings.discord_message_content):
            return None
        text = without_mention(message.content, me.id)
        if not text:
            return None
        thread_id = str(message.channel.id)
        post = await asyncio.to_thread(self.core.digest_thread, SURFACE, thread_id)
        if post is None:
            return None
        return self.pipeline.reader.follow_up(
            SURFACE,
            post.channel,
            str(message.author.id),
            text,
            thread_key=thread_key(SURFACE, post.channel, thread_id),
            is_admin=self._message_admin(message),
            digest_id=post.digest_id,
            event_id=f"message:{message.id}",
        )

    def _message_admin(self, message: discord.Message) -> bool:
        author = message.author
        if str(author.id) in self.settings.admins:
            return True
        if not isinstance(author, discord.Member):
            return False
        channel = message.channel
        if isinstance(channel, discord.Thread | discord.abc.GuildChannel):
            with contextlib.suppress(discord.ClientException):
                return channel.permissions_for(author).manage_channels
        return author.guild_permissions.manage_channels

    # --- app commands ---------------------------------------------------------------------------
    async def run_command(
        self,
        interaction: discord.Interaction,
        command: Command,
        values: dict[str, Any],
        share: bool,
    ) -> None:
        """Defer at once, answer through the pipeline, then send the followups."""
        public = command.public_by_default or share
        await interaction.response.defer(thinking=True, ephemeral=not public)
        is_admin = (
            str(interaction.user.id) in self.settings.admins
            or interaction.permissions.manage_channels
        )
        channel = str(interaction.channel_id or f"dm-{interaction.user.id}")
        try:
            request = await asyncio.to_thread(
                self._request_in, channel, str(interaction.user.id), command, values, share
            )
            outgoing = await self.pipeline.handle(replace(request, is_admin=is_admin))
            reply = outgoing.reply if outgoing else error_reply(command.name, SORRY)
            if outgoing and outgoing.public and await self._posted_as_digest(channel, reply):
                reply = message_reply(command.name, "Digest posted", DIGEST_POSTED)
            messages = render_discord(reply)
        except Exception:
            log.exception("/%s %s failed", GROUP_NAME, command.name)
            messages = [DiscordMessage(content=SORRY, embeds=[])]
        for message in messages:
            await interaction.followup.send(**_payload(message), ephemeral=not public)

    async def _posted_as_digest(self, channel: str, reply: Reply) -> bool:
        """Post a digest asked for in a text channel the way scheduled digests are posted: in
        the channel, with a thread for follow-up questions. False when it is no digest, or
        it cannot be posted there (a thread, a DM), and is answered as a followup instead."""
        if reply.command != "digest" or not reply.ok or not reply.citations:
            return False
        try:
            await self.post_digest_reply(channel, reply)
        except (ValueError, discord.HTTPException):
            log.info("the digest could not be posted in channel %s; answering in place", channel)
            return False
        return True

    def _request_in(
        self, channel: str, user: str, command: Command, values: dict[str, Any], share: bool
    ) -> ChatRequest:
        """A command used inside a digest's thread continues that thread's conversation."""
        post = self.core.digest_thread(SURFACE, channel)
        return self.pipeline.reader.from_options(
            SURFACE,
            post.channel if post else channel,
            user,
            command,
            values,
            share=share,
            thread_key=thread_key(SURFACE, post.channel, channel) if post else None,
        )

    async def _names(self, kind: str) -> list[str]:
        if kind == "actor":
            return EntityResolver.default().all_names()
        return await asyncio.to_thread(self.core.candidate_names)

    async def _on_tree_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        log.error("app command failed: %s", error, exc_info=error)
        stale = (app_commands.CommandSignatureMismatch, app_commands.CommandNotFound)
        text = OUT_OF_DATE if isinstance(error, stale) else SORRY
        with contextlib.suppress(discord.HTTPException):
            if interaction.response.is_done():
                await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
            else:
                await interaction.response.send_message(
                    text, ephemeral=True, allowed_mentions=NO_MENTIONS
                )


async def sync_commands_once(core: ChatCore, *, globally: bool = False) -> str:
    """`natosg discord-sync`: log in, register `/natosg` (in DISCORD_GUILD_ID when set and not
    `globally`, else globally), log out. Returns a one-line summary."""
    bot = NatosgDiscord(core)
    guild_id = None if globally else core.settings.discord_guild_id
    try:
        await bot.login()
        synced = await bot.sync_commands(guild_id)
    except discord.HTTPException as exc:
        raise DiscordSetupError(f"Discord refused the command sync ({exc.status}).") from exc
    finally:
        await bot.close()
    group = next((command for command in synced if command.name == GROUP_NAME), None)
    count = len(group.options) if group else 0
    if guild_id:
        return f"Synced /{GROUP_NAME} ({count} subcommands) to guild {guild_id}; usable there now."
    return (
        f"Synced /{GROUP_NAME} ({count} subcommands) globally; "
        "Discord may take a while to show it everywhere."
    )
