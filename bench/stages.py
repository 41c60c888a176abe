"""One archive size, measured in stages; each stage runs in its own process in a full run.

- `bot`: write the corpus, ingest it (extraction included), ingest it again (all unchanged);
  each command's first call in a new process, from the shell (bench/felt.py); then every
  command over distinct queries in this one long-running process, as the adapters call the
  core; each command's first answer after one new article; then, a day later, a few new
  articles, the bot's cache warm-up and each command's first call; the import time of
  `natosg --help`; the process's peak memory and the database's size.
- `peers`: rank-bm25 and sumy's LexRank side by side with ours (bench/peers.py), and plain
  SQLite FTS5 for `ask` (bench/felt.py).
- `llm`: the model calls and tokens of a daily digest with the fake OpenAI server.

    python -m bench.stages STAGE SIZE WORKDIR QUERIES OUT.json [CORPUS]
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import shutil
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

from bench.corpus import Corpus, generate
from bench.felt import (
    FRESH_RUNS,
    FRESH_SEED,
    after_one_article,
    compile_as_installed,
    fresh_process,
    fts5_peer,
    help_imports,
    served_by_running_bot,
)
from bench.llm_cost import NEW_PER_DAY, daily_cost, echo_model
from bench.measure import Latency, database_bytes, git_commit, peak_rss_mb, timed
from bench.workload import search_queries, workload
from bot.archive import Archive, settle_heap
from bot.commands import build_registry
from bot.dispatch import run_words
from bot.race_results import keep_for_new_processes
from bot.registry import CommandContext, Registry
from bot.warmup import warm
from tests.fakes.openai_server import FakeOpenAI

SEED = 2024
COMMANDS = ("who-backs", "who-opposes", "candidates", "timeline", "ask", "digest")
INTERNAL_ERROR = "Something went wrong"
# A fresh digest build is slow by nature; it is timed over fewer calls.
REBUILDS = 10
LATER_ARTICLES = 5


class BenchError(RuntimeError):
    """A command failed in a way a user would see as a bug (not a missed target)."""


def stored_articles(db_path: Path) -> int:
    """How many articles the archive holds now."""
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])


def later_articles(workdir: Path, size: int, corpus: Corpus) -> Path:
    """A folder of LATER_ARTICLES more articles: the next day in a running bot. Their seed
    counts the articles stored, so that a run on an archive an earlier run added to still
    brings new ones."""
    folder = workdir / f"n{size}" / "later"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    seed = SEED + 1 + stored_articles(paths(workdir, size)[2])
    for article in generate(LATER_ARTICLES, seed=seed, corpus=corpus):
        (folder / f"later-{article.name}").write_text(article.text, encoding="utf-8")
    return folder


def paths(workdir: Path, size: int) -> tuple[Path, Path, Path]:
    """The corpus folder, the folder of next-day articles and the database of one size."""
    base = workdir / f"n{size}"
    return base / "corpus", base / "next-day", base / "natosg.db"


def write_articles(workdir: Path, size: int, kind: Corpus) -> None:
    """The size's corpus and, apart, NEW_PER_DAY more articles for the next day, written by a
    child process: the generator holds every article in memory (over a GiB at 100,000), and the
    process that then ingests them is the one whose peak memory is measured."""
    if "fork" not in multiprocessing.get_all_start_methods():
        _write_articles(workdir, size, kind)
        return
    child = multiprocessing.get_context("fork").Process(
        target=_write_articles, args=(workdir, size, kind)
    )
    child.start()
    child.join()
    if child.exitcode != 0:
        raise BenchError(f"writing the corpus of {size:,} articles failed ({child.exitcode})")


def _write_articles(workdir: Path, size: int, kind: Corpus) -> None:
    corpus, extra, _ = paths(workdir, size)
    articles = generate(size + NEW_PER_DAY, seed=SEED, corpus=kind)
    for folder, chosen in ((corpus, articles[:size]), (extra, articles[size:])):
        folder.mkdir(parents=True, exist_ok=True)
        for article in chosen:
            (folder / article.name).write_text(article.text, encoding="utf-8")


def _run(words: list[str], ctx: CommandContext, registry: Registry) -> float:
    reply, seconds = timed(lambda: run_words(words, ctx, registry)[0])
    error = str(reply.data.get("error", "")) if not reply.ok else ""
    if error.startswith(INTERNAL_ERROR):
        raise BenchError(f"`{' '.join(words)}` failed: {error}")
    return seconds


def _latencies(db_path: Path, queries: int) -> list[Latency]:
    """Each command over `queries` distinct calls in this process, after a first call with
    a query of its own (kept apart: it reads the archive cold). No query is timed twice,
    except for the commands that take none (`candidates`, `digest`)."""
    registry = build_registry()
    ctx = CommandContext(archive=Archive(db_path), surface="slack", is_admin=True)
    results = []
    for command in (*COMMANDS, "digest --rebuild"):
        rebuilds = min(max(queries // 10, 2), REBUILDS)
        count = rebuilds if command == "digest --rebuild" else queries
        calls = workload(command, count + 1)
        first = _run(calls[0], ctx, registry)
        # A running bot settles its heap once its warm-up has worked answers out
        # (bot/warmup.py); this process, answering as the bot does, settles it likewise.
        settle_heap()
        seconds = [_run(words, ctx, registry) for words in calls[1:]]
        results.append(Latency.of(command, seconds, first))
    return results


def _after_warm_up(db_path: Path, folder: Path) -> dict[str, Any]:
    """A day later in a running bot: a few new articles, the bot's background warm-up
    (bot/warmup.py), then each command's first call."""
    registry = build_registry()
    _ingest(db_path, folder)
    archive = Archive(db_path)
    count, warm_s = timed(lambda: warm(archive))
    ctx = CommandContext(archive=archive, surface="slack", is_admin=True)
    first = {command: _run(workload(command, 1)[0], ctx, registry) * 1000 for command in COMMANDS}
    return {"articles": LATER_ARTICLES, "warm_up_s": warm_s, "commands": count, "first_ms": first}


