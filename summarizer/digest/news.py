"""The digest's news: what changed since the previous digest, and the most central passages
of the recent articles that the race sections did not already state. Pure."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from records.claims import ClaimSet, EvidenceRow, storage_order, without_rows
from records.passages import Passage
from summarizer.digest.parts import Bullet, DigestInputs, FactLedger
from summarizer.digest.race import RaceView, stance_fact, stance_phrase, status_fact
from summarizer.race.candidates import (
    PAST_STANCE_VERBS,
    STANCE_VERBS,
    STATUS_OF_EVENT,
    describe_claim,
)
from summarizer.race.stances import claims_about, current_stances, effective_date, stance_index
from summarizer.text.centrality import WordsMemo, lexrank_of_words, overlap_of_words
from summarizer.text.cleaning import is_boilerplate_line
from summarizer.text.injection import looks_like_instruction
from summarizer.text.wording import counted, human_day, short_name

MAX_CONTEXT = 3
# Centrality ranks each article's opening sentences only: news states its point first, and
# LexRank's cost grows with the sentences ranked (about 30 articles of 40 sentences each).
LEAD_SENTENCES = 10
MAX_NEW_ARTICLES = 5
# Passages this similar to something already said add nothing.
REDUNDANT = 0.6
MIN_WORDS, MAX_WORDS = 8, 70


class NewsReading:
    """The recent passages as the news sections read them: each text's content words and
    the LexRank score of each article's opening passages (its first LEAD_SENTENCES), worked
    out once per digest however often they are used."""

    def __init__(self, passages: Sequence[Passage], memo: WordsMemo | None = None) -> None:
        self.passages = passages
        self._memo = memo or WordsMemo()
        self._sets: dict[str, frozenset[str]] = {}
        self._scores: dict[int, float] | None = None
        self._every_set: list[tuple[Passage, frozenset[str]]] | None = None

    def words(self, text: str) -> Sequence[str]:
        """The text's content words."""
        return self._memo.words(text)

    def overlap(self, a: str, b: str) -> float:
        """`overlap` of two texts."""
        return overlap_of_words(self._set(a), self._set(b))

    def echoes(self, passage: Passage) -> list[Passage]:
        """The passages of other stories that say much the same (`overlap` of at least
        REDUNDANT), in order."""
        if self._every_set is None:
            self._every_set = [(other, self._set(other.quote)) for other in self.passages]
        mine, story = self._set(passage.quote), passage.duplicate_of or passage.article_id
        return [
            other
            for other, theirs in self._every_set
            if other.article_id != passage.article_id
            and (other.duplicate_of or other.article_id) != story
            and overlap_of_words(theirs, mine) >= REDUNDANT
        ]

    def _set(self, text: str) -> frozenset[str]:
        found = self._sets.get(text)
        if found is None:
            found = self._sets[text] = frozenset(self.words(text))
        return found

    @property
    def scores(self) -> dict[int, float]:
        """LexRank score of each opening passage's sentence, over the opening passages."""
        if self._scores is None:
            ranked = [p for p in self.passages if p.idx < LEAD_SENTENCES]
            scores = lexrank_of_words([self.words(p.quote) for p in ranked])
            self._scores = {p.sentence_id: score for p, score in zip(ranked, scores, strict=True)}
        return self._scores

    def is_prose(self, text: str) -> bool:
        """Whether a passage reads as a sentence of the article's prose, fit to quote."""
        words = len(text.split())
        return (
            MIN_WORDS <= words <= MAX_WORDS
            and text.rstrip("”\"'’)»").endswith((".", "!", "?"))
            and not is_boilerplate_line(text)
            and not looks_like_instruction(text)
            and len(self.words(text)) >= 4
        )


def _stance_before(inputs: DigestInputs, candidate: str, holder: str, last_id: int) -> str | None:
    """The holder's stance toward `candidate` from the articles up to `last_id` (those the
    previous digest read): only the holder's own claims decide it."""
    index = stance_index(candidate, claims_about(inputs.rows, candidate))
    rows = [row for row in index.evidence_of(holder) if row.article_id <= last_id]
    stances = current_stances(candidate, rows).holders
    return stances[0].stance if stances else None


_ByArticle = tuple[tuple[int, ...], tuple[EvidenceRow, ...]]  # article ids, claims: in step


