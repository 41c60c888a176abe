"""How many model calls and tokens a daily digest costs as the archive grows.

For each archive size: ingest N generated articles and build a digest with a fake
OpenAI-compatible model (a real HTTP server on 127.0.0.1), then ingest a few new articles and
build the next day's digest. The second digest's calls and tokens are the daily cost; it must
stay flat as N grows, because the model only ever sees the digest's own cited sentences.

    python -m bench.llm_cost [SIZES...]
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.corpus import write_corpus
from bot.archive import Archive
from bot.briefing.digests import current_digest
from bot.briefing.llm import llm_backend
from bot.commands import build_registry
from bot.config import load_settings
from bot.dispatch import run_words
from bot.registry import CommandContext
from storage.llm_log import call_totals
from tests.fakes.openai_server import FakeOpenAI

NEW_PER_DAY = 5
_NOTE = re.compile(r"^- note: (?P<text>.*?)\s*(?P<cites>(?:\[\d+\])*)\s*$")


def echo_model(request_json: Any) -> str:
    """A stand-in model that restates each note with its citations."""
    out = []
    for line in request_json["messages"][-1]["content"].splitlines():
        if line.startswith("## "):
            out.append(line.split(" (")[0])
        elif match := _NOTE.match(line):
            out.append(f"{match.group('text')} {match.group('cites')}")
    return "\n".join(out)


@dataclass(frozen=True)
class DailyCost:
    """The model calls and tokens of one daily digest over an archive of `articles`."""

    articles: int
    calls: int
    prompt_tokens: int
    completion_tokens: int
    backend: str


def measure(size: int, workdir: Path, server: FakeOpenAI) -> DailyCost:
    """Ingest `size` articles, digest, add NEW_PER_DAY articles, digest again; the cost of
    the second digest."""
    db_path = workdir / f"llm-{size}.db"
    corpus = workdir / f"corpus-{size}"
    paths = write_corpus(corpus, size + NEW_PER_DAY, seed=size)
    ctx = CommandContext(archive=Archive(db_path), surface="cli")
    run_words(["ingest", *map(str, paths[:size])], ctx, build_registry())
    return daily_cost(db_path, size, paths[size:], server)


def daily_cost(db_path: Path, size: int, new_paths: list[Path], server: FakeOpenAI) -> DailyCost:
    """On an archive of `size` articles already stored at `db_path`: digest, ingest
    `new_paths`, digest the next day; the model calls and tokens of that second digest."""
    ctx = CommandContext(archive=Archive(db_path), surface="cli")
    settings = load_settings(env={**os.environ, "NATOSG_LLM_BASE_URL": server.base_url})
    day = datetime(2024, 6, 1, 7, 0, tzinfo=UTC)
    archive = Archive(db_path)
    with archive.session() as session:
        db = session.db
        current_digest(session, day, llm=llm_backend(settings, db))
        before = call_totals(db, "digest")
    run_words(["ingest", *map(str, new_paths)], ctx, build_registry())
    with archive.session() as session:
        db = session.db
        result = current_digest(session, day + timedelta(days=1), llm=llm_backend(settings, db))
        after = call_totals(db, "digest")
    return DailyCost(
        articles=size,
        calls=after.calls - before.calls,
        prompt_tokens=after.prompt_tokens - before.prompt_tokens,
        completion_tokens=after.completion_tokens - before.completion_tokens,
        backend=result.digest.backend if result.digest else "none",
    )


def run(sizes: list[int]) -> list[DailyCost]:
    """Measure every size with one fake model server."""
    with tempfile.TemporaryDirectory() as folder, FakeOpenAI(default=echo_model) as server:
        return [measure(size, Path(folder), server) for size in sizes]


def table(costs: list[DailyCost]) -> str:
    """The results as a Markdown table."""
    lines = [
        "| archive | calls per daily digest | prompt tokens | completion tokens | backend |",
        "|---:|---:|---:|---:|---|",
    ]
    lines += [
        f"| {c.articles:,} | {c.calls} | {c.prompt_tokens:,} | {c.completion_tokens:,} | "
        f"{c.backend} |"
        for c in costs
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    chosen = [int(arg) for arg in sys.argv[1:]] or [10, 100, 1000]
    print(table(run(chosen)))
