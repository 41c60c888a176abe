"""The archive's caches: the same rows as the SQL, never stale, one archive per database, and
results derived from the claims kept with them until the archive changes."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

from bench.corpus import generate
from bot.archive import RACE_KINDS, TIMELINE_KINDS, YOUNG_COLLECTED_AFTER, Archive, Session
from bot.ingest.claims import ClaimExtraction
from bot.ingest.pipeline import Ingestor
from bot.warmup import warm
from records.claims import ClaimSet
from storage.claims import candidate_names, evidence_for_candidate, evidence_of_kind
from storage.claims import plain_backers as plain_backers_stored
from storage.db import Database, open_database, write_transaction
from storage.fts import fts_phrase
from storage.full_text import index_pending
from storage.passages import passages_of_articles, recent_article_ids
from storage.search import newest_matching
from summarizer.digest.build import build_digest
from summarizer.digest.parts import DigestInputs
from summarizer.digest.race import RaceView
from summarizer.race.candidates import summarise_candidates
from summarizer.race.stances import StanceIndex, current_stances, plain_backers
from summarizer.race.timeline import race_timeline
from tests.storage.stored import add_pending_sentence

KINDS = ["stance", "candidacy", "event"]


def _ingest(db: Database, folder: Path, count: int, seed: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for article in generate(count, seed=seed, corpus="stress"):
        (folder / f"{seed}-{article.name}").write_text(article.text, encoding="utf-8")
    Ingestor(db, claims=ClaimExtraction(), parallel=False).ingest([str(folder)])


def test_cached_rows_are_the_rows_sql_gives(db_path: Path, tmp_path: Path) -> None:
    archive = Archive(db_path)
    with archive.session() as session:
        _ingest(session.db, tmp_path / "a", 40, seed=1)
        cached = session.claims_of_kind(KINDS)
        assert archive.claims_loaded(session.db)
        assert session.claims_of_kind(KINDS) is cached  # the same subset, not read again
        with write_transaction(session.db):
            # Inside a transaction nothing is cached: these rows come from SQL.
            assert not archive.claims_loaded(session.db)
            fresh = evidence_of_kind(session.db, KINDS)
            names = candidate_names(session.db)
            by_name = {name: evidence_for_candidate(session.db, name, ["stance"]) for name in names}
        assert list(cached) == fresh
        assert session.candidate_names() == names
        for name, rows in by_name.items():
            assert list(session.claims_about(name, ["stance"])) == rows


def test_a_new_article_refreshes_the_cache(db_path: Path, tmp_path: Path) -> None:
    archive = Archive(db_path)
    with archive.session() as session:
        _ingest(session.db, tmp_path / "a", 20, seed=2)
        before = archive.revision(session.db)
        rows = session.claims_of_kind(["stance"])
        _ingest(session.db, tmp_path / "b", 5, seed=3)
        assert archive.revision(session.db) != before
        assert not archive.claims_loaded(session.db)
        assert len(session.claims_of_kind(["stance"])) > len(rows)


def test_one_new_article_reads_only_its_claims(db_path: Path, tmp_path: Path) -> None:
    archive = Archive(db_path)
    with archive.session() as session:
        _ingest(session.db, tmp_path / "a", 30, seed=7)
        everything = len(session.claims())
        assert archive.claim_rows_read == everything
        for seed in (8, 9):
            read_before, count_before = archive.claim_rows_read, len(session.claims())
            _ingest(session.db, tmp_path / f"b{seed}", 1, seed=seed)
            with write_transaction(session.db):
                fresh = evidence_of_kind(session.db, KINDS)
            # A command about one candidate extends the claims in memory: only the new
            # article's claims are read, and they land where SQL puts them.
            rutte = session.claims_about("Mark Rutte", ["stance"])
            assert list(rutte) == evidence_for_candidate(session.db, "Mark Rutte", ["stance"])
            assert list(session.claims_of_kind(KINDS)) == fresh
            assert archive.claim_rows_read - read_before == len(fresh) - count_before > 0
            assert archive.claims_loaded(session.db)


def test_a_near_duplicate_of_a_stored_article_reads_only_its_claims(
    db_path: Path, tmp_path: Path
) -> None:
    archive = Archive(db_path)
    folder = tmp_path / "a"
    with archive.session() as session:
        _ingest(session.db, folder, 20, seed=14)
        original = max(folder.iterdir(), key=lambda path: len(path.read_text(encoding="utf-8")))
        rows_read = len(session.claims())
        marked_before = _near_duplicates(session.db)
        # Another outlet's copy with a new last line: stored, and marked as a near-duplicate.
        copy = tmp_path / "copy.txt"
        text = original.read_text(encoding="utf-8")
        copy.write_text(text + "\nThe talks continue next week in Brussels.\n", encoding="utf-8")
        Ingestor(session.db, claims=ClaimExtraction(), parallel=False).ingest([str(copy)])
        with write_transaction(session.db):
            fresh = evidence_of_kind(session.db, KINDS)
        assert _near_duplicates(session.db) == marked_before + 1
        assert list(session.claims_of_kind(KINDS)) == fresh
        assert archive.claim_rows_read - rows_read == len(fresh) - rows_read > 0


def _near_duplicates(db: Database) -> int:
    return int(
        db.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL").fetchone()[0]
    )


def test_one_candidate_is_read_alone_while_the_claims_are_not_in_memory(
    db_path: Path, tmp_path: Path
) -> None:
    archive = Archive(db_path)
    with archive.session() as session:
        _ingest(session.db, tmp_path / "a", 30, seed=13)
    reader = Archive(db_path)  # a new process answering `who-backs Rutte`
    with reader.session() as session:
        rutte = session.claims_about("Mark Rutte", ["stance"])
        assert list(rutte) == evidence_for_candidate(session.db, "Mark Rutte", ["stance"])
        assert reader.claim_rows_read == len(rutte) < len(evidence_of_kind(session.db, KINDS))
        assert session.claims_about("Mark Rutte", ["stance"]) is rutte  # kept
        assert not reader.claims_loaded(session.db)
        everything = session.claims()  # once every claim is in memory, subsets come from them
        assert list(session.claims_about("Mark Rutte", ["stance"])) == list(rutte)
        # The claims read alone are not held twice: the full read reuses those very rows.
        held = {id(row) for row in everything}
        assert all(id(row) in held for row in rutte)


def test_a_deleted_claim_is_dropped_without_reading_every_claim(
    db_path: Path, tmp_path: Path
) -> None:
    archive = Archive(db_path)
    with archive.session() as session:
        _ingest(session.db, tmp_path / "a", 20, seed=10)
        before = len(session.claims())
        with write_transaction(session.db):
            session.db.execute("DELETE FROM claims WHERE id = (SELECT min(id) FROM claims)")
        _ingest(session.db, tmp_path / "b", 1, seed=11)
        read_before = archive.claim_rows_read
        with write_transaction(session.db):
            fresh = evidence_of_kind(session.db, KINDS)
        assert list(session.claims_of_kind(KINDS)) == fresh
        assert archive.claim_rows_read - read_before == len(fresh) - (before - 1) > 0


def test_reading_stored_articles_again_to_the_same_claims_keeps_them_in_memory(
    db_path: Path, tmp_path: Path
) -> None:
    # A catch-up or `rebuild-claims` under unchanged rules: nothing changed, nothing is read.
    archive = Archive(db_path)
    with archive.session() as session:
        _ingest(session.db, tmp_path / "a", 20, seed=16)
        claims = session.claims()
        revision, read_before = archive.revision(session.db), archive.claim_rows_read
        extraction = ClaimExtraction()
        extraction.load(session.db)
        ids = [int(row[0]) for row in session.db.execute("SELECT id FROM articles")]
        assert extraction.reread(session.db, ids) == len(claims)
        assert archive.revision(session.db) == revision
        assert session.claims() is claims
        assert archive.claim_rows_read == read_before


def test_a_claim_changed_in_place_reads_everything_again(db_path: Path, tmp_path: Path) -> None:
    archive = Archive(db_path)
    with archive.session() as session:
        _ingest(session.db, tmp_path / "a", 20, seed=12)
        session.claims()
        with write_transaction(session.db):
            session.db.execute(
                "UPDATE claims SET stance = 'opposes' "
                "WHERE id = (SELECT min(id) FROM claims WHERE kind = 'stance')"
            )
        read_before = archive.claim_rows_read
        with write_transaction(session.db):
            fresh = evidence_of_kind(session.db, KINDS)
        assert list(session.claims_of_kind(KINDS)) == fresh
        assert archive.claim_rows_read - read_before == len(fresh)  # all: the row changed


def test_removals_too_old_to_be_kept_read_everything_again(db_path: Path, tmp_path: Path) -> None:
    archive = Archive(db_path)
    with archive.session() as session:
        _ingest(session.db, tmp_path / "a", 20, seed=15)
        session.claims()
        with write_transaction(session.db):
            session.db.execute("DELETE FROM claims WHERE id = (SELECT max(id) FROM claims)")
            # As if a bulk re-read had removed more claims since than the record keeps.
            session.db.execute("DELETE FROM claim_removals")
            session.db.execute("INSERT INTO claim_removals (seq, claim_id) VALUES (999999, 1)")
        read_before = archive.claim_rows_read
        with write_transaction(session.db):
            fresh = evidence_of_kind(session.db, KINDS)
        assert list(session.claims_of_kind(KINDS)) == fresh
        assert archive.claim_rows_read - read_before == len(fresh)


def test_concurrent_readers_share_one_read(db_path: Path, tmp_path: Path) -> None:
    # The warm-up thread and a command asking at once: one read, both get its claims.
    archive = Archive(db_path)
    with archive.session() as session:
        _ingest(session.db, tmp_path / "a", 30, seed=12)
        total = len(evidence_of_kind(session.db, KINDS))
    start = threading.Barrier(4)

    def read() -> int:
        with archive.session() as session:
            start.wait()
            return len(session.claims())

    with ThreadPoolExecutor(4) as pool:
        counts = list(pool.map(lambda _: read(), range(4)))
    assert counts == [total] * 4
    assert archive.claim_rows_read == total


def test_another_process_writing_is_seen(db_path: Path, tmp_path: Path) -> None:
    archive = Archive(db_path)
    writer = open_database(db_path)
    try:
        _ingest(writer, tmp_path / "a", 20, seed=4)
        with archive.session() as session:
            first = len(session.claims_of_kind(["stance"]))
        _ingest(writer, tmp_path / "b", 10, seed=5)
        with archive.session() as session:
            assert len(session.claims_of_kind(["stance"])) > first
    finally:
        writer.close()


def test_two_archives_never_share_a_cache(tmp_path: Path) -> None:
    one, two = Archive(tmp_path / "one.db"), Archive(tmp_path / "two.db")
    with one.session() as first, two.session() as second:
        _ingest(first.db, tmp_path / "a", 20, seed=6)
        assert len(first.claims_of_kind(["stance"])) > 0
        assert len(second.claims_of_kind(["stance"])) == 0
        assert one.revision(first.db) != two.revision(second.db)


def test_derived_results_are_kept_until_the_archive_changes(db_path: Path, tmp_path: Path) -> None:
    archive = Archive(db_path)
    with archive.session() as session:
        _ingest(session.db, tmp_path / "a", 30, seed=8)
        rows = session.claims_of_kind(["candidacy", "stance"])
        assert summarise_candidates(rows) == summarise_candidates(rows)
        assert "candidates" in _kept_labels(rows)
        _ingest(session.db, tmp_path / "b", 5, seed=9)
        fresh = session.claims_of_kind(["candidacy", "stance"])
        assert fresh is not rows
        assert "candidates" not in _kept_labels(fresh)


def _kept_labels(rows: ClaimSet) -> set[str]:
    probe = object()
    return {label for label in ("candidates",) if rows.cached(label, lambda: probe) is not probe}


def test_plain_rows_keep_nothing() -> None:
    rows = ClaimSet([])
    calls: list[int] = []
    rows.cached("x", lambda: calls.append(1))
    rows.cached("x", lambda: calls.append(1))
    assert calls == [1, 1]


def test_the_stance_index_answers_as_the_rows_do(db_path: Path, tmp_path: Path) -> None:
    archive = Archive(db_path)
    with archive.session() as session:
        _ingest(session.db, tmp_path / "a", 60, seed=7)
        for name in session.candidate_names():
            rows = session.claims_about(name, ["stance"])
            for day in (None, date(2023, 11, 1), date(2024, 2, 29), date(2030, 1, 1)):
                cached = current_stances(name, rows, day)
                assert cached == StanceIndex.build(name, list(rows)).at(day)
                assert cached == current_stances(name, list(rows), day)


def test_stances_as_of_a_day_are_the_same_read_in_part_or_in_full(
    db_path: Path, tmp_path: Path
) -> None:
    with open_database(db_path) as db:
        _ingest(db, tmp_path / "a", 40, seed=5)
        names = candidate_names(db)
        full = {name: evidence_for_candidate(db, name, ["stance"]) for name in names}
    days = [date(2023, 11, 15), date(2024, 2, 1), None, date(2024, 4, 30)]
    for answers_once in (True, False):  # a command typed at the shell, a running bot
        archive = Archive(db_path, answers_once=answers_once)
        with archive.session() as session:
            for day in days:
                for name in names:
                    read = session.claims_about(name, ["stance"], day)
                    assert current_stances(name, read, day) == current_stances(
                        name, full[name], day
                    )


def _one_by_one(db: Database, folder: Path, count: int, seed: int) -> Iterator[None]:
    """Ingest `count` articles one at a time, yielding after each."""
    folder.mkdir(parents=True, exist_ok=True)
    for article in generate(count, seed=seed, corpus="stress"):
        path = folder / f"{seed}-{article.name}"
        path.write_text(article.text, encoding="utf-8")
        Ingestor(db, claims=ClaimExtraction(), parallel=False).ingest([str(path)])
        yield


def _assert_kept_results_are_those_worked_out_afresh(session: Session) -> None:
    """Whatever the archive extends from earlier answers (timeline, stances, the digest's
    view of the race, names) is what a new process working everything out from the stored
    claims would say."""
    days = (None, date(2024, 2, 29), date(2030, 1, 1))
    timeline_rows = session.claims_of_kind(TIMELINE_KINDS)
    with write_transaction(session.db):
        assert list(timeline_rows) == evidence_of_kind(session.db, list(TIMELINE_KINDS))
    fresh = ClaimSet(list(timeline_rows))  # keeps nothing: computes from the rows
    assert race_timeline(timeline_rows) == race_timeline(fresh)
    today = date(2024, 6, 1)
    kept_view, fresh_view = (RaceView.from_rows(r, today) for r in (timeline_rows, fresh))
    assert kept_view.summaries == fresh_view.summaries
    assert kept_view.stances == fresh_view.stances
    assert kept_view.events == fresh_view.events
    articles = recent_article_ids(session.db, 30)
    digest = [
        build_digest(
            DigestInputs(
                rows=r,
                passages=passages_of_articles(session.db, articles),
                new_article_ids=frozenset(articles[:3]),
                baseline_latest_id=min(articles[:3]) - 1,
                today=today,
            )
        )
        for r in (timeline_rows, fresh)
    ]
    assert digest[0] == digest[1]
    race_rows = session.claims_of_kind(RACE_KINDS)
    assert summarise_candidates(race_rows) == summarise_candidates(ClaimSet(race_rows))
    assert plain_backers(race_rows) == plain_backers_stored(session.db)
    names = session.candidate_names()
    assert names == candidate_names(session.db)
    for name in names:
        rows = session.claims_about(name, ["stance"])
        for day in days:
            assert current_stances(name, rows, day) == StanceIndex.build(name, list(rows)).at(day)


def test_results_kept_on_after_each_new_article_are_those_worked_out_afresh(
    db_path: Path, tmp_path: Path
) -> None:
    # A running bot asked now and then while articles arrive one by one.
    archive = Archive(db_path)
    with archive.session() as session:
        _ingest(session.db, tmp_path / "a", 25, seed=21)
        race_timeline(session.claims_of_kind(TIMELINE_KINDS))
        rows_read = archive.claim_rows_read
        for step, _ in enumerate(_one_by_one(session.db, tmp_path / "b", 12, seed=22)):
            if step % 3 == 1:
                continue  # a revision nobody asked about: the next one extends older results
            _assert_kept_results_are_those_worked_out_afresh(session)
        # Only the new claims were read, never every claim again.
        assert archive.claim_rows_read == len(session.claims())
        assert rows_read > 0


def test_results_kept_on_while_articles_are_read_again_are_those_worked_out_afresh(
    db_path: Path, tmp_path: Path
) -> None:
    # Articles arrive, and stored ones are read again with a different result (the newest,
    # whose claims' ids SQLite then gives out again, and older ones): whatever is extended
    # is what working everything out afresh says, and every claim is never read again.
    archive = Archive(db_path)
    with archive.session() as session:
        _ingest(session.db, tmp_path / "a", 25, seed=41)
        _assert_kept_results_are_those_worked_out_afresh(session)
        extraction = ClaimExtraction()
        for step, _ in enumerate(_one_by_one(session.db, tmp_path / "b", 9, seed=42)):
            ids = [int(row[0]) for row in session.db.execute("SELECT id FROM articles")]
            newest, older = ids[-1], ids[(7 * step) % (len(ids) - 1)]
            for article_id in (newest, older) if step % 3 else (older,):
                _drop_half_the_claims(session.db, article_id)
            if step % 2:
                extraction.load(session.db)
                extraction.reread(session.db, [older])  # its claims again, under new ids
            if step % 3 == 2:
                continue  # a revision nobody asked about: the next one extends older results
            read_before = archive.claim_rows_read
            _assert_kept_results_are_those_worked_out_afresh(session)
            assert archive.claim_rows_read - read_before < len(session.claims()) // 4


def _drop_half_the_claims(db: Database, article_id: int) -> None:
    with write_transaction(db) as conn:
        conn.execute(
            "DELETE FROM claims WHERE article_id = ? AND id % 2 = 0 OR id = "
            "(SELECT max(id) FROM claims WHERE article_id = ?)",
            [article_id, article_id],
        )


def test_a_process_holding_claims_collects_young_objects_less_often(
    db_path: Path, tmp_path: Path
) -> None:
    # At Python's default (every 700 allocations) the collector took a third of a command's
    # time over a large archive; a process that has read its claims raises it.
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        archive = Archive(db_path)
        with archive.session() as session:
            _ingest(session.db, tmp_path / "a", 3, seed=33)
            session.claims_of_kind(TIMELINE_KINDS)
        young, middle, old = gc.get_threshold()
        assert young >= YOUNG_COLLECTED_AFTER and middle >= 10 and old == 10
    finally:
        gc.set_threshold(*before)


def test_the_claims_a_running_bot_lets_go_of_are_freed_without_the_cycle_collector(
    db_path: Path, tmp_path: Path
) -> None:
    # The claims and what is derived from them are frozen out of the collector's full passes
    # (`settle_heap`): were there reference cycles among them, every change would leak the
    # claims it replaced.
    gc.unfreeze()
    gc.collect()  # what earlier tests left behind
    archive = Archive(db_path)
    with archive.session() as session:
        _ingest(session.db, tmp_path / "a", 12, seed=31)
        warm(archive)
        for _ in _one_by_one(session.db, tmp_path / "b", 3, seed=32):
            warm(archive)  # every result a bot keeps, extended from the last revision's
            race_timeline(session.claims_of_kind(TIMELINE_KINDS))
    del archive, session
    gc.unfreeze()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        gc.collect()
        ours = [
            type(found).__qualname__
            for found in gc.garbage
            if type(found).__module__.split(".")[0] in ("records", "summarizer")
            or type(found).__module__ == "bot.archive"
        ]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert ours == []


def test_a_search_while_full_text_entries_wait_is_not_kept(db_path: Path, tmp_path: Path) -> None:
    # A running bot answers while a bulk ingest in another process stores articles whose
    # full-text entries come later: what it finds then must not stand once they are written.
    archive = Archive(db_path)
    with archive.session() as session:
        _ingest(session.db, tmp_path / "a", 5, seed=3)
        add_pending_sentence(session.db, "late", "Envoys met in Trondheim.")
        query = fts_phrase("Trondheim")
        assert query is not None
        assert newest_matching(session.db, [query], 5, session.search_results()) == []
        with write_transaction(session.db) as conn:
            index_pending(conn)
        found = newest_matching(session.db, [query], 5, session.search_results())
        assert [passage.quote for passage in found] == ["Envoys met in Trondheim."]
