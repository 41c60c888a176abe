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
from typing import Literal

from bot.ingest.claims import ClaimExtraction
from bot.ingest.inputs import Inputs, Item
from bot.ingest.netguard import AddressPolicy
from bot.ingest.parallel import Prepared, in_order, worker_count
from records.people import ArticleReading
from storage import articles as article_store
from storage import full_text
from storage.db import Database, write_transaction
from storage.fingerprints import known_document, remember_document
from storage.passages import source_is_stored
from summarizer.text.document import RawDocument
from summarizer.text.overlap import (
    COMMON_SHINGLE_CAP,
    MIN_SHARED_SHINGLES,
    SHINGLE_SAMPLE,
    judge_overlap,
    may_overlap,
    sentence_keys,
)
from summarizer.text.preparation import (
    MIN_BODY_CHARS,
    PreparedArticle,
    UnusableDocument,
    content_hash,
    prepare_document,
)
from summarizer.text.textmeta import read_plain_text

log = logging.getLogger(__name__)

Status = Literal["added", "exists", "failed", "skipped"]
BULK_CHECKPOINT_PAGES = 20_000
# Shingle counts of stored articles kept by one ingestor (an int pair each).
SHINGLE_COUNTS_KEPT = 200_000
# Stock-phrase shingles kept by one ingestor (an int each): a few MB.
COMMON_SHINGLES_KEPT = 500_000


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


