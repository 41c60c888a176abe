"""The question's type picks the first sentence: a reason for "why", the demand for "what did
they ask for", a date about the person asked of for "when"; a person's country answers for
them only after them; further sentences come from other articles first."""

from __future__ import annotations

from records.passages import Passage
from summarizer.answers.ranking import ConceptStat, Retrieved, Selection, select_answer
from summarizer.entities.resolver import EntityResolver
from summarizer.questions.analysis import Question, analyse_question
from summarizer.questions.words import word_variants

CANDIDATES = ("Mark Rutte", "Kaja Kallas", "Klaus Iohannis")
FILLER = [f"The ministers discussed item number {n} of the agenda." for n in range(40)]


def _ask(text: str) -> Question:
    return analyse_question(text, [], EntityResolver.default(), CANDIDATES)


def _holds(words: tuple[str, ...], text: str) -> bool:
    lowered = text.casefold()
    return any(w.casefold()[: max(4, len(w) - 3)] in lowered for w in words)


def _select(question: Question, texts: list[tuple[str, int]]) -> Selection:
    """`texts`: (sentence, article id); names read by the resolver, first entity as subject."""
    resolver = EntityResolver.default()
    items = []
    for sid, (text, article) in enumerate(texts, start=1):
        mentions = resolver.find_mentions(text)
        names = {m.entity.name for m in mentions} | {m.entity.speaks_for(None) for m in mentions}
        people = {m.entity.name for m in mentions if m.entity.kind == "person"}
        passage = Passage(
            sid, text, article, sid, f"a{article}.txt", "Wire", None, None, None, None
        )
        subject = mentions[0].entity.name if mentions else None
        items.append(Retrieved(passage, frozenset(names), frozenset(people), subject))
    stats = []
    for concept in question.concepts:
        among = frozenset(
            sid for sid, (text, _) in enumerate(texts, start=1) if _holds(concept.words, text)
        )
        own = frozenset(
            sid for sid, (text, _) in enumerate(texts, start=1) if _holds((concept.label,), text)
        )
        stats.append(ConceptStat(len(among), among, own))
    return select_answer(question, items, stats, len(texts) + len(FILLER))


def _quotes(selection: Selection) -> list[str]:
    return [s.passage.quote for s in selection.chosen]


def test_why_is_answered_by_the_sentence_giving_the_reason() -> None:
    texts = [
        ("Klaus Iohannis withdrew from the race on Thursday.", 1),
        ("Iohannis pulled out of the contest because he had too few allies.", 1),
    ]
    assert _quotes(_select(_ask("Why did Iohannis quit the race?"), texts))[0] == texts[1][0]


def test_when_is_answered_about_the_person_asked_of() -> None:
    texts = [
        ("Rutte will take office on 1 October, when Jens Stoltenberg's term ends.", 1),
        ("Stoltenberg, a former Norwegian premier, took office in 2014.", 2),
    ]
    assert _quotes(_select(_ask("When did Stoltenberg take office?"), texts))[0] == texts[1][0]
    assert _quotes(_select(_ask("When does Rutte take office?"), texts))[0] == texts[0][0]


def test_a_demand_question_gets_the_demand() -> None:
    texts = [
        ("Viktor Orban spoke to reporters about NATO on Monday for an hour.", 1),
        ("Viktor Orban said he had been given a guarantee on Ukraine.", 2),
    ]
    assert _quotes(_select(_ask("What assurances did Orban get?"), texts)) == [texts[1][0]]


def test_a_country_answers_for_its_leader_only_after_the_leader() -> None:
    texts = [
        ("Hungary dropped its veto on Tuesday in exchange for a promise.", 1),
        ("Viktor Orban dropped his veto on Tuesday after a phone call.", 2),
    ]
    question = _ask("When did Orban drop the veto?")
    assert _quotes(_select(question, texts)) == [texts[1][0]]
    assert _quotes(_select(question, texts[:1])) == [texts[0][0]]


def test_variants_join_word_forms() -> None:
    assert "withdrew" in word_variants("quitting")
