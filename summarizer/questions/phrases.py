"""Two words of a question that the archive nearly always uses together are one concept.

"Secretary general", "prime minister" or "defence spending" name one thing; counted as two
concepts, they weigh twice, and a sentence saying only "the next NATO secretary general"
would seem to cover most of "how is the next secretary general selected?". Which pairs are
phrases is measured, not listed: the pair is one concept when the archive uses the two words
side by side in at least `COLLOCATED_AT` of the sentences holding the rarer of them.

Pure: the caller passes a function counting the sentences that hold any of some words (a
word of several words being a phrase).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from summarizer.questions.model import STANCE_CONCEPT, WORD, Concept, Question
from summarizer.text.centrality import content_words

COLLOCATED_AT = 0.8

DocumentCounter = Callable[[Sequence[str]], int]


def _written_words(text: str) -> list[tuple[str, str] | None]:
    """Each word of the text as (as written, folded like a concept label); None for a stop
    word, which breaks a phrase."""
    found: list[tuple[str, str] | None] = []
    for word in WORD.findall(text.casefold()):
        folded = content_words(word)
        found.append((word, folded[0]) if folded else None)
    return found


def _plain_word(concept: Concept) -> bool:
    return concept.entity is None and concept.label != STANCE_CONCEPT


def join_collocations(question: Question, documents: DocumentCounter) -> Question:
    """The question with each run of side-by-side words that form a phrase in the archive
    made one concept (the phrase as written); other concepts unchanged, in order."""
    concepts = question.concepts
    owner: dict[str, int] = {}
    for index, concept in enumerate(concepts):
        if _plain_word(concept):
            for word in concept.words:
                owner.setdefault(word, index)
    words = _written_words(question.resolved)
    slots = [owner.get(word[1]) if word else None for word in words]

    def linked(left: int, right: int) -> bool:
        a, b = slots[left], slots[right]
        if a is None or b is None or a == b:
            return False
        rarer = min(documents(concepts[a].words), documents(concepts[b].words))
        phrase = f"{_text(words[left])} {_text(words[right])}"
        return rarer > 0 and documents([phrase]) >= COLLOCATED_AT * rarer

    heads: dict[int, str] = {}  # concept index -> the phrase it now stands for
    absorbed: set[int] = set()
    position = 0
    while position < len(words):
        run = [position]
        while run[-1] + 1 < len(words) and linked(run[-1], run[-1] + 1):
            if slots[run[-1] + 1] in {slots[k] for k in run}:
                break
            run.append(run[-1] + 1)
        members = [slot for slot in (slots[k] for k in run) if slot is not None]
        if len(members) > 1 and not any(m in heads or m in absorbed for m in members):
            heads[members[0]] = " ".join(_text(words[k]) for k in run)
            absorbed.update(members[1:])
        position = run[-1] + 1
    if not heads:
        return question
    joined = [
        Concept(heads[i], (heads[i],)) if i in heads else concept
        for i, concept in enumerate(concepts)
        if i not in absorbed
    ]
    return replace(question, concepts=tuple(joined))


def _text(word: tuple[str, str] | None) -> str:
    return word[0] if word else ""
