"""What the chat adapters ask of the core, as plain synchronous calls.

Slack and Discord hand over a message (who, where, which thread, what text); this module runs
it through the one registry and returns a Reply with whether to show it to everyone. It also
keeps track of the digests posted in channels, so that replies in their threads are known to
be follow-ups. Adapters call these through `asyncio.to_thread`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bot.briefing.digests import daily_post
from bot.briefing.llm import llm_backend
from bot.commands import build_registry
from bot.config import Settings
from bot.dispatch import run_words
from bot.parsing import MAX_INPUT_CHARS, split_words, strip_prefix
from bot.registry import CommandContext, Surface
from bot.reply import Reply, error_reply
from storage.db import open_database
from storage.posts import ChatPost, post_for_thread, record_post

SHARE_FLAG = "--share"


@dataclass(frozen=True)
class Incoming:
    """A message or command text as a chat platform delivered it."""

    surface: Surface
    channel: str
    user: str
    text: str
    thread_key: str | None = None
    is_admin: bool = False
    digest_id: int | None = None


@dataclass(frozen=True)
class Outgoing:
    """The reply, and whether the channel sees it (else only the asker)."""

    reply: Reply
    public: bool


def thread_key(surface: str, channel: str, thread_id: str) -> str:
    """The conversation key of a chat thread."""
    return f"{surface}:{channel}:{thread_id}"


def _context(settings: Settings, incoming: Incoming) -> CommandContext:
    return CommandContext(
        db_path=settings.db_path,
        surface=incoming.surface,
        settings=settings,
        channel=incoming.channel,
        user=incoming.user,
        thread_key=incoming.thread_key,
        is_admin=incoming.is_admin,
        digest_id=incoming.digest_id,
    )


def _words(text: str) -> list[str] | None:
    if len(text) > MAX_INPUT_CHARS:
        return None
    return strip_prefix(split_words(text))


def _too_long(text: str) -> Outgoing:
    message = (
        f"That message is too long for me ({len(text):,} characters; the limit is "
        f"{MAX_INPUT_CHARS:,}). Please shorten it."
    )
    return Outgoing(error_reply("help", message), public=False)


def answer_command(settings: Settings, incoming: Incoming) -> Outgoing:
    """A `/natosg …` command. Lookups are private unless the command is public by default
    (the digest) or the user adds `--share`."""
    words = _words(incoming.text)
    if words is None:
        return _too_long(incoming.text)
    share = SHARE_FLAG in words
    words = [word for word in words if word != SHARE_FLAG]
    reply, _ = run_words(words, _context(settings, incoming), build_registry())
    command = build_registry().get(words[0]) if words else None
    public = reply.ok and (share or bool(command and command.public_by_default))
    return Outgoing(reply, public)


def answer_follow_up(settings: Settings, incoming: Incoming) -> Outgoing:
    """Text in a digest's thread or addressed to the bot: a command when it starts with one,
    otherwise a question for `ask` in the thread's conversation. Always shown in the thread."""
    words = _words(incoming.text)
    if words is None:
        return _too_long(incoming.text)
    if not words:
        words = ["help"]
    if build_registry().get(words[0]) is None:
        words = ["ask", "--", *words]
    reply, _ = run_words(words, _context(settings, incoming), build_registry())
    return Outgoing(reply, public=True)


def digest_to_post(settings: Settings, last_posted_id: int | None = None) -> Reply | None:
    """Today's digest for a channel (or one line when nothing is new since its last one)."""
    db = open_database(settings.db_path)
    try:
        return daily_post(db, datetime.now(UTC), last_posted_id, llm_backend(settings, db))
    finally:
        db.close()


def remember_digest_post(
    settings: Settings,
    surface: str,
    channel: str,
    message_id: str,
    *,
    thread_id: str | None = None,
    digest_id: int | None = None,
) -> None:
    """Record a posted digest so its thread is recognised."""
    db = open_database(settings.db_path)
    try:
        record_post(db, surface, channel, message_id, thread_id=thread_id, digest_id=digest_id)
    finally:
        db.close()


def digest_thread(settings: Settings, surface: str, thread_id: str) -> ChatPost | None:
    """The digest post whose thread this is, if the bot posted one there."""
    db = open_database(settings.db_path)
    try:
        return post_for_thread(db, surface, thread_id)
    finally:
        db.close()
