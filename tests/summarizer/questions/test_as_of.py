"""The day a question asks about."""

from __future__ import annotations

from datetime import date

import pytest

from summarizer.questions.as_of import question_day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("who backed Rutte as of 1 April 2024?", date(2024, 4, 1)),
        ("who backed him on April 2, 2024", date(2024, 4, 2)),
        ("stances on 2024-06-19?", date(2024, 6, 19)),
        ("who held out in March 2024?", date(2024, 3, 31)),
        ("who was against her by February 2028", date(2028, 2, 29)),
        ("who backs Rutte?", None),
        ("what happened in March?", None),
        ("who backed him on 31 February 2024?", None),
    ],
)
def test_the_day_a_question_names(text: str, day: date | None) -> None:
    assert question_day(text) == day
