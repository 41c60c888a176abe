"""Claim dates: each row of the labelling conventions' date table, and the traps around it."""

from __future__ import annotations

from datetime import date

import pytest

from summarizer.extraction.claim_dates import ResolvedDate, claim_date
from summarizer.extraction.tense import said_ahead

TUESDAY = date(2030, 5, 14)
FRIDAY = date(2030, 5, 17)


def read(sentence: str, cue: str, on: date | None) -> ResolvedDate:
    """The date of the claim whose cue is the first `cue` in `sentence`."""
    return claim_date(sentence, sentence.index(cue), on)


def test_a_weekday_in_an_article_of_that_weekday_is_that_day() -> None:
    when = read("Oslo endorsed the Finnish minister on Tuesday.", "endorsed", TUESDAY)
    assert when == ResolvedDate(TUESDAY, True, "weekday of the article date", "day")


def test_a_weekday_otherwise_is_the_most_recent_one() -> None:
    when = read("Lisbon came out for the Dutchman on Tuesday.", "came out", FRIDAY)
    assert (when.day, when.how) == (date(2030, 5, 14), "weekday before the article date")
    # A Friday article's "on Saturday" in the past tense is the day before Sunday last.
    assert read("Rome signed off on Monday.", "signed", FRIDAY).day == date(2030, 5, 13)


def test_a_weekday_of_a_future_event_is_the_next_one() -> None:
    when = read("The council will appoint her on Tuesday.", "appoint", FRIDAY)
    assert (when.day, when.precision) == (date(2030, 5, 21), "day")
    assert "future tense" in when.how
    # … but the article's own weekday stays that day.
    assert read("Allies will meet on Tuesday.", "meet", TUESDAY).day == TUESDAY


def test_last_weekday_is_that_day_of_the_previous_week() -> None:
    # In a Friday article, "last Thursday" is eight days back, not yesterday.
    when = read("Athens said last Thursday it backs him.", "backs", FRIDAY)
    assert (when.day, when.how) == (date(2030, 5, 9), "weekday of the previous week")


@pytest.mark.parametrize(
    ("sentence", "cue", "day"),
    [
        ("Prague threw its weight behind her yesterday.", "threw", date(2030, 5, 16)),
        (
            "On Thursday, a day after Vienna nominated him, he spoke.",
            "nominated",
            date(2030, 5, 15),
        ),
        ("A day after Vienna nominated him, he spoke on Thursday.", "nominated", date(2030, 5, 15)),
        (
            "The day after Vienna nominated him, he spoke on Thursday.",
            "nominated",
            date(2030, 5, 15),
        ),
        ("Two days after Oslo put her forward, she spoke on Friday.", "put her", date(2030, 5, 15)),
        ("Bern backed her on Monday and Rome followed a day later.", "followed", date(2030, 5, 14)),
        (
            "Bern backed her on Monday and Rome followed two days later.",
            "followed",
            date(2030, 5, 15),
        ),
    ],
)
def test_days_are_counted(sentence: str, cue: str, day: date) -> None:
    when = read(sentence, cue, FRIDAY)
    assert (when.day, when.from_text, when.precision) == (day, True, "day")


def test_a_day_after_with_no_other_date_counts_from_the_article() -> None:
    when = read(
        "A day after Sofia nominated her, the minister flew to Brussels.", "nominated", FRIDAY
    )
    assert (when.day, when.how) == (date(2030, 5, 16), "1 day before the article date")


def test_the_main_clause_keeps_its_own_date_beside_a_day_after() -> None:
    sentence = "On Thursday, a day after winning the post, she resigned as foreign minister."
    assert read(sentence, "resigned", FRIDAY).day == date(2030, 5, 16)


def test_last_week_is_the_previous_weeks_monday() -> None:
    when = read("Madrid told NATO last week that it supports him.", "supports", FRIDAY)
    assert when == ResolvedDate(date(2030, 5, 6), True, "last week (Monday)", "week")


