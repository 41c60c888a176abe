"""LexRank centrality and word-overlap similarity for picking non-redundant sentences.

Pure Python over sparse TF-IDF vectors. Similarities are accumulated through an inverted
index, so only sentences that share a word are ever compared.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

_WORD = re.compile(r"[^\W\d_]{2,}|\d+", re.UNICODE)
_STOP = frozenset(
    "the a an and or but of to in on at by for with from as is are was were be been being "
    "has have had it its this that these those he she his her him they their them which who "
    "whom whose what when where while not no also than then there here into about after before "
    "over under said says say will would could should may might can did does do just more most "
    "other such only both each any all some own same so too very".split()
)
_DAMPING = 0.85
_ITERATIONS = 30


def content_words(text: str) -> list[str]:
    """Lower-cased words without stop words, plurals folded (`allies` → ally, `backs` → back)."""
    words = []
    for word in _WORD.findall(text.casefold()):
        if word in _STOP:
            continue
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
        words.append(word)
    return words


def overlap(a: str, b: str) -> float:
    """Share of the shorter sentence's content words found in the other (0..1)."""
    left, right = set(content_words(a)), set(content_words(b))
    if not left or not right:
        return 0.0
    return len(left & right) / min(len(left), len(right))


def _vectors(texts: Sequence[str]) -> list[dict[str, float]]:
    bags = [Counter(content_words(text)) for text in texts]
    frequency: Counter[str] = Counter()
    for bag in bags:
        frequency.update(bag.keys())
    total = len(texts)
    vectors = []
    for bag in bags:
        vector = {w: n * math.log((1 + total) / (1 + frequency[w])) for w, n in bag.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({w: v / norm for w, v in vector.items() if v > 0})
    return vectors


def _similarities(vectors: list[dict[str, float]]) -> list[dict[int, float]]:
    postings: dict[str, list[tuple[int, float]]] = {}
    for i, vector in enumerate(vectors):
        for word, weight in vector.items():
            postings.setdefault(word, []).append((i, weight))
    sims: list[dict[int, float]] = [{} for _ in vectors]
    for entries in postings.values():
        for a, (i, wi) in enumerate(entries):
            row = sims[i]
            for j, wj in entries[a + 1 :]:
                row[j] = row.get(j, 0.0) + wi * wj
    # Mirror the upper triangle so each row holds all its neighbours.
    for i in range(len(sims)):
        for j, value in list(sims[i].items()):
            if j > i:
                sims[j][i] = value
    return sims


def lexrank(texts: Sequence[str]) -> list[float]:
    """Continuous LexRank score of each text (higher is more central); sums to 1."""
    count = len(texts)
    if count == 0:
        return []
    sims = _similarities(_vectors(texts))
    totals = [sum(row.values()) for row in sims]
    scores = [1.0 / count] * count
    for _ in range(_ITERATIONS):
        spread = [0.0] * count
        dangling = 0.0
        for i, row in enumerate(sims):
            if totals[i] == 0:
                dangling += scores[i]
                continue
            share = scores[i] / totals[i]
            for j, value in row.items():
                spread[j] += share * value
        base = (1 - _DAMPING) / count + _DAMPING * dangling / count
        scores = [base + _DAMPING * value for value in spread]
    total = sum(scores) or 1.0
    return [score / total for score in scores]
