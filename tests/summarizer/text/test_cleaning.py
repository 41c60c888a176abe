"""Cleaning scraped text: boilerplate goes, prose stays, on our own fixtures and the seeds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarizer.text.cleaning import clean_body, extract_outlet_hints, is_boilerplate_line

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "text"
SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def _norm(text: str) -> str:
    return " ".join(text.split())


def _paragraphs(text: str) -> list[str]:
    return clean_body(text).split("\n\n")


@pytest.mark.parametrize(
    "line",
    [
        # photo credits and captions
        "Gettyimages.ru",
        "© Patrick van Katwijk/WireImage",
        "REUTERS/Johanna Geron/File Photo",
        "FILE PHOTO: Dutch Prime Minister Mark Rutte attends a summit in Brussels. REUTERS/Jo Doe",
        "Photo: Turkish President Tayyip Erdogan in Ankara / Reuters",
        "Jens Stoltenberg speaks in Brussels. (AP Photo/Virginia Mayo)",
        "Kaja Kallas (left) and Mark Rutte at the European Council",
        "Rutte (right with Stoltenberg during a NATO summit last July (French)",
        "Klaus Iohannis during a summit in Bucharest (Getty)",
        "Image source, Getty Images",
        "Rutte at a summit in Brussels. Photograph: Olivier Hoslet/EPA",
        "Kallas has led Estonia since 2021 [File: Ints Kalnins/Reuters]",
        "  • © Jane Doe/picture alliance",
        # image file names and slugs
        "2024 02 22T113613Z 374934056 RC2JT5AKMTKT RTRMADP 3 NATO LEADER BRITAIN scaled",
        "Screenshot 2024 11 14 at 6.01.11 AM",
        "rutte-stoltenberg-brussels-1200x675.jpg",
        "IMG_20240301_114512",
        # prompts, footers, banners
        "Share news",
        "Share this article",
        "Facebook Twitter WhatsApp Email",
        "Subscribe to our newsletter",
        "Sign up for the Morning Brief newsletter and get the news in your inbox",
        "Follow us on Telegram",
        "Advertisement",
        "Copyright ©2025 All rights reserved | PrimeAi News",
        "© 2024 Foo Media",
        "We use cookies to give you the best experience. Accept to continue.",
        "Accept all cookies",
        "Read more: Who could replace Jens Stoltenberg?",
        "(Reporting by Jane Doe; Editing by John Roe)",
        "By Jane Doe and Piet de Vries",
        "Updated: 22 Feb 2024 11:36 GMT",
        "February 22, 2024",
        "3 min read",
    ],
)
def test_boilerplate_lines_are_recognised(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "By contrast, Turkey held out for weeks before backing the Dutch premier.",
        "Reuters reported that Rutte had the backing of two-thirds of the allies.",
        "Rutte (right) said the alliance must spend more on defence.",
        "According to Reuters, the British government also supports the candidacy.",
        "NATO at 75: 1949-2024",
        "Transition in NATO Leadership",
        "Attack from the east?",
        "Published reports suggest Ankara could drop its objections.",
        "Share prices in defence firms rose after the announcement.",
        "The alliance shares intelligence on Russia with Kyiv.",
        "Share this view, the minister said, and the alliance will stay united.",
        "NATO/EU cooperation is deepening, officials said.",
    ],
)
def test_prose_and_headings_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate_line(line)


def test_fixture_article_keeps_prose_and_drops_the_rest() -> None:
    raw = (FIXTURES / "blog_linklist.txt").read_text(encoding="utf-8")
    body = clean_body(raw)
    for gone in (
        "cookies",
        ".jpg",
        "(Anadolu)",
        "Read more",
        "Share this article",
        "WhatsApp",
        "Follow us",
        "Related stories",
        "NATO allies split",
        "March 10, 2024",
        "consensus",
        "©",
    ):
        assert gone not in body, gone
    assert (
        "Hungary's foreign minister Peter Szijjarto said Budapest would not support Rutte. "
        "Officials in Ankara declined to comment." in body.split("\n\n")
    )
    # The headline is kept as its own paragraph, never glued to the next sentence.
    assert "Romania puts Iohannis forward for alliance's top job" in body.split("\n\n")


def test_every_kept_paragraph_comes_from_the_raw_text() -> None:
    for path in (FIXTURES / "wire_dateline.txt", SEEDS / "002_f37c869b47df8185.txt"):
        raw = path.read_text(encoding="utf-8")
        for paragraph in _paragraphs(raw):
            assert paragraph in _norm(raw)


def test_paragraph_format() -> None:
    raw = "  First   paragraph\twith  spaces.  \r\n\r\n\r\n\nSecond\u00a0one.\n\n\n"
    assert clean_body(raw) == "First paragraph with spaces.\n\nSecond one."


def test_link_list_at_the_end_is_cut_whole() -> None:
    raw = (
        "Kallas said she would stay in the race until the summit.\n\n"
        "More from Baltic Ledger\n\nEurope\n\nWhy Estonia wants the top job\n\n"
        "Defence\n\nA short teaser that ends with a full stop.\n\nFront of mind"
    )
    assert clean_body(raw) == "Kallas said she would stay in the race until the summit."


def test_link_list_in_the_middle_keeps_the_prose_after_it() -> None:
    raw = (
        "Ankara signalled it could drop its objections.\n\n"
        "Related\n\nTurkey and NATO: a timeline\n\nWho is Mark Rutte?\n\n"
        "Officials said a decision would come within weeks, after talks between the two "
        "leaders on counter-terrorism cooperation, arms exports and the war in Ukraine, which "
        "both sides described as constructive. The Dutch embassy in Ankara declined to comment "
        "on the talks or on the timing of a decision by the Turkish president.\n\n"
        "Rutte is expected in Ankara next month."
    )
    paragraphs = _paragraphs(raw)
    assert paragraphs[0] == "Ankara signalled it could drop its objections."
    assert paragraphs[1].startswith("Officials said a decision")
    assert paragraphs[2] == "Rutte is expected in Ankara next month."
    assert len(paragraphs) == 3


def test_hard_wrapped_lines_become_paragraphs() -> None:
    raw = (FIXTURES / "wrapped.txt").read_text(encoding="utf-8")
    paragraphs = _paragraphs(raw)
    assert paragraphs[0] == "Ankara signals it could drop objections to Rutte"
    assert paragraphs[1].startswith("Turkish officials said on Monday that Ankara could lift")
    assert paragraphs[1].endswith("defence industry access.")
    assert len(paragraphs) == 3
    assert "Photo" not in clean_body(raw)


def test_single_newlines_separate_unwrapped_paragraphs() -> None:
    raw = "Rutte wins Turkish backing\nAnkara dropped its objections on Friday.\nHungary is next."
    assert _paragraphs(raw) == [
        "Rutte wins Turkish backing",
        "Ankara dropped its objections on Friday.",
        "Hungary is next.",
    ]


def test_credit_bullets_go_and_prose_bullets_stay() -> None:
    raw = (
        "The candidates so far:\n\n"
        "• Mark Rutte, the Dutch prime minister\n• Klaus Iohannis, Romania's president\n\n"
        "Rutte leads the race.\n\n"
        "  • Kaja Kallas in Tallinn\n\n  • Gettyimages.ru\n\n  • © Jane Doe/AFP\n\n"
        "Kallas has not withdrawn."
    )
    assert _paragraphs(raw) == [
        "The candidates so far:",
        "Mark Rutte, the Dutch prime minister",
        "Klaus Iohannis, Romania's president",
        "Rutte leads the race.",
        "Kallas has not withdrawn.",
    ]


def test_stray_outlet_tag_is_dropped_and_the_sentence_mended() -> None:
    raw = (FIXTURES / "undated_translated.txt").read_text(encoding="utf-8")
    body = clean_body(raw)
    assert "TASS" not in body
    assert (
        'According to the minister, the Rutte candidacy "has been decided without asking the '
        'countries of Central Europe", which he called unacceptable.' in body.split("\n\n")
    )
    assert "Source" not in body and "Balkan Wire" not in body
    assert "Anadolu" not in body and "Szijjarto" not in body


def test_tag_between_a_dash_and_a_closing_bracket() -> None:
    raw = "It was a signal to the East (Europe -\n\nRT\n\n) to calm down, the writer said."
    assert clean_body(raw) == "It was a signal to the East (Europe) to calm down, the writer said."


def test_heading_is_not_merged_after_a_stray_tag() -> None:
    raw = "Kallas is popular in the east.\n\nWhat comes next\n\nAP\n\nThe summit opens in July."
    assert _paragraphs(raw) == [
        "Kallas is popular in the east.",
        "What comes next",
        "The summit opens in July.",
    ]


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_no_seed_boilerplate_survives(path: Path) -> None:
    body = clean_body(path.read_text(encoding="utf-8"))
    for gone in (
        "Bitcoin",
        "Gettyimages",
        "Copyright",
        "More from Qonversations",
        "Share news",
        "FILE PHOTO",
        "WireImage",
        "Screenshot",
        "RTRMADP",
        "(Getty)",
        "Front of mind",
        "Source: Der Spiegel",
    ):
        assert gone not in body, gone
    assert "\n\n\n" not in body
    assert all(p == p.strip() and "  " not in p for p in body.split("\n\n"))


def test_seed_prose_survives_intact() -> None:
    seed1 = clean_body((SEEDS / "001_f45f5ef3a6881a2d.txt").read_text(encoding="utf-8"))
    paragraphs = seed1.split("\n\n")
    assert "RT" not in paragraphs and "O." not in paragraphs
    assert any("(Europe) to moderate its ardor" in p for p in paragraphs)
    assert (
        "According to Reuters, the British government also supports the candidacy of Mark Rutte "
        "for the post of secretary general of the alliance." in paragraphs
    )
    seed4 = clean_body((SEEDS / "004_c9580b129e91da11.txt").read_text(encoding="utf-8"))
    assert seed4.startswith('The German magazine "Der Spiegel" discussed')
    assert "Attack from the east?" in seed4.split("\n\n")
    assert "Klaus Iohannis (center)" not in seed4
    seed3 = clean_body((SEEDS / "003_a351163bb1205c22.txt").read_text(encoding="utf-8"))
    assert seed3.endswith("NATO is poised to welcome Sweden in the near future.")
    assert "Rutte is the only official candidate for the post" in seed3.split("\n\n")


@pytest.mark.parametrize(
    ("raw", "outlet"),
    [
        ("Some prose.\n\nCopyright ©2025 All rights reserved | Harbour Daily", "Harbour Daily"),
        ("Some prose.\n\n© 2024 Foo Media", "Foo Media"),
        ("Prose.\n\nCopyright 2023 The Northern Post. All rights reserved.", "The Northern Post"),
        ("Prose here.\n\nMore from Qonversations\n\nA headline", "Qonversations"),
        ("Prose here.\n\nSource: Der Spiegel", "Der Spiegel"),
        ("Prose here.\n\n© Reuters 2024", "Reuters"),
        ("Prose.\n\n• © Patrick van Katwijk/WireImage\n\nMore prose.", None),
        ("Only prose, no hints at all.", None),
    ],
)
def test_outlet_hints(raw: str, outlet: str | None) -> None:
    assert extract_outlet_hints(raw) == outlet


def test_outlet_hint_prefers_copyright_over_source_line() -> None:
    raw = "Prose.\n\n© 2024 Alpine Courier\n\nSource: Agencies"
    assert extract_outlet_hints(raw) == "Alpine Courier"
    assert re.search(r"Alpine", clean_body(raw)) is None