def test_last_week_never_lands_a_year_later_in_a_future_sentence() -> None:
    sentence = "Madrid told NATO last week that it will support him at the next summit."
    assert read(sentence, "support", FRIDAY).day == date(2030, 5, 6)


@pytest.mark.parametrize(
    ("sentence", "cue", "day"),
    [
        ("Ottawa backed her in March.", "backed", date(2030, 3, 1)),
        ("Ottawa has backed her since January.", "backed", date(2030, 1, 1)),
        ("Ottawa first backed her in May.", "backed", date(2030, 5, 1)),
        # Past tense: the most recent such month, so last year's for a later month.
        ("Ottawa backed her in September.", "backed", date(2029, 9, 1)),
        # Future tense: the next such month.
        ("She will take office in October.", "take office", date(2030, 10, 1)),
        ("She will take office in February.", "take office", date(2031, 2, 1)),
        ("She takes over from him in October.", "takes over", date(2030, 10, 1)),
    ],
)
def test_a_named_month_is_its_first_day(sentence: str, cue: str, day: date) -> None:
    when = read(sentence, cue, FRIDAY)
    assert (when.day, when.from_text, when.precision) == (day, True, "month")
    assert when.how.startswith("month named")


def test_an_explicit_date_is_taken_as_written() -> None:
    when = read("On 3 March 2029 Warsaw endorsed him.", "endorsed", FRIDAY)
    assert when == ResolvedDate(date(2029, 3, 3), True, "explicit date", "day")


def test_without_a_date_the_article_date_stands_and_is_not_from_the_text() -> None:
    when = read("Warsaw has already endorsed him.", "endorsed", FRIDAY)
    assert when == ResolvedDate(FRIDAY, False, "article date", "day")
    assert read("Warsaw has already endorsed him.", "endorsed", None).precision is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Ankara backs Halvorsen to succeed Lindqvist, who steps down in October.",
        "Ankara backs Halvorsen, whose rival quit the race in March.",
        "Ankara backs Halvorsen ahead of the July summit in Vilnius.",
        "Ankara backs Halvorsen ahead of the alliance's summit on 9 July.",
        "Ankara backs Halvorsen before the summit in Washington next month.",
        "Ankara backs Halvorsen, and expects the summit in Washington next month to confirm it.",
    ],
)
def test_another_persons_or_events_date_is_never_the_stances(sentence: str) -> None:
    when = read(sentence, "backs", FRIDAY)
    assert (when.day, when.from_text) == (FRIDAY, False)


def test_a_date_in_the_cues_own_relative_clause_counts() -> None:
    sentence = (
        "Two rivals fell away: Ferreira, who quit in April, and Nowak, who stood aside last week."
    )
    assert read(sentence, "quit", FRIDAY).day == date(2030, 4, 1)
    assert read(sentence, "stood aside", FRIDAY) == ResolvedDate(
        date(2030, 5, 6), True, "last week (Monday)", "week"
    )


def test_the_stance_keeps_its_date_beside_another_event() -> None:
    sentence = "Stoltenberg, who leaves in October, said on Tuesday that Berlin backs Rutte."
    assert read(sentence, "backs", FRIDAY).day == date(2030, 5, 14)


def test_a_past_meeting_dates_what_was_said_there() -> None:
    sentence = "At the Vilnius summit on Tuesday, Rome said it backs her."
    assert read(sentence, "backs", FRIDAY).day == date(2030, 5, 14)


def test_an_eu_summit_is_not_the_alliances() -> None:
    sentence = "EU summit in Brussels on Thursday."
    when = claim_date(sentence, sentence.index("summit"), FRIDAY)
    assert (when.from_text, when.how) == (
        False,
        "article date (an EU meeting is not the alliance's)",
    )
    # A NATO summit at the same place in the text is dated.
    nato = "NATO summit in Brussels on Thursday."
    assert claim_date(nato, 0, FRIDAY).day == date(2030, 5, 16)


