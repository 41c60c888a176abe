"""LexRank centrality and word overlap, on sentences of our own."""

from __future__ import annotations

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
