"""The sentence scorer's arithmetic on a tiny labelled file of our own, with canned readings."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.counts import Counts, DateCounts
from evaluation.labels import LabeledClaim, LabeledEvent, LabeledLine, read_lines
from evaluation.mapping import Labeling
from evaluation.names import NameKeys
from evaluation.scoring import LineScore, LineScorer, by_tag, score_lines, summarise
from summarizer.entities.resolver import EntityResolver

TINY = Path(__file__).resolve().parent.parent / "fixtures/eval/tiny_sentences.jsonl"
HOLM = "Ingrid Holm"

# What a reader is pretended to have read in each line of the tiny file.
READINGS = {
    "t1": Labeling(
        claims=(
            LabeledClaim("Norway", "supports", HOLM, "2031-03-03"),  # right, dated right
            LabeledClaim("Spain", "supports", HOLM, "2031-03-03"),  # not in the labels
        ),
    ),
    "t2": Labeling(
        # "Athens" is Greece and "ingrid holm" is Holm; the date should have been null.
        claims=(LabeledClaim("Athens", "opposes", "ingrid holm", "2031-03-04"),),
        events=(
            LabeledEvent("declared", "Ingrid Holm", "2031-03-04"),
            LabeledEvent("withdrew", "Ingrid Holm", None),  # forbidden
        ),
    ),
    "t3": Labeling(claims=(LabeledClaim("Greece", "supports", HOLM, None),)),  # forbidden
}


def canned(line: LabeledLine) -> Labeling:
    return READINGS[line.id]


@pytest.fixture(scope="module")
def scores() -> list[LineScore]:
    scorer = LineScorer(NameKeys(EntityResolver.default()))
    return score_lines(read_lines(TINY), canned, scorer)


def test_each_line_is_counted(scores: list[LineScore]) -> None:
    t1, t2, t3 = scores
    assert (t1.claims, t1.events) == (Counts(tp=1, fp=1, fn=1), Counts())
    assert t1.missed == ("Portugal supports Ingrid Holm (as_of 2031-03-03)",)
    assert t1.spurious == ("Spain supports Ingrid Holm (as_of 2031-03-03)",)
    assert (t2.claims, t2.events) == (Counts(tp=1), Counts(tp=1, fp=1))
    assert t2.claim_dates == DateCounts(matched=1, correct=0)
    assert t2.event_dates == DateCounts(matched=1, correct=1)
    assert (t2.must_not, t2.must_not_events) == (0, 1)
    assert t2.violations == ("withdrew Ingrid Holm",)
    assert (t3.claims, t3.must_not) == (Counts(fp=1), 1)


def test_overall_precision_and_recall(scores: list[LineScore]) -> None:
    overall = summarise(scores)
    assert overall.lines == 3
    assert overall.claims == Counts(tp=2, fp=2, fn=1)
    assert overall.claims.precision == pytest.approx(0.5)
    assert overall.claims.recall == pytest.approx(2 / 3)
    assert overall.events == Counts(tp=1, fp=1)
    assert (overall.events.precision, overall.events.recall) == (0.5, 1.0)
    assert overall.combined.precision == pytest.approx(3 / 6)
    assert overall.combined.recall == pytest.approx(3 / 4)
    assert overall.claim_dates == DateCounts(matched=2, correct=1)
    assert (overall.must_not, overall.must_not_events) == (1, 1)


def test_scores_by_tag(scores: list[LineScore]) -> None:
    tags = by_tag(scores)
    assert list(tags) == sorted(tags)
    assert tags["date_relative"].lines == 2
    assert tags["date_relative"].claims == Counts(tp=2, fp=1, fn=1)
    assert tags["list"].claims == Counts(tp=1, fp=1, fn=1)
    assert tags["negation"].events == Counts(tp=1, fp=1)
    # Nothing to find in a no_claim line: recall is undefined, precision is zero.
    assert tags["no_claim"].claims.recall is None
    assert tags["no_claim"].claims.precision == 0.0
    assert tags["no_claim"].must_not == 1


def test_a_reading_twice_in_a_line_counts_once() -> None:
    line = read_lines(TINY)[0]
    twice = Labeling(claims=(LabeledClaim("Norway", "supports", HOLM, "2031-03-03"),) * 2)
    score = LineScorer(NameKeys()).score(line, twice)
    assert score.claims == Counts(tp=1, fn=1)


def test_names_are_compared_with_diacritics_folded() -> None:
    names = NameKeys()
    assert names.key("Krišjānis Kariņš") == names.key("Krisjanis  Karins")
    assert NameKeys(EntityResolver.default()).key("Britain") == names.key("United Kingdom")


def test_undefined_rates() -> None:
    assert Counts().precision is None
    assert Counts().recall is None
    assert Counts(fn=2).precision is None
    assert Counts(fn=2).recall == 0.0