def test_a_result_clause_takes_no_date_from_the_main_clause() -> None:
    sentence = "Sofia endorsed her yesterday, leaving Bratislava as the last ally yet to do so."
    assert read(sentence, "yet to", FRIDAY).from_text is False
    assert read(sentence, "endorsed", FRIDAY).day == date(2030, 5, 16)


def test_a_reporting_clause_dates_the_stance() -> None:
    sentence = "Hungary will not back him, its foreign minister said on Tuesday in Bucharest."
    assert read(sentence, "back", FRIDAY).day == date(2030, 5, 14)


def test_each_clause_keeps_its_own_date() -> None:
    sentence = "Washington backed her yesterday, and Paris followed today."
    assert read(sentence, "backed", FRIDAY).day == date(2030, 5, 16)
    assert read(sentence, "followed", FRIDAY).day == FRIDAY
    semicolon = "The council appointed him on Wednesday; he will take office on 1 October."
    assert read(semicolon, "appointed", FRIDAY).day == date(2030, 5, 15)
    assert read(semicolon, "take office", FRIDAY).day == date(2030, 10, 1)


@pytest.mark.parametrize(
    ("sentence", "written", "ahead"),
    [
        ("Stoltenberg is set to step down in October.", "in October", True),
        ("He moves to NATO in October.", "in October", True),
        ("whose term ends in September", "in September", True),
        ("Ferrer, who quit in May, spoke.", "in May", False),
        ("Paris said on Tuesday it will back her.", "on Tuesday", False),
        ("The vote will be held on Tuesday.", "on Tuesday", True),
        ("He was appointed by the allies in June.", "in June", False),
        ("In June, nothing.", "In June", False),
    ],
)
def test_tense_of_a_date(sentence: str, written: str, ahead: bool) -> None:
    start = sentence.index(written)
    assert said_ahead(sentence, start, start + len(written)) is ahead


def test_a_summit_milestone_takes_its_own_date() -> None:
    sentence = "Leaders will gather for the alliance summit in Washington on 9 July 2030."
    when = claim_date(sentence, sentence.index("alliance summit"), FRIDAY)
    assert (when.day, when.how) == (date(2030, 7, 9), "explicit date")
    # … while a stance beside it does not.
    backed = "Rome backs her before the alliance summit in Washington on 9 July 2030."
    assert read(backed, "backs", FRIDAY).from_text is False


def test_an_elections_date_is_not_the_summits() -> None:
    sentence = "Allies want it settled before the European elections next June or the summit."
    when = claim_date(sentence, sentence.index("summit"), FRIDAY)
    assert when.from_text is False


def test_a_summit_takes_no_date_but_its_own() -> None:
    sentence = "They want it settled by the end of this month, well before the anniversary summit."
    when = claim_date(sentence, sentence.index("anniversary summit"), FRIDAY)
    assert when.from_text is False


def test_a_relative_clause_saying_when_the_speaker_spoke_dates_the_statement() -> None:
    sentence = (
        "Szijjártó, who was speaking in Bucharest on Tuesday, said Budapest will not back him."
    )
    assert read(sentence, "will not back", FRIDAY).day == date(2030, 5, 14)


def test_this_weekday_follows_the_tense() -> None:
    assert read("Allies will meet this Tuesday.", "meet", FRIDAY).day == date(2030, 5, 21)
    assert read("Allies met this Tuesday.", "met", FRIDAY).day == date(2030, 5, 14)


def test_a_later_clause_with_its_own_verb_does_not_date_the_claim() -> None:
    sentence = "Germany, an early champion of Rutte, welcomed the Turkish nod on Monday."
    assert read(sentence, "champion", FRIDAY).from_text is False
    opener = "Having ruled himself out in past years, he expressed interest in October."
    assert read(opener, "ruled", FRIDAY).from_text is False
    assert read(opener, "expressed", FRIDAY).day == date(2029, 10, 1)
