"""What the chat adapters ask of the core, as plain synchronous calls on one `ChatCore`.

Slack, Discord and the console hand over a message (who, where, which thread, what text); the
core runs it through the registry it was given and returns a Reply with whether to show it to
everyone. It also keeps track of the digests posted in channels, so that replies in their
threads are known to be follow-ups. Adapters call these through `asyncio.to_thread`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bot.archive import Archive
from bot.briefing.digests import daily_post
from bot.briefing.llm import llm_backend
from bot.config import Settings
from bot.dispatch import run_words
from bot.parsing import MAX_INPUT_CHARS, split_words, strip_prefix
from bot.registry import CommandContext, Registry, Surface
from bot.reply import Reply, error_reply
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


class ChatCore:
    """The core as every chat surface sees it: the settings, the archive and the registry
    of one process, made once by the runner and handed to each adapter."""

    def __init__(self, settings: Settings, archive: Archive, registry: Registry) -> None:
        self.settings = settings
        self.archive = archive
        self.registry = registry

    def context(self, incoming: Incoming) -> CommandContext:
        """The command context of a message."""
        return CommandContext(
            archive=self.archive,
            surface=incoming.surface,
            settings=self.settings,
            channel=incoming.channel,
            user=incoming.user,
            thread_key=incoming.thread_key,
            is_admin=incoming.is_admin,
            digest_id=incoming.digest_id,
        )

    def answer_command(self, incoming: Incoming) -> Outgoing:
        """A `/natosg …` command. Lookups are private unless the command is public by
        default (the digest) or the user adds `--share`."""
        words = _words(incoming.text)
        if words is None:
            return _too_long(incoming.text)
        share = SHARE_FLAG in words
        words = [word for word in words if word != SHARE_FLAG]
        reply, _ = run_words(words, self.context(incoming), self.registry)
        command = self.registry.get(words[0]) if words else None
        public = reply.ok and (share or bool(command and command.public_by_default))
        return Outgoing(reply, public)

    def answer_follow_up(self, incoming: Incoming) -> Outgoing:
        """Text in a digest's thread or addressed to the bot: a command when it starts with
        one, otherwise a question for `ask` in the thread's conversation. Always shown in the
        thread."""
        words = _words(incoming.text)
        if words is None:
            return _too_long(incoming.text)
        if not words:
            words = ["help"]
        if self.registry.get(words[0]) is None:
            words = ["ask", "--", *words]
        reply, _ = run_words(words, self.context(incoming), self.registry)
        return Outgoing(reply, public=True)

    def digest_to_post(self, last_posted_id: int | None = None) -> Reply | None:
        """Today's digest for a channel (or one line when nothing is new since its last)."""
        with self.archive.session() as session:
            llm = llm_backend(self.settings, session.db)
            return daily_post(session, datetime.now(UTC), last_posted_id, llm)

    def remember_digest_post(
        self,
        surface: str,
        channel: str,
        message_id: str,
        *,
        thread_id: str | None = None,
        digest_id: int | None = None,
    ) -> None:
        """Record a posted digest so its thread is recognised."""
        with self.archive.session() as session:
            record_post(
                session.db, surface, channel, message_id, thread_id=thread_id, digest_id=digest_id
            )

    def digest_thread(self, surface: str, thread_id: str) -> ChatPost | None:
        """The digest post whose thread this is, if the bot posted one there."""
        with self.archive.session() as session:
            return post_for_thread(session.db, surface, thread_id)

    def candidate_names(self) -> list[str]:
        """Every candidate the archive knows (for autocomplete)."""
        with self.archive.session() as session:
            return session.candidate_names()
