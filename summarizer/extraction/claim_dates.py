"""Which date a claim speaks for: the date written nearest its cue, else the article's."""

from __future__ import annotations

import re
from datetime import date

from summarizer.text.dates import FoundDate, find_dates

_FUTURE = re.compile(
    r"\b(?:will|set\s+to|is\s+to|are\s+to|due\s+to|expected\s+to|scheduled|upcoming|"
    r"next(?!\s+(?:\w+\s+){0,2}(?:secretary|chief|head|leader|boss|candidate))|"
    r"later\s+this\s+year|plans?\s+to|hope[sd]?\s+that)\b",
    re.IGNORECASE,
)


_WEEKDAY_ONLY = re.compile(
    r"^(?:on\s+|last\s+|this\s+|next\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day$", re.I
)


def _future_adjusted(found: FoundDate, sentence: str, on: date | None) -> date:
    # "Stoltenberg is set to step down in October" written in February means next October,
    # not the October already past.
    value = found.value
    if _WEEKDAY_ONLY.match(found.text):
        return value  # "on Wednesday" is the nearest such day, never a year away
    if on is not None and not found.explicit_year and value < on and _FUTURE.search(sentence):
        try:
            return value.replace(year=value.year + 1)
        except ValueError:  # 29 February
            return value.replace(year=value.year + 1, day=28)
    return value


def claim_date(sentence: str, position: int, on: date | None) -> tuple[date | None, bool]:
    """The day a claim at `position` in `sentence` refers to, and whether the text said so.

    Prefers the nearest date written before the cue ("On February 22, the White House
    announced…"), then the nearest after it; without one, the article date.
    """
    found = [f for f in find_dates(sentence, reference=on) if f.precision != "year"]
    if found:
        before = [f for f in found if f.start <= position]
        chosen = before[-1] if before else min(found, key=lambda f: f.start - position)
        return _future_adjusted(chosen, sentence, on), True
    return on, False
