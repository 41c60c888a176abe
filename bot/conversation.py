"""What the chat adapters ask of the core besides commands, on one `ChatCore`: today's
digest for a channel, and the record of digests posted in channels, so that replies in their
threads are known to be follow-ups. Commands go through `bot.pipeline`. Adapters call these
through `asyncio.to_thread`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.archive import Archive
from bot.briefing.digests import daily_post
from bot.briefing.llm import llm_backend
from bot.config import Settings
from bot.registry import Registry
from bot.reply import Reply, scrub_reply
from storage.posts import ChatPost, post_for_thread, record_post


def thread_key(surface: str, channel: str, thread_id: str) -> str:
    """The conversation key of a chat thread."""
    return f"{surface}:{channel}:{thread_id}"


class ChatCore:
    """The core as every chat surface sees it: the settings, the archive and the registry
    of one process, made once by the runner and handed to each adapter."""

    def __init__(self, settings: Settings, archive: Archive, registry: Registry) -> None:
        self.settings = settings
        self.archive = archive
        self.registry = registry

    def digest_to_post(self, last_posted_id: int | None = None) -> Reply | None:
        """Today's digest for a channel (or one line when nothing is new since its last)."""
        with self.archive.session() as session:
            llm = llm_backend(self.settings, session.db)
            reply = daily_post(session, datetime.now(UTC), last_posted_id, llm)
        return scrub_reply(reply, self.settings.secrets()) if reply else None

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

    def remember_posted_reply(
        self,
        surface: str,
        channel: str,
        reply: Reply,
        message_id: str,
        *,
        thread_id: str | None = None,
    ) -> None:
        """After any surface posted a digest reply: record it, unless it was only the "nothing
        new" line (which is no digest and opens no thread)."""
        if reply.data.get("nothing_new"):
            return
        digest_id = reply.data.get("digest_id")
        self.remember_digest_post(
            surface,
            channel,
            message_id,
            thread_id=thread_id,
            digest_id=digest_id if isinstance(digest_id, int) else None,
        )

    def digest_thread(self, surface: str, thread_id: str) -> ChatPost | None:
        """The digest post whose thread this is, if the bot posted one there."""
        with self.archive.session() as session:
            return post_for_thread(session.db, surface, thread_id)

    def candidate_names(self) -> list[str]:
        """Every candidate the archive knows (for autocomplete)."""
        with self.archive.session() as session:
            return session.candidate_names()
