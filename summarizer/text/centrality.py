"""LexRank centrality and word-overlap similarity for picking non-redundant sentences.

Pure Python over sparse TF-IDF vectors. The similarity matrix is never written out: each
step of the power iteration goes through the words the sentences share (see `_Similarity`),
so hundreds of sentences of news about one subject, where nearly every pair shares a word,
cost what their words cost.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from itertools import compress
from operator import mul

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


class WordsMemo:
    """The content words of texts already read, for a process that reads the same sentences
    again (a running bot's digests rank mostly the same recent articles). Bounded: emptied
    when full. Safe to share between threads."""

    def __init__(self, limit: int = 50_000) -> None:
        self._limit = limit
        self._words: dict[str, tuple[str, ...]] = {}

    def words(self, text: str) -> tuple[str, ...]:
        """`content_words(text)`, worked out once."""
        found = self._words.get(text)
        if found is None:
            if len(self._words) >= self._limit:
                self._words.clear()
            found = self._words[text] = tuple(content_words(text))
        return found


def overlap(a: str, b: str) -> float:
    """Share of the shorter sentence's content words found in the other (0..1)."""
    return overlap_of_words(set(content_words(a)), set(content_words(b)))


def overlap_of_words(left: AbstractSet[str], right: AbstractSet[str]) -> float:
    """`overlap` of two sentences given as the sets of their content words."""
    if not left or not right:
        return 0.0
    return len(left & right) / min(len(left), len(right))


def _vectors(bags: Sequence[Counter[str]]) -> list[dict[str, float]]:
    frequency: Counter[str] = Counter()
    for bag in bags:
        frequency.update(bag.keys())
    total = len(bags)
    vectors = []
    for bag in bags:
        vector = {w: n * math.log((1 + total) / (1 + frequency[w])) for w, n in bag.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({w: v / norm for w, v in vector.items() if v > 0})
    return vectors


class _Similarity:
    """The matrix of the sentences' cosine similarities (each sentence's similarity to
    itself left out), kept as its factors: the sentences' word weights. Multiplying by it
    goes through the words, `S·x = V·(Vᵀ·x)` minus the diagonal, so it costs the number of
    words the sentences have, not the square of the number of sentences."""

    def __init__(self, vectors: Sequence[dict[str, float]]) -> None:
        postings: dict[str, list[tuple[int, float]]] = {}
        for i, vector in enumerate(vectors):
            for word, weight in vector.items():
                postings.setdefault(word, []).append((i, weight))
        # A word only one sentence has links no two sentences: it is left out, so a sentence
        # without neighbours has no similarity at all, not a rounding error's worth.
        shared = [entries for entries in postings.values() if len(entries) > 1]
        self._by_word = [([i for i, _ in entries], [w for _, w in entries]) for entries in shared]
        by_sentence: list[tuple[list[int], list[float]]] = [([], []) for _ in vectors]
        for k, entries in enumerate(shared):
            for i, weight in entries:
                by_sentence[i][0].append(k)
                by_sentence[i][1].append(weight)
        self._by_sentence = by_sentence
        self._self = [sum(map(mul, weights, weights)) for _, weights in by_sentence]

    def times(self, x: Sequence[float]) -> list[float]:
        """The matrix times `x`."""
        through = [sum(map(mul, map(x.__getitem__, ids), ws)) for ids, ws in self._by_word]
        return [
            sum(map(mul, map(through.__getitem__, ids), ws)) - x[i] * self._self[i] if ids else 0.0
            for i, (ids, ws) in enumerate(self._by_sentence)
        ]

    def linked(self, i: int) -> bool:
        """Whether sentence `i` shares a word with another."""
        return bool(self._by_sentence[i][0])


def lexrank(texts: Sequence[str]) -> list[float]:
    """Continuous LexRank score of each text (higher is more central); sums to 1."""
    return lexrank_of_words([content_words(text) for text in texts])


def lexrank_of_words(words: Sequence[Sequence[str]]) -> list[float]:
    """`lexrank` of texts given as their `content_words` (for a caller that has them)."""
    count = len(words)
    if count == 0:
        return []
    similarity = _Similarity(_vectors([Counter(found) for found in words]))
    totals = similarity.times([1.0] * count)
    # A sentence linked to none spreads its score evenly over all of them.
    inverse = [1 / t if similarity.linked(i) and t else 0.0 for i, t in enumerate(totals)]
    dangling = [not weight for weight in inverse]
    scores = [1.0 / count] * count
    for _ in range(_ITERATIONS):
        spread = similarity.times(list(map(mul, scores, inverse)))
        lost = sum(compress(scores, dangling))
        base = (1 - _DAMPING) / count + _DAMPING * lost / count
        scores = [base + _DAMPING * value for value in spread]
    total = sum(scores) or 1.0
    return [score / total for score in scores]
