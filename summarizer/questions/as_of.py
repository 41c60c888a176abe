"""The day a question asks about: "as of 1 April 2024", "on 2 April 2024", "in March 2024"
(the month's last day), "by June 2024". None when it names no day or month with a year."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({_MONTHS})\s+(\d{{4}})\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTHS})\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_YEAR = re.compile(rf"\b({_MONTHS})\s+(\d{{4}})\b", re.IGNORECASE)


def _month(name: str) -> int:
    return datetime.strptime(name[:3].title(), "%b").month


def question_day(text: str) -> date | None:
    """The day the question asks about, if it names one (or a month, read as its last day)."""
    try:
        if found := _ISO.search(text):
            return date(int(found[1]), int(found[2]), int(found[3]))
        if found := _DAY_MONTH_YEAR.search(text):
            return date(int(found[3]), _month(found[2]), int(found[1]))
        if found := _MONTH_DAY_YEAR.search(text):
            return date(int(found[3]), _month(found[1]), int(found[2]))
        if found := _MONTH_YEAR.search(text):
            year, month = int(found[2]), _month(found[1])
            return date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:  # 31 February: no such day
        return None
    return None
