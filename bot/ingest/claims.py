"""Claim extraction as a step of ingest: read from the article being stored, stored with it.

A bulk ingest reads claims in a worker process (`read`, pure) and stores them in the
article's write transaction (`store`); `reread` reads them again from what is stored (after
the rules change: `rebuild-claims`), in workers too when there are many.

Every article is read with what the archive has learned of who is who
(summarizer/entities/learned.py): `load` takes a snapshot before an ingest, and when an
article teaches a person the snapshot did not know, `catch_up` re-reads the stored articles
that name them, so "Lykkegaard" in yesterday's article is read as today's taught it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from bot.ingest.parallel import mapped_in_order, worker_count
from records.people import ArticleReading
from storage.claims import (
    article_header,
    article_sentences,
    replace_article_claims,
    update_article_claims,
)
from storage.db import Database, write_transaction
from storage.people import archive_sightings, articles_naming, replace_article_sightings
from summarizer.entities.learned import LearnedResolvers, WhoIsWho, surname_of
from summarizer.entities.resolver import EntityResolver
from summarizer.extraction.reader import EXTRACTOR, read_article
from summarizer.text.preparation import PreparedArticle

log = logging.getLogger(__name__)

# At most this many stored articles are re-read when one article teaches new people (the
# rest wait for `rebuild-claims`); enough for a race's coverage, bounded for a huge archive.
CATCH_UP_LIMIT = 2000
# A learned surname in more articles than this, and in a quarter of the archive, is a word.
COMMON_WORD_ARTICLES = 200


class StoredArticle(NamedTuple):
    """A stored article as it is read again: its sentences (ids and texts), day and title."""

    article_id: int
    sentence_ids: tuple[int, ...]
    texts: tuple[str, ...]
    published: date | None
    title: str | None


class Reread(NamedTuple):
    """What reading a stored article again found, for its sentences."""

    article_id: int
    sentence_ids: tuple[int, ...]
    reading: ArticleReading


class ClaimExtraction:
    """Reads an article's claims with the archive's who-is-who and stores them with it."""

    def __init__(self) -> None:
        self._resolvers = LearnedResolvers(EntityResolver.default())
        self.known = WhoIsWho()
        self._people: frozenset[str] = frozenset()
        self._taught: set[str] = set()  # names learned since the snapshot
        self._loaded = False
        # A watch poller stores from several threads: what was taught is shared between them.
        self._lock = threading.Lock()

    # `read` runs in worker processes: what is sent is the snapshot, not the resolvers
    # (each worker has the bundled resolver already, and builds the learned one once).
    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        del state["_resolvers"], state["_lock"]
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._resolvers = LearnedResolvers(EntityResolver.default())
        self._lock = threading.Lock()

    def load(self, db: Database) -> None:
        """Take a snapshot of what the archive knows of who is who (before an ingest)."""
        self.known = WhoIsWho.of(archive_sightings(db))
        self._people = self._learned_names(self.known)
        self._loaded = True

    def ensure_loaded(self, db: Database) -> None:
        """Take the snapshot unless one was taken (an article stored on its own)."""
        if not self._loaded:
            self.load(db)

    def read(self, prepared: PreparedArticle) -> ArticleReading:
        """The claims of an article about to be stored (pure: runs in workers too)."""
        return read_article(
            [sentence.text for sentence in prepared.sentences],
            prepared.published,
            self._resolvers.for_knowledge(self.known),
            title=prepared.title,
            known=self.known,
        )

    def store(
        self,
        db: Database,
        article_id: int,
        sentence_ids: Sequence[int],
        reading: ArticleReading,
    ) -> int:
        """Store what `read` found, for the article and sentences just inserted."""
        self._keep_sightings(db, article_id, reading)
        return replace_article_claims(db.conn, article_id, sentence_ids, reading.claims, EXTRACTOR)

    def _keep_sightings(self, db: Database, article_id: int, reading: ArticleReading) -> None:
        replace_article_sightings(db.conn, article_id, reading.sightings)
        base = self._resolvers.base
        taught = {
            s.name
            for s in reading.sightings
            if (s.country or s.contender)
            and s.name not in self._people
            and base.entity(s.name) is None
        }
        with self._lock:
            self._taught |= taught

    def catch_up(self, db: Database) -> int:
        """After storing articles: when they taught people the snapshot lacked, take a new
        snapshot and re-read the stored articles that name them. Returns how many."""
        with self._lock:
            taught, self._taught = self._taught, set()
        if not taught:
            return 0
        self.load(db)
        new = {name for name in taught if name in self._people}
        if not new:
            return 0
        ids = self._naming(db, {surname_of(name) for name in new})
        self.reread(db, ids[:CATCH_UP_LIMIT])
        if len(ids) > CATCH_UP_LIMIT:
            log.warning(
                "%d articles name people learned just now; %d re-read, run rebuild-claims "
                "for the rest",
                len(ids),
                CATCH_UP_LIMIT,
            )
        return min(len(ids), CATCH_UP_LIMIT)

    def _naming(self, db: Database, surnames: set[str]) -> list[int]:
        # A "surname" found in a large share of the archive is a word, not a name someone
        # learned ("Sea" of a misread "Black Sea"): re-reading for it would read everything.
        total = int(db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        found: set[int] = set()
        for surname in sorted(surnames):
            ids = articles_naming(db, [surname])
            if len(ids) > max(COMMON_WORD_ARTICLES, total // 4):
                log.info("not re-reading for %r: %d articles use the word", surname, len(ids))
                continue
            found.update(ids)
        return sorted(found)

    def reread(self, db: Database, article_ids: Sequence[int]) -> int:
        """Read stored articles again, from their stored sentences, with this snapshot of who
        is who, and replace their claims, one write transaction each (after the rules change,
        or when an ingest taught new people). Many are read in worker processes, as a bulk
        ingest reads. Returns how many claims they now hold."""
        stored = (self._stored(db, article_id) for article_id in article_ids)
        workers = worker_count(len(article_ids))
        readings = (
            mapped_in_order(stored, self.read_stored, workers)
            if workers
            else map(self.read_stored, stored)
        )
        total = 0
        for article_id, sentence_ids, reading in readings:
            with write_transaction(db):
                self._keep_sightings(db, article_id, reading)
                total += update_article_claims(
                    db.conn, article_id, sentence_ids, reading.claims, EXTRACTOR
                )
        return total

    def read_stored(self, stored: StoredArticle) -> Reread:
        """A stored article's claims and sightings, read again (pure: runs in workers too)."""
        reading = read_article(
            list(stored.texts),
            stored.published,
            self._resolvers.for_knowledge(self.known),
            title=stored.title,
            known=self.known,
        )
        return Reread(stored.article_id, stored.sentence_ids, reading)

    @staticmethod
    def _stored(db: Database, article_id: int) -> StoredArticle:
        sentences = article_sentences(db, article_id)
        published, title = article_header(db, article_id)
        return StoredArticle(
            article_id,
            tuple(sentence_id for sentence_id, _ in sentences),
            tuple(text for _, text in sentences),
            date.fromisoformat(published) if published else None,
            title,
        )

    def _learned_names(self, known: WhoIsWho) -> frozenset[str]:
        # The memoised keys: the resolver for this snapshot is built from the same ones.
        return frozenset(key[0] for key in known.people_keys(self._resolvers.base))
