"""What a user waits for, measured the way a user meets it.

- `fresh_process`: a command typed at the shell, `natosg COMMAND ...` in a new process, wall
  time from start to exit (start-up, imports, opening the database, the first read of the
  claims, the answer, printing it), each run with a query of its own.
- `served_by_running_bot`: the same commands typed at the shell while `natosg run` serves the
  database (warmed as at start): the running bot answers them over its socket.
- `after_one_article`: a running bot, warmed at start as `natosg run` is, that has answered
  before; one new article arrives through the real ingest path into the same archive; the
  next command's first answer (no warm-up in between).
- `help_imports`: how long `natosg --help` spends importing (`python -X importtime`).
- `fts5_peer`: the plainest search a user could run on the same database, SQLite FTS5 over
  the stored sentences ordered by its own rank, for `ask`'s first call and warm calls.
"""

from __future__ import annotations

import asyncio
import compileall
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Coroutine
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from bench.corpus import Corpus, generate
from bench.measure import ROOT, percentile, timed
from bot.app import Application
from bot.archive import Archive
from bot.commands import build_registry
from bot.config import Settings
from bot.dispatch import run_words
from bot.ingest.claims import ClaimExtraction
from bot.registry import CommandContext, Registry
from bot.shell_server import ShellServer
from bot.warmup import warm
from storage.db import write_transaction

T = TypeVar("T")
CRASH = "Something went wrong"
# Installed only for the benchmarks' peers (rank-bm25), never by natosg; sqlite-utils imports
# it whenever it is there, which costs a new process about 100 ms a user never pays.
BENCH_ONLY = ("numpy",)
_AS_INSTALLED = (
    f"import sys; sys.modules.update(dict.fromkeys({BENCH_ONLY!r})); "
    "from bot.cli import entry; entry()"
)
FRESH_RUNS = 3
# The seed of the invocations timed in new processes: `ask`'s are also FTS5's first calls,
# so the two are compared on the same questions.
FRESH_SEED = 11
PACKAGES = ("bot", "summarizer", "storage", "records")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# The ten best rows are found first, then joined: written as one join, SQLite may drive the
# query from the sentences table and take minutes over a question of common words.
_FTS_SQL = (
    "SELECT s.id, s.text FROM (SELECT rowid, rank FROM sentences_fts WHERE sentences_fts "
    "MATCH ? ORDER BY rank LIMIT 10) AS best JOIN sentences s ON s.id = best.rowid "
    "ORDER BY best.rank"
)
_FTS_SCRIPT = f"""
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(len(db.execute({_FTS_SQL!r}, (sys.argv[2],)).fetchall()))
"""


class FeltError(RuntimeError):
    """A command failed where a user would see it fail (not a missed target)."""


def compile_as_installed() -> None:
    """Compile the program's modules to bytecode, as installing it does: a process started
    where writing bytecode is turned off would otherwise compile every module it imports."""
    for package in PACKAGES:
        compileall.compile_dir(ROOT / package, quiet=1)


def _env(db_path: Path, *, via_bot: bool = False) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    env = {k: v for k, v in env.items() if not k.startswith("NATOSG_")}
    env["NATOSG_DB"] = str(db_path)
    env["NATOSG_SHELL_VIA_BOT"] = "1" if via_bot else "0"
    # What a process keeps for the next (the bundled resolver) goes beside the archive, not
    # into the user's own cache.
    env["NATOSG_CACHE_DIR"] = str(db_path.parent / "cache")
    return env


def _shell(command: list[str], db_path: Path, *, via_bot: bool = False) -> tuple[str, float]:
    """Run `command` in a new process as a shell would; its output and wall seconds."""
    start = time.perf_counter()
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(db_path, via_bot=via_bot),
        timeout=600,
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1) or CRASH in done.stdout:
        raise FeltError(f"`{' '.join(command[2:])}` failed: {done.stdout[-500:]}{done.stderr}")
    return done.stdout, seconds


