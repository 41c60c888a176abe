"""The `natosg` command line: every registry command, plus `run`."""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
from collections.abc import Sequence

from bot.config import load_settings
from bot.shell_link import answer_from_running_bot


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `natosg` console script; returns the exit status."""
    words = list(sys.argv[1:] if argv is None else argv)
    settings = load_settings()
    # A bot serving this database answers what only reads, from its memory; the rest of
    # the program is imported only when this process answers itself.
    answered = answer_from_running_bot(words, settings.db_path) if settings.shell_via_bot else None
    if answered is not None:
        sys.stdout.write(answered[1])
        return answered[0]
    from summarizer.entities.kept import keep_bundled_in

    keep_bundled_in(settings.cache_dir)
    from bot.app import Application
    from bot.db_problems import database_problem
    from bot.dispatch import run_words
    from bot.instance import AlreadyRunning, InstanceLock, LockUnavailable
    from bot.logs import configure_logging
    from bot.render.terminal import render_json, render_text

    configure_logging(settings.log_level if "run" in words[:1] else "WARNING", settings.secrets())
    app = Application.from_settings(settings, answers_once=words[:1] != ["run"])
    if words[:1] == ["run"]:
        import asyncio

        from bot.runner import run_bot

        try:
            with InstanceLock(settings.db_path):
                asyncio.run(run_bot(app))
        except (AlreadyRunning, LockUnavailable) as exc:
            sys.stderr.write(exc.message + "\n")
            return 1
        except sqlite3.Error as exc:
            problem = database_problem(exc, settings.db_path)
            sys.stderr.write(f"natosg: {problem or f'the database failed ({exc})'}\n")
            return 1
        except KeyboardInterrupt:
            return 130
        return 0
    reply, want_json = run_words(words, app.context("cli", is_admin=True), app.registry)
    output = render_json(reply) + "\n" if want_json else render_text(reply)
    sys.stdout.write(output)
    return 0 if reply.ok else 1


def entry() -> None:
    """The `natosg` console script and `python -m bot`: `main`, then, after a one-shot
    command, an exit that skips tearing the interpreter down."""
    status = main()
    if sys.argv[1:2] == ["run"]:
        sys.exit(status)  # a bot that ran for days leaves the way Python means it to
    # The answer is written and every database closed (each unit of work closes its own);
    # what remains is freeing every module and object one by one: 15-20 ms of a command's
    # 150, with nothing to show for them.
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away: there is no one left to tell
        pass
    logging.shutdown()
    os._exit(status)


if __name__ == "__main__":  # pragma: no cover
    entry()
