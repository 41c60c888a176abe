"""Answering an ordinary question from the stored sentences: search, read, score, select.

The SQL lives in storage/search.py, the judgement in summarizer/answering.py; this module
only feeds one into the other.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import zip_longest

from sqlite_utils import Database

from storage.search import SearchHit, search_passages, sentence_total, sentences_before, term_stat
from summarizer.answering import ConceptStat, Retrieved, Selection, select_answer
from summarizer.entities import EntityResolver
from summarizer.question import Question

SEARCH_LIMIT = 80
_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers)\b", re.IGNORECASE)


def _query_words(question: Question) -> list[str]:
    """Each concept's own word first, then the variants in turns, so that the 32-token cap of
    the safe FTS query drops the least important words."""
    columns = zip_longest(*(concept.words for concept in question.concepts))
    return [word for row in columns for word in row if word]


def retrieve(db: Database, question: Question, resolver: EntityResolver) -> list[Retrieved]:
    """The sentences matching any of the question's words, with the names each mentions."""
    if not question.concepts:
        return []
    hits = search_passages(db, " ".join(_query_words(question)), limit=SEARCH_LIMIT * 3)
    # The same sentence syndicated by several outlets is read once: the best-ranked copy.
    unique: dict[str, SearchHit] = {}
    for hit in hits:
        key = " ".join(hit.passage.quote.casefold().split())
        unique.setdefault(key, hit)
    found = []
    for hit in list(unique.values())[:SEARCH_LIMIT]:
        try:
            on = date.fromisoformat(hit.passage.published or "")
        except ValueError:
            on = None
        names: set[str] = set()
        people: set[str] = set()
        texts = [hit.passage.quote]
        if _PRONOUN.search(hit.passage.quote):
            # "She is expected to take up the post": who "she" is, the sentences before say.
            texts += sentences_before(db, hit.passage.article_id, hit.passage.idx)
        for text in texts:
            for mention in resolver.find_mentions(text, on=on):
                if text is not texts[0] and mention.entity.kind != "person":
                    continue
                names.update((mention.entity.name, mention.entity.speaks_for(on)))
                if mention.entity.kind == "person":
                    people.add(mention.entity.name)
        found.append(Retrieved(hit.passage, hit.score, frozenset(names), frozenset(people)))
    return found


def answer_from_passages(db: Database, question: Question, resolver: EntityResolver) -> Selection:
    """The sentences that answer `question`, or an empty selection saying why not."""
    items = retrieve(db, question, resolver)
    ids = [item.passage.sentence_id for item in items]
    stats = []
    for concept in question.concepts:
        stat = term_stat(db, " ".join(concept.words), ids)
        stats.append(ConceptStat(stat.documents, stat.among))
    return select_answer(question, items, stats, sentence_total(db))
