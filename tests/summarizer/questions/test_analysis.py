"""Question analysis: stance or retrieval, names however typed, pronouns and ellipsis from the
thread, the answer a question expects, and recency."""

from __future__ import annotations

import pytest

from records.conversation import TurnFocus
from summarizer.entities.resolver import EntityResolver
from summarizer.questions.analysis import PriorTurn, Question, analyse_question, as_passages
from summarizer.questions.words import word_variants

CANDIDATES = ("Mark Rutte", "Kaja Kallas", "Klaus Iohannis", "Krišjānis Kariņš")


def ask(text: str, *history: Question) -> Question:
    turns = [
        PriorTurn(
            q.resolved,
            TurnFocus(q.intent, q.stance_filter, q.candidate, q.holder, q.entities),
        )
        for q in history
    ]
    return analyse_question(text, turns, EntityResolver.default(), CANDIDATES)


@pytest.mark.parametrize(
    ("text", "wanted", "candidate"),
    [
        ("who backs Rutte?", "supports", "Mark Rutte"),
        ("Who's backing kallas", "supports", "Kaja Kallas"),
        ("which countries are against Rutte?", "opposes", "Mark Rutte"),
        ("Which allies still oppose the Dutch prime minister?", "opposes", "Mark Rutte"),
        ("who else is on board with Iohannis", "supports", "Klaus Iohannis"),
        ("Is anyone blocking Kallas?", "opposes", "Kaja Kallas"),
        ("Which allies are standing behind Rutte?", "supports", "Mark Rutte"),
        ("who has come out against Iohannis", "opposes", "Klaus Iohannis"),
    ],
)
def test_who_questions_about_a_candidate_are_stance_questions(
    text: str, wanted: str, candidate: str
) -> None:
    question = ask(text)
    assert (question.intent, question.stance_filter, question.candidate) == (
        "stance",
        wanted,
        candidate,
    )
    assert question.holder is None


@pytest.mark.parametrize(
    ("text", "holder", "candidate"),
    [
        ("is turkey on board?", "Turkey", None),
        ("Does Berlin support the Dutchman?", "Germany", "Mark Rutte"),
        ("where does Ankara stand on Rutte", "Turkey", "Mark Rutte"),
        ("What is Hungary's position on Kallas?", "Hungary", "Kaja Kallas"),
        ("Is Rutte backed by the US?", "United States", "Mark Rutte"),
        ("Will Erdogan block him?", "Turkey", None),
        ("Has the White House endorsed Rutte?", "United States", "Mark Rutte"),
        ("Which candidate does Budapest back?", "Hungary", None),
        ("Whom would Hungary support instead of Rutte?", "Hungary", None),
        ("who did Ankara end up backing", "Turkey", None),
        ("When did Turkey back Rutte?", "Turkey", "Mark Rutte"),
        ("since when has Budapest opposed Kallas", "Hungary", "Kaja Kallas"),
    ],
)
def test_questions_about_one_holder(text: str, holder: str, candidate: str | None) -> None:
    question = ask(text)
    assert (question.intent, question.holder, question.candidate) == ("stance", holder, candidate)


@pytest.mark.parametrize(
    "text",
    [
        "Who did Romania nominate?",
        "What did Turkey ask for before backing Rutte?",
        "Why is Turkey holding out?",
        "Does Rutte support more aid for Ukraine?",  # the candidate is the subject: no stance
        "who is the frontrunner now?",
        "Who is behind the Romanian nomination?",
    ],
)
def test_other_questions_go_to_retrieval(text: str) -> None:
    assert ask(text).intent == "passages"


def test_concepts_are_topical_words_with_variants_and_the_names() -> None:
    question = ask("How many allies meet the 2 percent defence spending target?")
    labels = [c.label for c in question.concepts]
    assert labels == ["ally", "meet", "2", "percent", "defence", "spending", "target"]
    defence = next(c for c in question.concepts if c.label == "defence")
    assert "defense" in defence.words
    assert question.answer_type == "number"
    named = ask("Who did Romania nominate?").concepts
    romania = next(c for c in named if c.entity == "Romania")
    assert {"romania", "romanian"} <= set(romania.words)


def test_stance_wording_in_a_question_is_one_concept_of_the_right_side() -> None:
    support = ask("What did Turkey ask for before backing Rutte?")
    stance = next(c for c in support.concepts if c.label == "stance")
    assert "support" in stance.words and "oppose" not in stance.words
    holdout = ask("why is Turkey holding out?")
    stance = next(c for c in holdout.concepts if c.label == "stance")
    assert "reservation" in stance.words and "support" not in stance.words
    assert holdout.answer_type == "reason"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("When does Stoltenberg's term end?", "date"),
        ("and when is the summit?", "date"),
        ("How much should allies spend?", "number"),
        ("how old is Kallas", "number"),
        ("Who did Romania nominate?", "person"),
        ("Which country hosts the summit?", "place"),
        ("Why did Ankara change its mind?", "reason"),
        ("What did Attal say?", None),
    ],
)
def test_answer_types(text: str, kind: str | None) -> None:
    assert ask(text).answer_type == kind


