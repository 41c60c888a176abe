"""What an ordinary (retrieval) question is about: its concepts, the answer it expects, and
the names the thread brings along."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from summarizer.entities.resolver import EntityResolver
from summarizer.questions.model import (
    CONTEXT_TURNS,
    STANCE_CONCEPT,
    WORD,
    Concept,
    PriorTurn,
    Question,
    shape,
)
from summarizer.questions.names import Named, name_words, search_words
from summarizer.questions.words import (
    ANSWER_TYPES,
    GENERIC,
    GROUP_PRONOUNS,
    OPPOSE_WORDS,
    PERSON_PRONOUNS,
    RECENT,
    STANCE_PHRASE,
    SUPPORT_WORDS,
    stance_of_verb,
    word_variants,
)
from summarizer.text.centrality import content_words

# A question is a sentence or two; a wall of text is read for its first words and names only,
# so that answering stays a handful of index look-ups.
MAX_WORD_CONCEPTS = 12
MAX_NAME_CONCEPTS = 6
_QUESTION_START = frozenset(
    "who whom whose what which when where why how is are was were do does did has have had will "
    "would could can should may might".split()
)


def topical_question(
    base: Question, named: Sequence[Named], history: Sequence[PriorTurn], resolver: EntityResolver
) -> Question:
    """The question as a retrieval question: one concept per topical word (with variants),
    one for the stance wording if any, one per name; the answer type and recency asked."""
    text = base.resolved
    lowered = text.casefold()
    outside = shape(text, named).replace("§", " ")
    stance_words = STANCE_PHRASE.findall(outside)
    plain = STANCE_PHRASE.sub(" ", outside)
    concepts: list[Concept] = []
    seen: set[str] = set()
    for word in content_words(plain):
        if word in GENERIC or word in PERSON_PRONOUNS or word in GROUP_PRONOUNS or word in seen:
            continue
        seen.add(word)
        if len(concepts) < MAX_WORD_CONCEPTS:
            concepts.append(Concept(word, word_variants(word)))
    if stance_words:
        sides = {stance_of_verb(word) for word in stance_words}
        words = (SUPPORT_WORDS if "supports" in sides else ()) + (
            OPPOSE_WORDS if "opposes" in sides else ()
        )
        concepts.append(Concept(STANCE_CONCEPT, words))
    for n in named[:MAX_NAME_CONCEPTS]:
        if any(c.entity == n.entity.name for c in concepts):
            continue
        surface = name_words(resolver, n.text)
        words = tuple(dict.fromkeys((*surface, *search_words(resolver, n.entity.name))))
        concepts.append(Concept(n.entity.name, words, n.entity.name, n.entity.kind))
    context: list[str] = []
    for turn in reversed(history[-CONTEXT_TURNS:]):
        focus = turn.focus
        for name in (focus.candidate, focus.holder, *focus.entities):
            if name and name not in base.entities and name not in context:
                context.append(name)
    answer_type = next((kind for kind, rx in ANSWER_TYPES if rx.search(lowered)), None)
    first = WORD.match(lowered)
    asks = "?" in text or (first is not None and first.group(0) in _QUESTION_START)
    has_entity = any(c.entity for c in concepts)
    return replace(
        base,
        intent="passages",
        concepts=tuple(concepts),
        context=tuple(context[:6]),
        answer_type=answer_type,
        recent=RECENT.search(lowered) is not None,
        vague=not has_entity and len(concepts) < 2 and not asks,
    )