def fresh_process(db_path: Path, calls: dict[str, list[list[str]]]) -> dict[str, Any]:
    """Each command's first call in a new process, FRESH_RUNS runs with different queries,
    in milliseconds: as installed (`installed_ms`: BENCH_ONLY hidden, as in an install
    without the benchmarks' extras) and in this environment (`median_ms`)."""
    result: dict[str, Any] = {}
    # As on any machine after its first command: the resolver that process kept is there.
    _shell([sys.executable, "-m", "bot", "candidates"], db_path)
    for command, words in calls.items():
        here = [
            _shell([sys.executable, "-m", "bot", *call], db_path)[1] * 1000
            for call in words[:FRESH_RUNS]
        ]
        installed = [
            _shell([sys.executable, "-c", _AS_INSTALLED, *call], db_path)[1] * 1000
            for call in words[:FRESH_RUNS]
        ]
        result[command] = {
            "median_ms": statistics.median(here),
            "runs_ms": here,
            "installed_ms": statistics.median(installed),
            "installed_runs_ms": installed,
        }
    return result


class BotOnAThread:
    """What `natosg run` serves the shell with, over one database: its archive warmed as at
    start, and its shell server (`bot/shell_server.py`) on an event loop in a thread."""

    def __init__(self, db_path: Path) -> None:
        app = Application.from_settings(Settings(db_path=db_path))  # defaults: no model
        warm(app.archive)
        self.server = ShellServer(app)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self.listening = bool(self._call(self.server.start()))

    def _call(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(60)

    def close(self) -> None:
        """Stop serving."""
        self._call(self.server.close())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(30)
        self._loop.close()


def served_by_running_bot(db_path: Path, calls: dict[str, list[list[str]]]) -> dict[str, Any]:
    """`fresh_process` while `natosg run` serves the database: the read-only commands typed
    at the shell are answered by the running bot (an empty result when this system refuses
    the socket's path)."""
    bot = BotOnAThread(db_path)
    try:
        if not bot.listening:
            return {}
        result: dict[str, Any] = {}
        for command, words in calls.items():
            runs = [
                _shell([sys.executable, "-c", _AS_INSTALLED, *call], db_path, via_bot=True)[1]
                * 1000
                for call in words[:FRESH_RUNS]
            ]
            result[command] = {"median_ms": statistics.median(runs), "runs_ms": runs}
        if bot.server.answered != sum(len(w[:FRESH_RUNS]) for w in calls.values()):
            raise FeltError("the running bot did not answer every command from the shell")
        return result
    finally:
        bot.close()


def help_imports(db_path: Path, runs: int = 3) -> dict[str, float]:
    """`natosg --help`: the import time of the program and everything it pulls in (the best
    of `runs`, in ms, as reported by `-X importtime`) and the whole process's wall time."""
    imports, walls = [], []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "bot", "--help"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=_env(db_path),
            timeout=120,
            check=True,
        )
        walls.append((time.perf_counter() - start) * 1000)
        imports.append(program_imports_ms(done.stderr))
    return {"imports_ms": min(imports, default=0.0), "wall_ms": min(walls)}


def program_imports_ms(importtime: str) -> float:
    """What a process spent importing from its first module of the program on (`bot`, then
    whatever `bot.cli` and its `main` import, each counted once at the top level), in ms,
    from `-X importtime`'s report; Python's own start-up before it is left out."""
    total, started = 0, False
    for line in importtime.splitlines():
        parts = line.split("|")
        if len(parts) != 3 or not parts[2].startswith(" ") or parts[2][1:2] == " ":
            continue  # not a module imported at the top level
        name = parts[2].strip()
        started = started or name == "bot" or name.startswith("bot.")
        if started and parts[1].strip().isdigit():
            total += int(parts[1])
    return total / 1000


