"""The watch filter: the race is kept; NATO news and other news naming a candidate are not."""

from __future__ import annotations

from pathlib import Path

from evaluation.watch_filter import main, score
from summarizer.text.race_relevance import race_relevance

ITEMS = Path(__file__).parents[1] / "fixtures" / "eval" / "watch_filter.jsonl"


def test_race_news_is_kept() -> None:
    text = "Germany backs Mark Rutte as the next NATO secretary general. Talks go on."
    assert race_relevance(text).keep


def test_the_office_alone_is_nato_news() -> None:
    text = "NATO Secretary General Mark Rutte urged allies to spend more on defence."
    assert not race_relevance(text, "NATO chief wants Rutte's successor? No: spending").keep


def test_a_candidate_named_in_other_news_is_not_the_race() -> None:
    text = "The VVD chose Dilan Yesilgoz to succeed Mark Rutte as party leader."
    assert not race_relevance(text).keep


def test_the_headline_alone_never_keeps() -> None:
    headline = "The race to succeed Stoltenberg as NATO secretary general"
    assert not race_relevance("Stock markets fell on Tuesday.", headline).keep


def test_the_labelled_set_is_large_enough_and_scored(capsys: object) -> None:
    assert sum(1 for line in ITEMS.read_text(encoding="utf-8").splitlines() if line) >= 60
    precision, recall, _ = score(ITEMS)
    assert precision >= 0.9 and recall >= 0.8
    assert main(["--items", str(ITEMS), "--min-precision", "0.9", "--min-recall", "0.8"]) == 0
