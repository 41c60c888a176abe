"""One way through the core for every chat surface: a request parsed once, then the same steps.

An adapter turns what its platform delivered into a `ChatRequest` (Slack and the console from
the text typed, Discord from its typed options, which stay typed), then awaits
`ChatPipeline.handle`. The steps every surface shares run in order, each able to answer early,
the way bolt-python's middleware or discord.py's checks compose:

1. `refuse_problems`: text too long, or words that make no command, get the usage line;
2. `drop_repeats`: a delivery already handled (Slack retries) gets no second answer;
3. `check_admin`: an admin-only command asks the platform whether the user may (only then);
4. the command itself, in a worker thread, with a crash turned into one polite line.

Whether the answer is shown to everyone (`--share`, or a command public by default) is decided
here too, so no adapter decides it differently.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from bot import dispatch
from bot.conversation import ChatCore
from bot.parsing import (
    MAX_INPUT_CHARS,
    Invocation,
    UsageError,
    parse_words,
    split_words,
    strip_prefix,
)
from bot.registry import Command, CommandContext, Surface
from bot.reply import Reply, error_reply

log = logging.getLogger(__name__)

SHARE_FLAG = "--share"
SORRY = (
    "Sorry, something went wrong on my side while answering that. "
    "It has been logged; please try again in a moment."
)

# Asks the platform whether the user manages the channel (a Slack users.info call, say).
AdminCheck = Callable[[], Awaitable[bool]]


async def _not_admin() -> bool:
    return False


@dataclass(frozen=True)
class ChatRequest:
    """A command or follow-up as a chat platform delivered it, parsed once.

    `invocation` is the command with typed values; `problem` the polite reply when the text
    made none (too long, unknown command, bad usage)."""

    surface: Surface
    channel: str
    user: str
    invocation: Invocation | None
    problem: Reply | None = None
    share: bool = False
    follow_up: bool = False  # in a digest's thread: always answered there, for everyone
    thread_key: str | None = None
    digest_id: int | None = None
    event_id: str | None = None
    admin: AdminCheck = _not_admin
    is_admin: bool = False

    @property
    def command(self) -> Command | None:
        """The command asked for, when there is one."""
        return self.invocation.command if self.invocation else None


class RequestReader:
    """Makes `ChatRequest`s from what platforms deliver, with the registry of one process."""

    def __init__(self, core: ChatCore) -> None:
        self.core = core

    def from_text(
        self, surface: Surface, channel: str, user: str, text: str, **extra: Any
    ) -> ChatRequest:
        """A `/natosg …` line: split once, `--share` taken out, parsed once."""
        words = self._words(surface, channel, user, text)
        if isinstance(words, ChatRequest):
            return replace(words, **extra)
        share = SHARE_FLAG in words
        words = [word for word in words if word != SHARE_FLAG]
        return self._parsed(surface, channel, user, words, share=share, **extra)

    def follow_up(
        self, surface: Surface, channel: str, user: str, text: str, **extra: Any
    ) -> ChatRequest:
        """Text in a digest's thread or addressed to the bot: a command when it starts with
        one, otherwise a question for `ask` in the thread's conversation."""
        words = self._words(surface, channel, user, text)
        if isinstance(words, ChatRequest):
            return replace(words, follow_up=True, **extra)
        if not words:
            words = ["help"]
        if self.core.registry.get(words[0]) is None:
            words = ["ask", "--", *words]
        return self._parsed(surface, channel, user, words, follow_up=True, **extra)

    def from_options(
        self,
        surface: Surface,
        channel: str,
        user: str,
        command: Command,
        values: Mapping[str, Any],
        *,
        share: bool = False,
        **extra: Any,
    ) -> ChatRequest:
        """A command whose arguments the platform already typed (Discord's options): used as
        they are, never turned back into text."""
        typed = {name: value for name, value in values.items() if value is not None}
        invocation = Invocation(command, typed)
        return ChatRequest(surface, channel, user, invocation, share=share, **extra)

    def _words(
        self, surface: Surface, channel: str, user: str, text: str
    ) -> list[str] | ChatRequest:
        if len(text) > MAX_INPUT_CHARS:
            message = (
                f"That message is too long for me ({len(text):,} characters; the limit is "
                f"{MAX_INPUT_CHARS:,}). Please shorten it."
            )
            return ChatRequest(surface, channel, user, None, problem=error_reply("help", message))
        return strip_prefix(split_words(text))

    def _parsed(
        self, surface: Surface, channel: str, user: str, words: Sequence[str], **extra: Any
    ) -> ChatRequest:
        try:
            invocation = parse_words(self.core.registry, list(words))
        except UsageError as exc:
            name = exc.command.name if exc.command else "help"
            problem = error_reply(name, exc.message)
            return ChatRequest(surface, channel, user, None, problem=problem, **extra)
        return ChatRequest(surface, channel, user, invocation, **extra)


