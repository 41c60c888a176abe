"""Whether a capital or seat of government in a sentence names a place or the state acting.

"Berlin's backing", "Washington, London and Paris hope", "loyalty to Washington": the state.
"the Washington summit", "in Brussels", "the path to Brussels", "at the White House", "Paris
Match", "in Berlin and Paris": a place or part of another name. Only the words around the
capital decide; when they say nothing, the capital is read as the state, as news usage has it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from summarizer.entities.text import (
    FILLERS,
    MOTION_PREPOSITIONS,
    MOTION_WORDS,
    NOT_NAME_STARTS,
    PLACE_AFTER,
    PLACE_BEFORE,
    PLACE_OWNERS,
    TITLE_WORDS,
    Token,
)

_SENTENCE_BREAK = frozenset('.!?:;"“”‘’«»()[]—–•|\n')
_LIST_WORDS = frozenset({"and", "or", "the"})
# "officials in Riga" speak for the state, though "in Riga" alone is a place (and
# "diplomats in Brussels" are usually at NATO, so diplomats are not counted).
_OFFICIALS = frozenset(
    "officials official authorities government leaders leadership ministers policymakers "
    "policy-makers".split()
)


def previous_index(tokens: Sequence[Token], i: int, skip_the: bool = True) -> int | None:
    """The index of the word before token i, skipping fillers (and "the" if asked)."""
    j = i - 1
    while j >= 0 and (tokens[j].key in FILLERS or (skip_the and tokens[j].key == "the")):
        j -= 1
    return j if j >= 0 else None


def sentence_start(tokens: Sequence[Token], text: str, i: int) -> bool:
    """Whether token i opens the text, a sentence or a quote."""
    before = text[: tokens[i].start].rstrip()
    return not before or before[-1] in _SENTENCE_BREAK


def names_a_place(
    tokens: Sequence[Token],
    text: str,
    first: int,
    last: int,
    *,
    titlecase: bool,
    covered: Callable[[int], bool],
    places: set[int],
) -> bool:
    """Whether tokens first..last (a capital or seat) name a place rather than the state.

    `places` holds the last token of capitals already read as places in this text, so that
    "in Berlin and Paris" reads both as places.
    """
    nxt = tokens[last + 1] if last + 1 < len(tokens) else None
    if nxt is not None:
        gap = text[tokens[last].end : nxt.start]
        if nxt.key == "dc" or (gap.strip() in ("", "-") and nxt.key in PLACE_AFTER):
            return True
        if (
            gap == " "
            and nxt.capitalised
            and not titlecase
            and nxt.key not in NOT_NAME_STARTS
            and not tokens[last].possessive
        ):
            return True  # part of a longer proper name: "Paris Match", "Kyiv Independent"
    j = first - 1
    while j >= 0 and tokens[j].key in _LIST_WORDS:
        j -= 1
    if j >= 0 and j in places:
        return True  # "in Berlin and Paris"
    at = previous_index(tokens, first)
    if at is None:
        return False
    before = tokens[at]
    if before.key == "in":
        people = previous_index(tokens, at, skip_the=False)
        if people is not None and tokens[people].key in _OFFICIALS:
            return False
    if before.key in PLACE_BEFORE:
        return True
    if before.key in MOTION_PREPOSITIONS:
        return any(t.key in MOTION_WORDS for t in tokens[max(0, at - 3) : at])
    if before.key == "of":
        owner = previous_index(tokens, at)
        return owner is not None and tokens[owner].key in PLACE_OWNERS
    # "Jack London", "George Washington": a first name glued to the capital.
    return (
        previous_index(tokens, first, skip_the=False) == at
        and text[before.end : tokens[first].start] == " "
        and before.capitalised
        and not titlecase
        and before.key not in NOT_NAME_STARTS
        and before.key not in TITLE_WORDS
        and not sentence_start(tokens, text, at)
        and not covered(at)
    )
