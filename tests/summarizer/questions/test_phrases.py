"""Two side-by-side words of a question that the archive nearly always uses together weigh
as one concept; words it uses apart, names and stance wording stay as they are."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.entities.resolver import EntityResolver
from summarizer.questions.analysis import Question, analyse_question
from summarizer.questions.phrases import DocumentCounter, join_collocations


def _archive_counter(sentences: list[str]) -> DocumentCounter:
    def documents(words: Sequence[str]) -> int:
        def holds(sentence: str) -> bool:
            folded = sentence.casefold()
            return any(re.search(rf"\b{re.escape(w.casefold())}s?\b", folded) for w in words)

        return sum(1 for sentence in sentences if holds(sentence))

    return documents


def _ask(text: str) -> Question:
    return analyse_question(text, [], EntityResolver.default(), ["Mark Rutte", "Kaja Kallas"])


ARCHIVE = [
    "The next secretary general takes office in October.",
    "Diplomats say the secretary general post is contested.",
    "Allies will choose the secretary general by consensus.",
    "The deputy secretary general chaired the meeting.",
    "A general election is due next year.",
    "Finance ministers debated defence spending targets.",
    "Defence spending rose again this year.",
    "Spending on schools fell.",
    "The next round of talks is on Monday.",
]


def _labels(question: Question) -> list[str]:
    return [concept.label for concept in question.concepts]


def test_a_phrase_the_archive_uses_becomes_one_concept() -> None:
    asked = _ask("how is the next secretary general selected?")
    joined = join_collocations(asked, _archive_counter(ARCHIVE))
    assert "secretary general" in _labels(joined)
    assert "secretary" not in _labels(joined) and "general" not in _labels(joined)
    # "next" is used apart from "secretary" as often as not: it stays a word of its own.
    assert "next" in _labels(joined)
    assert len(joined.concepts) == len(asked.concepts) - 1


def test_words_the_archive_uses_apart_stay_apart() -> None:
    asked = _ask("did spending on defence rise?")
    assert join_collocations(asked, _archive_counter(ARCHIVE)) == asked
    rare_together = ARCHIVE[:1] + ["A general strike.", "The general said so."] * 3
    asked = _ask("who will be the next secretary general?")
    assert "secretary general" not in _labels(
        join_collocations(asked, _archive_counter(rare_together))
    )


def test_a_run_of_three_words_becomes_one_phrase() -> None:
    archive = ["NATO's defence spending target is 2 percent."] * 3 + ["A target was set."]
    asked = _ask("which allies meet the defence spending target?")
    joined = join_collocations(asked, _archive_counter(archive))
    assert "defence spending target" in _labels(joined)


def test_names_are_never_joined_to_words() -> None:
    archive = ["Rutte backers met in Brussels."] * 4
    asked = _ask("who are the Rutte backers?")
    joined = join_collocations(asked, _archive_counter(archive))
    assert any(concept.entity == "Mark Rutte" for concept in joined.concepts)
    mentioning = [c for c in joined.concepts if "rutte" in c.label.casefold()]
    assert [c.entity for c in mentioning] == ["Mark Rutte"]
    assert joined == asked
