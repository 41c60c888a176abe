"""Dates in text: explicit, year-less and relative ones, headers, datelines, inference."""

from __future__ import annotations

from datetime import date

import pytest

from summarizer.text.dates import FoundDate, find_dates, resolve_ahead
from summarizer.text.published import find_timestamps, infer_published, parse_date_header

REF = date(2024, 3, 13)  # a Wednesday


def only(text: str, reference: date | None = REF) -> FoundDate:
    found = find_dates(text, reference)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "written", "value", "precision", "explicit"),
    [
        ("on February 22 the vote", "February 22", date(2024, 2, 22), "day", False),
        ("held on 22 February 2024.", "22 February 2024", date(2024, 2, 22), "day", True),
        ("signed Feb. 22, 2024, in Paris", "Feb. 22, 2024", date(2024, 2, 22), "day", True),
        ("dated 2024-02-22 here", "2024-02-22", date(2024, 2, 22), "day", True),
        ("VILNIUS, April 2, 2024", "April 2, 2024", date(2024, 4, 2), "day", True),
        ("retired in July 2023 from", "July 2023", date(2023, 7, 1), "month", True),
        ("said in October that", "in October", date(2023, 10, 1), "month", False),
        ("he said in March that", "in March", date(2024, 3, 1), "month", False),
        ("the allies met last week", "last week", date(2024, 3, 4), "week", False),
        ("polls last month showed", "last month", date(2024, 2, 1), "month", False),
        ("a decision this year", "this year", date(2024, 1, 1), "year", False),
        ("the summit next July", "next July", date(2024, 7, 1), "month", False),
        ("the elections next March", "next March", date(2025, 3, 1), "month", False),
        ("speech last February", "last February", date(2024, 2, 1), "month", False),
        ("in a speech last March", "last March", date(2023, 3, 1), "month", False),
        ("it said yesterday", "yesterday", date(2024, 3, 12), "day", False),
        ("Ankara said on Tuesday", "on Tuesday", date(2024, 3, 12), "day", False),
        ("Ankara said on Wednesday", "on Wednesday", date(2024, 3, 13), "day", False),
        ("talks next Monday", "next Monday", date(2024, 3, 18), "day", False),
        ("a slug 2024 02 22T113613Z 3749", "2024 02 22T113613Z", date(2024, 2, 22), "day", True),
        ("at 2024-02-22T11:36:13Z", "2024-02-22T11:36:13Z", date(2024, 2, 22), "day", True),
        ("on March 20 he left", "March 20", date(2023, 3, 20), "day", False),
        ("the upcoming March 20 meeting", "upcoming March 20", date(2024, 3, 20), "day", False),
        ("February 21 of this year", "February 21 of this year", date(2024, 2, 21), "day", False),
        ("the 4th of April", "4th of April", date(2023, 4, 4), "day", False),
        ("leader since 2014, when", "since 2014", date(2014, 1, 1), "year", True),
        ("by mid-October", "mid-October", date(2023, 10, 1), "month", False),
        ("am 22.02.2024 in Berlin", "22.02.2024", date(2024, 2, 22), "day", True),
    ],
)
def test_find_dates(text: str, written: str, value: date, precision: str, explicit: bool) -> None:
    found = only(text)
    assert (found.text, found.value, found.precision, found.explicit_year) == (
        written,
        value,
        precision,
        explicit,
    )
    assert text[found.start : found.end] == found.text


@pytest.mark.parametrize(
    "text",
    [
        "Theresa May said the alliance may march on.",
        "the NATO 2030 agenda and 31 members",
        "It was 2 percent of GDP in 18 countries.",
    ],
)
def test_words_that_are_not_dates(text: str) -> None:
    assert find_dates(text, REF) == []


def test_without_reference_only_explicit_years_count() -> None:
    text = "On February 21 Politico reported it; on 22 February 2024 the US agreed; last week."
    assert [f.text for f in find_dates(text)] == ["22 February 2024"]


