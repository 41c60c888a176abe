"""The console adapter: `/natosg …` lines typed in a terminal or piped on stdin."""

from __future__ import annotations

import asyncio
import sys
import time
from datetime import datetime
from typing import TextIO

from bot.conversation import ChatCore
from bot.pipeline import ChatPipeline
from bot.registry import Surface
from bot.render.terminal import render_json, render_text
from bot.reply import Reply, error_reply

PROMPT = "natosg> "
QUIT_WORDS = frozenset({"quit", "exit", "/quit", "/exit"})


CONSOLE: Surface = "console"


async def answer_line(line: str, pipeline: ChatPipeline) -> str:
    """The rendered answer to one console line (the person at the terminal is its admin)."""
    request = pipeline.reader.from_text(CONSOLE, CONSOLE, CONSOLE, line, is_admin=True)
    outgoing = await pipeline.handle(request)
    reply = outgoing.reply if outgoing else error_reply("help", "I couldn't read that.")
    want_json = request.invocation is not None and request.invocation.json
    return render_json(reply) + "\n" if want_json else render_text(reply)


async def run_console(
    pipeline: ChatPipeline,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    interactive: bool | None = None,
) -> None:
    """Read commands until end of input (or `quit`), printing each reply.

    Each line goes through the pipeline every chat surface uses; commands run in a worker
    thread (the core is synchronous), so the event loop stays free for the scheduler and the
    chat adapters that share it.
    """
    source = stdin or sys.stdin
    sink = stdout or sys.stdout
    tty = source.isatty() if interactive is None else interactive
    if tty:
        sink.write("natosg console — type `/natosg help`, or `quit` to leave.\n")
    while True:
        if tty:
            sink.write(PROMPT)
            sink.flush()
        line = await asyncio.to_thread(source.readline)
        if not line:
            break
        text = line.strip()
        if not text:
            continue
        if text.casefold() in QUIT_WORDS:
            break
        answer = await answer_line(text, pipeline)
        sink.write(answer)
        if not tty:
            sink.write("\n")
        sink.flush()


class ConsolePoster:
    """The terminal as a channel: subscribed digests are printed where commands are answered,
    and recorded like a chat post so a restart after a crash does not print them twice."""

    def __init__(self, core: ChatCore | None = None, stdout: TextIO | None = None) -> None:
        self.core = core
        self.stdout = stdout

    async def post_digest_reply(self, channel: str, reply: Reply) -> str:
        """Print a digest; returns a local message id.

        The post is recorded just before it is printed, not after: a terminal has no history
        to search after a crash, and recording takes a database write where printing takes
        a microsecond, so this order leaves the smaller window for a crash to fall into."""
        message_id = f"console-{time.time_ns()}"
        text = render_text(reply) + "\n"
        if self.core is not None:
            await asyncio.to_thread(
                self.core.remember_posted_reply, CONSOLE, channel, reply, message_id
            )
        sink = self.stdout or sys.stdout
        sink.write(text)
        sink.flush()
        return message_id

    async def post_alert(self, channel: str, reply: Reply) -> str:
        """Print a stance-change alert; returns a local message id."""
        sink = self.stdout or sys.stdout
        sink.write(render_text(reply) + "\n")
        sink.flush()
        return f"console-alert-{time.time_ns()}"

    async def find_recent_post(self, channel: str, since: datetime, title: str) -> str | None:
        """A terminal keeps no history to look in (our own record of posts is checked first)."""
        return None
