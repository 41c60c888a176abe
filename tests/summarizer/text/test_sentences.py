"""Sentence splitting: exact offsets, abbreviations, quotes, paragraphs, speed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.text.cleaning import clean_body
from summarizer.text.sentences import SentenceSpan, split_sentences

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "text"


def texts(body: str) -> list[str]:
    return [s.text for s in split_sentences(body)]


def assert_exact(body: str, spans: list[SentenceSpan]) -> None:
    previous_end = 0
    for span in spans:
        assert body[span.start : span.end] == span.text
        assert span.text and span.text == span.text.strip()
        assert span.start >= previous_end
        previous_end = span.end


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Dutch defence chief Gen. Onno Eichelsheim was upbeat. He expects a decision soon.",
            [
                "Dutch defence chief Gen. Onno Eichelsheim was upbeat.",
                "He expects a decision soon.",
            ],
        ),
        (
            "Dr. Anna Berg met Mr. Rutte in St. Petersburg. Talks went well.",
            ["Dr. Anna Berg met Mr. Rutte in St. Petersburg.", "Talks went well."],
        ),
        (
            "The U.S. Senate has no say. Support came from the U.S. The White House agreed.",
            [
                "The U.S. Senate has no say.",
                "Support came from the U.S.",
                "The White House agreed.",
            ],
        ),
        (
            "He arrived on Feb. 22, 2024, in Brussels. John F. Kennedy Jr. was not there.",
            ["He arrived on Feb. 22, 2024, in Brussels.", "John F. Kennedy Jr. was not there."],
        ),
        (
            "She said: “Hungary must submit.” Then she left. He replied, “No.” Nobody laughed.",
            [
                "She said: “Hungary must submit.”",
                "Then she left.",
                "He replied, “No.”",
                "Nobody laughed.",
            ],
        ),
        (
            'Kalas will be a leader." "Very strong." The minister smiled.',
            ['Kalas will be a leader."', '"Very strong."', "The minister smiled."],
        ),
        (
            "Is it an attempt to obstruct? Or a tactical move? Observers (in Brussels) wonder.",
            [
                "Is it an attempt to obstruct?",
                "Or a tactical move?",
                "Observers (in Brussels) wonder.",
            ],
        ),
        (
            "The U.S. believes that... The Dutch premier would be excellent.",
            ["The U.S. believes that...", "The Dutch premier would be excellent."],
        ),
        (
            "Spending rose 2.5 percent, e.g. in Poland. It was approx. 3 billion euros.",
            ["Spending rose 2.5 percent, e.g. in Poland.", "It was approx. 3 billion euros."],
        ),
        ("“Why?” he asked. It was late.", ["“Why?” he asked.", "It was late."]),
        ("They had a plan B. The allies agreed.", ["They had a plan B.", "The allies agreed."]),
        ("Asked twice, he said no. Then he left.", ["Asked twice, he said no.", "Then he left."]),
        ("See No. 10 Downing St. for details.", ["See No. 10 Downing St. for details."]),
    ],
)
def test_split(body: str, expected: list[str]) -> None:
    spans = split_sentences(body)
    assert [s.text for s in spans] == expected
    assert_exact(body, spans)


def test_paragraph_breaks_are_never_crossed() -> None:
    body = (
        "Transition in NATO Leadership\n\nThe current chief leaves in October\n\n"
        "Attack from the east?\n\nRomania nominated its president."
    )
    assert texts(body) == [
        "Transition in NATO Leadership",
        "The current chief leaves in October",
        "Attack from the east?",
        "Romania nominated its president.",
    ]


def test_bullet_items_are_sentences_of_their_own() -> None:
    body = "Candidates:\n• Mark Rutte\n• Klaus Iohannis, Romania's president"
    assert texts(body) == ["Candidates:", "• Mark Rutte", "• Klaus Iohannis, Romania's president"]


def test_blank_and_whitespace_bodies() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t ") == []
    assert texts("  One sentence without a stop  ") == ["One sentence without a stop"]


@pytest.mark.parametrize(
    "path",
    sorted(SEEDS.glob("*.txt")) + sorted(FIXTURES.glob("*.txt")),
    ids=lambda p: p.name[:8],
)
def test_offsets_are_exact_on_real_bodies(path: Path) -> None:
    body = clean_body(path.read_text(encoding="utf-8"))
    spans = split_sentences(body)
    assert spans
    assert_exact(body, spans)
    # Every non-space character of the body belongs to some sentence.
    covered = sum(len(s.text.replace(" ", "")) for s in spans)
    assert covered == len(body.replace(" ", "").replace("\n", ""))


def test_seed_sentences() -> None:
    body = clean_body((SEEDS / "002_f37c869b47df8185.txt").read_text(encoding="utf-8"))
    sentences = texts(body)
    assert "Transition in NATO Leadership" in sentences
    assert any(
        s.startswith("Despite these challenges, Dutch Chief of Defense Gen. Onno")
        for s in sentences
    )


def test_ten_thousand_characters_split_fast() -> None:
    bodies = [clean_body(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    body = ("\n\n".join(bodies) * 3)[:10_000]
    best = min(_timed(body) for _ in range(5))
    assert best < 0.05


def _timed(body: str) -> float:
    start = time.perf_counter()
    split_sentences(body)
    return time.perf_counter() - start


@given(st.text(alphabet=st.sampled_from(list("ab AB.?!”\"'\n()U.S1")), max_size=300))
def test_offsets_are_exact_on_any_text(body: str) -> None:
    assert_exact(body, split_sentences(body))
