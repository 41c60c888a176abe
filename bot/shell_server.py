"""The running bot's half of the shell link (see `bot/shell_link.py`): `natosg run` answers
the read-only commands typed at the shell, from the archive it keeps warm.

The socket is created readable and writable by its owner only (the user who could open the
database anyway), beside the database; a stale one left by a bot that crashed is replaced,
since only the holder of the database's run lock starts a server. A socket path too long for
the system, or a folder that refuses it, leaves the shell answering in its own processes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from pathlib import Path

from bot.app import Application
from bot.dispatch import run_words
from bot.render.terminal import render_json, render_text
from bot.shell_link import (
    MAX_REQUEST_BYTES,
    decode_request,
    encode_answer,
    served,
    socket_path,
)

log = logging.getLogger(__name__)


class ShellServer:
    """Answers the shell's read-only commands for one running bot."""

    def __init__(self, app: Application) -> None:
        self.app = app
        self.path: Path = socket_path(app.settings.db_path)
        self.answered = 0  # commands answered for the shell (logged at the end)
        self._server: asyncio.AbstractServer | None = None

    async def start(self) -> bool:
        """Listen; whether the shell can now reach this bot."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()  # left by a bot that stopped without closing it
        mask = os.umask(0o177)  # owner only, from the moment it exists
        try:
            self._server = await asyncio.start_unix_server(
                self._serve, path=str(self.path), limit=MAX_REQUEST_BYTES
            )
        except OSError as exc:
            log.info("the shell's commands will run in their own processes: %s", exc)
            return False
        finally:
            os.umask(mask)
        log.debug("answering the shell's commands on %s", self.path.name)
        return True

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            line = await reader.readline()
            words = decode_request(line)
            if words is None or not served(words):
                return  # not a request this bot answers: the shell runs it itself
            status, output = await asyncio.to_thread(self.answer, words)
            writer.write(encode_answer(status, output))
            await writer.drain()
        except (OSError, ValueError, asyncio.LimitOverrunError):
            return  # the shell went away or sent too much: nothing to answer
        except Exception:
            log.exception("a command from the shell failed")
        finally:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()

    def answer(self, words: list[str]) -> tuple[int, str]:
        """What `natosg WORDS` prints and its exit status, answered here."""
        reply, want_json = run_words(
            words, self.app.context("cli", is_admin=True), self.app.registry
        )
        output = render_json(reply) + "\n" if want_json else render_text(reply)
        self.answered += 1
        return (0 if reply.ok else 1), output

    async def close(self) -> None:
        """Stop listening and remove the socket."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            log.debug("answered %d commands from the shell", self.answered)