def _by_article(rows: ClaimSet) -> _ByArticle:
    """The claims in the order of their articles' ids, kept with the claims. After an ingest
    the new claims are those of the newest articles, so they go at the end."""

    def compute() -> _ByArticle:
        found = rows.earlier("claims_by_article", removals=True)
        if found is not None:
            (ids, ordered), growth = found
            if growth.removed:  # an article read again: its earlier claims leave their places
                ordered = without_rows(ordered, growth.removed)
                ids = tuple(row.article_id for row in ordered)
            added = sorted(growth.added, key=lambda row: row.article_id)
            if not added:
                return ids, ordered
            if not ids or added[0].article_id >= ids[-1]:
                return ids + tuple(r.article_id for r in added), ordered + tuple(added)
        ordered = tuple(sorted(rows, key=lambda row: row.article_id))
        return tuple(row.article_id for row in ordered), ordered

    return rows.cached("claims_by_article", compute)


def _claims_after(rows: ClaimSet, article_id: int) -> Sequence[EvidenceRow]:
    """The claims of the articles stored after `article_id` (the new ones since a digest)."""
    ids, ordered = _by_article(rows)
    return ordered[bisect_right(ids, article_id) :]


def _stance_changes(inputs: DigestInputs, race: RaceView, ledger: FactLedger) -> list[Bullet]:
    baseline = inputs.baseline_latest_id or 0
    new_ids = inputs.new_article_ids
    # Who took a stance toward whom in the new articles: only those holders' evidence (each
    # of thousands of claims in a large archive) is searched for the new claims.
    touched = {
        (row.candidate, row.holder)
        for row in _claims_after(inputs.rows, baseline)
        if row.kind == "stance" and row.article_id in new_ids and row.candidate
    }
    bullets = []
    for candidate in sorted({candidate for candidate, _ in touched}):
        now = race.stances.get(candidate)
        if now is None:
            continue
        for holder in now.holders:
            if (candidate, holder.holder) not in touched:
                continue
            fresh = [row for row in holder.evidence if row.article_id in new_ids]
            if not fresh:
                continue
            previous = _stance_before(inputs, candidate, holder.holder, baseline)
            if previous == holder.stance:
                continue
            newest = fresh[0]
            where = f"{newest.outlet or 'a new article'}, {human_day(effective_date(newest))}"
            if previous:
                text = f"{holder.holder} now {STANCE_VERBS[holder.stance]} {short_name(candidate)}"
                text += (
                    f" ({where}); before, it {PAST_STANCE_VERBS[previous]} {short_name(candidate)}"
                )
            else:
                text = f"{stance_phrase(holder, candidate)} ({where}; first report)"
            bullet = Bullet("changes", text + ".", tuple(fresh[:2]))
            bullets.append(ledger.record(bullet, stance_fact(holder.holder, candidate)))
    return bullets


def _seen_before(rows: ClaimSet, candidate: str | None, event: str | None, last_id: int) -> bool:
    """Whether an article up to `last_id` reported this candidacy event."""
    about = claims_about(rows, candidate) if candidate else rows
    return any(
        row.kind == "candidacy"
        and row.event == event
        and row.candidate == candidate
        and row.article_id <= last_id
        for row in about
    )


def _candidacy_changes(inputs: DigestInputs, race: RaceView, ledger: FactLedger) -> list[Bullet]:
    baseline = inputs.baseline_latest_id or 0
    fresh: dict[tuple[str | None, str | None], list[EvidenceRow]] = {}
    # In the order of the claims (storage's: by day), as the bullets cite them.
    for row in sorted(_claims_after(inputs.rows, baseline), key=storage_order):
        if row.kind == "candidacy" and row.article_id in inputs.new_article_ids:
            fresh.setdefault((row.candidate, row.event), []).append(row)
    bullets = []
    for (candidate, event), rows in fresh.items():
        if _seen_before(inputs.rows, candidate, event, baseline):
            continue
        summary = race.summary(candidate or "")
        facts = [f"candidacy:{candidate}:{event}"]
        # When the news is the candidate's current status, the candidates section skips it.
        if summary and STATUS_OF_EVENT.get(event or "") == summary.status:
            facts.append(status_fact(summary.name))
        if not ledger.is_new(*facts):
            continue
        day = human_day(rows[0].event_date or rows[0].published)
        text = f"{describe_claim(rows[0])} ({day})."
        bullets.append(ledger.record(Bullet("changes", text, tuple(rows[:2])), *facts))
    return bullets