def test_weekday_next_to_a_full_date_is_one_date() -> None:
    assert [f.text for f in find_dates("on Tuesday, February 20, 2024,", REF)] == [
        "February 20, 2024"
    ]


def test_the_next_day_counts_from_the_previous_date() -> None:
    text = "On February 21 a report came out. The next day, Washington agreed."
    found = find_dates(text, REF)
    assert [(f.text, f.value) for f in found] == [
        ("February 21", date(2024, 2, 21)),
        ("The next day", date(2024, 2, 22)),
    ]
    assert find_dates("The next day, Washington agreed.", REF) == []


def test_infer_published_places_yearless_days_after_the_latest_explicit_one() -> None:
    text = (
        "In July 2023 the premier said he would quit politics. In October he changed his "
        "mind. On February 21 of this year a newspaper reported wide support. The backing "
        "was confirmed on March 6 in Paris."
    )
    assert infer_published(text) == date(2024, 3, 6)


def test_infer_published_ignores_dates_said_to_lie_ahead() -> None:
    text = (
        "On 2 February 2024 the allies met. Stoltenberg will step down on October 1, 2024, "
        "and the summit is set to open in July. Kallas spoke on February 9."
    )
    assert infer_published(text) == date(2024, 2, 9)


def test_infer_published_keeps_days_just_before_a_stated_date_in_its_year() -> None:
    # Written days shortly before the latest explicit one are not pushed a year ahead.
    text = "On 25 February 2024 the White House spoke. Politico reported it on February 21."
    assert infer_published(text) == date(2024, 2, 25)


@pytest.mark.parametrize(
    "text",
    ["No dates at all.", "Founded in 1949, the alliance met in October and on March 3."],
)
def test_infer_published_needs_an_explicit_day_or_month(text: str) -> None:
    assert infer_published(text) is None


def test_find_timestamps() -> None:
    raw = (
        "2024 02 22T113613Z 374934056 RC2JT5AKMTKT scaled\n"
        "https://example.org/news/2024/02/23/rutte-backed/\n"
        "updated 2024-02-24T09:00:00Z\nScreenshot 2024 11 14 at 6.01.11 AM"
    )
    assert find_timestamps(raw) == [date(2024, 2, 22), date(2024, 2, 23), date(2024, 2, 24)]
    assert find_timestamps("no stamps here, only 2024") == []


def test_parse_date_header_inline_marker() -> None:
    raw = " date 2024-03-01 Romania nominated its president on Tuesday.\n\nMore prose."
    day, how, text = parse_date_header(raw)
    assert (day, how) == (date(2024, 3, 1), "header")
    assert text == "Romania nominated its president on Tuesday.\n\nMore prose."


@pytest.mark.parametrize(
    ("raw", "day", "how", "prose"),
    [
        (
            "Kallas gains backing\n\nVILNIUS, April 2, 2024 - Lithuania said it backs Kallas.",
            date(2024, 4, 2),
            "dateline",
            "Lithuania said it backs Kallas.",
        ),
        (
            "BRUSSELS, 14 March 2024 (Reuters) — Allies met on Thursday.",
            date(2024, 3, 14),
            "dateline",
            "Allies met on Thursday.",
        ),
        (
            "Washington, D.C. (AP), March 4, 2024 — The White House spoke.",
            date(2024, 3, 4),
            "dateline",
            "The White House spoke.",
        ),
        (
            "Romania puts Iohannis forward\nPublished: 12 March 2024\nRomania nominated him.",
            date(2024, 3, 12),
            "header",
            "Romania nominated him.",
        ),
        ("Headline\n\nFebruary 22, 2024\n\nThe US backed Rutte.", date(2024, 2, 22), "header", ""),
    ],
)
def test_parse_date_header_finds_datelines_and_markers(
    raw: str, day: date, how: str, prose: str
) -> None:
    found, found_how, text = parse_date_header(raw)
    assert (found, found_how) == (day, how)
    assert prose in text
    assert str(day.year) not in text


