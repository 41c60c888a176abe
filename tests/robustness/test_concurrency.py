"""A large ingest in another process while four threads ask questions: no "database is
locked" reaches anyone, every answer is a proper one, and the end state is consistent."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from bench.corpus import write_corpus
from bot.archive import Archive
from bot.commands import build_registry
from bot.dispatch import run_words
from bot.registry import CommandContext
from bot.reply import Reply
from tests.cli_helpers import ROOT, natosg_env
from tests.robustness.test_crash_safety import assert_consistent

QUERIES = [
    ["who-backs", "Rutte"],
    ["candidates"],
    ["ask", "who backs Kallas?"],
    ["timeline", "Iohannis"],
    ["digest"],
    ["who-opposes", "Kallas"],
]


def test_commands_during_a_large_ingest_all_get_proper_answers(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 400, seed=5, corpus="stress")
    db_path = tmp_path / "busy.db"
    registry = build_registry()
    run_words(
        ["ingest", str(corpus / "000000.txt")], CommandContext(Archive(db_path), "cli"), registry
    )
    ingest = subprocess.Popen(
        [sys.executable, "-m", "bot", "ingest", str(corpus)],
        cwd=ROOT,
        env=natosg_env(db_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    replies: list[Reply] = []
    failures: list[BaseException] = []

    def ask_repeatedly(offset: int) -> None:
        ctx = CommandContext(
            archive=Archive(db_path), surface="slack", channel=f"C{offset}", user="U1"
        )
        step = offset
        try:
            while ingest.poll() is None or step < offset + len(QUERIES):
                reply, _ = run_words(QUERIES[step % len(QUERIES)], ctx, registry)
                replies.append(reply)
                step += 1
        except BaseException as exc:  # a raise is a failure too, not just a bad reply
            failures.append(exc)

    threads = [threading.Thread(target=ask_repeatedly, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    assert ingest.wait(timeout=300) == 0
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert len(replies) >= 4 * len(QUERIES)
    bad = [r for r in replies if not r.ok or "locked" in str(r.to_json()).casefold()]
    assert bad == []
    assert_consistent(db_path)
    # Once the writer is done, every reader sees the same, final state.
    ctx = CommandContext(archive=Archive(db_path), surface="cli")
    first, _ = run_words(["candidates"], ctx, registry)
    again, _ = run_words(["candidates"], ctx, registry)
    assert first.to_json() == again.to_json() and first.data["candidates"]
