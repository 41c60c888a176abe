"""Every SQL statement about claims and the evidence rows the stance engine reads."""

from __future__ import annotations

import gc
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlite_utils import Database

from records.claims import EvidenceRow, ExtractedClaim

T = TypeVar("T")


_EVIDENCE_SELECT = """
    SELECT c.id, c.kind, c.candidate, c.holder, c.holder_text, c.stance, c.event, c.event_date,
           c.date_from_text, c.reported, c.hedged, c.aggregate, c.grounds, c.description,
           s.id, s.text, a.id, a.source, a.outlet, a.title, a.published, a.published_how, a.url,
           a.duplicate_of
    FROM claims c
    JOIN sentences s ON s.id = c.sentence_id
    JOIN articles a ON a.id = c.article_id
"""
_ORDER = " ORDER BY c.event_date IS NULL DESC, c.event_date, a.published, a.id, s.idx, c.id"


def _row(row: Sequence[Any]) -> EvidenceRow:
    values = list(row)
    # date_from_text, reported and hedged are stored as 0/1.
    values[8:11] = [bool(value) for value in values[8:11]]
    return EvidenceRow(*values)


def replace_article_claims(
    conn: sqlite3.Connection,
    article_id: int,
    sentence_ids: Sequence[int],
    claims: Sequence[ExtractedClaim],
    extractor: str,
) -> int:
    """Replace an article's claims (inside the caller's write transaction); returns the count."""
    conn.execute("DELETE FROM claims WHERE article_id = ?", [article_id])
    conn.executemany(
        """
        INSERT INTO claims (article_id, sentence_id, kind, candidate, holder, holder_text, stance,
            event, event_date, date_from_text, reported, hedged, aggregate, grounds, description,
            extractor)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
            (
                article_id,
                sentence_ids[claim.sentence_idx],
                claim.kind,
                claim.candidate,
                claim.holder,
                claim.holder_text,
                claim.stance,
                claim.event,
                claim.event_date.isoformat() if claim.event_date else None,
                int(claim.date_from_text),
                int(claim.reported),
                int(claim.hedged),
                claim.aggregate,
                claim.grounds,
                claim.description,
                extractor,
            )
            for claim in claims
        ],
    )
    return len(claims)


def article_sentences(db: Database | sqlite3.Connection, article_id: int) -> list[tuple[int, str]]:
    """An article's sentences as (id, text), in order."""
    return [
        (int(row[0]), str(row[1]))
        for row in db.execute(
            "SELECT id, text FROM sentences WHERE article_id = ? ORDER BY idx", [article_id]
        ).fetchall()
    ]


def article_header(
    db: Database | sqlite3.Connection, article_id: int
) -> tuple[str | None, str | None]:
    """An article's published date (ISO) and title, each None when unknown."""
    row = db.execute("SELECT published, title FROM articles WHERE id = ?", [article_id]).fetchone()
    return (row[0], row[1]) if row else (None, None)


class EvidenceRows(list[EvidenceRow]):
    """Evidence rows read from a cached snapshot of the stored claims.

    `snapshot_key` names the snapshot and the filter that chose the rows, so pure functions
    over them can keep their result with the snapshot (`remembered`) until the claims change.
    """

    def __init__(self, rows: Iterable[EvidenceRow], snapshot_key: tuple[Hashable, ...]) -> None:
        super().__init__(rows)
        self.snapshot_key = snapshot_key


@dataclass
class _Snapshot:
    """Every stored claim as evidence rows, at one revision of one database."""

    token: str
    revision: int
    rows: tuple[EvidenceRow, ...]
    derived: OrderedDict[Hashable, Any] = field(default_factory=OrderedDict)


# Parsed claims per database (by its token), so a long-running bot reads them once per
# change rather than on every command. Bounded: a few databases, a few derived results each.
_SNAPSHOTS: OrderedDict[str, _Snapshot] = OrderedDict()
_LOCK = threading.RLock()
MAX_SNAPSHOTS = 3
MAX_DERIVED = 64


# Columns of _EVIDENCE_SELECT whose values repeat across rows: names, dates, article details.
_REPEATED = (1, 2, 3, 4, 5, 6, 7, 17, 18, 19, 20, 21, 22)


def _load_rows(conn: sqlite3.Connection) -> tuple[EvidenceRow, ...]:
    # Hundreds of thousands of new objects would set off the cycle collector again and
    # again (none of them forms a cycle): pause it while loading.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _read_rows(conn)
    finally:
        if paused:
            gc.enable()


def _read_rows(conn: sqlite3.Connection) -> tuple[EvidenceRow, ...]:
    cursor = conn.cursor()
    cursor.row_factory = None
    shared: dict[Any, Any] = {}
    rows = []
    for raw in cursor.execute(_EVIDENCE_SELECT + _ORDER):
        values = list(raw)
        for i in _REPEATED:
            values[i] = shared.setdefault(values[i], values[i])  # one copy of each
        values[8:11] = [bool(value) for value in values[8:11]]
        rows.append(EvidenceRow(*values))
    return tuple(rows)


def data_revision(db: Database) -> tuple[str, int] | None:
    """This database's token and the revision of its articles, sentences and claims, for
    keying caches; None inside a transaction (its changes may roll back) or before the
    counter exists."""
    if db.conn.in_transaction:
        return None
    try:
        found = db.conn.execute("SELECT token, value FROM claim_revision").fetchone()
    except sqlite3.OperationalError:
        return None
    return (str(found[0]), int(found[1])) if found else None


def _snapshot(db: Database) -> _Snapshot | None:
    """The cached claims of this database as they are now; None inside a write transaction
    (whose changes may still roll back) or on a database without the revision counter."""
    conn = db.conn
    if conn.in_transaction:
        return None
    conn.execute("BEGIN")
    try:
        found = conn.execute("SELECT token, value FROM claim_revision").fetchone()
        if found is None:
            return None
        token, revision = str(found[0]), int(found[1])
        with _LOCK:
            snapshot = _SNAPSHOTS.get(token)
            if snapshot is not None and snapshot.revision == revision:
                _SNAPSHOTS.move_to_end(token)
                return snapshot
            # Let go of the stale claims before reading the new ones, not after: two copies
            # of every claim would double the memory peak of each change.
            _SNAPSHOTS.pop(token, None)
            snapshot = None
        snapshot = _Snapshot(token, revision, _load_rows(conn))
    except sqlite3.OperationalError:
        return None  # an old database that has not been migrated yet
    finally:
        conn.execute("COMMIT")
    with _LOCK:
        _SNAPSHOTS[token] = snapshot
        while len(_SNAPSHOTS) > MAX_SNAPSHOTS:
            _SNAPSHOTS.popitem(last=False)
    return snapshot


def claims_in_memory(db: Database) -> bool:
    """Whether this database's claims, as they are now, are already parsed in memory (so the
    next command need not read them)."""
    revision = data_revision(db)
    if revision is None:
        return False
    with _LOCK:
        snapshot = _SNAPSHOTS.get(revision[0])
    return snapshot is not None and snapshot.revision == revision[1]


def _derived(snapshot: _Snapshot, key: Hashable, compute: Callable[[], T]) -> T:
    with _LOCK:
        if key in snapshot.derived:
            snapshot.derived.move_to_end(key)
            return snapshot.derived[key]  # type: ignore[no-any-return]
    value = compute()
    with _LOCK:
        snapshot.derived[key] = value
        while len(snapshot.derived) > MAX_DERIVED:
            snapshot.derived.popitem(last=False)
    return value


def remembered(rows: Iterable[EvidenceRow], label: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, kept with the claims snapshot that `rows` came from until the claims
    change; computed afresh every time for rows of any other origin."""
    key = getattr(rows, "snapshot_key", None)
    if key is None:
        return compute()
    with _LOCK:
        snapshot = _SNAPSHOTS.get(key[0])
    if snapshot is None or snapshot.revision != key[1]:
        return compute()
    return _derived(snapshot, (*key[2:], label), compute)


def _chosen(
    snapshot: _Snapshot, filter_key: tuple[Hashable, ...], keep: Callable[[EvidenceRow], bool]
) -> EvidenceRows:
    key = (snapshot.token, snapshot.revision, *filter_key)
    rows = _derived(snapshot, filter_key, lambda: tuple(row for row in snapshot.rows if keep(row)))
    return EvidenceRows(rows, key)


def evidence_for_candidate(db: Database, candidate: str, kinds: Sequence[str]) -> list[EvidenceRow]:
    """Every claim of the given kinds about one candidate, oldest first."""
    snapshot = _snapshot(db)
    if snapshot is not None:
        wanted = frozenset(kinds)
        return _chosen(
            snapshot,
            ("candidate", candidate, tuple(sorted(wanted))),
            lambda row: row.candidate == candidate and row.kind in wanted,
        )
    marks = ",".join("?" for _ in kinds)
    rows = db.execute(
        _EVIDENCE_SELECT + f" WHERE c.candidate = ? AND c.kind IN ({marks})" + _ORDER,
        [candidate, *kinds],
    ).fetchall()
    return [_row(row) for row in rows]


def evidence_of_kind(db: Database, kinds: Sequence[str]) -> list[EvidenceRow]:
    """Every claim of the given kinds, oldest first."""
    snapshot = _snapshot(db)
    if snapshot is not None:
        wanted = frozenset(kinds)
        return _chosen(snapshot, ("kinds", tuple(sorted(wanted))), lambda row: row.kind in wanted)
    marks = ",".join("?" for _ in kinds)
    rows = db.execute(_EVIDENCE_SELECT + f" WHERE c.kind IN ({marks})" + _ORDER, list(kinds))
    return [_row(row) for row in rows.fetchall()]


def candidate_names(db: Database) -> list[str]:
    """Every name that some claim treats as a candidate."""
    snapshot = _snapshot(db)
    if snapshot is not None:
        return list(
            _derived(
                snapshot,
                "candidate_names",
                lambda: tuple(sorted({row.candidate for row in snapshot.rows if row.candidate})),
            )
        )
    rows = db.execute(
        "SELECT DISTINCT candidate FROM claims WHERE candidate IS NOT NULL ORDER BY candidate"
    )
    return [str(row[0]) for row in rows.fetchall()]


def article_ids(db: Database) -> list[int]:
    """Every article id, oldest first (for re-deriving claims)."""
    return [int(row[0]) for row in db.execute("SELECT id FROM articles ORDER BY id").fetchall()]
