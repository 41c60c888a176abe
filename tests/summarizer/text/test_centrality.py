"""LexRank centrality and word overlap, on sentences of our own."""

from __future__ import annotations

import math
from collections import Counter

from summarizer.text.centrality import content_words, lexrank, overlap


def test_the_sentence_that_echoes_the_others_ranks_first() -> None:
    texts = [
        "Poland and Finland back Kallas for NATO secretary general.",
        "Kallas won backing from Poland for the NATO post.",
        "Finland confirmed it backs Kallas for secretary general.",
        "The weather in Brussels was mild on Tuesday.",
    ]
    scores = lexrank(texts)
    assert max(range(4), key=scores.__getitem__) == 0
    assert min(range(4), key=scores.__getitem__) == 3
    assert abs(sum(scores) - 1.0) < 1e-9


def test_lexrank_handles_nothing_and_isolated_sentences() -> None:
    assert lexrank([]) == []
    scores = lexrank(["Alpha beta gamma.", "Delta epsilon zeta."])
    assert scores[0] == scores[1]


def test_overlap_is_the_shared_share_of_the_shorter_sentence() -> None:
    assert overlap("Turkey backs Rutte.", "Turkey now backs Rutte for the NATO job.") == 1.0
    assert overlap("Turkey backs Rutte.", "Hungary blocks Kallas.") == 0.0
    assert overlap("", "anything at all") == 0.0


def test_content_words_drop_stop_words_and_fold_plurals() -> None:
    assert content_words("The allies and the candidates were there") == ["ally", "candidate"]


def _pairwise_lexrank(texts: list[str]) -> list[float]:
    """Continuous LexRank by its definition: every pair's cosine similarity of TF-IDF
    vectors (a sentence's own left out), then the damped power iteration."""
    bags = [Counter(content_words(text)) for text in texts]
    frequency: Counter[str] = Counter()
    for bag in bags:
        frequency.update(bag.keys())
    vectors = []
    for bag in bags:
        raw = {w: n * math.log((1 + len(texts)) / (1 + frequency[w])) for w, n in bag.items()}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        vectors.append({w: v / norm for w, v in raw.items() if v > 0})
    count = len(texts)
    sims = [
        [sum(a[w] * b.get(w, 0.0) for w in a) if i != j else 0.0 for j, b in enumerate(vectors)]
        for i, a in enumerate(vectors)
    ]
    totals = [sum(row) for row in sims]
    scores = [1.0 / count] * count
    for _ in range(30):
        dangling = sum(s for s, t in zip(scores, totals, strict=True) if t == 0)
        spread = [
            sum(scores[i] / totals[i] * sims[i][j] for i in range(count) if totals[i])
            for j in range(count)
        ]
        base = 0.15 / count + 0.85 * dangling / count
        scores = [base + 0.85 * value for value in spread]
    return [score / sum(scores) for score in scores]


def test_lexrank_gives_the_scores_of_the_pairwise_definition() -> None:
    texts = [
        "Poland and Finland back Kallas for NATO secretary general.",
        "Kallas won backing from Poland for the NATO post.",
        "Finland confirmed it backs Kallas for secretary general.",
        "The weather in Brussels was mild on Tuesday.",
        "Hungary has reservations about Rutte and wants guarantees.",
        "Rutte met Orban in Budapest to discuss the guarantees Hungary wants.",
        "Turkey backs Rutte for secretary general.",
        "Alpha beta gamma.",
        "Poland and Finland back Kallas for NATO secretary general.",
    ]
    expected = _pairwise_lexrank(texts)
    assert all(abs(a - b) < 1e-12 for a, b in zip(lexrank(texts), expected, strict=True))
