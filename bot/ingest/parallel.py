"""Preparing documents in worker processes during a bulk ingest, and reading many stored
articles again (the catch-up after an ingest, `rebuild-claims`).

Cleaning, splitting, shingling and claim extraction are pure and cost more than storing, so
for a large ingest they run in worker processes while this process stores the articles, one
write transaction each, in the order given. The results are the same as preparing in turn:
the workers run the same functions on the same documents.

Workers are forked, so they start at once with everything imported and never re-run the
program's main module; a process that already runs other threads (the bot) is never forked
and prepares in turn instead. Workers only compute: they never touch the database.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from records.people import ArticleReading
from summarizer.text.document import RawDocument
from summarizer.text.preparation import PreparedArticle, UnusableDocument, prepare_document

# Below this many inputs, starting worker processes costs more than it saves.
PARALLEL_FROM = 200
MAX_WORKERS = 4
# Documents in flight at once: enough to keep the workers busy, few enough to bound memory.
WINDOW = 64

T = TypeVar("T")
R = TypeVar("R")
P = TypeVar("P")


# Reads the claims of an article about to be stored (pure, so it can run in a worker).
ClaimReader = Callable[[PreparedArticle], ArticleReading]


@dataclass(frozen=True)
class Prepared:
    """A document prepared in a worker: the article and its claims (None when no claims are
    read), or why the document is unusable."""

    article: PreparedArticle | None
    claims: ArticleReading | None = None
    unusable: str | None = None


def prepare_with(document: RawDocument, read_claims: ClaimReader | None) -> Prepared:
    """Prepare one document and read its claims."""
    try:
        article = prepare_document(document)
    except UnusableDocument as exc:
        return Prepared(None, unusable=str(exc))
    return Prepared(article, read_claims(article) if read_claims else None)


class _Worker:
    """What a worker process was started with: the task it runs on every payload (reading
    with one claim reader and its snapshot of the archive). Handed over once, at the fork,
    rather than pickled with each payload: a reader rebuilt for each document worked out the
    archive's learned people again every time."""

    task: Callable[[Any], Any] | None = None


def _run_in_worker(payload: Any) -> Any:
    assert _Worker.task is not None
    return _Worker.task(payload)


def _start_worker(parent: int, task: Callable[[Any], Any]) -> None:
    """In a worker: keep the task, and leave as soon as the ingesting process is gone
    (killed, say) instead of waiting forever for work that will never come."""
    _Worker.task = task
    # What the worker inherited at the fork (the program, its data, the claim reader's
    # snapshot) lives as long as the worker: kept out of the collector's full passes, which
    # would otherwise walk it again and again (and copy the pages they touch).
    gc.freeze()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _pool(workers: int, task: Callable[[Any], Any]) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(os.getpid(), task),  # forked: inherited, never pickled
    )


def worker_count(inputs: int) -> int:
    """How many worker processes a bulk ingest of `inputs` inputs uses (0: none)."""
    cores = os.cpu_count() or 1
    forkable = "fork" in multiprocessing.get_all_start_methods()
    if inputs < PARALLEL_FROM or cores < 2 or not forkable or threading.active_count() > 1:
        return 0
    # A worker per core, this process sharing one: storing an article takes it about a third
    # of the time a worker takes to read one (measured at 100,000 articles on two cores: this
    # process busy a third of the time beside one fully busy worker).
    return min(MAX_WORKERS, cores)


def in_order(
    items: Iterable[T],
    submit: Callable[[T], RawDocument | None],
    finish: Callable[[T, Prepared | None], R],
    read_claims: ClaimReader | None,
    workers: int,
) -> Iterator[R]:
    """`finish(item, prepared)` for every item, in order. `submit` says which document of an
    item to prepare in a worker (None: the item needs no worker)."""
    pending: deque[tuple[T, Future[Prepared] | None]] = deque()
    with _pool(workers, partial(prepare_with, read_claims=read_claims)) as pool:
        try:
            for item in items:
                document = submit(item)
                future = pool.submit(_run_in_worker, document) if document else None
                pending.append((item, future))
                while len(pending) > WINDOW:
                    yield _finish(pending.popleft(), finish)
            while pending:
                yield _finish(pending.popleft(), finish)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def mapped_in_order(payloads: Iterable[P], task: Callable[[P], R], workers: int) -> Iterator[R]:
    """`task(payload)` for every payload, run in `workers` forked worker processes (the task
    goes with the fork), the results in order. Payloads are taken a window ahead."""
    pending: deque[Future[R]] = deque()
    with _pool(workers, task) as pool:
        try:
            for payload in payloads:
                pending.append(pool.submit(_run_in_worker, payload))
                while len(pending) > WINDOW:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _finish(
    entry: tuple[T, Future[Prepared] | None], finish: Callable[[T, Prepared | None], R]
) -> R:
    item, future = entry
    return finish(item, future.result() if future is not None else None)
