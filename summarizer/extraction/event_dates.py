"""When a Secretary General's term starts: a day or month named without a year is the next
one ("he moves to NATO in October", written in July), never the one already past."""

from __future__ import annotations

import re
from datetime import date

from summarizer.text.dates import find_dates

_RELATIVE = re.compile(r"day\b|\b(?:last|ago|week|yesterday)\b", re.IGNORECASE)
_PAST = re.compile(r"\b(?:took|began|started|assumed|was|had)\b", re.IGNORECASE)


def next_start(text: str, day: date, on: date | None) -> date:
    """`day`, moved a year on when it is an undated-year day before the article date in a
    clause that does not speak of the past."""
    if on is None or day >= on or _PAST.search(text):
        return day
    found = [f for f in find_dates(text, reference=on) if f.value == day]
    if not found or found[0].explicit_year or _RELATIVE.search(found[0].text):
        return day  # "on Tuesday", "last week": already the nearest such day
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)
