"""The digest's news: what changed since the previous digest, and the most central passages
of the recent articles that the race sections did not already state. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from records.claims import EvidenceRow
from records.passages import Passage
from summarizer.digest.parts import Bullet, DigestInputs, FactLedger
from summarizer.digest.race import RaceView, stance_fact, stance_phrase, status_fact
from summarizer.race.candidates import (
    PAST_STANCE_VERBS,
    STANCE_VERBS,
    STATUS_OF_EVENT,
    describe_claim,
)
from summarizer.race.stances import current_stances, effective_date
from summarizer.text.centrality import content_words, lexrank, overlap
from summarizer.text.cleaning import is_boilerplate_line
from summarizer.text.injection import looks_like_instruction
from summarizer.text.wording import counted, human_day, short_name

MAX_CONTEXT = 3
MAX_NEW_ARTICLES = 5
# Passages this similar to something already said add nothing.
REDUNDANT = 0.6
MIN_WORDS, MAX_WORDS = 8, 70


def _is_prose(text: str) -> bool:
    words = len(text.split())
    return (
        MIN_WORDS <= words <= MAX_WORDS
        and text.rstrip("”\"'’)»").endswith((".", "!", "?"))
        and not is_boilerplate_line(text)
        and not looks_like_instruction(text)
        and len(content_words(text)) >= 4
    )


def _stances_up_to(inputs: DigestInputs, candidate: str, last_id: int) -> Mapping[str, str]:
    """Each holder's stance toward `candidate` from the articles up to `last_id` (those the
    previous digest read); kept with the claims, so a digest computed ahead is reused."""

    def compute() -> Mapping[str, str]:
        rows = [r for r in inputs.rows if r.candidate == candidate and r.article_id <= last_id]
        return {h.holder: h.stance for h in current_stances(candidate, rows).holders}

    return inputs.rows.cached(("stances_up_to_article", candidate, last_id), compute)


def _stance_changes(inputs: DigestInputs, race: RaceView, ledger: FactLedger) -> list[Bullet]:
    baseline = inputs.baseline_latest_id or 0
    new_ids = inputs.new_article_ids
    touched = {
        row.candidate
        for row in inputs.rows
        if row.kind == "stance" and row.article_id in new_ids and row.candidate
    }
    bullets = []
    for candidate in sorted(touched):
        now = race.stances.get(candidate)
        if now is None:
            continue
        before = _stances_up_to(inputs, candidate, baseline)
        for holder in now.holders:
            fresh = [row for row in holder.evidence if row.article_id in new_ids]
            if not fresh or before.get(holder.holder) == holder.stance:
                continue
            previous = before.get(holder.holder)
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


def _candidacy_changes(inputs: DigestInputs, race: RaceView, ledger: FactLedger) -> list[Bullet]:
    baseline = inputs.baseline_latest_id or 0
    seen_before = {
        (row.candidate, row.event)
        for row in inputs.rows
        if row.kind == "candidacy" and row.article_id <= baseline
    }
    fresh: dict[tuple[str | None, str | None], list[EvidenceRow]] = {}
    for row in inputs.rows:
        key = (row.candidate, row.event)
        is_new = row.kind == "candidacy" and row.article_id in inputs.new_article_ids
        if is_new and key not in seen_before:
            fresh.setdefault(key, []).append(row)
    bullets = []
    for (candidate, event), rows in fresh.items():
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
    inputs: DigestInputs, scores: dict[int, float], ledger: FactLedger, covered: set[int]
) -> list[Bullet]:
    by_article: dict[int, list[Passage]] = {}
    for passage in inputs.passages:
        if passage.article_id in inputs.new_article_ids and passage.article_id not in covered:
            by_article.setdefault(passage.article_id, []).append(passage)
    bullets = []
    for passages in list(by_article.values())[:MAX_NEW_ARTICLES]:
        prose = [p for p in passages if _is_prose(p.quote) and _is_fresh(p, ledger)]
        if not prose:
            continue
        lead = max(prose, key=lambda p: (scores.get(p.sentence_id, 0.0), -p.idx))
        outlet = lead.outlet or "A new article"
        day = human_day(lead.published) if lead.published else "undated"
        text = f"{outlet} ({day}): “{lead.quote}”"
        bullets.append(ledger.record(Bullet("changes", text, (lead,))))
    return bullets


def _is_fresh(passage: Passage, ledger: FactLedger) -> bool:
    if passage.sentence_id in ledger.sentences:
        return False
    return all(overlap(passage.quote, said) < REDUNDANT for said in ledger.texts)


def _article_rank(inputs: DigestInputs) -> dict[int, int]:
    order: dict[int, int] = {}
    for passage in inputs.passages:
        order.setdefault(passage.article_id, len(order))
    return order


def change_bullets(inputs: DigestInputs, race: RaceView, ledger: FactLedger) -> list[Bullet]:
    """What the articles since the previous digest add, newest article first."""
    if inputs.baseline_latest_id is None or not inputs.new_article_ids:
        return []
    scores = centrality(inputs.passages)
    claimed = _stance_changes(inputs, race, ledger) + _candidacy_changes(inputs, race, ledger)
    covered = {item.article_id for bullet in claimed for item in bullet.evidence}
    bullets = claimed + _article_leads(inputs, scores, ledger, covered)
    rank = _article_rank(inputs)
    return sorted(bullets, key=lambda b: min(rank.get(e.article_id, 1 << 30) for e in b.evidence))


def centrality(passages: Sequence[Passage]) -> dict[int, float]:
    """LexRank score of each passage's sentence, over the passages given."""
    scores = lexrank([passage.quote for passage in passages])
    return {passage.sentence_id: score for passage, score in zip(passages, scores, strict=True)}


def context_bullets(inputs: DigestInputs, ledger: FactLedger) -> list[Bullet]:
    """The most central recent passages that state something the digest has not."""
    claimed = {row.sentence_id for row in inputs.rows if row.kind in ("stance", "candidacy")}
    scores = centrality(inputs.passages)
    ranked = sorted(
        (p for p in inputs.passages if p.sentence_id not in claimed and _is_prose(p.quote)),
        key=lambda p: -scores[p.sentence_id],
    )
    bullets: list[Bullet] = []
    for passage in ranked:
        if len(bullets) >= MAX_CONTEXT:
            break
        if not _is_fresh(passage, ledger):
            continue
        echoes = [
            other
            for other in inputs.passages
            if other.article_id != passage.article_id
            and (other.duplicate_of or other.article_id)
            != (passage.duplicate_of or passage.article_id)
            and overlap(other.quote, passage.quote) >= REDUNDANT
        ]
        sources = len({(p.duplicate_of or p.article_id) for p in [passage, *echoes]})
        text = passage.quote
        if sources > 1:
            text += f" ({counted(sources, 'source')})"
        bullet = Bullet("context", text, (passage, *echoes[:2]))
        bullets.append(ledger.record(bullet))
    return bullets