def _article_leads(
    inputs: DigestInputs, reading: NewsReading, ledger: FactLedger, covered: set[int]
) -> list[Bullet]:
    by_article: dict[int, list[Passage]] = {}
    for passage in inputs.passages:
        if passage.article_id in inputs.new_article_ids and passage.article_id not in covered:
            by_article.setdefault(passage.article_id, []).append(passage)
    scores = reading.scores
    bullets = []
    for passages in list(by_article.values())[:MAX_NEW_ARTICLES]:
        # The most central passage fit to quote (the earliest of equals), tried in order.
        ranked = sorted(passages, key=lambda p: (scores.get(p.sentence_id, 0.0), -p.idx))
        lead = next(
            (
                p
                for p in reversed(ranked)
                if reading.is_prose(p.quote) and _is_fresh(p, ledger, reading)
            ),
            None,
        )
        if lead is None:
            continue
        outlet = lead.outlet or "A new article"
        day = human_day(lead.published) if lead.published else "undated"
        text = f"{outlet} ({day}): “{lead.quote}”"
        bullets.append(ledger.record(Bullet("changes", text, (lead,))))
    return bullets


def _is_fresh(passage: Passage, ledger: FactLedger, reading: NewsReading) -> bool:
    if passage.sentence_id in ledger.sentences:
        return False
    return all(reading.overlap(passage.quote, said) < REDUNDANT for said in ledger.texts)


def _article_rank(inputs: DigestInputs) -> dict[int, int]:
    order: dict[int, int] = {}
    for passage in inputs.passages:
        order.setdefault(passage.article_id, len(order))
    return order


def change_bullets(
    inputs: DigestInputs, race: RaceView, ledger: FactLedger, reading: NewsReading
) -> list[Bullet]:
    """What the articles since the previous digest add, newest article first."""
    if inputs.baseline_latest_id is None or not inputs.new_article_ids:
        return []
    claimed = _stance_changes(inputs, race, ledger) + _candidacy_changes(inputs, race, ledger)
    covered = {item.article_id for bullet in claimed for item in bullet.evidence}
    bullets = claimed + _article_leads(inputs, reading, ledger, covered)
    rank = _article_rank(inputs)
    return sorted(bullets, key=lambda b: min(rank.get(e.article_id, 1 << 30) for e in b.evidence))


class _Sentences:
    """Sentence ids kept in a few sets, so that an ingest adds a small set of its own
    instead of copying every earlier id (merged once there are too many)."""

    MAX_SETS = 8

    def __init__(self, sets: tuple[frozenset[int], ...]) -> None:
        self.sets = sets

    def __contains__(self, sentence_id: object) -> bool:
        return any(sentence_id in found for found in self.sets)

    def with_ids(self, ids: frozenset[int]) -> _Sentences:
        """These ids and `ids`."""
        if not ids:
            return self
        sets = (*self.sets, ids)
        return _Sentences(sets if len(sets) <= self.MAX_SETS else (frozenset().union(*sets),))


def _claimed_sentences(rows: ClaimSet) -> _Sentences:
    """The sentences a stance or candidacy claim was read from (kept with the claims; after
    an ingest, the earlier ones and the new claims')."""

    def compute() -> _Sentences:
        found = rows.earlier("claimed_sentences")
        known, new = (found[0], found[1].added) if found else (_Sentences(()), rows)
        ids = frozenset(row.sentence_id for row in new if row.kind in ("stance", "candidacy"))
        return known.with_ids(ids)

    return rows.cached("claimed_sentences", compute)


def context_bullets(inputs: DigestInputs, ledger: FactLedger, reading: NewsReading) -> list[Bullet]:
    """The most central recent passages that state something the digest has not."""
    claimed = _claimed_sentences(inputs.rows)
    scores = reading.scores
    ranked = sorted(
        (p for p in inputs.passages if p.sentence_id in scores and p.sentence_id not in claimed),
        key=lambda p: -scores[p.sentence_id],
    )
    bullets: list[Bullet] = []
    for passage in ranked:
        if len(bullets) >= MAX_CONTEXT:
            break
        if not reading.is_prose(passage.quote) or not _is_fresh(passage, ledger, reading):
            continue
        echoes = reading.echoes(passage)
        sources = len({(p.duplicate_of or p.article_id) for p in [passage, *echoes]})
        text = passage.quote
        if sources > 1:
            text += f" ({counted(sources, 'source')})"
        bullet = Bullet("context", text, (passage, *echoes[:2]))
        bullets.append(ledger.record(bullet))
    return bullets
