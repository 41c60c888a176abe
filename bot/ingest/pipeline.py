"""Ingest: inputs (files, folders, URLs, feeds) to stored, linked articles.

Each article is stored in its own write transaction, so a crash or a bad input never
leaves half an article and never loses what was stored before.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from sqlite_utils import Database

from bot.ingest.netguard import AddressPolicy
from bot.ingest.readers import ReadError, iter_article_files, read_article_file
from bot.ingest.web_source import is_url, read_url
from storage import articles as article_store
from storage.db import write_transaction
from summarizer.document import RawDocument
from summarizer.overlap import COMMON_SHINGLE_CAP, judge_overlap
from summarizer.preparation import PreparedArticle, UnusableDocument, prepare_document

log = logging.getLogger(__name__)

Status = Literal["added", "exists", "failed", "skipped"]


@dataclass(frozen=True)
class IngestResult:
    """What happened to one input (or one article inside a feed or JSON list)."""

    source: str
    status: Status
    article_id: int | None = None
    title: str | None = None
    reason: str | None = None
    sentences: int = 0
    linked_to: tuple[int, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, object]:
        """The result as a JSON object."""
        return {
            "source": self.source,
            "status": self.status,
            "article_id": self.article_id,
            "title": self.title,
            "reason": self.reason,
            "sentences": self.sentences,
            "linked_to": list(self.linked_to),
        }


@dataclass(frozen=True)
class _Item:
    source: str
    document: RawDocument | None = None
    error: str | None = None
    note: str | None = None


ArticleHook = Callable[[Database, int], object]


def _expand(inputs: Sequence[str], policy: AddressPolicy) -> Iterator[_Item]:
    for given in inputs:
        if is_url(given):
            for item in read_url(given, policy):
                yield _Item(item.source, item.document, item.error, item.note)
            continue
        path = Path(given)
        if path.is_dir():
            files = list(iter_article_files(path))
            if not files:
                yield _Item(given, error="no .txt, .md, .html or .json files in this folder")
            for file in files:
                yield from _read_file(file)
        elif path.exists():
            yield from _read_file(path)
        else:
            yield _Item(given, error="no such file or folder (and not an http(s) URL)")


def _display_path(path: Path) -> str:
    """The path as a user would write it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _read_file(path: Path) -> Iterator[_Item]:
    try:
        documents = read_article_file(path, _display_path(path))
    except ReadError as exc:
        yield _Item(_display_path(path), error=exc.reason)
        return
    for document in documents:
        yield _Item(document.source, document=document)


def count_inputs(inputs: Sequence[str]) -> int:
    """How many files or URLs an ingest will read (for the progress bar)."""
    total = 0
    for given in inputs:
        path = Path(given)
        total += sum(1 for _ in iter_article_files(path)) if path.is_dir() else 1
    return total


class Ingestor:
    """Stores documents in one database; `after_insert` hooks run inside the same transaction."""

    def __init__(
        self,
        db: Database,
        *,
        policy: AddressPolicy | None = None,
        after_insert: Sequence[ArticleHook] = (),
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.db = db
        self.policy = policy or AddressPolicy()
        self.after_insert = tuple(after_insert)
        self.clock = clock

    def ingest(
        self, inputs: Sequence[str], on_item: Callable[[IngestResult], None] | None = None
    ) -> list[IngestResult]:
        """Ingest every input; one bad input is reported and the others go on."""
        results = []
        for item in _expand(inputs, self.policy):
            result = self._ingest_item(item)
            results.append(result)
            if on_item:
                on_item(result)
        return results

    def _ingest_item(self, item: _Item) -> IngestResult:
        if item.note is not None:
            return IngestResult(item.source, "skipped", reason=item.note)
        if item.document is None:
            return IngestResult(item.source, "failed", reason=item.error or "unreadable")
        try:
            prepared = prepare_document(item.document)
        except UnusableDocument as exc:
            return IngestResult(item.source, "failed", reason=str(exc))
        return self.store(prepared)

    def store(self, prepared: PreparedArticle) -> IngestResult:
        """Store one prepared article unless its content is already stored."""
        existing = article_store.find_by_hash(self.db, prepared.content_hash)
        if existing is not None:
            return IngestResult(
                prepared.source, "exists", article_id=existing, title=prepared.title
            )
        with write_transaction(self.db) as conn:
            # Checked again under the write lock: another process may have stored it.
            existing = article_store.find_by_hash(self.db, prepared.content_hash)
            if existing is not None:
                return IngestResult(
                    prepared.source, "exists", article_id=existing, title=prepared.title
                )
            article_id = article_store.insert_article(
                conn, self._new_article(prepared), _sentences(prepared)
            )
            linked = self._link(conn, article_id, prepared)
            article_store.insert_shingles(conn, article_id, prepared.shingles)
            for hook in self.after_insert:
                hook(self.db, article_id)
        log.info("stored article %s from %s", article_id, prepared.source)
        return IngestResult(
            prepared.source,
            "added",
            article_id=article_id,
            title=prepared.title,
            sentences=len(prepared.sentences),
            linked_to=linked,
        )

    def _new_article(self, prepared: PreparedArticle) -> article_store.NewArticle:
        return article_store.NewArticle(
            source=prepared.source,
            source_kind=prepared.source_kind,
            url=prepared.url,
            content_hash=prepared.content_hash,
            outlet=prepared.outlet,
            title=prepared.title,
            published=prepared.published.isoformat() if prepared.published else None,
            published_how=prepared.published_how,
            language=prepared.language,
            body=prepared.body,
            raw=prepared.raw,
            ingested_at=self.clock().isoformat(timespec="seconds"),
        )

    def _link(
        self, conn: sqlite3.Connection, article_id: int, prepared: PreparedArticle
    ) -> tuple[int, ...]:
        counts = article_store.shared_shingle_counts(
            conn, prepared.shingles, common_cap=COMMON_SHINGLE_CAP
        )
        linked = []
        for other_id, shared in sorted(counts.items()):
            verdict = judge_overlap(
                shared, len(prepared.shingles), article_store.shingle_count(conn, other_id)
            )
            if verdict is None:
                continue
            article_store.insert_link(
                conn,
                article_id,
                other_id,
                article_store.ArticleLink(
                    other_id, verdict.kind, verdict.shared, verdict.containment
                ),
            )
            linked.append(other_id)
        return tuple(linked)


def _sentences(prepared: PreparedArticle) -> list[article_store.NewSentence]:
    return [
        article_store.NewSentence(idx=i, char_start=s.start, char_end=s.end, text=s.text)
        for i, s in enumerate(prepared.sentences)
    ]
