"""The words a sentence is read as: folded keys, spans, capitals, and possessives."""

from __future__ import annotations

import pytest

from summarizer.entities.text import tokenize

# (text, [(raw, key, possessive, capitalised, start, end), ...])
CASES = [
    (
        "Latvia's Foreign Minister Krišjānis Kariņš",
        [
            ("Latvia", "latvia", True, True, 0, 6),
            ("Foreign", "foreign", False, True, 9, 16),
            ("Minister", "minister", False, True, 17, 25),
            ("Krišjānis", "krisjanis", False, True, 26, 35),
            ("Kariņš", "karins", False, True, 36, 42),
        ],
    ),
    (
        "the Netherlands’ leader",
        [
            ("the", "the", False, False, 0, 3),
            ("Netherlands", "netherlands", True, True, 4, 15),
            ("leader", "leader", False, False, 17, 23),
        ],
    ),
    (
        "U.S. and E.U. envoys",
        [
            ("U.S.", "us", False, True, 0, 4),
            ("and", "and", False, False, 5, 8),
            ("E.U.", "eu", False, True, 9, 13),
            ("envoys", "envoys", False, False, 14, 20),
        ],
    ),
    (
        "O'Brien said it's over",
        [
            ("O", "o", False, True, 0, 1),
            ("Brien", "brien", False, True, 2, 7),
            ("said", "said", False, False, 8, 12),
            ("it", "it", True, False, 13, 15),
            ("over", "over", False, False, 18, 22),
        ],
    ),
    ("'s alone", [("s", "s", False, False, 1, 2), ("alone", "alone", False, False, 3, 8)]),
    (
        "Jones' bid, NATO'S chief",
        [
            ("Jones", "jones", True, True, 0, 5),
            ("bid", "bid", False, False, 7, 10),
            ("NATO", "nato", True, True, 12, 16),
            ("chief", "chief", False, False, 19, 24),
        ],
    ),
    (
        "Orbán’s  ’s end'",
        [
            ("Orbán", "orban", True, True, 0, 5),
            ("s", "s", False, False, 10, 11),
            ("end", "end", True, False, 12, 15),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_words_keep_their_spans_folded_keys_capitals_and_possessives(
    text: str, expected: list[tuple[str, str, bool, bool, int, int]]
) -> None:
    tokens = tokenize(text)
    assert [(t.raw, t.key, t.possessive, t.capitalised, t.start, t.end) for t in tokens] == expected
    for token in tokens:
        assert text[token.start : token.end] == token.raw
