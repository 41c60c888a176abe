"""Reading plain-text articles: title, date and how it was found, outlet, clean body."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from summarizer.text.textmeta import read_plain_text, shorten_title

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "text"


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_headline_becomes_the_title_and_leaves_the_body() -> None:
    meta = read_plain_text(_fixture("wire_dateline.txt"))
    assert meta.title == "Kallas gains Baltic backing as NATO race tightens"
    assert meta.published == date(2024, 4, 2)
    assert meta.published_how == "dateline"
    assert meta.outlet is None
    assert meta.body.startswith("Lithuania and Latvia said on Tuesday they would back")
    assert "By Ruta" not in meta.body and "Reporting by" not in meta.body
    assert "Our Standards" not in meta.body and "AP Photo" not in meta.body


def test_section_label_and_header_date() -> None:
    meta = read_plain_text(_fixture("blog_linklist.txt"))
    assert meta.title == "Romania puts Iohannis forward for alliance's top job"
    assert (meta.published, meta.published_how) == (date(2024, 3, 12), "header")
    assert meta.outlet == "Baltic Ledger Media"
    assert meta.body.startswith("Romania formally nominated President Klaus Iohannis")
    assert "World" not in meta.body.split("\n\n")


def test_caption_first_line_is_not_the_title() -> None:
    meta = read_plain_text(_fixture("undated_translated.txt"))
    assert meta.title is not None
    assert "Anadolu" not in meta.title and "(center)" not in meta.title
    assert meta.title.startswith("Hungary will not support the Dutch Prime Minister")
    assert len(meta.title) <= 100 and meta.title.endswith("…")
    assert meta.body.startswith("Hungary will not support")  # the sentence stays in the body
    assert (meta.published, meta.published_how) == (date(2024, 3, 14), "inferred")
    assert meta.outlet == "Balkan Wire"


def test_no_date_anywhere_is_unknown() -> None:
    meta = read_plain_text(_fixture("wrapped.txt"))
    assert (meta.published, meta.published_how) == (None, "unknown")
    assert meta.title == "Ankara signals it could drop objections to Rutte"


def test_timestamp_in_raw_text_dates_an_article_whose_prose_does_not() -> None:
    raw = (
        "Allies rally behind Rutte\n\n2024 02 22T113613Z 374934056 RC2JT5AKMTKT scaled\n\n"
        "Four major allies backed Mark Rutte, who said he was honoured by the support."
    )
    meta = read_plain_text(raw)
    assert (meta.published, meta.published_how) == (date(2024, 2, 22), "inferred")
    assert "RC2JT5AKMTKT" not in meta.body


def test_short_first_sentence_is_the_title_as_is() -> None:
    meta = read_plain_text("Rutte won the backing of Turkey on Friday. Hungary followed.")
    assert meta.title == "Rutte won the backing of Turkey on Friday"
    assert meta.body == "Rutte won the backing of Turkey on Friday. Hungary followed."


def test_empty_text() -> None:
    meta = read_plain_text("Share this article\n\n© 2024 Foo Media")
    assert meta.body == "" and meta.title is None and meta.outlet == "Foo Media"


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("Short and sweet.", "Short and sweet"),
        ("Ellipsis stays...", "Ellipsis stays..."),
        (
            "US President Joe Biden has endorsed Dutch Prime Minister Mark Rutte for the post of "
            "NATO Secretary General, sending a signal.",
            "US President Joe Biden has endorsed Dutch Prime Minister Mark Rutte for the post of "
            "NATO Secretary…",
        ),
    ],
)
def test_shorten_title(sentence: str, title: str) -> None:
    assert shorten_title(sentence) == title
    assert len(shorten_title(sentence)) <= 100


def test_seed_000_has_a_header_date_and_a_title_from_its_first_sentence() -> None:
    meta = read_plain_text(_seed("000"))
    assert (meta.published, meta.published_how) == (date(2024, 2, 25), "header")
    assert meta.title is not None and meta.title.startswith("US President Joe Biden has endorsed")
    assert len(meta.title) <= 100
    assert meta.body.startswith("US President Joe Biden has endorsed")
    assert "date 2024-02-25" not in meta.body


@pytest.mark.parametrize(
    ("prefix", "title", "published", "how", "outlet"),
    [
        (
            "002",
            "President Biden throws support behind Dutch Prime Minister Rutte for NATO "
            "secretary general",
            None,
            "unknown",
            "PrimeAi News",
        ),
        (
            "003",
            "US and European powers back Dutch PM Rutte as next NATO head",
            date(2024, 2, 22),
            "inferred",
            "Qonversations",
        ),
    ],
)
def test_seed_headlines(
    prefix: str, title: str, published: date | None, how: str, outlet: str
) -> None:
    meta = read_plain_text(_seed(prefix))
    assert (meta.title, meta.published, meta.published_how, meta.outlet) == (
        title,
        published,
        how,
        outlet,
    )
    assert not meta.body.startswith(title)


def test_seed_001_and_004_dates_are_inferred_from_their_prose() -> None:
    seed1 = read_plain_text(_seed("001"))
    assert (seed1.published, seed1.published_how) == (date(2024, 3, 6), "inferred")
    seed4 = read_plain_text(_seed("004"))
    assert seed4.title is not None and seed4.title.startswith("The German magazine")
    assert seed4.outlet == "Der Spiegel"
    assert seed4.published is not None and seed4.published.year == 2024


def test_front_matter_fields_give_title_and_outlet_and_leave_the_body() -> None:
    raw = (
        "Headline: Vilnius backs an Estonian for the top NATO post\n"
        "Source: Northern Wire\n"
        "Author: A. Writer\n"
        "Published: 2024-05-02\n"
        "\n"
        "Lithuania said it would support Kaja Kallas. The decision surprised few diplomats.\n"
    )
    meta = read_plain_text(raw)
    assert meta.title == "Vilnius backs an Estonian for the top NATO post"
    assert meta.outlet == "Northern Wire"
    assert meta.published is not None and meta.published.isoformat() == "2024-05-02"
    assert meta.body.startswith("Lithuania said it would support Kaja Kallas.")
    assert "A. Writer" not in meta.body


def test_a_first_sentence_with_a_colon_is_not_front_matter() -> None:
    raw = "Breaking news: Hungary lifts its veto on Mark Rutte. More follows later today.\n"
    meta = read_plain_text(raw)
    assert meta.body.startswith("Breaking news: Hungary lifts its veto")
