"""Cleaning, dates, sentences and plain-text metadata on fixtures of our own."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from summarizer.text.cleaning import clean_body, extract_outlet_hints
from summarizer.text.dates import find_dates
from summarizer.text.published import find_timestamps, infer_published, parse_date_header
from summarizer.text.sentences import split_sentences
from summarizer.text.textmeta import read_plain_text

SEEDS = Path(__file__).resolve().parents[3] / "seeds"

ARTICLE = """Allies close ranks behind a successor

BRUSSELS (Reuters) - Diplomats said on Monday that the choice could come before summer.
Photo: Jane Doe/AFP
Mr. Smith of the U.S. delegation said talks went "very well." Gen. Brown agreed.

  • Ministers at the meeting
  • © Jane Roe/Example Images

Share this article

Related stories
Bitcoin climbs again
Markets wobble

Copyright © 2024 Example Media | All rights reserved
"""


def test_cleaning_drops_credits_prompts_and_link_lists() -> None:
    body = clean_body(ARTICLE)
    for junk in ("Photo:", "AFP", "©", "Share this", "Related", "Bitcoin", "Ministers at the"):
        assert junk not in body
    assert "Gen. Brown agreed." in body


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")))
def test_seed_boilerplate_never_survives(seed: Path) -> None:
    body = clean_body(seed.read_text())
    for junk in ("Bitcoin", "Gettyimages", "Copyright", "More from", "Share news", "FILE PHOTO"):
        assert junk not in body
    assert len(body) > 1000


def test_outlet_hints() -> None:
    assert extract_outlet_hints("text\nCopyright ©2025 All rights reserved | Example News") == (
        "Example News"
    )
    assert extract_outlet_hints("text\nMore from The Daily Sample\nlink") == "The Daily Sample"
    assert extract_outlet_hints("just prose.") is None


def test_sentences_keep_exact_offsets_and_survive_abbreviations() -> None:
    body = (
        'Mr. Smith of the U.S. team spoke. "It went well." Dr. Jones left.'
        "\n\nA heading\n\nLast one."
    )
    spans = split_sentences(body)
    assert [s.text for s in spans] == [
        "Mr. Smith of the U.S. team spoke.",
        '"It went well."',
        "Dr. Jones left.",
        "A heading",
        "Last one.",
    ]
    assert all(body[s.start : s.end] == s.text for s in spans)


def test_dates_stated_yearless_and_relative() -> None:
    ref = date(2024, 3, 6)
    found = {
        f.text: f.value
        for f in find_dates("On February 22, in July 2023, next July; 4 April 2024", ref)
    }
    assert found["February 22"] == date(2024, 2, 22)
    assert found["July 2023"] == date(2023, 7, 1)
    assert found["next July"] == date(2024, 7, 1)
    assert found["4 April 2024"] == date(2024, 4, 4)
    assert find_dates("On February 22 they met.") == []


def test_article_date_inference_and_headers() -> None:
    assert infer_published("He left in July 2023. On March 6 the minister spoke.") == date(
        2024, 3, 6
    )
    assert infer_published("No dates here at all.") is None
    assert find_timestamps("img 2024 02 22T113613Z 374 scaled") == [date(2024, 2, 22)]
    assert parse_date_header(" date 2024-02-25 Text")[:2] == (date(2024, 2, 25), "header")
    day, how, rest = parse_date_header("VILNIUS, April 2, 2024 - Allies met.")
    assert (day, how, rest) == (date(2024, 4, 2), "dateline", "Allies met.")


def test_plain_text_meta_takes_a_headline_title() -> None:
    meta = read_plain_text(ARTICLE)
    assert meta.title == "Allies close ranks behind a successor"
    assert meta.outlet == "Example Media"
    assert "Allies close ranks" not in meta.body