def _ingest(db_path: Path, folder: Path) -> tuple[dict[str, Any], float]:
    ctx = CommandContext(archive=Archive(db_path), surface="cli")
    reply, seconds = timed(lambda: run_words(["ingest", str(folder)], ctx, build_registry())[0])
    if reply.data.get("failed"):
        raise BenchError(f"ingest of {folder} failed for {reply.data['failed']} files")
    return dict(reply.data), seconds


ARCHIVE_RECORD = "archive.json"


def build_archive(size: int, workdir: Path, kind: Corpus = "news") -> dict[str, Any]:
    """Write the size's corpus, ingest it, then ingest it again (all unchanged): the ingest
    figures. They are kept beside the archive (ARCHIVE_RECORD), and a later run with the same
    `--workdir` measures the commands on that archive instead of ingesting it again (at
    100,000 real-length articles the ingest alone takes most of an hour); the report then
    says which commit built it and when."""
    corpus, _, db_path = paths(workdir, size)
    record = workdir / f"n{size}" / ARCHIVE_RECORD
    if record.is_file() and db_path.is_file():
        kept: dict[str, Any] = json.loads(record.read_text(encoding="utf-8"))
        return {**kept, "reused": True}
    write_articles(workdir, size, kind)
    first, ingest_s = _ingest(db_path, corpus)
    again, reingest_s = _ingest(db_path, corpus)
    if again.get("added"):
        raise BenchError(f"re-ingest of an unchanged corpus added {again['added']} articles")
    words = sum(len(path.read_text(encoding="utf-8").split()) for path in corpus.iterdir())
    built = {
        "corpus": kind,
        "words_per_article": words / size,
        "added": first.get("added", 0),
        "near_duplicates": first.get("exists", 0),
        "ingest_s": ingest_s,
        "ingest_per_s": size / ingest_s,
        "reingest_s": reingest_s,
        "reingest_speedup": ingest_s / reingest_s if reingest_s else 0.0,
        "db_bytes": database_bytes(db_path),
        "ingest_peak_rss_mb": peak_rss_mb(),
        "built_by": git_commit(),
        "built_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    record.write_text(json.dumps(built, indent=2), encoding="utf-8")
    return {**built, "reused": False}


def answers_ready_from_nothing(db_path: Path) -> float:
    """What `natosg ingest` typed at the shell does once it has added articles: keep every
    answer ready for the next processes (`keep_for_new_processes`); its seconds."""
    archive = Archive(db_path, answers_once=True)
    with archive.session() as session:
        # As after an ingest: nothing is kept for the archive as it now is.
        session.db.execute("DELETE FROM race_results")
        return timed(lambda: keep_for_new_processes(session))[1]


def stage_bot(size: int, workdir: Path, queries: int, kind: Corpus = "news") -> dict[str, Any]:
    """Ingest (or reuse the archive an earlier run built in `workdir`), keep the answers
    ready as the shell's ingest does, then command latencies, peak memory and database size
    for one size."""
    _, _, db_path = paths(workdir, size)
    built = build_archive(size, workdir, kind)
    answers_ready_s = answers_ready_from_nothing(db_path)
    typed = {c: workload(c, FRESH_RUNS, seed=FRESH_SEED) for c in COMMANDS}
    compile_as_installed()
    fresh = fresh_process(db_path, typed)
    served = served_by_running_bot(db_path, typed)
    latencies = _latencies(db_path, queries)
    one_more = after_one_article(
        db_path,
        workdir / f"n{size}",
        {command: workload(command, 1, seed=13)[0] for command in COMMANDS},
        kind,
        SEED + 2 + stored_articles(db_path),  # new articles, on an archive reused too
    )
    later = _after_warm_up(db_path, later_articles(workdir, size, kind))
    return {
        **built,
        "answers_ready_s": answers_ready_s,
        "fresh_process": fresh,
        "served_by_running_bot": served,
        "after_one_article": one_more,
        "help": help_imports(db_path),
        "size": size,
        "latency": [latency.to_json() for latency in latencies],
        "after_warm_up": later,
        # The bot's high-water mark: its ingest's (in an earlier process when reused) or
        # the commands', whichever is higher.
        "peak_rss_mb": max(peak_rss_mb(), float(built.get("ingest_peak_rss_mb", 0.0))),
        "db_bytes_end": database_bytes(db_path),
    }


def stage_peers(size: int, workdir: Path, queries: int, kind: Corpus = "news") -> dict[str, Any]:
    """Plain FTS5, rank-bm25 and LexRank against ours on the database the bot stage built."""
    from bench import peers

    _, _, db_path = paths(workdir, size)
    first = [" ".join(call[1:]) for call in workload("ask", FRESH_RUNS, seed=FRESH_SEED)]
    questions = [" ".join(call[1:]) for call in workload("ask", queries, seed=17)]
    fts5 = fts5_peer(db_path, first, questions)
    if not peers.available():
        return {"size": size, "fts5": fts5, "skipped": "rank-bm25 or sumy is not installed"}
    return {
        "size": size,
        "fts5": fts5,
        "retrieval": peers.compare_retrieval(db_path, search_queries(max(5, queries // 4))),
        "summary": peers.compare_summaries(db_path),
    }


def stage_llm(size: int, workdir: Path, queries: int, kind: Corpus = "news") -> dict[str, Any]:
    """A daily digest's model calls and tokens over the stored archive of this size."""
    _, extra, db_path = paths(workdir, size)
    new = sorted(extra.iterdir())
    with FakeOpenAI(default=echo_model) as server:
        cost = daily_cost(db_path, size, new, server)
    return {
        "size": size,
        "calls": cost.calls,
        "prompt_tokens": cost.prompt_tokens,
        "completion_tokens": cost.completion_tokens,
        "backend": cost.backend,
    }


STAGES = {"bot": stage_bot, "peers": stage_peers, "llm": stage_llm}


def main(argv: list[str]) -> int:
    """Run one stage and write its result as JSON."""
    stage, size, workdir, queries, out, *rest = argv
    kind: Corpus = "stress" if rest[:1] == ["stress"] else "news"
    result = STAGES[stage](int(size), Path(workdir), int(queries), kind)
    Path(out).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
