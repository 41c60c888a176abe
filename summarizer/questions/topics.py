"""What an ordinary (retrieval) question is about: its concepts, the answer it expects, and
the names the thread brings along."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
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
    LIGHT_VERBS,
    OPPOSE_WORDS,
    PERSON_PRONOUNS,
    RECENT,
    STANCE_PHRASE,
    SUPPORT_WORDS,
    join_phrasal_verbs,
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


_ANSWER_FORM = re.compile(
    r"\bhow\s+(?:many|much|old|long|large|big|soon|often)\b|"
    r"\bwhat\s+(?:percentage|share|proportion|number|day|date|month|year|time)\b"
)


def _without_answer_form(text: str) -> str:
    """The question without the words that only say what kind of answer it wants ("how
    long", "what date"): a sentence saying "for two hours" need not say "long"."""
    return _ANSWER_FORM.sub(" ", text)


def topical_question(
    base: Question,
    named: Sequence[Named],
    history: Sequence[PriorTurn],
    resolver: EntityResolver,
    candidates: Collection[str] = (),
) -> Question:
    """The question as a retrieval question: one concept per topical word (with variants),
    one for the stance wording if any, one per name; the answer type and recency asked.

    A person who is not a candidate may be stood in for by the country they speak for
    ("Hungary dropped its veto" for Orban); a candidate speaks for themselves."""
    text = base.resolved
    lowered = text.casefold()
    outside = join_phrasal_verbs(shape(text, named).replace("§", " "))
    answer_type = next((kind for kind, rx in ANSWER_TYPES if rx.search(lowered)), None)
    stance_words = STANCE_PHRASE.findall(outside)
    plain = _without_answer_form(STANCE_PHRASE.sub(" ", outside))
    concepts: list[Concept] = []
    seen: set[str] = set()
    topical = [
        word
        for word in content_words(plain)
        if word not in GENERIC and word not in PERSON_PRONOUNS and word not in GROUP_PRONOUNS
    ]
    if any(word not in LIGHT_VERBS for word in topical):
        topical = [word for word in topical if word not in LIGHT_VERBS]
    for word in topical:
        if word in seen:
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
        found = tuple(dict.fromkeys((*surface, *search_words(resolver, n.entity.name))))
        proxies: tuple[str, ...] = ()
        proxy_words: tuple[str, ...] = ()
        country = n.entity.speaks_for(None)
        if (
            n.entity.kind == "person"
            and country != n.entity.name
            and n.entity.name not in candidates
        ):
            proxies = (country,)
            proxy_words = tuple(search_words(resolver, country))
        concepts.append(
            Concept(n.entity.name, found, n.entity.name, n.entity.kind, proxies, proxy_words)
        )
    context: list[str] = []
    for turn in reversed(history[-CONTEXT_TURNS:]):
        focus = turn.focus
        for name in (focus.candidate, focus.holder, *focus.entities):
            if name and name not in base.entities and name not in context:
                context.append(name)
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