@pytest.mark.parametrize(
    "raw",
    [
        "BRUSSELS (Reuters) - NATO allies met on Thursday.",
        "Rutte said on April 2, 2024 - in Brussels - that he was ready.",
        "On Monday, April 1, 2024 — the day NATO turned 75 — Rutte spoke.",
        "No date here at all.",
    ],
)
def test_parse_date_header_leaves_undated_text_alone(raw: str) -> None:
    assert parse_date_header(raw) == (None, "unknown", raw)


def test_last_weekday_is_in_the_previous_week() -> None:
    # REF is a Wednesday: "last Tuesday" is the Tuesday of the week before, not yesterday.
    found = only("Paris spoke last Tuesday")
    assert (found.value, found.how) == (date(2024, 3, 5), "weekday of the previous week")


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("this week", date(2024, 3, 11), "week"),
        ("next week", date(2024, 3, 18), "week"),
        ("this morning", REF, "day"),
    ],
)
def test_relative_weeks_and_parts_of_today(text: str, value: date, precision: str) -> None:
    found = only(text)
    assert (found.value, found.precision) == (value, precision)


def test_days_later_count_from_the_date_before() -> None:
    found = find_dates("Berlin backed her on Monday and Rome two days later.", REF)
    assert [f.value for f in found] == [date(2024, 3, 11), date(2024, 3, 13)]


@pytest.mark.parametrize(
    ("text", "past", "ahead"),
    [
        ("on Monday", date(2024, 3, 11), date(2024, 3, 18)),
        ("on Wednesday", REF, REF),
        ("in May", date(2023, 5, 1), date(2024, 5, 1)),
        ("in March", date(2024, 3, 1), date(2024, 3, 1)),
        ("in February", date(2024, 2, 1), date(2025, 2, 1)),
        ("on March 20", date(2023, 3, 20), date(2024, 3, 20)),
        ("since January", date(2024, 1, 1), date(2024, 1, 1)),
        ("last week", date(2024, 3, 4), date(2024, 3, 4)),
    ],
)
def test_the_tense_decides_bare_days_and_months_only(text: str, past: date, ahead: date) -> None:
    found = only(text)
    assert found.value == past
    assert resolve_ahead(found, REF).value == ahead


_WRITTEN = [
    "on February 22 the vote",
    "held on 22 February 2024.",
    "signed Feb. 22, 2024, in Paris and again on 3 March",
    "dated 2024-02-22 here, stamped 2024 02 22T113613Z, filed 22.02.2024",
    "retired in July 2023 from the post; in October that",
    "last week the talks",
    "next month the talks",
    "this year the talks",
    "this morning, this afternoon or this evening",
    "tonight the talks",
    "tomorrow the talks",
    "yesterday, earlier today and two days later",
    "the next day and the following day",
    "on Tuesday, last Friday, this coming Monday and Sunday, March 3",
    "early 2024, since 2019, by mid-2025 and until 2030",
    "the 5th of May and May 5 of next year; upcoming June 1",
    "the TODAY programme said on WEDNESDAY it would Meet on MONDAY",
    "no date at all in this sentence about the alliance",
    "the Kelvin sign in 2 DAYS LATER (\u212a) and a dotted \u0130 in YESTERDAY",
    "ſix days later",
    "next wee\u212a",
]


@pytest.mark.parametrize("text", _WRITTEN)
def test_skipping_patterns_a_sentence_cannot_match_finds_every_date(text: str) -> None:
    # A sentence is searched only by the patterns whose words it has: the dates found are
    # those every pattern, run over it, finds.
    from summarizer.text import dates

    every = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in dates.PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if not any(start < b and a < end for a, b in taken):
                taken.append((start, end))
                every.append(dates.mention_of(kind, match))
    assert dates.scan_mentions(text) == sorted(every, key=lambda m: m.start)
    assert every or text.startswith("no date")
