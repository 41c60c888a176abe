"""Thread memory in a question: who "she", "him" or "they" is, from the earlier turns."""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.entities.resolver import EntityResolver
from summarizer.questions.model import CONTEXT_TURNS, WORD, PriorTurn
from summarizer.questions.names import question_mentions
from summarizer.questions.words import GROUP_PRONOUNS, PERSON_PRONOUNS

_NOT_POSSESSED = frozenset(
    "and or but to in on for with at by from of now still too then yet again anymore about as "
    "is was be".split()
)


def focus_entity(
    history: Sequence[PriorTurn], resolver: EntityResolver, *, person: bool
) -> str | None:
    """The most recent person (or country/body) in focus in the thread."""
    for turn in reversed(history[-CONTEXT_TURNS:]):
        focus = turn.focus
        first = focus.candidate if person else focus.holder
        names = [first, *focus.entities] if first else list(focus.entities)
        for name in names:
            entity = resolver.entity(name)
            if entity is not None and (entity.kind == "person") == person:
                return entity.name
    return None


def resolve_pronouns(
    text: str, history: Sequence[PriorTurn], resolver: EntityResolver
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The question with "she", "his", "they" spelled out as the names in focus, and what
    was read as whom. A pronoun with nobody in focus stays as it is, and so does one that can
    mean a name in the question itself ("when will Kallas take up her post?")."""
    named = question_mentions(resolver, text)
    names_person = any(n.entity.kind == "person" for n in named)
    names_group = any(n.entity.kind != "person" for n in named)
    pieces: list[str] = []
    resolutions: list[tuple[str, str]] = []
    last = 0
    words = list(WORD.finditer(text))
    for i, match in enumerate(words):
        word = match.group(0).casefold()
        if any(n.start <= match.start() < n.end for n in named):
            continue
        if word in PERSON_PRONOUNS and not names_person:
            name = focus_entity(history, resolver, person=True)
        elif word in GROUP_PRONOUNS and not names_group:
            name = focus_entity(history, resolver, person=False)
        else:
            continue
        if name is None:
            continue
        following = words[i + 1].group(0).casefold() if i + 1 < len(words) else ""
        possessive = word in ("his", "their", "hers", "theirs") or (
            word == "her" and following and following not in _NOT_POSSESSED
        )
        pieces += [text[last : match.start()], name + ("'s" if possessive else "")]
        last = match.end()
        resolutions.append((match.group(0), name))
    pieces.append(text[last:])
    return "".join(pieces), tuple(resolutions)