def test_recency_words() -> None:
    assert ask("Who is the frontrunner now?").recent
    assert ask("what's the latest on Kallas").recent
    assert not ask("Who did Romania nominate?").recent


def test_a_pronoun_means_the_person_in_focus() -> None:
    first = ask("who backs Kallas?")
    second = ask("and who opposes her?", first)
    assert (second.intent, second.stance_filter, second.candidate) == (
        "stance",
        "opposes",
        "Kaja Kallas",
    )
    assert second.resolutions == (("her", "Kaja Kallas"),)


def test_a_pronoun_can_mean_the_person_an_answer_named() -> None:
    first = ask("When does Stoltenberg's term end?")
    second = ask("who will replace him?", first)
    assert second.resolved == "who will replace Jens Stoltenberg?"
    assert second.intent == "passages"
    assert any(c.entity == "Jens Stoltenberg" for c in second.concepts)


def test_they_means_the_holder_in_focus_and_possessives_read_as_such() -> None:
    first = ask("is Turkey on board with Rutte?")
    second = ask("why are they holding out?", first)
    assert second.resolutions == (("they", "Turkey"),)
    third = ask("when does his term end?", ask("When does Stoltenberg's term end?"))
    assert third.resolved == "when does Jens Stoltenberg's term end?"


def test_a_pronoun_next_to_a_name_in_the_same_question_is_left_alone() -> None:
    first = ask("Who did Romania nominate?")
    second = ask("When will Kallas take up her new role?", first)
    assert second.resolutions == ()
    assert second.resolved == "When will Kallas take up her new role?"


def test_a_pronoun_with_nobody_in_focus_stays() -> None:
    question = ask("who backs her?")
    assert question.resolutions == ()
    assert question.intent == "passages"  # nobody to ask the stance engine about


def test_and_hungary_after_a_stance_question_asks_about_that_holder() -> None:
    first = ask("Who backs Rutte?")
    second = ask("and Hungary?", first)
    assert (second.intent, second.holder, second.candidate) == ("stance", "Hungary", "Mark Rutte")
    assert second.resolved == "Where does Hungary stand on Mark Rutte?"


def test_what_about_a_candidate_keeps_the_question_and_the_holder() -> None:
    first = ask("which allies oppose Rutte?")
    second = ask("What about Kallas?", first)
    assert (second.stance_filter, second.candidate, second.holder) == (
        "opposes",
        "Kaja Kallas",
        None,
    )
    third = ask("and Kallas?", ask("is turkey on board with Rutte?"))
    assert (third.holder, third.candidate) == ("Turkey", "Kaja Kallas")


def test_and_a_name_after_an_ordinary_question_asks_it_again_about_that_name() -> None:
    first = ask("What did Turkey ask for before backing Rutte?")
    second = ask("and the Hungarians?", first)
    assert second.intent == "passages"
    assert second.resolved == "What did Hungary ask for before backing Rutte?"
    assert second.text == "and the Hungarians?"


def test_a_bare_name_without_a_thread_is_a_guessed_stance_question() -> None:
    holder = ask("Hungary?")
    assert (holder.intent, holder.holder, holder.candidate, holder.guessed) == (
        "stance",
        "Hungary",
        None,
        True,
    )
    again = as_passages(holder, [], EntityResolver.default())
    assert again.intent == "passages"
    assert [c.entity for c in again.concepts] == ["Hungary"]


def test_the_thread_brings_context_names() -> None:
    first = ask("who backs Rutte?")
    second = ask("When is the summit?", first)
    assert "Mark Rutte" in second.context


@pytest.mark.parametrize(
    ("text", "vague"),
    [("NEAR", True), ("AND (", True), ("*", True), ("nomination?", False), ("Kallas", False)],
)
def test_vague_input(text: str, vague: bool) -> None:
    question = ask(text)
    assert (question.intent == "passages" and question.vague) == vague


@pytest.mark.parametrize(
    "text",
    [
        "",
        '"',
        "'; DROP TABLE articles; --",
        "🙂" * 50,
        "x" * 5000,
        "¿Quién apoya a Rutte?",
        "谁支持吕特",
        'NEAR("Rutte" Kallas) AND * OR "',
    ],
)
def test_hostile_text_never_raises(text: str) -> None:
    question = ask(text)
    assert question.intent in ("stance", "passages")


def test_word_variants() -> None:
    assert word_variants("defence") == ("defence", "defense")
    assert "favor" in word_variants("favour")
    assert "met" in word_variants("meet")
    assert "sought" in word_variants("asked")
    assert word_variants("zebra") == ("zebra",)
