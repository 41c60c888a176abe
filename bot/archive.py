"""The archive: one database as one process sees it, with every cache kept over it.

A process makes one `Archive` (the CLI for its command, `natosg run` for its lifetime) and
hands it to whatever needs the database, through the command context. It opens a connection
per unit of work (`session`) and keeps, per revision of the stored claims:

- every claim, parsed once (`claims`), and the subsets and results derived from them (a
  candidate's stance index, the race view, the timeline), kept in the `ClaimSet` itself;
- search results and counts for `ask` (`search_results`), and what each found sentence
  names (`passage_readings`);
- the candidates, the timeline and the firm backers, kept in the database too
  (`kept_result`), so a new process reads them instead of every claim.

The key of both is the database's revision counter (`claim_revision`, bumped by triggers on
every change of articles, sentences or claims, from this process or another). A new revision
replaces the whole cache; nothing is invalidated piecemeal. Reads inside a write transaction,
whose changes may still roll back, are never cached.

A new revision does not mean reading every claim again. When the counter moved by exactly the
articles stored and the claims stored and removed since (a trigger records each removed claim
id in `claim_removals`; a new article marked as a near-duplicate is updated once more), the
removed claims are dropped from the ones in memory, only the new ones are read and put in
their places, and the change carries the results derived from the earlier claims to extend
(`ClaimSet.grown`); anything else (a claim or an article changed in place or deleted, another
database at that path) reads everything. One read of the claims runs at a
time: a command and the warm-up thread wait for each other's read.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from records.claims import ClaimSet, DerivedResults, EvidenceRow, storage_order, without_rows

if TYPE_CHECKING:
    import sqlite3

    from storage.claims import LastIds
    from storage.db import Database
    from summarizer.text.centrality import WordsMemo

log = logging.getLogger(__name__)
T = TypeVar("T")

Revision = tuple[str, int]
# The claims each read of the race asks for (the same kinds, so the same cached subsets).
RACE_KINDS = ("candidacy", "stance")
TIMELINE_KINDS = ("candidacy", "stance", "event")
MAX_DERIVED_PER_REVISION = 1024  # subsets and splits, and each name's claims read alone
MAX_SEARCH_RESULTS = 512
MAX_PASSAGE_READINGS = 8192  # found sentences recur across questions; each read is small
WARM_CANDIDATES = 12  # whose stances and timeline are computed ahead, most backed first


@dataclass(frozen=True)
class _Loaded:
    """The claims read at one revision and the last ids then stored: what the read of a later
    revision can extend."""

    revision: Revision
    rows: tuple[EvidenceRow, ...]
    last: LastIds
    claims: ClaimSet | None = None  # the set made of them, whose results the next one extends


@dataclass
class _Revision:
    """What is kept for one revision of the archive."""

    revision: Revision
    claims: ClaimSet | None = None
    search_results: DerivedResults = field(
        default_factory=lambda: DerivedResults(MAX_SEARCH_RESULTS)
    )
    passage_readings: DerivedResults = field(
        default_factory=lambda: DerivedResults(MAX_PASSAGE_READINGS)
    )
    # Claims read by id (what kept results cite), so a running process reads each once.
    by_id: dict[int, EvidenceRow] = field(default_factory=dict)
    # Results also kept in the database (`kept_result`), once read or computed here.
    results: DerivedResults = field(default_factory=lambda: DerivedResults(16))
    # Claims about one candidate read straight from SQL while `claims` is not in memory.
    about: DerivedResults = field(default_factory=lambda: DerivedResults(MAX_DERIVED_PER_REVISION))
    loaded: _Loaded | None = None  # set once the claims were read at this revision
    base: _Loaded | None = None  # an earlier revision's claims, until this one's are read


# Allocations between collections of the young objects, in a process holding claims.
YOUNG_COLLECTED_AFTER = 50_000


def settle_heap() -> None:
    """Tell the cyclic garbage collector that what this process holds now lives on (the
    claims and what was derived from them): it stops walking those objects in every full
    collection, a pause that grows with the archive (85 ms at 10,000 articles, in whichever
    command it fell on). They hold no reference cycles, so they are still freed, by their
    reference counts, when a later revision replaces them.

    The young objects are also collected less often than Python's default (every 700
    allocations): a command over a large archive makes its results by the hundred thousand
    objects, and the collector, walking each survivor again and again, took a third of the
    first digest after a new article at 100,000 articles (84 of 254 ms)."""
    gc.freeze()
    young, middle, old = gc.get_threshold()
    if young < YOUNG_COLLECTED_AFTER:
        gc.set_threshold(YOUNG_COLLECTED_AFTER, max(middle, 20), old)


def _extended(
    rows: tuple[EvidenceRow, ...], added: Sequence[EvidenceRow]
) -> tuple[EvidenceRow, ...]:
    """`rows` with the `added` claims (in storage's order) each put in its place."""
    if not added:
        return rows
    merged = list(rows)
    for row in added:
        merged.insert(bisect.bisect_right(merged, storage_order(row), key=storage_order), row)
    return tuple(merged)


@dataclass(frozen=True)
class _Change:
    """What changed among the claims since an earlier read: the claims stored since (new
    rows) and the earlier read's very rows of the claims removed since."""

    added: tuple[EvidenceRow, ...]
    removed: tuple[EvidenceRow, ...]


def _about_key(candidate: str, kinds: frozenset[str]) -> tuple[str, str, frozenset[str]]:
    """Where the claims of these kinds about one candidate are kept among the subsets."""
    return ("candidate", candidate, kinds)


def _part(
    claims: ClaimSet, field: Literal["candidate", "holder"], name: str, kinds: frozenset[str]
) -> ClaimSet:
    """The claims of these kinds whose `field` (candidate or holder) is `name`: the set read
    alone at this revision and adopted, else its part of one split of every claim (split
    once for every name: filtering every claim per name cost a pass over all of them each,
    hundreds of passes in a warm-up at 100,000 articles)."""
    adopted: ClaimSet | None = claims.kept(("subset", (field, name, kinds)))
    if adopted is not None:
        return adopted

    def part_of(row: EvidenceRow) -> str | None:
        if row.kind not in kinds:
            return None
        return row.candidate if field == "candidate" else row.holder

    found = claims.parts((field, kinds), part_of).get(name)
    return found if found is not None else ClaimSet(())


class Archive:
    """One database, its connections, and the caches over it (see the module docstring)."""

    def __init__(self, path: Path, *, answers_once: bool = False) -> None:
        """`answers_once`: this process answers one command and exits (a command typed at
        the shell), so it reads only what that command needs rather than what a running
        bot would keep for the next ones."""
        self.path = path
        self.answers_once = answers_once
        self._kept: _Revision | None = None
        self._lock = threading.Lock()
        self._loading = threading.Lock()  # one reader of all claims at a time
        self._rows_read = 0
        self._subscription_listeners: list[Callable[[], None]] = []
        self._words: WordsMemo | None = None

    @property
    def claim_rows_read(self) -> int:
        """How many claim rows this archive has read from the database into memory so far
        (all of them on a first read, only the new ones after an ingest)."""
        return self._rows_read

    def _count(self, rows: int) -> None:
        with self._lock:
            self._rows_read += rows

    def sentence_words(self) -> WordsMemo:
        """The content words of the sentences digests have ranked, kept for the next digest
        (the same recent articles, plus the new ones)."""
        from summarizer.text.centrality import WordsMemo

        with self._lock:
            if self._words is None:
                self._words = WordsMemo()
            return self._words

    def on_subscriptions_changed(self, listener: Callable[[], None]) -> None:
        """Call `listener` (from any thread) whenever a command changes the subscriptions."""
        with self._lock:
            self._subscription_listeners.append(listener)

    def stop_telling(self, listener: Callable[[], None]) -> None:
        """Forget a listener given to `on_subscriptions_changed`."""
        with self._lock:
            if listener in self._subscription_listeners:
                self._subscription_listeners.remove(listener)

    def subscriptions_changed(self) -> None:
        """Tell the listeners (a running scheduler) that the subscriptions table changed."""
        with self._lock:
            listeners = list(self._subscription_listeners)
        for listener in listeners:
            listener()

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A connection for one unit of work, closed at the end, with this archive's caches."""
        from storage.db import open_database  # the database layer, only once it is used

        db = open_database(self.path)
        try:
            yield Session(self, db)
        finally:
            db.close()

    def revision(self, db: Database) -> Revision | None:
        """The database's identity and change counter (None inside a transaction)."""
        from storage.claims import data_revision

        return data_revision(db.conn)

    def _current(self, db: Database) -> _Revision | None:
        revision = self.revision(db)
        if revision is None:
            return None
        with self._lock:
            kept = self._kept
            if kept is None or kept.revision != revision:
                # Let go of the stale caches first: two copies of every claim would double
                # the memory peak of each change. Only the rows (shared, not copied) stay, as
                # the base the next read extends.
                base = kept.loaded or kept.base if kept is not None else None
                if base is not None and (
                    base.revision[0] != revision[0] or base.revision[1] > revision[1]
                ):
                    base = None
                self._kept = _Revision(revision, base=base)
            return self._kept

    def claims(self, db: Database) -> ClaimSet:
        """Every stored claim, oldest first, parsed once per revision of the archive."""
        from storage.claims import read_all_evidence

        kept = self._current(db)
        if kept is None:
            rows = read_all_evidence(db.conn)
            self._count(len(rows))
            return ClaimSet(rows)
        if kept.claims is not None:
            return kept.claims
        with self._loading:  # a second reader waits for the first instead of reading again
            if kept.claims is None:
                kept.claims = self._read_claims(db, kept)
            return kept.claims

    def _read_claims(self, db: Database, kept: _Revision) -> ClaimSet:
        """The claims at `kept`'s revision: the base's changed by what was stored and removed
        since the base was read, when nothing else changed, else every claim. Called with
        `_loading` held."""
        from storage.claims import last_ids, read_all_evidence

        conn = db.conn
        base = kept.base
        conn.execute("BEGIN")  # one consistent read; the revision is checked inside it
        try:
            found = conn.execute("SELECT token, value FROM claim_revision").fetchone()
            now = (str(found[0]), int(found[1])) if found else None
            change = None
            if base is not None and now is not None and now[0] == base.revision[0]:
                change = self._changes_since(conn, base, now)
            if base is None or change is None:
                # Claims already read alone at this revision are shared, not read twice.
                about = kept.about.items() if now == kept.revision else []
                rows = read_all_evidence(conn, {r.claim_id: r for _, part in about for r in part})
                self._count(len(rows))
            else:
                rows = _extended(without_rows(base.rows, change.removed), change.added)
            last = last_ids(conn)
        finally:
            conn.execute("COMMIT")
        if now != kept.revision:
            # Changed just before reading: use these rows once, and extend them next time.
            kept.base = _Loaded(now, rows, last) if now else None
            return ClaimSet(rows)
        derived = DerivedResults(MAX_DERIVED_PER_REVISION)
        if change is not None and base is not None and base.claims is not None:
            # Results derived from the earlier claims carry over, to extend with the change.
            claims = base.claims.grown(rows, change.added, _extended, derived, change.removed)
        else:
            claims = ClaimSet(rows, derived)
        # A candidate's claims read alone at this revision are the same rows as the subset:
        # kept as that subset, with what was derived from them, for the next revision to extend.
        for key, about in kept.about.items():
            claims.adopt(("subset", key), about)
        kept.base = None
        kept.loaded = _Loaded(now, rows, last, claims) if now else None
        settle_heap()
        return claims

    def _changes_since(
        self, conn: sqlite3.Connection, base: _Loaded, now: Revision
    ) -> _Change | None:
        """The claims stored and removed since `base` was read, when they (with the articles
        stored since) are every change the revision counter counted; else None (a claim or
        an article was changed in place, or removals too old to be kept): every claim must
        be read again."""
        from storage.claims import article_changes_after, read_evidence_after, removals_after

        removed_ids = removals_after(conn, base.last.removal)
        if removed_ids is None:
            return None
        added = read_evidence_after(conn, base.last.claim, base.last.removal)
        self._count(len(added))
        gone = set(removed_ids)
        removed = tuple(row for row in base.rows if row.claim_id in gone) if gone else ()
        # Every insert, deletion and article stored bumps the counter once (and marking a
        # new article as a near-duplicate once more). Per claim id, the inserts since are
        # its removals, plus one if it is stored now, minus one if the base held it.
        inserts = len(removed_ids) + len(added) - len(removed)
        counted = inserts + len(removed_ids) + article_changes_after(conn, base.last.article)
        if now[1] - base.revision[1] != counted:
            return None
        return _Change(added, removed)

    def claims_loaded(self, db: Database) -> bool:
        """Whether the claims as they are now are already in memory."""
        revision = self.revision(db)
        with self._lock:
            kept = self._kept
        return kept is not None and kept.revision == revision and kept.claims is not None

    def holds_claims(self, db: Database) -> bool:
        """Whether this process keeps the claims in memory, as they are now or as of an
        earlier revision that a read of the new claims extends (a running bot, after its
        warm-up or first command): then results derived from them are at hand, extended
        after an ingest, and the rows kept in the database are for new processes."""
        kept = self._current(db)
        return kept is not None and (kept.claims is not None or kept.base is not None)

    def claims_of_kind(self, db: Database, kinds: Sequence[str]) -> ClaimSet:
        """Every claim of these kinds, oldest first."""
        wanted = frozenset(kinds)
        return self.claims(db).subset(("kinds", wanted), lambda row: row.kind in wanted)

    def claims_about(
        self, db: Database, candidate: str, kinds: Sequence[str], until: str | None = None
    ) -> ClaimSet:
        """Every claim of these kinds about one candidate, oldest first: from the claims in
        memory (extended with the new ones after an ingest), else, when none were read yet,
        straight from SQL (a command about one candidate, say the only one a new process
        answers, should not read every claim), kept for this revision.

        `until` (ISO) says the caller needs only the claims that speak for a day up to then
        (a stance as of that day): a process that answers once reads only those."""
        wanted = frozenset(kinds)
        kept = self._current(db)
        if kept is not None and kept.claims is None and kept.base is None:
            key = _about_key(candidate, wanted)
            if key in kept.about:
                return kept.about.get(key, lambda: ClaimSet(()))
            if until is not None and self.answers_once:
                rows, _ = self._read_about(db, kept, candidate, wanted, until=until)
                return rows
            rows, current = self._read_about(db, kept, candidate, wanted)
            return kept.about.get(key, lambda: rows) if current else rows
        return _part(self.claims(db), "candidate", candidate, wanted)

    def claims_by_holder(self, db: Database, holder: str, kinds: Sequence[str]) -> ClaimSet:
        """Every claim of these kinds one holder made, about any candidate, oldest first: from
        the claims in memory, else straight from SQL (a question about one government should
        not read every candidate's claims), kept for this revision."""
        wanted = frozenset(kinds)
        kept = self._current(db)
        if kept is not None and kept.claims is None and kept.base is None:
            key = ("holder", holder, wanted)
            if key in kept.about:
                return kept.about.get(key, lambda: ClaimSet(()))
            rows, current = self._read_about(db, kept, holder, wanted, by_holder=True)
            return kept.about.get(key, lambda: rows) if current else rows
        return _part(self.claims(db), "holder", holder, wanted)

    def _read_about(
        self,
        db: Database,
        kept: _Revision,
        name: str,
        kinds: frozenset[str],
        *,
        by_holder: bool = False,
        until: str | None = None,
    ) -> tuple[ClaimSet, bool]:
        """One candidate's (or, `by_holder`, one holder's) claims of these kinds (up to a
        day, `until`), and whether they were read at `kept`'s revision (then with room for
        derived results; else as they are now, to use once)."""
        from storage.claims import evidence_for_candidate, evidence_of_holder

        conn = db.conn
        conn.execute("BEGIN")  # one consistent read; the revision is checked inside it
        try:
            if by_holder:
                rows = evidence_of_holder(db, name, sorted(kinds))
            else:
                rows = evidence_for_candidate(db, name, sorted(kinds), until)
            found = conn.execute("SELECT token, value FROM claim_revision").fetchone()
        finally:
            conn.execute("COMMIT")
        self._count(len(rows))
        current = found is not None and (str(found[0]), int(found[1])) == kept.revision
        derived = DerivedResults(MAX_DERIVED_PER_REVISION) if current else None
        return ClaimSet(rows, derived), current

    def candidate_names(self, db: Database) -> list[str]:
        """Every name some claim treats as a candidate (straight from SQL when the claims are
        not in memory: a command that only needs names should not read every claim)."""
        from storage.claims import candidate_names

        kept = self._current(db)
        if kept is None or kept.claims is None:
            return candidate_names(db)
        claims = kept.claims

        def names() -> tuple[str, ...]:
            found = claims.earlier("candidate_names")
            # After an ingest only the new claims can name someone new.
            rows, known = (found[1].added, found[0]) if found else (claims, ())
            return tuple(sorted({*known, *(row.candidate for row in rows if row.candidate)}))

        return list(claims.cached("candidate_names", names))

    def kept_result(
        self,
        db: Database,
        name: str,
        code: str,
        compute: Callable[[], T],
        encode: Callable[[T], str],
        decode: Callable[[str], T | None],
    ) -> T:
        """A result derived from every claim, kept in memory and in the database for this
        revision of the archive and this `code` (a fingerprint of what computes it): a new
        process reads its row (`decode`; None when it cannot be read) instead of every claim;
        a miss computes it and stores it for the next process."""
        from storage.results import store_result, stored_result

        kept = self._current(db)
        if kept is None:  # inside a write transaction: nothing to trust or keep
            return compute()
        revision = kept.revision

        def read_or_compute() -> T:
            payload = stored_result(db.conn, name, revision, code)
            value = decode(payload) if payload is not None else None
            if value is None:
                value = compute()
                store_result(db.conn, name, revision, code, encode(value))
            return value

        return kept.results.get((name, code), read_or_compute)

    def claims_by_id(self, db: Database, claim_ids: Sequence[int]) -> dict[int, EvidenceRow]:
        """The stored claims among `claim_ids`, by id (those no longer stored are left out),
        each read from the database once per revision."""
        from storage.claims import evidence_by_id

        kept = self._current(db)
        if kept is None:
            return evidence_by_id(db, claim_ids)
        with self._lock:
            known = {i: kept.by_id[i] for i in claim_ids if i in kept.by_id}
        missing = [i for i in claim_ids if i not in known]
        if not missing:
            return known
        conn = db.conn
        conn.execute("BEGIN")  # one consistent read; the revision is checked inside it
        try:
            found = evidence_by_id(db, missing)
            now = conn.execute("SELECT token, value FROM claim_revision").fetchone()
        finally:
            conn.execute("COMMIT")
        if now is not None and (str(now[0]), int(now[1])) == kept.revision:
            with self._lock:
                kept.by_id.update(found)
        return known | found

    def derived(self, db: Database) -> DerivedResults | None:
        """Results kept in memory for the archive as it is now (None inside a write
        transaction): what is cheap to keep and costly to read again."""
        kept = self._current(db)
        return None if kept is None else kept.results

    def passage_readings(self, db: Database) -> DerivedResults | None:
        """Where what each found sentence names is kept for the archive as it is now (None
        inside a write transaction)."""
        kept = self._current(db)
        return None if kept is None else kept.passage_readings

    def search_results(self, db: Database) -> DerivedResults | None:
        """Where searches and counts are kept for the archive as it is now (None inside a
        write transaction, whose changes may roll back, and while a bulk ingest's sentences
        wait for their full-text entries, whose writing changes no revision)."""
        from storage.full_text import any_pending

        kept = self._current(db)
        if kept is None or any_pending(db.conn):
            return None
        return kept.search_results

    def warm(self) -> int:
        """Compute ahead what users ask for most: every claim, the candidates, the timeline,
        and the stances and timeline of the most-backed candidates. Read-only. Returns how
        many results were computed."""
        from summarizer.race.candidates import summarise_candidates
        from summarizer.race.stances import stance_index
        from summarizer.race.timeline import race_timeline

        started = time.monotonic()
        with self.session() as session:
            summaries = summarise_candidates(session.claims_of_kind(RACE_KINDS))
            race_timeline(session.claims_of_kind(TIMELINE_KINDS))
            computed = 2
            for summary in summaries[:WARM_CANDIDATES]:
                stance_index(summary.name, session.claims_about(summary.name, ["stance"]))
                computed += 1
        log.debug("archive warmed: %d results in %.1f s", computed, time.monotonic() - started)
        return computed


@dataclass(frozen=True)
class Session:
    """One unit of work: an open connection, and the archive whose caches it reads through."""

    archive: Archive
    db: Database

    def claims(self) -> ClaimSet:
        """Every stored claim (see `Archive.claims`)."""
        return self.archive.claims(self.db)

    def claims_of_kind(self, kinds: Sequence[str]) -> ClaimSet:
        """Every claim of these kinds, oldest first."""
        return self.archive.claims_of_kind(self.db, kinds)

    def claims_about(
        self, candidate: str, kinds: Sequence[str], until: date | None = None
    ) -> ClaimSet:
        """Every claim of these kinds about one candidate, oldest first; with `until`, at
        least those that speak for a day up to then (see `Archive.claims_about`)."""
        day = until.isoformat() if until else None
        return self.archive.claims_about(self.db, candidate, kinds, day)

    def claims_by_holder(self, holder: str, kinds: Sequence[str]) -> ClaimSet:
        """Every claim of these kinds one holder made, oldest first."""
        return self.archive.claims_by_holder(self.db, holder, kinds)

    def candidate_names(self) -> list[str]:
        """Every name some claim treats as a candidate."""
        return self.archive.candidate_names(self.db)

    def holds_claims(self) -> bool:
        """Whether this process keeps the claims in memory (see `Archive.holds_claims`)."""
        return self.archive.holds_claims(self.db)

    def search_results(self) -> DerivedResults | None:
        """Where this revision's searches are kept (see `Archive.search_results`)."""
        return self.archive.search_results(self.db)

    def passage_readings(self) -> DerivedResults | None:
        """Where this revision's readings of found sentences are kept."""
        return self.archive.passage_readings(self.db)

    def claims_by_id(self, claim_ids: Sequence[int]) -> dict[int, EvidenceRow]:
        """The stored claims among `claim_ids`, by id (see `Archive.claims_by_id`)."""
        return self.archive.claims_by_id(self.db, claim_ids)

    def derived(self) -> DerivedResults | None:
        """Results kept in memory for this revision (see `Archive.derived`)."""
        return self.archive.derived(self.db)

    def kept_result(
        self,
        name: str,
        code: str,
        compute: Callable[[], T],
        encode: Callable[[T], str],
        decode: Callable[[str], T | None],
    ) -> T:
        """A result kept in memory and in the database (see `Archive.kept_result`)."""
        return self.archive.kept_result(self.db, name, code, compute, encode, decode)
