"""`ingest PATH_OR_URL...`: add articles from files, folders, URLs and feeds."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from bot.ingest.inputs import Inputs
from bot.ingest.netguard import AddressPolicy
from bot.ingest.pipeline import Ingestor, IngestResult
from bot.registry import CommandContext
from bot.reply import Line, Reply, Section

log = logging.getLogger(__name__)


def _describe(result: IngestResult) -> str:
    if result.status == "added":
        links = (
            ", shares passages with " + ", ".join(f"#{other}" for other in result.linked_to)
            if result.linked_to
            else ""
        )
        title = result.title or result.source
        return f"added #{result.article_id} “{title}” ({result.sentences} sentences{links})"
    if result.status == "exists":
        return f"already stored as #{result.article_id}: {result.source}"
    if result.status == "skipped":
        return f"note: {result.source}: {result.reason}"
    return f"failed: {result.source}: {result.reason}"


def ingest_inputs(
    ctx: CommandContext,
    inputs: list[str] | Inputs,
    progress: Callable[[IngestResult], None] | None = None,
) -> list[IngestResult]:
    """Ingest inputs into the context's database with the configured fetch policy."""
    settings = ctx.settings
    with ctx.archive.session() as session:
        db = session.db
        from bot.ingest.claims import ClaimExtraction

        ingestor = Ingestor(
            db, policy=AddressPolicy.from_env(settings.fetch_allow), claims=ClaimExtraction()
        )
        return ingestor.ingest(inputs, on_item=progress)


def results_reply(results: list[IngestResult]) -> Reply:
    """Summarise ingest results: one line per input, counts in the title."""
    added = sum(r.status == "added" for r in results)
    exists = sum(r.status == "exists" for r in results)
    failed = sum(r.status == "failed" for r in results)
    skipped = sum(r.status == "skipped" for r in results)
    title = f"Ingested: {added} added, {exists} already stored, {failed} failed"
    if skipped:
        title += f" (feed entries skipped: see the note{'s' if skipped > 1 else ''})"
    return Reply(
        command="ingest",
        title=title,
        sections=(Section(None, tuple(Line(_describe(r)) for r in results)),),
        data={
            "added": added,
            "exists": exists,
            "failed": failed,
            "skipped": skipped,
            "results": [r.to_json() for r in results],
        },
        ok=failed == 0,
    )


def _progress_for_terminal(total: int) -> tuple[Callable[[IngestResult], None] | None, Any]:
    if total < 5 or not sys.stderr.isatty():
        return None, None
    from rich.progress import Progress

    progress = Progress(transient=True)
    task = progress.add_task("Ingesting", total=total)
    progress.start()

    def advance(_: IngestResult) -> None:
        progress.advance(task)

    return advance, progress


def keep_answers_ready(ctx: CommandContext, results: list[IngestResult]) -> float | None:
    """After an ingest typed at the shell that added articles, compute what the next
    commands read instead of every claim (`keep_for_new_processes`): the time that took, or
    None when there was nothing to do. A running bot on this database does it in its own
    warm-up, within half a minute; a failure leaves the next command to compute what it
    needs, and never fails the ingest."""
    if not ctx.archive.answers_once or not any(r.status == "added" for r in results):
        return None
    from bot.instance import bot_is_running

    if bot_is_running(ctx.archive.path):
        return None
    from bot.race_results import keep_for_new_processes

    started = time.monotonic()
    try:
        with ctx.archive.session() as session:
            keep_for_new_processes(session)
    except Exception as exc:  # the articles are stored; the next command computes instead
        log.warning("could not keep the answers ready: %s", type(exc).__name__)
        return None
    return time.monotonic() - started


def handle_ingest(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """Ingest the given inputs and report each one; from the shell, then keep the answers
    ready for the next commands."""
    inputs = Inputs([str(value) for value in values.get("inputs", [])])
    advance, progress = (None, None)
    if ctx.surface == "cli":
        advance, progress = _progress_for_terminal(len(inputs))
    try:
        results = ingest_inputs(ctx, inputs, advance)
    finally:
        if progress is not None:
            progress.stop()
    reply = results_reply(results)
    seconds = keep_answers_ready(ctx, results)
    if seconds is None:
        return reply
    return replace(
        reply,
        data={**reply.data, "answers_ready_s": round(seconds, 3)},
        note=f"Answers kept ready for the next commands ({seconds:.1f} s).",
    )
