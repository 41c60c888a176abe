"""Every SQL statement about claims and the evidence rows the stance engine reads."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple, TypeVar

from records.claims import EvidenceRow, ExtractedClaim
from records.readings import ArticleHeading, ClaimReading
from storage.db import Database

T = TypeVar("T")


_EVIDENCE_SELECT = """
    SELECT c.id, c.kind, c.candidate, c.holder, c.holder_text, c.stance, c.event, c.event_date,
           c.date_from_text, c.reported, c.hedged, c.aggregate, c.grounds, c.description,
           s.id, s.text, a.id, a.source, a.outlet, a.title, a.published, a.published_how,
           CASE WHEN a.source_kind IN ('url', 'feed') THEN a.url END,
           a.duplicate_of, c.counts, c.holdout, c.modality, c.aspect, c.polarity, c.date_how
    FROM claims c
    JOIN sentences s ON s.id = c.sentence_id
    JOIN articles a ON a.id = c.article_id
"""
_ORDER = " ORDER BY c.event_date IS NULL DESC, c.event_date, a.published, a.id, s.idx, c.id"


def _row(row: Sequence[Any]) -> EvidenceRow:
    values = list(row)
    # date_from_text, reported, hedged, counts and holdout are stored as 0/1.
    values[8:11] = [bool(value) for value in values[8:11]]
    values[24:26] = [bool(value) for value in values[24:26]]
    return EvidenceRow(*values)


_CLAIM_COLUMNS = (
    "article_id, sentence_id, kind, candidate, holder, holder_text, stance, event, event_date, "
    "date_from_text, reported, hedged, aggregate, grounds, description, extractor, polarity, "
    "modality, aspect, date_how, date_precision, scope, holdout, counts"
)

_PLACEHOLDERS = ", ".join(["?"] * len(_CLAIM_COLUMNS.split(",")))
_INSERT_CLAIM = f"INSERT INTO claims ({_CLAIM_COLUMNS}) VALUES ({_PLACEHOLDERS})"


def _claim_values(
    article_id: int, sentence_ids: Sequence[int], claim: ExtractedClaim, extractor: str
) -> tuple[Any, ...]:
    """A claim's row as stored (and as read back): in `_CLAIM_COLUMNS`' order."""
    return (
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
        claim.polarity,
        claim.modality,
        claim.aspect,
        claim.date_how,
        claim.date_precision,
        claim.scope,
        int(claim.holdout),
        int(claim.counts),
    )


def replace_article_claims(
    conn: sqlite3.Connection,
    article_id: int,
    sentence_ids: Sequence[int],
    claims: Sequence[ExtractedClaim],
    extractor: str,
) -> int:
    """Replace an article's claims (inside the caller's write transaction); returns the count."""
    rows = [_claim_values(article_id, sentence_ids, claim, extractor) for claim in claims]
    return _replace_rows(conn, article_id, rows)


def _replace_rows(conn: sqlite3.Connection, article_id: int, rows: list[tuple[object, ...]]) -> int:
    conn.execute("DELETE FROM claims WHERE article_id = ?", [article_id])
    conn.executemany(_INSERT_CLAIM, rows)
    return len(rows)


def update_article_claims(
    conn: sqlite3.Connection,
    article_id: int,
    sentence_ids: Sequence[int],
    claims: Sequence[ExtractedClaim],
    extractor: str,
) -> int:
    """Replace a stored article's claims after reading it again, unless it already holds
    exactly these claims, in this order: then nothing is written. A re-read that finds what
    was stored (most of a catch-up's, all of a `rebuild-claims` under unchanged rules) so
    leaves the archive's revision alone, and a running bot keeps its claims in memory.
    Inside the caller's write transaction; returns the count."""
    rows = [_claim_values(article_id, sentence_ids, claim, extractor) for claim in claims]
    stored = conn.execute(
        f"SELECT {_CLAIM_COLUMNS} FROM claims WHERE article_id = ? ORDER BY id", [article_id]
    ).fetchall()
    if [tuple(row) for row in stored] == rows:
        return len(rows)
    return _replace_rows(conn, article_id, rows)  # the rows worked out above, not again


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


# Columns of _EVIDENCE_SELECT whose values repeat across rows: names, dates, article details.
_REPEATED = (1, 2, 3, 4, 5, 6, 7, 17, 18, 19, 20, 21, 22, 26, 27, 28, 29)


def read_all_evidence(
    conn: sqlite3.Connection, known: Mapping[int, EvidenceRow] | None = None
) -> tuple[EvidenceRow, ...]:
    """Every stored claim as evidence rows, oldest first. Repeated values (names, dates,
    article details) share one object each, which keeps a large archive's claims small;
    a claim in `known` (by id, read at the same revision) is that very row, not a copy."""
    return _read_evidence(conn, _EVIDENCE_SELECT + _ORDER, (), known or {})


def read_evidence_after(
    conn: sqlite3.Connection, claim_id: int, removal: int
) -> tuple[EvidenceRow, ...]:
    """The claims stored since a reader saw claim `claim_id` as the last and removal
    `removal` as the last, oldest first, as `read_all_evidence` reads them: those with a
    larger id, and those whose id was removed since (SQLite gives a new claim the id of a
    removed one when the largest ids were removed)."""
    return _read_evidence(
        conn,
        _EVIDENCE_SELECT
        + " WHERE c.id > ? OR c.id IN (SELECT claim_id FROM claim_removals WHERE seq > ?)"
        + _ORDER,
        (claim_id, removal),
    )


class LastIds(NamedTuple):
    """The largest claim id, article id and removal number stored (0 when none)."""

    claim: int
    article: int
    removal: int


def last_ids(conn: sqlite3.Connection) -> LastIds:
    """Where the claims, articles and removals stored now end: what a later reader starts
    after."""
    claim = conn.execute("SELECT coalesce(max(id), 0) FROM claims").fetchone()[0]
    article = conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
    removal = conn.execute("SELECT coalesce(max(seq), 0) FROM claim_removals").fetchone()[0]
    return LastIds(int(claim), int(article), int(removal))


def removals_after(conn: sqlite3.Connection, removal: int) -> tuple[int, ...] | None:
    """The ids of the claims removed after removal number `removal`, in order (an id may
    recur: removed, given to a new claim, removed again); None when the oldest of them are
    no longer kept, so the caller cannot know them all."""
    rows = conn.execute(
        "SELECT seq, claim_id FROM claim_removals WHERE seq > ? ORDER BY seq", [removal]
    ).fetchall()
    if rows and int(rows[0][0]) != removal + 1:
        return None
    return tuple(int(row[1]) for row in rows)


def article_changes_after(conn: sqlite3.Connection, article_id: int) -> int:
    """How many changes storing the articles after `article_id` made to the articles table:
    one insert each, and one update more for each marked as a near-duplicate of an older
    article (`insert_link` sets `duplicate_of` on the newer of the two)."""
    row = conn.execute(
        "SELECT count(*) + count(duplicate_of) FROM articles WHERE id > ?", [article_id]
    ).fetchone()
    return int(row[0])


def _read_evidence(
    conn: sqlite3.Connection,
    sql: str,
    params: Sequence[Any],
    known: Mapping[int, EvidenceRow] | None = None,
) -> tuple[EvidenceRow, ...]:
    cursor = conn.cursor()
    cursor.row_factory = None
    shared: dict[Any, Any] = {}
    rows = []
    for raw in cursor.execute(sql, params):
        if known and (found := known.get(raw[0])) is not None:
            rows.append(found)
            continue
        values = list(raw)
        for i in _REPEATED:
            values[i] = shared.setdefault(values[i], values[i])  # one copy of each
        values[8:11] = [bool(value) for value in values[8:11]]
        values[24:26] = [bool(value) for value in values[24:26]]
        rows.append(EvidenceRow(*values))
    return tuple(rows)


def data_revision(conn: sqlite3.Connection) -> tuple[str, int] | None:
    """This database's token and the revision of its articles, sentences and claims, for
    keying caches; None inside a transaction (its changes may roll back) or before the
    counter exists."""
    if conn.in_transaction:
        return None
    try:
        found = conn.execute("SELECT token, value FROM claim_revision").fetchone()
    except sqlite3.OperationalError:
        return None
    return (str(found[0]), int(found[1])) if found else None


def evidence_for_candidate(
    db: Database, candidate: str, kinds: Sequence[str], until: str | None = None
) -> list[EvidenceRow]:
    """Every claim of the given kinds about one candidate, oldest first (read now); with
    `until` (ISO), only those that speak for a day up to then (their own date, else their
    article's): undated claims are left out too."""
    marks = ",".join("?" for _ in kinds)
    dated = " AND coalesce(nullif(c.event_date, ''), a.published) <= ?" if until else ""
    rows = db.execute(
        _EVIDENCE_SELECT + f" WHERE c.candidate = ? AND c.kind IN ({marks})" + dated + _ORDER,
        [candidate, *kinds, *([until] if until else [])],
    ).fetchall()
    return [_row(row) for row in rows]


def evidence_of_holder(db: Database, holder: str, kinds: Sequence[str]) -> list[EvidenceRow]:
    """Every claim of the given kinds made by one holder, about any candidate, oldest first
    (read now)."""
    marks = ",".join("?" for _ in kinds)
    rows = db.execute(
        _EVIDENCE_SELECT + f" WHERE c.holder = ? AND c.kind IN ({marks})" + _ORDER,
        [holder, *kinds],
    ).fetchall()
    return [_row(row) for row in rows]


def evidence_by_id(
    db: Database | sqlite3.Connection, claim_ids: Sequence[int]
) -> dict[int, EvidenceRow]:
    """The stored claims among `claim_ids`, by id (ids no longer stored are left out)."""
    found: dict[int, EvidenceRow] = {}
    wanted = list(dict.fromkeys(claim_ids))
    for start in range(0, len(wanted), 500):  # within SQLite's limit on bound values
        chunk = wanted[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        rows = db.execute(_EVIDENCE_SELECT + f" WHERE c.id IN ({marks})", chunk).fetchall()
        found.update((int(row[0]), _row(row)) for row in rows)
    return found


def evidence_of_kind(db: Database, kinds: Sequence[str]) -> list[EvidenceRow]:
    """Every claim of the given kinds, oldest first (read now)."""
    marks = ",".join("?" for _ in kinds)
    rows = db.execute(_EVIDENCE_SELECT + f" WHERE c.kind IN ({marks})" + _ORDER, list(kinds))
    return [_row(row) for row in rows.fetchall()]


def candidate_names(db: Database) -> list[str]:
    """Every name that some claim treats as a candidate."""
    rows = db.execute(
        "SELECT DISTINCT candidate FROM claims WHERE candidate IS NOT NULL ORDER BY candidate"
    )
    return [str(row[0]) for row in rows.fetchall()]


def plain_backers(db: Database) -> dict[str, dict[str, str | None]]:
    """By candidate, the holders with at least one counting, unhedged claim of backing them,
    each with the earliest day such a claim speaks for (None when none is dated): only they
    can be a candidate's firm backers, and only from that day."""
    rows = db.execute(
        "SELECT c.candidate, c.holder, min(coalesce(nullif(c.event_date, ''), a.published)) "
        "FROM claims c JOIN articles a ON a.id = c.article_id "
        "WHERE c.kind = 'stance' AND c.stance = 'supports' AND c.counts AND NOT c.hedged "
        "AND c.holder IS NOT NULL AND c.candidate IS NOT NULL GROUP BY c.candidate, c.holder"
    )
    found: dict[str, dict[str, str | None]] = {}
    for candidate, holder, first in rows.fetchall():
        found.setdefault(str(candidate), {})[str(holder)] = None if first is None else str(first)
    return found


def article_ids(db: Database) -> list[int]:
    """Every article id, oldest first (for re-deriving claims)."""
    return [int(row[0]) for row in db.execute("SELECT id FROM articles ORDER BY id").fetchall()]


_READING_SELECT = """
    SELECT c.id, a.id, s.id, s.idx, s.text, a.source, a.outlet, a.title, a.published,
           -- a link only where the article was fetched, never a file's claimed url
           CASE WHEN a.source_kind IN ('url', 'feed') THEN a.url END,
           c.kind, c.candidate, c.holder, c.holder_text, c.stance, c.event, c.description,
           c.aggregate, c.grounds, c.polarity, c.modality, c.aspect, c.scope, c.holdout,
           c.counts, c.reported, c.hedged, c.event_date, c.date_from_text, c.date_how,
           c.date_precision
    FROM claims c
    JOIN sentences s ON s.id = c.sentence_id
    JOIN articles a ON a.id = c.article_id
"""
_READING_FLAGS = (23, 24, 25, 26, 28)  # holdout, counts, reported, hedged, date_from_text


def article_readings(db: Database, article_id: int) -> list[ClaimReading]:
    """Every claim read in one article, with its sentence, in sentence order."""
    rows = db.execute(
        _READING_SELECT + " WHERE c.article_id = ? ORDER BY s.idx, c.id", [article_id]
    ).fetchall()
    readings = []
    for row in rows:
        values = list(row)
        for i in _READING_FLAGS:
            values[i] = bool(values[i])
        readings.append(ClaimReading(*values))
    return readings


def newest_article_ids(db: Database, limit: int) -> list[int]:
    """The ids of the `limit` most recently published articles (undated ones last), newest
    first."""
    rows = db.execute(
        "SELECT id FROM articles ORDER BY published IS NULL, published DESC, id DESC LIMIT ?",
        [limit],
    )
    return [int(row[0]) for row in rows.fetchall()]


def article_headings(db: Database, article_ids: Sequence[int]) -> dict[int, ArticleHeading]:
    """The stored articles among `article_ids`, by id (unknown ids are left out)."""
    if not article_ids:
        return {}
    marks = ",".join("?" for _ in article_ids)
    rows = db.execute(
        f"""
        SELECT a.id, a.title, a.outlet, a.published, a.source,
               (SELECT COUNT(*) FROM sentences s WHERE s.article_id = a.id)
        FROM articles a WHERE a.id IN ({marks})
        """,
        list(article_ids),
    )
    return {int(row[0]): ArticleHeading(*row) for row in rows.fetchall()}
