"""Which sentences could answer a question at all, decided before anything is read.

A sentence answers only if it holds at least `COVERED_AT` of the question's concept weight
(summarizer/answers/ranking.py). So the archive need not be ranked as a whole: it is enough to find
the sentences that hold one of the smallest sets of concepts reaching that share. For "when is
the NATO summit in Washington?" that is "summit AND washington", as "nato" is in a fifth of all
sentences and weighs too little to make up for either. Searching for those groups is a few
index look-ups however large the archive grows; ranking every sentence that says "NATO" is not.

Pure: the caller passes each concept's weight and whether the index can search for it.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.answers.ranking import COVERED_AT

# Beyond this many groups (a long question of many equally common words), any one of the
# concepts the rest cannot do without is asked for instead: a looser, still exact, condition.
MAX_GROUPS = 48
_EPSILON = 1e-9

Group = tuple[int, ...]


def coverage_groups(
    weights: Sequence[float], searchable: Sequence[bool], *, limit: int = MAX_GROUPS
) -> list[Group]:
    """The smallest sets of searchable concepts (by index) whose weight reaches `COVERED_AT`
    of the total; a sentence holding none of these sets in full cannot answer the question.

    A concept the index cannot search for (a name of two letters) counts as held, since the
    reader may still find it. When the searchable concepts are not needed at all, or there
    are more than `limit` sets, each concept that every answer needs one of stands alone.
    """
    if len(weights) != len(searchable):
        raise ValueError("one weight and one searchable flag per concept")
    total = sum(weights)
    free = sum(w for w, ok in zip(weights, searchable, strict=True) if not ok)
    need = COVERED_AT * total - free
    order = sorted((i for i, ok in enumerate(searchable) if ok), key=lambda i: -weights[i])
    if not order:
        return []
    if need <= _EPSILON:
        return [(i,) for i in order]
    groups = _minimal_groups([weights[i] for i in order], need, limit)
    if groups is None:
        return [(order[k],) for k in _essential(order, weights, need)]
    return [tuple(sorted(order[k] for k in group)) for group in groups]


def _minimal_groups(sorted_weights: list[float], need: float, limit: int) -> list[Group] | None:
    """Positions of heaviest-first weights whose sum reaches `need`, each minimal (adding the
    weights heaviest first and stopping as soon as `need` is reached leaves nothing to drop);
    None when there are more than `limit`."""
    suffix = [0.0] * (len(sorted_weights) + 1)
    for k in range(len(sorted_weights) - 1, -1, -1):
        suffix[k] = suffix[k + 1] + sorted_weights[k]
    groups: list[Group] = []

    def walk(start: int, chosen: tuple[int, ...], have: float) -> bool:
        for k in range(start, len(sorted_weights)):
            if have + suffix[k] < need - _EPSILON:
                return True  # the rest, all lighter, cannot reach it either
            reached = have + sorted_weights[k]
            if reached >= need - _EPSILON:
                groups.append((*chosen, k))
                if len(groups) > limit:
                    return False
            elif not walk(k + 1, (*chosen, k), reached):
                return False
        return True

    return groups if walk(0, (), 0.0) else None


def _essential(order: list[int], weights: Sequence[float], need: float) -> list[int]:
    """Positions in `order` (heaviest first) of the concepts an answer must hold one of: the
    lightest concepts together fall short of `need`, so one of the others is always needed."""
    light = 0.0
    cut = len(order)
    for k in range(len(order) - 1, -1, -1):
        if light + weights[order[k]] >= need - _EPSILON:
            break
        light += weights[order[k]]
        cut = k
    return list(range(cut))
