"""Dates written in article text: explicit, year-less and relative, resolved to calendar days.

Standard library only (dateparser is far too slow for per-sentence use).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from summarizer.text.gate import comparable

Precision = Literal["day", "week", "month", "year"]


@dataclass(frozen=True)
class FoundDate:
    """One date mention: its span in the text and the day it resolves to."""

    start: int
    end: int
    text: str
    value: date  # the first of the month when only the month is known, a Monday for a week
    precision: Precision
    explicit_year: bool
    how: str = "explicit date"  # how it was resolved, in words
    tensed: bool = False  # a bare weekday, month or day: the tense decides which one is meant


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

FUTURE_MODS = frozenset({"next", "coming", "upcoming", "this coming"})
PAST_MODS = frozenset({"last", "past", "this past"})

# Most specific first: a span taken by an earlier pattern blocks later, overlapping ones.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
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
            r"|this (?:morning|afternoon|evening)|tonight|earlier today"
            r"|the (?:next|following|previous) day"
            r"|(?:a|one|two|three|four|five|six|\d) days? (?:later|earlier))\b"
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
class Mention:
    """A raw match before resolution: the parts as written, plus modifiers."""

    kind: str
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    mod: str | None  # "next", "last", "in", … (or "on" before a weekday)
    rel: str | None  # "this"/"last"/"next" year, the relative phrase, or the weekday


def mention_of(kind: str, match: re.Match[str]) -> Mention:
    groups = {k: v for k, v in match.groupdict().items() if v}
    month = groups.get("mo") or groups.get("m")
    rel = groups.get("wd") or (groups.get("rel") or groups.get("rel2") or "").lower() or None
    return Mention(
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


# What a pattern of each kind cannot match without: a year; a month's name and a day's
# number; a month's name; a word of time; a weekday. Most sentences have none of them, and
# running every pattern over every sentence cost more than the rest of dating a claim.
_NEEDS = {
    "iso": "year",
    "mdy": "year",
    "my": "year",
    "y": "year",
    "md": "day",
    "m": "month",
    "rel": "rel",
    "wd": "wd",
}
_YEARISH = re.compile(r"(?:19|20)\d\d")
_MONTHISH = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_DIGIT = re.compile(r"\d")
# Every match of the "rel" pattern holds one of these, lowercased.
_TIME_WORDS = (
    "day",
    "week",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "tonight",
    "tomorrow",
)


def _possible(text: str) -> frozenset[str]:
    """Which of the needs in `_NEEDS` the text meets (necessary, not sufficient)."""
    met = set()
    if _YEARISH.search(text):
        met.add("year")
    if _MONTHISH.search(text):
        met.add("month")
        if _DIGIT.search(text):
            met.add("day")
    if "day" in text:
        met.add("wd")  # every weekday's name ends so
    lowered = comparable(text)
    if lowered is None or any(word in lowered for word in _TIME_WORDS):
        met.add("rel")
    return frozenset(met)


def scan_mentions(text: str) -> list[Mention]:
    """Every date mention in `text`, non-overlapping, ordered by position."""
    taken: list[tuple[int, int]] = []
    found: list[Mention] = []
    met = _possible(text)
    for kind, pattern in PATTERNS:
        if _NEEDS[kind] not in met:
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))
            found.append(mention_of(kind, match))
    return sorted(found, key=lambda m: m.start)


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


_Resolved = tuple[date, Precision, str, bool]  # value, precision, how, tensed
_NUMBERS = {"a": 1, "the": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def count_of(word: str) -> int:
    """A small number written as a word or a digit ("a", "two", "3")."""
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


def _yearless_day(m: Mention, ref: date, ahead: bool) -> _Resolved | None:
    assert m.month is not None and m.day is not None
    how = "day and month named"
    if m.rel is not None:
        shift = {"this": 0, "last": -1, "next": 1}[m.rel]
        value = safe_date(ref.year + shift, m.month, m.day)
        return None if value is None else (value, "day", f"{how}, {m.rel} year", False)
    if m.mod in FUTURE_MODS or (ahead and m.mod not in PAST_MODS):
        later = [c for k in range(5) if (c := safe_date(ref.year + k, m.month, m.day))]
        floor = ref + timedelta(days=1) if m.mod in FUTURE_MODS else ref
        value = next((c for c in later if c >= floor), None)
        return None if value is None else (value, "day", f"{how}, the next one", m.mod is None)
    earlier = [safe_date(ref.year - k, m.month, m.day) for k in range(5)]
    if m.mod in PAST_MODS:
        value = next((c for c in earlier if c is not None and c < ref), None)
    else:
        value = next((c for c in earlier if c is not None and c <= ref), None)
    return None if value is None else (value, "day", f"{how}, the most recent", m.mod is None)


_OPEN_MODS = frozenset({"in", "by", "until", "till", "before", "after", "during", "from"})
_OPEN_MODS |= frozenset({"through", "of", "early", "mid", "late", "end of", "start of"})
_OPEN_MODS |= frozenset({"beginning of"})


def _yearless_month(m: Mention, ref: date, ahead: bool) -> _Resolved:
    assert m.month is not None
    tensed = m.mod in _OPEN_MODS
    if m.mod in FUTURE_MODS or (ahead and tensed):
        this_year = m.month > ref.month or (tensed and m.month == ref.month)
        year = ref.year if this_year else ref.year + 1
        how = "month named, the next one"
    elif m.mod in PAST_MODS:
        year = ref.year if m.month < ref.month else ref.year - 1
        how = "last month named"
    elif m.mod == "this":
        year, how = ref.year, "month named, this year"
    else:  # "in October", "since January": the most recent such month, this one included
        year = ref.year if m.month <= ref.month else ref.year - 1
        how = "month named, the most recent"
    if m.mod == "end of":  # "steps down at the end of July": the month's last day
        following = date(year + m.month // 12, m.month % 12 + 1, 1)
        return following - timedelta(days=1), "month", f"{how}, its end", tensed
    return date(year, m.month, 1), "month", how, tensed


def _weekday(m: Mention, ref: date, ahead: bool) -> _Resolved:
    target = _WEEKDAYS.index(m.rel or "")
    back = (ref.weekday() - target) % 7
    tensed = m.mod in (None, "on", "this")
    if m.mod in FUTURE_MODS:
        return ref + timedelta(days=(target - ref.weekday()) % 7 or 7), "day", "next weekday", False
    if m.mod == "last":  # the previous week's, whatever the article's weekday
        monday = ref - timedelta(days=ref.weekday() + 7)
        return monday + timedelta(days=target), "day", "weekday of the previous week", False
    if m.mod in PAST_MODS:
        return ref - timedelta(days=back or 7), "day", "weekday before the article date", False
    if back == 0:
        return ref, "day", "weekday of the article date", tensed
    if ahead and tensed:
        forward = (target - ref.weekday()) % 7
        return ref + timedelta(days=forward), "day", "weekday after the article date", tensed
    return ref - timedelta(days=back), "day", "weekday before the article date", tensed


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _relative(phrase: str, ref: date, anchor: date | None) -> _Resolved | None:
    words = phrase.split()
    if phrase in ("this morning", "this afternoon", "this evening", "tonight", "earlier today"):
        phrase = "today"
    if phrase in ("yesterday", "today", "tomorrow"):
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[phrase]
        return ref + timedelta(days=shift), "day", f"{phrase} (from the article date)", False
    if words[0] in ("last", "this", "next") and words[-1] in ("week", "month", "year"):
        shift = {"last": -1, "this": 0, "next": 1}[words[0]]
        if words[-1] == "week":
            monday = _monday(ref) + timedelta(days=7 * shift)
            return monday, "week", f"{phrase} (Monday)", False
        if words[-1] == "year":
            return date(ref.year + shift, 1, 1), "year", phrase, False
        months = ref.year * 12 + ref.month - 1 + shift
        return date(months // 12, months % 12 + 1, 1), "month", f"{phrase} (1st)", False
    # "the next day", "two days later": relative to the previous dated event, not to today.
    if anchor is None:
        return None
    if words[-1] in ("later", "earlier"):
        days = count_of(words[0]) * (1 if words[-1] == "later" else -1)
        return anchor + timedelta(days=days), "day", f"{phrase} than the date before", False
    shift = -1 if "previous" in phrase else 1
    return anchor + timedelta(days=shift), "day", f"{phrase} after the date before", False


def _resolve(m: Mention, ref: date | None, anchor: date | None, ahead: bool) -> _Resolved | None:
    value: date | None
    if m.kind in ("iso", "mdy"):
        assert m.year is not None and m.month is not None and m.day is not None
        value = safe_date(m.year, m.month, m.day)
        return None if value is None else (value, "day", "explicit date", False)
    if m.kind == "my":
        assert m.year is not None and m.month is not None
        return date(m.year, m.month, 1), "month", "month and year named", False
    if m.kind == "y":
        assert m.year is not None
        return date(m.year, 1, 1), "year", "year named", False
    if ref is None:
        return None  # year-less and relative dates need a reference
    if m.kind == "md":
        return _yearless_day(m, ref, ahead)
    if m.kind == "m":
        return _yearless_month(m, ref, ahead)
    if m.kind == "wd":
        return _weekday(m, ref, ahead)
    return _relative(m.rel or "", ref, anchor)


def find_dates(text: str, reference: date | None = None) -> list[FoundDate]:
    """Every date written in `text`, in order, resolved against `reference` (the article date).

    Year-less dates take the most recent such day not after the reference unless a word such
    as "next" or "upcoming" points ahead; without a reference they are skipped. "Last week" is
    the previous week's Monday, "last Thursday" the previous week's Thursday; "the next day"
    and "two days later" count from the previous day-precise date in the same text. A date
    whose meaning depends on the tense ("on Tuesday", "in May") is marked `tensed`; see
    `resolve_ahead` for its future-tense reading.
    """
    found: list[FoundDate] = []
    anchor: date | None = None
    for m in scan_mentions(text):
        resolved = _resolve(m, reference, anchor, ahead=False)
        if resolved is None:
            continue
        value, precision, how, tensed = resolved
        if precision == "day":
            anchor = value
        written = text[m.start : m.end]
        found.append(
            FoundDate(m.start, m.end, written, value, precision, m.year is not None, how, tensed)
        )
    return found


def resolve_ahead(found: FoundDate, reference: date) -> FoundDate:
    """`found` read in the future tense: "will meet on Tuesday" is the next Tuesday (the
    article's own day when it is one), "steps down in October" the next October."""
    if not found.tensed:
        return found
    mentions = [m for m in scan_mentions(found.text) if m.start == 0]
    resolved = _resolve(mentions[0], reference, None, ahead=True) if mentions else None
    if resolved is None:
        return found
    value, precision, how, _ = resolved
    return replace(found, value=value, precision=precision, how=f"{how} (future tense)")
