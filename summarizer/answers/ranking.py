"""Choosing the sentences that answer a question, or deciding that the sources don't cover it.

Pure scoring over retrieved sentences. A question is a set of concepts (its topical words,
with variants, and the names it mentions), each weighted by its rarity in the archive (IDF,
BM25-style). A sentence's *coverage* is the weighted share of the question's concepts it
contains. The sources cover a question when some sentence

- reaches `COVERED_AT` coverage: most of what the question is about, by weight, is in that
  one sentence, so rare words the archive never uses ("Peru", "capital") sink it; and
- holds at least `TOPIC_AT` of the weight of the question's words other than names, so a
  sentence that only names the same people ("Erdogan ... the Dutch leader") does not answer
  "where did Rutte meet Erdogan?"; and
- names every person the question names, and every other entity unless it is in a fifth
  of all sentences or more (NATO in "when is the NATO summit?"). A sentence with "she" or
  "his" also counts the people named in the two sentences before it.

A person who is not a candidate counts as named where the country they speak for is ("Hungary
dropped its veto" for "when did Orban drop the veto?"), ranked after a sentence naming them.

Among sentences that qualify, those holding the kind of answer asked for (a number for "how
many", a date for "when", a person or government for "who", a reason for "why", the demand for
"what did they ask for") come first; then coverage, relevance (BM25 with the archive-wide
weights above, so a short sentence holding the rare words beats a long one), whether the
sentence is about the person asked of (names them first: "when did Stoltenberg take office?"
is not answered by "Rutte will take office on 1 October, when Stoltenberg's term ends"),
whether it uses the question's own words rather than a paraphrase, names from the thread,
and, for "now" questions, newer articles. Up to two more sentences follow if they qualify on
their own, score close to the first, and say something the chosen ones do not, from other
articles first.
Nothing loosely related is ever added to fill space.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from records.passages import Passage
from summarizer.questions.analysis import Concept, Question
from summarizer.questions.words import (
    CAPITALISED_NAME,
    DATE_TEXT,
    DEMAND_TEXT,
    NUMBER_TEXT,
    REASON_TEXT,
    STRONG_REASON_TEXT,
    TIME_MODIFIERS,
    TIME_UNITS,
)
from summarizer.text.centrality import overlap

COVERED_AT = 0.6  # share of the question's weighted concepts the first sentence must hold
TOPIC_AT = 0.5  # ... and of its weighted words other than names (what is asked about them)
MAX_SENTENCES = 3
SECONDARY_MARGIN = 0.3  # how far below the first sentence's score another may be
REDUNDANT_AT = 0.5  # word overlap above which a sentence adds nothing new
SPECIFIC_SHARE = 0.2  # a name in more than this share of sentences is not required
SHORT_WORDS = 8  # a sentence this short rarely answers anything on its own
BM25_K1 = 1.2  # the usual BM25 constants: term saturation and length normalisation
BM25_B = 0.75
PROXY_PENALTY = 0.15  # a sentence naming a person's country instead of the person
OWN_WORD_BONUS = 0.03  # per word held as the question put it rather than as a paraphrase
SUBJECT_BONUS = 0.1  # a sentence that names first a person the question asks about
STRONG_REASON_BONUS = 0.1  # a why-question: a sentence whose words say why, not only when
# The kinds of answer a first sentence must hold when any qualifying sentence does.
_HARD_TYPES = frozenset({"number", "date", "person", "place", "reason", "demand"})
_SOFT_TYPES = frozenset({"reason", "demand"})
_END = re.compile(r"[.!\"”’')\]]\s*$")


@dataclass(frozen=True)
class Retrieved:
    """A sentence found by search, with what it names."""

    passage: Passage
    names: frozenset[str] = frozenset()  # entities mentioned, and whom they speak for
    people: frozenset[str] = frozenset()  # persons mentioned
    subject: str | None = None  # the first entity the sentence itself names


@dataclass(frozen=True)
class ConceptStat:
    """How common a concept is in the archive, and which retrieved sentences hold it."""

    documents: int
    among: frozenset[int]
    exact: frozenset[int] | None = None  # those holding the question's own word, not a synonym


@dataclass(frozen=True)
class Scored:
    """A sentence with its score, coverage and whether it holds the kind of answer asked."""

    passage: Passage
    score: float
    coverage: float
    typed: bool
    names_ok: bool
    topic: float = 1.0  # weighted share of the question's words (not names) it holds
    stand_in: bool = False  # names a person's country, not the person asked about


@dataclass(frozen=True)
class Selection:
    """The sentences chosen (most relevant first), or why there are none."""

    chosen: tuple[Scored, ...]
    best_coverage: float
    reason: str  # "covered", "vague", "no_match", "low_coverage", "missing_name"

    @property
    def covered(self) -> bool:
        """Whether the sources answer the question."""
        return bool(self.chosen)


def concept_weight(documents: int, total: int) -> float:
    """The rarity of a concept found in `documents` of `total` sentences (never below 0.1)."""
    return max(0.1, math.log((total + 1) / (documents + 0.5)))


def meets_answer_type(question: Question, item: Retrieved) -> bool:
    """Whether a sentence holds the kind of answer the question asks for."""
    text = item.passage.quote
    asked = question.resolved.casefold()
    kind = question.answer_type
    if kind == "number":
        return any(m.group(0).casefold() not in asked for m in NUMBER_TEXT.finditer(text))
    if kind == "date":
        return any(m.group(0).casefold() not in asked for m in DATE_TEXT.finditer(text))
    if kind == "reason":
        return REASON_TEXT.search(text) is not None
    if kind == "demand":
        return DEMAND_TEXT.search(text) is not None
    others = item.names - set(question.entities)
    if kind == "place":
        return bool(others - item.people)
    if kind == "person":
        # A person, or a government or body acting ("NATO ambassadors appointed him").
        if others - _proxies(question):
            return True
        return any(
            not any(word.casefold() in asked for word in m.group(0).split())
            for m in CAPITALISED_NAME.finditer(text)
        )
    return True


def _proxies(question: Question) -> set[str]:
    return {proxy for concept in question.concepts for proxy in concept.proxies}


def _holds_entity(concept: Concept, item: Retrieved) -> bool:
    """Whether a sentence names the entity, or (for a person) the country they speak for."""
    assert concept.entity is not None
    return concept.entity in item.names or any(p in item.names for p in concept.proxies)


def _only_in_time_phrase(word: str, text: str, asked: str) -> bool:
    """Whether `word` ("last", "next") occurs in the sentence only as part of a time phrase
    ("last week") that the question does not use: the "last holdout" is not "last week"."""
    if word not in TIME_MODIFIERS:
        return False
    uses = re.findall(rf"\b{word}\b(?:\s+(\w+))?", text.casefold())
    if not uses:
        return False
    return all(unit in TIME_UNITS and f"{word} {unit}" not in asked for unit in uses)


def _heading(text: str) -> bool:
    """A sub-heading ("Obstacles and Path Forward for Rutte"): short, unpunctuated, title case."""
    if len(text.split()) >= 12 or _END.search(text):
        return False
    long_words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) > 3]
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return bool(long_words) and capitalised / len(long_words) > 0.6


def _day(passage: Passage) -> date | None:
    try:
        return date.fromisoformat(passage.published or "")
    except ValueError:
        return None


def _length_factors(items: Sequence[Retrieved]) -> dict[int, float]:
    """BM25's length normalisation, each concept counted once: how much a sentence's words
    are worth given its length against the average of those found."""
    lengths = {item.passage.sentence_id: len(item.passage.quote.split()) for item in items}
    average = sum(lengths.values()) / len(lengths) if lengths else 1.0
    return {
        sid: (BM25_K1 + 1) / (1 + BM25_K1 * (1 - BM25_B + BM25_B * length / max(average, 1.0)))
        for sid, length in lengths.items()
    }


def _freshness(items: Sequence[Retrieved]) -> dict[int, float]:
    days = {item.passage.sentence_id: _day(item.passage) for item in items}
    known = [day for day in days.values() if day is not None]
    if not known:
        return {}
    first, last = min(known), max(known)
    span = max(1, (last - first).days)
    return {key: (day - first).days / span for key, day in days.items() if day is not None}


def score_passages(
    question: Question, items: Sequence[Retrieved], stats: Sequence[ConceptStat], total: int
) -> list[Scored]:
    """Every usable retrieved sentence scored, best first (answer type, then score)."""
    weights = [concept_weight(stat.documents, total) for stat in stats]
    weight_sum = sum(weights) or 1.0
    required = [
        i
        for i, concept in enumerate(question.concepts)
        if concept.entity
        and (concept.kind == "person" or stats[i].documents <= SPECIFIC_SHARE * max(total, 1))
    ]
    named = {i for i, concept in enumerate(question.concepts) if concept.entity}
    fresh = _freshness(items)
    length_factor = _length_factors(items)
    context = set(question.context)
    asked = question.resolved.casefold()
    asked_people = {c.entity for c in question.concepts if c.entity and c.kind == "person"}
    scored: list[Scored] = []
    relevance: list[float] = []
    for item in items:
        text = item.passage.quote
        if text.rstrip().endswith("?"):
            continue  # a question in an article answers nothing
        sid = item.passage.sentence_id
        # A name counts where the resolver reads it (so "North America" is not the United
        # States); a word wherever the index finds it, unless only inside "last week".
        held = [
            _holds_entity(concept, item)
            if concept.entity is not None
            else sid in stat.among and not _only_in_time_phrase(concept.label, text, asked)
            for concept, stat in zip(question.concepts, stats, strict=True)
        ]
        coverage = sum(w for w, ok in zip(weights, held, strict=True) if ok) / weight_sum
        typed = meets_answer_type(question, item)
        relevance.append(coverage * length_factor[sid])
        score = coverage
        if context:
            score += 0.1 * len(context & item.names) / len(context)
        score += (0.3 if question.recent else 0.03) * fresh.get(sid, 0.0)
        own = sum(
            1
            for concept, stat in zip(question.concepts, stats, strict=True)
            if concept.entity is None and stat.exact is not None and sid in stat.exact
        )
        score += OWN_WORD_BONUS * own
        if (
            question.answer_type != "person"
            and item.subject is not None
            and item.subject in asked_people
        ):
            score += SUBJECT_BONUS  # about the person asked of, not someone it also names
        if question.answer_type in _SOFT_TYPES and typed:
            score += 0.15
        if question.answer_type == "reason" and STRONG_REASON_TEXT.search(text):
            score += STRONG_REASON_BONUS  # "over a flight-spending scandal" says why
        # A person's country standing in for them: an answer, but not the best one.
        stand_ins = sum(
            1
            for concept in question.concepts
            if concept.entity is not None
            and concept.proxies
            and concept.entity not in item.names
            and _holds_entity(concept, item)
        )
        score -= PROXY_PENALTY * stand_ins
        if _heading(text):
            score -= 0.2
        elif len(text.split()) < SHORT_WORDS:
            score -= 0.1
        if item.passage.duplicate_of is not None:
            score -= 0.01
        names_ok = all(held[i] for i in required)
        topic_total = sum(w for i, w in enumerate(weights) if i not in named)
        topic_held = sum(w for i, w in enumerate(weights) if i not in named and held[i])
        topic = topic_held / topic_total if topic_total else 1.0
        scored.append(Scored(item.passage, score, coverage, typed, names_ok, topic, stand_ins > 0))
    top = max(relevance, default=1.0) or 1.0
    scored = [
        replace(s, score=s.score + 0.25 * r / top) for s, r in zip(scored, relevance, strict=True)
    ]
    hard = question.answer_type in _HARD_TYPES
    scored.sort(key=lambda s: (s.typed if hard else True, s.score), reverse=True)
    return scored


def select_answer(
    question: Question, items: Sequence[Retrieved], stats: Sequence[ConceptStat], total: int
) -> Selection:
    """One to three sentences answering the question, or none with the reason why."""
    if question.vague or not question.concepts:
        return Selection((), 0.0, "vague")
    scored = score_passages(question, items, stats, total)
    if not scored:
        # Words the archive uses, but never together enough to answer: not covered.
        known = any(stat.documents for stat in stats)
        return Selection((), 0.0, "low_coverage" if known else "no_match")
    best_coverage = max(s.coverage for s in scored)
    qualified = [
        s for s in scored if s.coverage >= COVERED_AT and s.topic >= TOPIC_AT and s.names_ok
    ]
    if not qualified:
        missing = any(s.coverage >= COVERED_AT and s.topic >= TOPIC_AT for s in scored)
        return Selection((), best_coverage, "missing_name" if missing else "low_coverage")
    first = qualified[0]
    chosen = [first]
    # The others add to the first, each from another article where one qualifies.
    rest = sorted(qualified[1:], key=lambda s: s.passage.article_id == first.passage.article_id)
    for other in rest:
        if len(chosen) == MAX_SENTENCES:
            break
        if other.score < first.score - SECONDARY_MARGIN or (first.typed and not other.typed):
            continue
        if other.stand_in and not first.stand_in:
            continue  # the first names the person; their country alone adds nothing on them
        if any(overlap(other.passage.quote, c.passage.quote) >= REDUNDANT_AT for c in chosen):
            continue
        chosen.append(other)
    return Selection(tuple(chosen), best_coverage, "covered")
