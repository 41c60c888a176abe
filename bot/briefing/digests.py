"""The digest service: reuse today's stored digest or build, store and return a new one.

The scheduler and the `digest` command both come here, so a digest is built once and every
caller gets the same stored items and citations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from bot.archive import TIMELINE_KINDS, Session
from bot.briefing.digest_reply import digest_reply
from bot.reply import Reply, message_reply
from storage.articles import article_count, latest_published
from storage.db import Database, write_transaction
from storage.digests import (
    DigestItem,
    NewDigest,
    StoredDigest,
    digest_by_id,
    latest_digest,
    latest_digest_before,
    store_digest,
)
from storage.passages import (
    articles_after,
    latest_article_id,
    passages_of_articles,
    recent_article_ids,
)
from summarizer.digest.build import DigestDraft, build_digest
from summarizer.digest.parts import DigestInputs
from summarizer.digest.written import WrittenDigest
from summarizer.text.wording import counted, human_day

if TYPE_CHECKING:
    from summarizer.llm.backend import LLMBackend

BACKEND = "extractive"
# Centrality is computed over the newest articles only, so building stays cheap however
# large the archive grows; the race sections read every claim.
RECENT_ARTICLES = 30
MAX_NEW_ARTICLES = 50


@dataclass(frozen=True)
class DigestResult:
    """A stored digest and whether it was reused rather than built now."""

    digest: StoredDigest | None
    reused: bool


STALE_AFTER_DAYS = 7


def digest_title(today: date, newest: str | None) -> str:
    """The digest's first line; it says so when the newest article is more than a week older
    than the digest, so old news is never read as today's."""
    title = f"NATO Secretary General race: digest for {human_day(today.isoformat())}"
    if newest:
        age = (today - date.fromisoformat(newest[:10])).days
        if age > STALE_AFTER_DAYS:
            title += f" (the newest article is from {human_day(newest)}, {age:,} days earlier)"
    return title


def _is_current(digest: StoredDigest, today: date, latest_id: int, count: int) -> bool:
    return (
        digest.digest_date == today.isoformat()
        and digest.latest_article_id == latest_id
        and digest.article_count == count
    )


def current_digest(
    session: Session, now: datetime, *, rebuild: bool = False, llm: LLMBackend | None = None
) -> DigestResult:
    """Today's digest: the stored one while no new article has arrived, else a new one,
    written by `llm` when given (falling back to the extractive text).

    Returns no digest when the articles give nothing to say (or there are none).
    """
    db, today = session.db, now.date()
    latest_id, count = latest_article_id(db), article_count(db)
    stored = latest_digest(db)
    if stored is not None and not rebuild and _is_current(stored, today, latest_id, count):
        return DigestResult(stored, reused=True)
    if count == 0:
        return DigestResult(None, reused=False)
    baseline = latest_digest_before(db, latest_id, count)
    built = _build_and_store(session, now, baseline, latest_id, count, llm)
    return DigestResult(built, reused=False)


def _note(db: Database, count: int, written: WrittenDigest) -> str:
    latest = latest_published(db)
    note = f"As of the latest article, {human_day(latest)}. " if latest else "No dated articles. "
    unlisted = written.draft.unlisted_candidates
    if unlisted:
        more = counted(unlisted, "more candidate")
        note += f"{more} not listed here: `candidates` lists every one. "
    note += f"Built from {counted(count, 'article')}; "
    if written.backend == BACKEND:
        reason = f" ({written.fallback_reason})" if written.fallback_reason else ""
        return note + f"extractive summary (offline){reason}."
    note += "written by a language model; every sentence checked against its sources"
    if not written.dropped:
        return note + "."
    from summarizer.llm.fallback import left_out  # only a model's text drops sentences

    return note + f" ({left_out(written.dropped)})."


def next_digest_draft(session: Session, now: datetime) -> DigestDraft | None:
    """The draft of the digest that would follow today's, not stored (None when there are
    no articles). A long-running bot computes it after every change, whether or not today's
    stored digest is still current: its parts are kept with the claims, and the next digest,
    after the next article, extends them instead of reading every claim again."""
    db = session.db
    latest_id, count = latest_article_id(db), article_count(db)
    if count == 0:
        return None
    return _draft(session, now, latest_digest_before(db, latest_id, count))[0]


def _draft(
    session: Session, now: datetime, baseline: StoredDigest | None
) -> tuple[DigestDraft, list[int]]:
    """The extractive digest of the archive as it is now, and the articles new since
    `baseline`."""
    db = session.db
    new_ids = articles_after(db, baseline.latest_article_id) if baseline else []
    new_ids = new_ids[-MAX_NEW_ARTICLES:]
    # Newest first, so the newest article leads the "what changed" section.
    pool = list(reversed(new_ids)) + [
        article_id
        for article_id in recent_article_ids(db, RECENT_ARTICLES)
        if article_id not in new_ids
    ]
    inputs = DigestInputs(
        rows=session.claims_of_kind(TIMELINE_KINDS),
        passages=passages_of_articles(db, pool),
        new_article_ids=frozenset(new_ids),
        baseline_latest_id=baseline.latest_article_id if baseline else None,
        today=now.date(),
        words=session.archive.sentence_words(),
    )
    return build_digest(inputs), new_ids


def _build_and_store(
    session: Session,
    now: datetime,
    baseline: StoredDigest | None,
    latest_id: int,
    count: int,
    llm: LLMBackend | None,
) -> StoredDigest | None:
    db = session.db
    draft, new_ids = _draft(session, now, baseline)
    if not draft.bullets:
        return None
    written = WrittenDigest(draft, BACKEND, None)
    if llm is not None:
        # The model's prose and its checks load only when a model is configured.
        from summarizer.digest.prose import write_digest

        written = write_digest(draft, llm)
    items = tuple(
        DigestItem(key, heading, "bullets", bullet.text, bullet.sentence_ids)
        for key, heading, bullets in written.draft.sections()
        for bullet in bullets
    )
    note = _note(db, count, written)
    digest = NewDigest(
        digest_date=now.date().isoformat(),
        built_at=now.isoformat(timespec="seconds"),
        backend=written.backend,
        title=digest_title(now.date(), latest_published(db)),
        latest_article_id=latest_id,
        article_count=count,
        previous_id=baseline.id if baseline else None,
        note=note,
        items=items,
        new_article_ids=tuple(new_ids),
    )
    with write_transaction(db) as conn:
        digest_id = store_digest(conn, digest)
    return digest_by_id(db, digest_id)


def daily_post(
    session: Session, now: datetime, last_posted_id: int | None, llm: LLMBackend | None = None
) -> Reply | None:
    """What a subscribed channel gets today: the digest, or one line when no article has
    arrived since the digest last posted there. None when there is nothing to say at all."""
    db = session.db
    last = digest_by_id(db, last_posted_id) if last_posted_id is not None else None
    if last is not None and last.latest_article_id >= latest_article_id(db):
        day = human_day(last.digest_date)
        return message_reply(
            "digest",
            "Nothing new today",
            f"No new articles since the digest of {day}; ask `digest` to see it again.",
            data={"digest_id": last.id, "nothing_new": True},
        )
    result = current_digest(session, now, llm=llm)
    if result.digest is None:
        return None
    return digest_reply(db, result.digest, reused=result.reused)
