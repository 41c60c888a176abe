"""Subscription times as pure functions: parsing, next fire times across zones and DST."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.schedule.times import (
    DailyTime,
    ScheduleError,
    daily_time,
    due_for_catch_up,
    fire_times,
    next_fire,
)

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("typed", "zone", "expected"),
    [
        ("08:30", None, DailyTime(8, 30, "UTC")),
        ("8.05", "europe/paris", DailyTime(8, 5, "Europe/Paris")),
        ("23h59", "America/New_York", DailyTime(23, 59, "America/New_York")),
        ("00:00", "utc", DailyTime(0, 0, "UTC")),
    ],
)
def test_times_and_zones_as_people_type_them(
    typed: str, zone: str | None, expected: DailyTime
) -> None:
    assert daily_time(typed, zone) == expected


@pytest.mark.parametrize(
    ("typed", "zone", "message"),
    [
        ("25:00", None, "isn't a time of day"),
        ("8:61", None, "isn't a time of day"),
        ("eight", None, "couldn't read"),
        ("08:00", "Mars/Olympus", "isn't a time zone"),
        ("08:00", "../../etc/passwd", "isn't a time zone"),
        ("08:00", "CET-ish", "isn't a time zone"),
    ],
)
def test_bad_times_and_zones_are_refused_clearly(
    typed: str, zone: str | None, message: str
) -> None:
    with pytest.raises(ScheduleError, match=message):
        daily_time(typed, zone)


def test_next_fire_is_the_local_time_in_the_subscriptions_zone() -> None:
    now = datetime(2024, 5, 4, 12, 0, tzinfo=UTC)
    assert next_fire(DailyTime(8, 0, "Asia/Kolkata"), now) == datetime(
        2024, 5, 5, 2, 30, tzinfo=UTC
    )
    assert next_fire(DailyTime(9, 0, "America/New_York"), now) == datetime(
        2024, 5, 4, 13, 0, tzinfo=UTC
    )
    assert next_fire(DailyTime(12, 0, "UTC"), now) == datetime(2024, 5, 5, 12, 0, tzinfo=UTC)


def test_autumn_repeats_an_hour_but_the_day_is_posted_once() -> None:
    when = DailyTime(2, 30, "Europe/Berlin")
    times = fire_times(when, datetime(2024, 10, 25, 12, 0, tzinfo=UTC), 4)
    days = [t.astimezone(BERLIN).date() for t in times]
    assert days == [date(2024, 10, 26), date(2024, 10, 27), date(2024, 10, 28), date(2024, 10, 29)]


def test_spring_skips_an_hour_but_not_the_day() -> None:
    when = DailyTime(2, 30, "Europe/Berlin")
    times = fire_times(when, datetime(2024, 3, 29, 12, 0, tzinfo=UTC), 3)
    assert [t.astimezone(BERLIN).date() for t in times] == [
        date(2024, 3, 30),
        date(2024, 3, 31),
        date(2024, 4, 1),
    ]
    # 02:30 does not exist on 31 March: the post goes out at 03:30 local time instead.
    assert times[1].astimezone(UTC) == datetime(2024, 3, 31, 1, 30, tzinfo=UTC)
    assert all(b - a >= timedelta(hours=23) for a, b in itertools.pairwise(times))


def test_catch_up_covers_the_grace_window_only() -> None:
    when = DailyTime(7, 0, "UTC")
    assert due_for_catch_up(when, datetime(2024, 5, 4, 9, 0, tzinfo=UTC)) == date(2024, 5, 4)
    assert due_for_catch_up(when, datetime(2024, 5, 4, 6, 59, tzinfo=UTC)) is None
    assert due_for_catch_up(when, datetime(2024, 5, 4, 13, 1, tzinfo=UTC)) is None
    late = DailyTime(23, 30, "UTC")  # due yesterday evening, the bot came back after midnight
    assert due_for_catch_up(late, datetime(2024, 5, 5, 1, 0, tzinfo=UTC)) == date(2024, 5, 4)
