"""A question's words meet an article's in other forms and other words: inflections and
derived forms, the race's paraphrases, a person's country; and the words that only say what
kind of answer is wanted are not topics."""

from __future__ import annotations

import pytest

from summarizer.entities.resolver import EntityResolver
from summarizer.questions.analysis import Question, analyse_question
from summarizer.questions.words import word_variants

CANDIDATES = ("Mark Rutte", "Kaja Kallas", "Klaus Iohannis")


def ask(text: str) -> Question:
    return analyse_question(text, [], EntityResolver.default(), CANDIDATES)


@pytest.mark.parametrize(
    ("word", "meets"),
    [
        ("quit", ("withdrew", "pull out", "drop out", "bow out")),
        ("quitting", ("quit", "withdraw")),
        ("withdrawal", ("quit", "pulled out")),
        ("objected", ("objection", "veto", "hold out", "block")),
        ("objection", ("object", "oppose")),
        ("appointed", ("name", "select", "choose", "appoint")),
        ("named", ("appoint",)),
        ("endorsed", ("back", "support")),
        ("conditions", ("demand", "assurance", "guarantee")),
        ("assurances", ("guarantee", "condition")),
        ("race", ("contest",)),
    ],
)
def test_paraphrases_are_one_concept(word: str, meets: tuple[str, ...]) -> None:
    variants = word_variants(word)
    assert all(m in variants for m in meets), variants


def test_answer_form_words_and_light_verbs_are_not_topics() -> None:
    labels = [c.label for c in ask("How long did Rutte meet Erdogan?").concepts]
    assert "long" not in labels and "meet" in labels
    labels = [c.label for c in ask("What assurances did Orban get?").concepts]
    assert "get" not in labels and "assurance" in labels


@pytest.mark.parametrize(
    "text",
    [
        "What did Erdogan ask for?",
        "What did Orban demand from Rutte?",
        "Which conditions did Turkey set?",
        "What assurances did Orban get?",
    ],
)
def test_demand_questions(text: str) -> None:
    assert ask(text).answer_type == "demand"


def test_a_leader_may_be_stood_in_for_by_the_country_but_a_candidate_may_not() -> None:
    question = ask("When did Orban and Rutte settle it?")
    by_name = {c.entity: c for c in question.concepts if c.entity}
    assert by_name["Viktor Orbán"].proxies == ("Hungary",)
    assert "budapest" in by_name["Viktor Orbán"].proxy_words
    assert by_name["Mark Rutte"].proxies == ()


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Why did Iohannis drop out?", "withdraw"),
        ("Who bowed out of the race?", "withdraw"),
        ("When did Iohannis step aside?", "withdraw"),
    ],
)
def test_phrasal_verbs_are_one_word(text: str, label: str) -> None:
    labels = [c.label for c in ask(text).concepts]
    assert label in labels and "drop" not in labels and "bowed" not in labels


def test_held_out_is_a_stance_question() -> None:
    question = ask("Who held out against Rutte?")
    assert question.intent == "stance" and question.stance_filter == "opposes"