@dataclass(frozen=True)
class Outgoing:
    """The reply, and whether the channel sees it (else only the asker)."""

    reply: Reply
    public: bool


Next = Callable[[ChatRequest], Awaitable[Outgoing | None]]
Step = Callable[[ChatRequest, Next], Awaitable[Outgoing | None]]


class SeenEvents:
    """Event ids already handled, for a while: platforms re-deliver what they think failed."""

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


class RateLimit:
    """At most `count` requests per person in any `window_s` seconds (a sliding window)."""

    def __init__(self, count: int = 20, window_s: float = 60.0, people: int = 10_000) -> None:
        self.count = count
        self.window_s = window_s
        self.people = people
        self._recent: OrderedDict[str, deque[float]] = OrderedDict()

    def allow(self, who: str) -> bool:
        """Whether `who` may ask now (counting this request when allowed)."""
        now = time.monotonic()
        recent = self._recent.pop(who, None) or deque()
        while recent and recent[0] <= now - self.window_s:
            recent.popleft()
        allowed = len(recent) < self.count
        if allowed:
            recent.append(now)
        self._recent[who] = recent
        while len(self._recent) > self.people:
            self._recent.popitem(last=False)
        return allowed


class ChatPipeline:
    """The steps every chat request goes through (see the module docstring)."""

    def __init__(self, core: ChatCore, seen: SeenEvents | None = None) -> None:
        self.core = core
        self.reader = RequestReader(core)
        self.seen = seen or SeenEvents()
        self.limits = RateLimit()
        self.steps: list[Step] = [
            self.refuse_problems,
            self.drop_repeats,
            self.slow_down,
            self.check_admin,
        ]

    async def handle(self, request: ChatRequest) -> Outgoing | None:
        """The answer to a request (None: a repeat delivery, nothing to say)."""

        async def run(index: int, current: ChatRequest) -> Outgoing | None:
            if index == len(self.steps):
                return await self.answer(current)
            return await self.steps[index](current, lambda later: run(index + 1, later))

        return await run(0, request)

    async def refuse_problems(self, request: ChatRequest, proceed: Next) -> Outgoing | None:
        """A request that made no command gets its usage line, only to the asker (or in the
        thread, for a follow-up)."""
        if request.problem is not None or request.invocation is None:
            problem = request.problem or error_reply("help", "I couldn't read that.")
            return Outgoing(problem, public=request.follow_up)
        return await proceed(request)

    async def drop_repeats(self, request: ChatRequest, proceed: Next) -> Outgoing | None:
        """A delivery already handled is not answered again."""
        if request.event_id is not None and not self.seen.first_time(request.event_id):
            return None
        return await proceed(request)

    async def slow_down(self, request: ChatRequest, proceed: Next) -> Outgoing | None:
        """One person asking faster than a person reads gets asked to wait (the terminal's own
        user is never limited)."""
        if request.surface != "console" and not self.limits.allow(
            f"{request.surface}:{request.user}"
        ):
            message = "You're asking faster than I can answer well; please wait a minute."
            return Outgoing(error_reply("help", message), public=False)
        return await proceed(request)

    async def check_admin(self, request: ChatRequest, proceed: Next) -> Outgoing | None:
        """Ask the platform about admin rights only when the command needs them."""
        command = request.command
        flagged = (
            request.invocation is not None
            and command is not None
            and bool(command.admin_parts(request.invocation.values))
        )
        if command is not None and (command.admin_only or flagged) and not request.is_admin:
            allowed = request.user in self.core.settings.admins or await request.admin()
            request = replace(request, is_admin=allowed)
        return await proceed(request)

    async def answer(self, request: ChatRequest) -> Outgoing:
        """Run the command in a worker thread; a crash becomes one polite line."""
        assert request.invocation is not None  # refuse_problems saw to it
        ctx = CommandContext(
            archive=self.core.archive,
            surface=request.surface,
            settings=self.core.settings,
            channel=request.channel,
            user=request.user,
            thread_key=request.thread_key,
            is_admin=request.is_admin,
            digest_id=request.digest_id,
        )
        try:
            reply = await asyncio.to_thread(
                dispatch.run_invocation, request.invocation, ctx, self.core.registry
            )
        except Exception:
            log.exception("answering %s failed", request.invocation.command.name)
            return Outgoing(error_reply(request.invocation.command.name, SORRY), public=False)
        if request.follow_up:
            return Outgoing(reply, public=True)
        public_by_default = request.invocation.command.public_by_default
        return Outgoing(reply, public=reply.ok and (request.share or public_by_default))
