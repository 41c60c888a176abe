"""Answering an ordinary question from the stored sentences: weigh, find, read, score, select.

The SQL lives in storage/search.py, the judgement in summarizer/answers/ (coverage.py says which
sentences could answer, ranking.py which do); this module only feeds one into the other.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.archive import Session
from records.passages import Passage
from storage.db import Database
from storage.fts import fts_any_group
from storage.search import (
    documents_holding,
    holders_among,
    newest_matching,
    sentence_total,
    sentences_before,
)
from summarizer.answers.coverage import coverage_groups
from summarizer.answers.ranking import (
    ConceptStat,
    Retrieved,
    Selection,
    concept_weight,
    select_answer,
)
from summarizer.entities.resolver import EntityResolver
from summarizer.questions.analysis import Concept, Question
from summarizer.questions.phrases import join_collocations
from summarizer.questions.words import PERSON_PRONOUNS
from summarizer.text.injection import looks_like_instruction

SEARCH_LIMIT = 80
# Sentences read before syndicated copies are folded: copies of one sentence are common.
FETCH_LIMIT = SEARCH_LIMIT * 3
_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers)\b", re.IGNORECASE)


def _queries(concepts: Sequence[Concept], groups: Sequence[tuple[int, ...]]) -> list[str]:
    """The look-ups, strictest first: every concept; then any group that reaches the coverage
    an answer needs; then the same with "she" or "his" (or the country a person speaks for)
    standing in for a person, whom the sentences before may name."""
    words = [concept.words for concept in concepts]
    with_pronouns = [
        (*concept.words, *sorted(PERSON_PRONOUNS), *concept.proxy_words)
        if concept.kind == "person"
        else concept.words
        for concept in concepts
    ]
    candidates = [
        fts_any_group([words]),
        fts_any_group([[words[i] for i in group] for group in groups]),
        fts_any_group([[with_pronouns[i] for i in group] for group in groups]),
    ]
    return list(dict.fromkeys(query for query in candidates if query))


def _named_before(resolver: EntityResolver, text: str, on: date | None) -> bool:
    """Whether `text` (a sentence up to its first pronoun) names a person."""
    return any(m.entity.kind == "person" for m in resolver.find_mentions(text, on=on))


def _read(db: Database, passage: Passage, resolver: EntityResolver) -> Retrieved:
    """A found sentence with the names it mentions (and whom "she" in it refers to)."""
    try:
        on = date.fromisoformat(passage.published or "")
    except ValueError:
        on = None
    names: set[str] = set()
    people: set[str] = set()
    subject: str | None = None
    texts = [passage.quote]
    pronoun = _PRONOUN.search(passage.quote)
    if pronoun and not _named_before(resolver, passage.quote[: pronoun.start()], on):
        # "She is expected to take up the post": who "she" is, the sentences before say
        # (unless the sentence names a person before it: "Stoltenberg ... his mandate").
        texts += sentences_before(db, passage.article_id, passage.idx)
    for text in texts:
        for mention in resolver.find_mentions(text, on=on):
            if text is not texts[0] and mention.entity.kind != "person":
                continue
            names.update((mention.entity.name, mention.entity.speaks_for(on)))
            if subject is None and text is texts[0]:
                subject = mention.entity.name
            if mention.entity.kind == "person":
                people.add(mention.entity.name)
    return Retrieved(passage, frozenset(names), frozenset(people), subject)


def retrieve(
    session: Session, question: Question, resolver: EntityResolver, weights: Sequence[float]
) -> list[Retrieved]:
    """The sentences that could answer, the most recently stored first, each syndicated
    sentence read once."""
    searchable = [fts_any_group([[concept.words]]) is not None for concept in question.concepts]
    groups = coverage_groups(weights, searchable)
    db = session.db
    readings = session.passage_readings()

    def instructs(passage: Passage) -> bool:
        if readings is None:
            return looks_like_instruction(passage.quote)
        return readings.get(
            ("instructs", passage.sentence_id),
            functools.partial(looks_like_instruction, passage.quote),
        )

    def distinct(found: Sequence[Passage]) -> list[Passage]:
        unique: dict[str, Passage] = {}
        for passage in found:
            if instructs(passage):
                continue  # words aimed at a language model are never quoted as an answer
            # The same sentence from several outlets: the first found stands for all.
            unique.setdefault(" ".join(passage.quote.casefold().split()), passage)
        return list(unique.values())

    found = newest_matching(
        db,
        _queries(question.concepts, groups),
        FETCH_LIMIT,
        session.search_results(),
        # A looser look-up only adds sentences after these: none would be read.
        enough=lambda so_far: len(distinct(so_far)) >= SEARCH_LIMIT,
    )
    chosen = distinct(found)[:SEARCH_LIMIT]
    if readings is None:
        return [_read(db, passage, resolver) for passage in chosen]
    # The same sentences answer many questions: each is read once per revision.
    return [
        readings.get(
            (passage.sentence_id, resolver), functools.partial(_read, db, passage, resolver)
        )
        for passage in chosen
    ]


def _own_words(concept: Concept) -> tuple[str, ...]:
    """The words a concept was asked in: its label, or all its words when it has no others."""
    if concept.entity is not None or len(concept.words) <= 1 or concept.label not in concept.words:
        return concept.words
    return (concept.label,)


@dataclass(frozen=True)
class Evidence:
    """What scoring a question's answers needs: the sentences that could answer, how common
    each concept is and which of those sentences hold it, and the archive's size."""

    question: Question  # as weighed: phrases the archive uses joined into one concept
    items: list[Retrieved]
    stats: list[ConceptStat]
    total: int


def gather_evidence(session: Session, asked: Question, resolver: EntityResolver) -> Evidence:
    """Weigh the question's concepts, find the sentences that could answer, and read them."""
    db, kept = session.db, session.search_results()
    question = join_collocations(asked, lambda words: documents_holding(db, words, kept))
    total = sentence_total(db, kept)
    documents = [documents_holding(db, concept.words, kept) for concept in question.concepts]
    weights = [concept_weight(count, total) for count in documents]
    items = retrieve(session, question, resolver, weights) if question.concepts else []
    ids = [item.passage.sentence_id for item in items]
    holders = holders_among(db, [concept.words for concept in question.concepts], ids)
    # Which hold the question's own word (in any form), not only a paraphrase of it.
    own = holders_among(db, [_own_words(concept) for concept in question.concepts], ids)
    stats = [
        ConceptStat(count, among, exact)
        for count, among, exact in zip(documents, holders, own, strict=True)
    ]
    return Evidence(question, items, stats, total)


def answer_from_passages(
    session: Session, question: Question, resolver: EntityResolver
) -> Selection:
    """The sentences that answer `question`, or an empty selection saying why not."""
    evidence = gather_evidence(session, question, resolver)
    return select_answer(evidence.question, evidence.items, evidence.stats, evidence.total)