class Ingestor:
    """Stores documents in one database, with their claims when given a `ClaimExtraction`
    (read in workers during a bulk ingest, stored in the article's transaction)."""

    def __init__(
        self,
        db: Database,
        *,
        policy: AddressPolicy | None = None,
        claims: ClaimExtraction | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parallel: bool = True,
    ) -> None:
        self.db = db
        self.parallel = parallel
        self.policy = policy or AddressPolicy()
        self.claims = claims
        self.clock = clock
        self._shingle_counts: dict[int, int] = {}
        # Shingles found held by COMMON_SHINGLE_CAP articles or more (stock phrases): no
        # article stored later can make them rare again, so they are not looked up again.
        self._common_shingles: set[int] = set()
        # While `ingest` runs, sentences' full-text entries are written FULL_TEXT_BATCH
        # articles at a time (storage/full_text.py); `_waiting` articles wait for theirs.
        self._full_text_later = False
        self._waiting = 0

    def ingest(
        self,
        inputs: Sequence[str] | Inputs,
        on_item: Callable[[IngestResult], None] | None = None,
    ) -> list[IngestResult]:
        """Ingest every input (as given, or already listed); one bad input is reported and
        the others go on."""
        listed = inputs if isinstance(inputs, Inputs) else Inputs(inputs)
        results = []
        conn = self.db.conn
        self._shingle_counts.clear()  # an id may be reused once its article was deleted
        self._common_shingles.clear()  # and a phrase be rare again
        # Each article's commit touches a few hundred scattered pages (shingles, the FTS
        # index); checkpointing the log every 1,000 pages would copy them into the database
        # over and over during a bulk ingest. Checkpoint less often while ingesting.
        previous = int(conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
        conn.execute(f"PRAGMA wal_autocheckpoint = {max(previous, BULK_CHECKPOINT_PAGES)}")
        if self.claims is not None:
            self.claims.load(self.db)
        self._full_text_later = True
        finished = False
        try:
            for result in self._outcomes(listed):
                results.append(result)
                if on_item:
                    on_item(result)
            finished = True
        finally:
            self._full_text_later = False
            conn.execute(f"PRAGMA wal_autocheckpoint = {previous}")
            # Before the catch-up, which finds articles by their words; and however the
            # loop ended (what is not written now waits for the next store).
            try:
                self._index_pending()
            except Exception:
                if finished:
                    raise
                # The loop's own error says what went wrong (a full disk, say), not this.
                log.warning("full-text entries left for the next store", exc_info=True)
        self.catch_up()
        return results

    def _index_pending(self) -> None:
        """Write the full-text entries still pending, if any (this ingest's, or those an
        ingest that stopped half-way left)."""
        self._waiting = 0
        if full_text.any_pending(self.db.conn):
            with write_transaction(self.db) as conn:
                full_text.index_pending(conn)

    def catch_up(self) -> int:
        """Re-read stored articles that name people the articles just stored taught (see
        ClaimExtraction.catch_up); returns how many were re-read."""
        return self.claims.catch_up(self.db) if self.claims is not None else 0

    def _outcomes(self, inputs: Inputs) -> Iterator[IngestResult]:
        """Each input's outcome, in order; a bulk ingest prepares documents in workers."""
        items = inputs.items(self.policy)
        workers = worker_count(len(inputs)) if self.parallel else 0
        if workers == 0:
            yield from (self._ingest_item(item) for item in items)
            return
        read_claims = self.claims.read if self.claims else None
        yield from in_order(items, self._to_prepare, self._finish, read_claims, workers)

    def _to_prepare(self, item: Item) -> RawDocument | None:
        """The document a worker should prepare: not an unreadable one, nor one ingested
        before (which `_ingest_item` recognises by its fingerprint)."""
        if item.note is not None or item.document is None:
            return None
        if self._known(item) is not None:
            return None
        return item.document

    def _finish(self, item: Item, prepared: Prepared | None) -> IngestResult:
        if prepared is None:
            return self._ingest_item(item)
        if prepared.article is None:
            return IngestResult(item.source, "failed", reason=prepared.unusable)
        assert item.document is not None
        return self.store(prepared.article, prepared.claims, item.fingerprint)

    def _ingest_item(self, item: Item) -> IngestResult:
        if item.note is not None:
            return IngestResult(item.source, "skipped", reason=item.note)
        if item.document is None:
            return IngestResult(item.source, "failed", reason=item.error or "unreadable")
        known = self._known(item) or self._already_stored(item)
        if known is not None:
            return known
        try:
            prepared = prepare_document(item.document)
        except UnusableDocument as exc:
            return IngestResult(item.source, "failed", reason=str(exc))
        return self.store(prepared, fingerprint=item.fingerprint)

    def _known(self, item: Item) -> IngestResult | None:
        """This exact document, ingested before from the same source: found by fingerprint."""
        assert item.document is not None
        source = item.document.source
        known = known_document(self.db, source, item.fingerprint)
        if known is None:
            return None
        return IngestResult(source, "exists", article_id=known.article_id, title=known.title)

    def _already_stored(self, item: Item) -> IngestResult | None:
        """The stored article with this document's content, found by the hash of its clean
        body before the costlier rest of the preparation (sentences, shingles): for a source
        stored before fingerprints were kept. None when it is new (or unusable)."""
        document = item.document
        assert document is not None
        if not source_is_stored(self.db, document.source):
            return None
        meta = read_plain_text(document.text)
        if len(meta.body.strip()) < MIN_BODY_CHARS:
            return None
        existing = article_store.find_by_hash(self.db, content_hash(meta.body))
        if existing is None:
            return None
        title = document.title or meta.title
        self._remember(document.source, item.fingerprint, existing, title)
        return IngestResult(document.source, "exists", article_id=existing, title=title)

    def _remember(
        self, source: str, print_: str | None, article_id: int, title: str | None
    ) -> None:
        if print_ is not None:
            with write_transaction(self.db) as conn:
                remember_document(conn, source, print_, article_id, title)

    def store(
        self,
        prepared: PreparedArticle,
        claims: ArticleReading | None = None,
        fingerprint: str | None = None,
    ) -> IngestResult:
        """Store one prepared article unless its content is already stored, with its claims
        (`claims` when a worker already read them); the document's `fingerprint`, when
        given, is kept to recognise it next time."""
        existing = article_store.find_by_hash(self.db, prepared.content_hash)
        if existing is not None:
            self._remember(prepared.source, fingerprint, existing, prepared.title)
            return IngestResult(
                prepared.source, "exists", article_id=existing, title=prepared.title
            )
        with write_transaction(self.db) as conn:
            # Checked again under the write lock: another process may have stored it.
            existing = article_store.find_by_hash(self.db, prepared.content_hash)
            if existing is not None:
                if fingerprint is not None:
                    remember_document(conn, prepared.source, fingerprint, existing, prepared.title)
                return IngestResult(
                    prepared.source, "exists", article_id=existing, title=prepared.title
                )
            article_id = article_store.insert_article(conn, self._new_article(prepared))
            sentence_ids = article_store.insert_sentences(
                conn, article_id, _sentences(prepared), full_text_later=self._full_text_later
            )
            self._write_full_text(conn)
            linked = self._link(conn, article_id, prepared)
            article_store.insert_shingles(conn, article_id, prepared.shingles)
            if self.claims is not None:
                self.claims.ensure_loaded(self.db)
                found = claims if claims is not None else self.claims.read(prepared)
                self.claims.store(self.db, article_id, sentence_ids, found)
            if fingerprint is not None:
                remember_document(conn, prepared.source, fingerprint, article_id, prepared.title)
        log.info("stored article %s from %s", article_id, prepared.source)
        return IngestResult(
            prepared.source,
            "added",
            article_id=article_id,
            title=prepared.title,
            sentences=len(prepared.sentences),
            linked_to=linked,
        )

    def _write_full_text(self, conn: sqlite3.Connection) -> None:
        # Within the article's transaction: every FULL_TEXT_BATCH articles of an ingest, or
        # at once for an article stored on its own when an earlier ingest left some pending.
        if self._full_text_later:
            self._waiting += 1
            if self._waiting < full_text.FULL_TEXT_BATCH:
                return
        elif not full_text.any_pending(conn):
            return
        full_text.index_pending(conn)
        self._waiting = 0

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

    def _shingle_count(self, conn: sqlite3.Connection, article_id: int) -> int:
        # A stored article's shingles never change, and the same wire stories overlap with
        # article after article of a bulk ingest: counted once each.
        count = self._shingle_counts.get(article_id)
        if count is None:
            count = article_store.shingle_count(conn, article_id, SHINGLE_SAMPLE)
            if len(self._shingle_counts) >= SHINGLE_COUNTS_KEPT:
                self._shingle_counts.clear()
            self._shingle_counts[article_id] = count
        return count

    def _link(
        self, conn: sqlite3.Connection, article_id: int, prepared: PreparedArticle
    ) -> tuple[int, ...]:
        if len(self._common_shingles) >= COMMON_SHINGLES_KEPT:
            self._common_shingles.clear()
        counts = article_store.shared_shingle_counts(
            conn,
            prepared.shingles - self._common_shingles,
            common_cap=COMMON_SHINGLE_CAP,
            common=self._common_shingles,
        )
        linked = []
        own: frozenset[str] | None = None
        for other_id, shared in sorted(counts.items()):
            if shared < MIN_SHARED_SHINGLES:
                continue  # too few to link whatever the other's size: not worth reading it
            size = len(prepared.shingles)
            other_size = self._shingle_count(conn, other_id)
            if not may_overlap(shared, size, other_size):
                continue  # a few stock phrases; no need to read the other's sentences
            own = own or sentence_keys(s.text for s in prepared.sentences)
            theirs = sentence_keys(article_store.sentence_texts(conn, other_id))
            fewest = min(len(own), len(theirs))
            verdict = judge_overlap(shared, size, other_size, len(own & theirs), fewest)
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
