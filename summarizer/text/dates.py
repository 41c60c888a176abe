"""Dates written in article text: explicit, year-less and relative, resolved to calendar days.

Standard library only (dateparser is far too slow for per-sentence use).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Precision = Literal["day", "month", "year"]


@dataclass(frozen=True)
class FoundDate:
    """One date mention: its span in the text and the day it resolves to."""

    start: int
    end: int
    text: str
    value: date  # the first of the month when only the month is known
    precision: Precision
    explicit_year: bool


_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        "january jan|february feb|march mar|april apr|may|june jun|july jul|august aug"
        "|september sep sept|october oct|november nov|december dec".split("|"),
        start=1,
    )
    for name in names.split()
}
_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
# Month names are matched case-sensitively: lower-case "may" and "march" are verbs.
_MONTH = rf"(?P<m>(?:{_FULL}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
_FULL_MONTH = rf"(?P<m>(?:{_FULL})\b)"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b"
_YEAR = r"(?P<y>(?:19|20)\d{2})\b"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_FUTURE_MODS = frozenset({"next", "coming", "upcoming", "this coming"})
_PAST_MODS = frozenset({"last", "past", "this past"})

# Most specific first: a span taken by an earlier pattern blocks later, overlapping ones.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "iso",
        re.compile(
            r"\b(?P<y>(?:19|20)\d{2})(?P<sep>[-/])(?P<mo>[01]\d)(?P=sep)(?P<d>[0-3]\d)"
            r"(?:T\d{2}:?\d{2}(?::?\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d/-])"
        ),
    ),
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d{2}) (?P<mo>[01]\d) (?P<d>[0-3]\d)T\d{4,6}Z?\b")),
    # European numeric dates are day first: "22.02.2024".
    ("iso", re.compile(r"\b(?P<d>[0-3]?\d)\.(?P<mo>[01]?\d)\.(?P<y>(?:19|20)\d{2})\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}(?:\s*,\s*|\s+){_YEAR}")),
    ("mdy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\s*,?\s*{_YEAR}")),
    ("my", re.compile(rf"\b{_MONTH}\s*,?\s+(?:of\s+)?{_YEAR}")),
    (
        "md",
        re.compile(
            r"(?:\b(?P<mod>(?i:this coming|this past|next|last|coming|upcoming|past))\s+)?"
            rf"\b{_MONTH}\s+{_DAY}(?!\s*,?\s*\d)"
            r"(?:\s+of\s+(?P<rel>(?i:this|last|next))\s+year"
            r"|,?\s+(?P<rel2>(?i:this|last|next))\s+year)?"
        ),
    ),
    (
        "md",
        re.compile(
            r"(?:\b(?P<mod>(?i:next|last|coming|upcoming))\s+)?\b"
            rf"{_DAY}\s+(?:of\s+)?{_MONTH}(?:\s+of\s+(?P<rel>(?i:this|last|next))\s+year)?"
        ),
    ),
    (
        "m",
        re.compile(
            r"\b(?P<mod>(?i:this coming|this past|next|last|this|coming|upcoming|past|in|since|by"
            r"|until|till|before|after|during|from|through|of|early|mid|late|end of|start of"
            rf"|beginning of))[\s-]+{_FULL_MONTH}"
        ),
    ),
    (
        "rel",
        re.compile(
            r"(?i)\b(?P<rel>yesterday|today|tomorrow|(?:last|this|next) (?:week|month|year)"
            r"|the (?:next|following|previous) day|a day later)\b"
        ),
    ),
    (
        "wd",
        re.compile(
            r"(?:\b(?P<mod>(?i:this coming|this past|last|next|this|on))\s+)?"
            rf"\b(?P<wd>{'|'.join(_WEEKDAYS)})\b(?!,?\s+(?:{_FULL}|\d))"
        ),
    ),
    (
        "y",
        re.compile(
            r"\b(?P<mod>(?i:in|since|by|until|from|of|during|before|after|through|early|late|mid"
            rf"|end of|start of|beginning of))[\s-]+{_YEAR}(?![-/]\d)"
        ),
    ),
]


@dataclass(frozen=True)
class _Mention:
    """A raw match before resolution: the parts as written, plus modifiers."""

    kind: str
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    mod: str | None  # "next", "last", "in", … (or "on" before a weekday)
    rel: str | None  # "this"/"last"/"next" year, the relative phrase, or the weekday


def _mention(kind: str, match: re.Match[str]) -> _Mention:
    groups = {k: v for k, v in match.groupdict().items() if v}
    month = groups.get("mo") or groups.get("m")
    rel = groups.get("wd") or (groups.get("rel") or groups.get("rel2") or "").lower() or None
    return _Mention(
        kind=kind,
        start=match.start(),
        end=match.end(),
        year=int(groups["y"]) if "y" in groups else None,
        month=None if month is None else (int(month) if month.isdigit() else _month(month)),
        day=int(groups["d"]) if "d" in groups else None,
        mod=groups["mod"].lower() if "mod" in groups else None,
        rel=rel,
    )


def _month(token: str) -> int:
    return _MONTH_NUMBERS[token.rstrip(".").lower()]


def _scan(text: str) -> list[_Mention]:
    """Every date mention in `text`, non-overlapping, ordered by position."""
    taken: list[tuple[int, int]] = []
    found: list[_Mention] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))
            found.append(_mention(kind, match))
    return sorted(found, key=lambda m: m.start)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _yearless_day(m: _Mention, ref: date) -> date | None:
    assert m.month is not None and m.day is not None
    if m.rel is not None:
        shift = {"this": 0, "last": -1, "next": 1}[m.rel]
        return _safe_date(ref.year + shift, m.month, m.day)
    if m.mod in _FUTURE_MODS:
        later = (_safe_date(ref.year + k, m.month, m.day) for k in range(5))
        return next((c for c in later if c is not None and c > ref), None)
    earlier = [_safe_date(ref.year - k, m.month, m.day) for k in range(5)]
    if m.mod in _PAST_MODS:
        return next((c for c in earlier if c is not None and c < ref), None)
    return next((c for c in earlier if c is not None and c <= ref), None)


def _yearless_month(m: _Mention, ref: date) -> date:
    assert m.month is not None
    if m.mod in _FUTURE_MODS:
        year = ref.year if m.month > ref.month else ref.year + 1
    elif m.mod in _PAST_MODS:
        year = ref.year if m.month < ref.month else ref.year - 1
    elif m.mod == "this":
        year = ref.year
    else:  # "in October": the most recent October not after the reference
        year = ref.year if m.month <= ref.month else ref.year - 1
    return date(year, m.month, 1)


def _weekday(m: _Mention, ref: date) -> date:
    target = _WEEKDAYS.index(m.rel or "")
    back = (ref.weekday() - target) % 7
    if m.mod in _FUTURE_MODS:
        return ref + timedelta(days=(target - ref.weekday()) % 7 or 7)
    if m.mod in _PAST_MODS:
        return ref - timedelta(days=back or 7)
    return ref - timedelta(days=back)


def _relative(phrase: str, ref: date, anchor: date | None) -> tuple[date, Precision] | None:
    words = phrase.split()
    if phrase in ("yesterday", "today", "tomorrow"):
        return ref + timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[phrase]), "day"
    if words[0] in ("last", "this", "next") and words[-1] in ("week", "month", "year"):
        shift = {"last": -1, "this": 0, "next": 1}[words[0]]
        if words[-1] == "week":
            return ref + timedelta(days=7 * shift), "day"
        if words[-1] == "year":
            return date(ref.year + shift, 1, 1), "year"
        months = ref.year * 12 + ref.month - 1 + shift
        return date(months // 12, months % 12 + 1, 1), "month"
    # "the next day", "the previous day": relative to the previous dated event, not to today.
    if anchor is None:
        return None
    return anchor + timedelta(days=-1 if "previous" in phrase else 1), "day"


def _resolve(m: _Mention, ref: date | None, anchor: date | None) -> tuple[date, Precision] | None:
    value: date | None
    precision: Precision = "day"
    if m.kind in ("iso", "mdy"):
        assert m.year is not None and m.month is not None and m.day is not None
        value = _safe_date(m.year, m.month, m.day)
    elif m.kind == "my":
        assert m.year is not None and m.month is not None
        value, precision = date(m.year, m.month, 1), "month"
    elif m.kind == "y":
        assert m.year is not None
        value, precision = date(m.year, 1, 1), "year"
    elif ref is None:
        return None  # year-less and relative dates need a reference
    elif m.kind == "md":
        value = _yearless_day(m, ref)
    elif m.kind == "m":
        value, precision = _yearless_month(m, ref), "month"
    elif m.kind == "wd":
        value = _weekday(m, ref)
    else:
        return _relative(m.rel or "", ref, anchor)
    return None if value is None else (value, precision)


def find_dates(text: str, reference: date | None = None) -> list[FoundDate]:
    """Every date written in `text`, in order, resolved against `reference` (the article date).

    Year-less dates take the most recent such day not after the reference unless a word such
    as "next" or "upcoming" points ahead; without a reference they are skipped. "The next
    day" counts from the previous day-precise date in the same text.
    """
    found: list[FoundDate] = []
    anchor: date | None = None
    for m in _scan(text):
        resolved = _resolve(m, reference, anchor)
        if resolved is None:
            continue
        value, precision = resolved
        if precision == "day":
            anchor = value
        found.append(
            FoundDate(m.start, m.end, text[m.start : m.end], value, precision, m.year is not None)
        )
    return found


_TIMESTAMP = re.compile(
    r"(?<![\d])(?P<y>(?:19|20)\d{2})[-_ /]?(?P<mo>[01]\d)[-_ /]?(?P<d>[0-3]\d)T\d{2}:?\d{2}"
    r"|/(?P<y2>(?:19|20)\d{2})/(?P<mo2>[01]\d)/(?P<d2>[0-3]\d)/"
)


def find_timestamps(raw: str) -> list[date]:
    """Days named by machine timestamps in raw text (image names, ISO stamps, URL paths)."""
    days: set[date] = set()
    for match in _TIMESTAMP.finditer(raw):
        y, mo, d = match.group("y", "mo", "d") if match["y"] else match.group("y2", "mo2", "d2")
        day = _safe_date(int(y), int(mo), int(d))
        if day is not None:
            days.add(day)
    return sorted(days)


# A date said to lie ahead ("will step down in October") is no evidence of when the article
# was written.
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|set to|scheduled|upcoming|due to|expected to|plans? to|to be held"
    r"|ahead of|later this)\b",
    re.IGNORECASE,
)


_RECENT = timedelta(days=330)


def _said_of_future(text: str, m: _Mention) -> bool:
    if m.mod in _FUTURE_MODS or m.rel == "next":
        return True
    window = re.split(r"[.!?]\s", text[max(0, m.start - 60) : m.start])[-1]
    return _FUTURE_CUE.search(window) is not None


def infer_published(text: str) -> date | None:
    """Guess when an undated article was written from the dates in its own prose.

    Takes the latest explicit day or month, then places year-less mentions ("March 6",
    "February 21 of this year") in the first year that keeps them on or after it. None when
    the text has no explicit day or month to start from.
    """
    mentions = [m for m in _scan(text) if not _said_of_future(text, m)]
    explicit = [
        _safe_date(m.year, m.month, m.day or 1)
        for m in mentions
        if m.kind in ("iso", "mdy", "my") and m.year and m.month
    ]
    floor = max((d for d in explicit if d is not None), default=None)
    if floor is None:
        return None
    latest = floor
    for m in mentions:
        # A bare month ("in October") may as well lie ahead, so only days and months said
        # to be past ("last February") move the guess.
        if m.month is None or m.rel in ("last", "next"):
            continue
        if not (m.kind == "md" or (m.kind == "m" and m.mod in _PAST_MODS | {"since"})):
            continue
        for year in (floor.year, floor.year + 1):
            placed = _safe_date(year, m.month, m.day or 1)
            # Articles cite recent events: a day more than ~11 months past the latest
            # explicit one is more likely an earlier day of that year.
            if placed is not None and floor <= placed <= floor + _RECENT:
                latest = max(latest, placed)
                break
    return latest


_HEADER = re.compile(
    r"^[ \t]*(?i:date|dated|published|posted|updated|last updated)(?:[ \t]+on)?[ \t]*[:=]?[ \t]*"
)
# The place (and agency) before a dateline's date: "VILNIUS, ", "Washington, D.C. (AP), "
_DATELINE_PLACE = re.compile(
    r"[ \t]*(?:[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3}[ \t]*(?:\([^)\n]{1,30}\))?"
    r"[ \t]*,?[ \t]*){0,2}"
)
_DATELINE_END = re.compile(r"[ \t]*(?:\([^)\n]{1,30}\)[ \t]*)?[-–—]+[ \t]+")
_EXPLICIT = [pattern for kind, pattern in _PATTERNS if kind in ("iso", "mdy")]


def _explicit_date_at(text: str, pos: int = 0) -> tuple[date, int] | None:
    """A full date with its year starting exactly at `pos`, and where it ends."""
    for pattern in _EXPLICIT:
        match = pattern.match(text, pos)
        if match:
            m = _mention("mdy", match)
            assert m.year is not None and m.month is not None and m.day is not None
            day = _safe_date(m.year, m.month, m.day)
            if day is not None:
                return day, match.end()
    return None


def _dateline(line: str) -> tuple[date, int] | None:
    """A dateline's date and where its prose starts: `VILNIUS, April 2, 2024 - `."""
    starts = [len(line) - len(line.lstrip())]
    starts += [m.end() for m in re.finditer(r"[,)][ \t]*", line[:80])]
    # "On Monday, April 1, 2024 — …" opens a sentence; it is not a place.
    if line.split(maxsplit=1)[:1] in (["On"], ["In"], ["By"], ["Since"], ["Until"], ["As"]):
        return None
    for pos in starts:
        if not _DATELINE_PLACE.fullmatch(line, 0, pos):
            continue
        hit = _explicit_date_at(line, pos)
        tail = _DATELINE_END.match(line, hit[1]) if hit else None
        if hit and tail:
            return hit[0], tail.end()
    return None


def parse_date_header(text: str) -> tuple[date | None, str, str]:
    """Find a stated publication date at the top of a plain-text article.

    Recognises a `date 2024-02-25` / `Published: April 2, 2024` marker or a line holding
    only a date (how="header"), and a dateline such as `VILNIUS, April 2, 2024 - `
    (how="dateline"), within the first lines. Returns (date, how, text without the marker),
    or (None, "unknown", text) when there is none.
    """
    offset = 0
    for index, line in enumerate(text.split("\n")):
        if index >= 8 or offset > 1500:
            break
        header = _HEADER.match(line)
        hit = _explicit_date_at(line, header.end()) if header else None
        if hit:
            rest = re.sub(r"^[ \t]*[|,;·•-]?[ \t]*", "", line[hit[1] :])
            return hit[0], "header", text[:offset] + rest + text[offset + len(line) :]
        bare = line.strip()
        hit = _explicit_date_at(bare)
        if hit and hit[1] == len(bare):  # a line holding nothing but a date
            return hit[0], "header", text[:offset] + text[offset + len(line) + 1 :]
        dateline = _dateline(line)
        if dateline:
            return dateline[0], "dateline", text[:offset] + text[offset + dateline[1] :]
        offset += len(line) + 1
    return None, "unknown", text