def after_one_article(
    db_path: Path, workdir: Path, calls: dict[str, list[str]], corpus: Corpus, seed: int
) -> dict[str, Any]:
    """In one running process: warm the archive as `natosg run` does at start, answer every
    command once (a bot in use), then for each command ingest one new article through the
    `ingest` command into the same archive and time that command's next answer (the bot's
    warm-up would only notice the change up to 30 seconds later). Then the same after a
    stored article is read again with a different result, as an ingest's catch-up does when
    a new article teaches a name (`read_again_ms`). Returns ms and claims read per command,
    and the one-article ingests."""
    registry = build_registry()
    archive = Archive(db_path)
    ctx = CommandContext(archive=archive, surface="slack", is_admin=True)
    ingest_ctx = CommandContext(archive=archive, surface="cli")
    warm(archive)  # what `natosg run` does at start (bot/warmup.py)
    for words in calls.values():
        run_words(words, ctx, registry)
    folder = workdir / "one-more"
    folder.mkdir(parents=True, exist_ok=True)
    articles = iter(generate(len(calls) * 3, seed=seed, corpus=corpus))
    first_ms: dict[str, float] = {}
    claims_read: dict[str, int] = {}
    ingest_ms: list[float] = []
    for command, words in calls.items():
        for article in articles:  # the next article not already stored
            path = folder / f"{command.replace(' ', '-')}-{article.name}"
            path.write_text(article.text, encoding="utf-8")
            reply, seconds = timed(partial(run_words, ["ingest", str(path)], ingest_ctx, registry))
            if reply[0].data.get("added"):
                break
        else:
            raise FeltError("no new article could be added")
        ingest_ms.append(seconds * 1000)
        first_ms[command], claims_read[command] = _first_answer(archive, words, ctx, registry)
    read_again_ms: dict[str, float] = {}
    read_again_claims: dict[str, int] = {}
    for step, (command, words) in enumerate(calls.items()):
        _read_again(archive, step)
        answer = _first_answer(archive, words, ctx, registry)
        read_again_ms[command], read_again_claims[command] = answer
    return {
        "first_ms": first_ms,
        "claims_read": claims_read,
        "ingest_one_ms": statistics.median(ingest_ms),
        "read_again_ms": read_again_ms,
        "read_again_claims": read_again_claims,
    }


def _first_answer(
    archive: Archive, words: list[str], ctx: CommandContext, registry: Registry
) -> tuple[float, int]:
    """How long a command's answer took, in ms, and how many stored claims it read."""
    before = archive.claim_rows_read
    (answer, _), seconds = timed(partial(run_words, words, ctx, registry))
    if not answer.ok and str(answer.data.get("error", "")).startswith(CRASH):
        raise FeltError(f"`{' '.join(words)}` failed")
    return seconds * 1000, archive.claim_rows_read - before


def _read_again(archive: Archive, step: int) -> None:
    """Read one stored article again the way an ingest's catch-up does, with a result that
    differs from what was stored: one of its stance claims is taken away first (as if read
    before a name was known), and the re-read stores its claims anew."""
    with archive.session() as session:
        db = session.db
        total = db.execute("SELECT count(DISTINCT article_id) FROM claims WHERE kind = 'stance'")
        # Articles spread over the archive, old and recent, one per command.
        found = db.execute(
            "SELECT article_id, max(id) FROM claims WHERE kind = 'stance' GROUP BY article_id "
            "ORDER BY article_id LIMIT 1 OFFSET ?",
            [(step * 7919) % max(1, int(total.fetchone()[0]))],
        ).fetchone()
        if found is None:
            raise FeltError("no stored article has a stance claim")
        with write_transaction(db) as conn:
            conn.execute("DELETE FROM claims WHERE id = ?", [found[1]])
        extraction = ClaimExtraction()
        extraction.load(db)
        extraction.reread(db, [int(found[0])])


def fts_query(question: str) -> str | None:
    """The naive FTS5 query for a question: any of its words, each quoted."""
    words = _WORD.findall(question.casefold())
    return " OR ".join(f'"{word}"' for word in words) or None


def _search(db: sqlite3.Connection, query: str) -> list[Any]:
    return db.execute(_FTS_SQL, (query,)).fetchall()


def fts5_peer(db_path: Path, first_questions: list[str], questions: list[str]) -> dict[str, Any]:
    """SQLite FTS5 `MATCH ... ORDER BY rank LIMIT 10` over the stored sentences: the first
    query in a new process (wall time, like `natosg ask` from the shell) for each of
    `first_questions` (those `ask` is timed with in new processes), and warm queries over
    one connection, each of `questions` once."""
    firsts = [q for q in (fts_query(question) for question in first_questions) if q]
    first = [
        _shell([sys.executable, "-c", _FTS_SCRIPT, str(db_path), query], db_path)[1] * 1000
        for query in firsts[:FRESH_RUNS]
    ]
    queries = [q for q in (fts_query(question) for question in questions) if q]
    db = sqlite3.connect(db_path)
    try:
        warm = [timed(partial(_search, db, query))[1] * 1000 for query in queries]
    finally:
        db.close()
    return {
        "first_ms": statistics.median(first),
        "first_runs_ms": first,
        "queries": len(warm),
        "p50_ms": percentile(warm, 0.5),
        "p95_ms": percentile(warm, 0.95),
    }
