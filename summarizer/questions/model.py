"""The values a question's analysis produces: concepts, earlier turns, the question itself."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from records.conversation import TurnFocus
from summarizer.questions.names import Named
from summarizer.questions.words import AnswerType

Intent = Literal["stance", "passages"]
CONTEXT_TURNS = 3  # how many earlier turns pronouns and context look back over
STANCE_CONCEPT = "stance"  # the label of the concept made of a question's stance wording
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


@dataclass(frozen=True)
class Concept:
    """Something an answer must be about: a word (with variants) or a named entity."""

    label: str
    words: tuple[str, ...]
    entity: str | None = None
    kind: str | None = None  # the entity's kind: person, country or body
    # A person's country (and its search words): "Hungary dropped its veto" answers "when did
    # Orban drop the veto?" when no sentence names him.
    proxies: tuple[str, ...] = ()
    proxy_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class PriorTurn:
    """An earlier turn of the thread, as the analysis needs it."""

    resolved: str
    focus: TurnFocus


@dataclass(frozen=True)
class Question:
    """A question understood: its intent, names, topics and the answer it expects."""

    text: str
    resolved: str  # with pronouns and ellipsis spelled out
    intent: Intent
    stance_filter: str | None = None  # "supports" | "opposes" | "any" (stance questions)
    candidate: str | None = None
    holder: str | None = None
    entities: tuple[str, ...] = ()  # canonical names the question is about, in order
    concepts: tuple[Concept, ...] = ()
    context: tuple[str, ...] = ()  # names from the thread so far (a boost, not a demand)
    answer_type: AnswerType | None = None
    recent: bool = False
    resolutions: tuple[tuple[str, str], ...] = ()  # ("her", "Kaja Kallas")
    vague: bool = False  # too little to search for (one common word, no question)
    guessed: bool = False  # a bare name with no thread before it, read as a stance question
    as_of: date | None = None  # "as of 1 April 2024", "in March 2024": stances as of that day


def shape(text: str, named: Sequence[Named]) -> str:
    """The question in lower case with each name replaced by `§`."""
    pieces, last = [], 0
    for n in named:
        pieces += [text[last : n.start], "§"]
        last = n.end
    pieces.append(text[last:])
    return re.sub(r"\s+", " ", "".join(pieces)).strip().casefold()
