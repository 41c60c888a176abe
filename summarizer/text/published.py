"""When an article was written, from its own text: a header or dateline, machine timestamps,
or the dates in its prose."""

from __future__ import annotations

import re
from datetime import date, timedelta

from summarizer.text.dates import (
    FUTURE_MODS,
    PAST_MODS,
    PATTERNS,
    Mention,
    mention_of,
    safe_date,
    scan_mentions,
)

_TIMESTAMP = re.compile(
    r"(?<![\d])(?P<y>(?:19|20)\d{2})[-_ /]?(?P<mo>[01]\d)[-_ /]?(?P<d>[0-3]\d)T\d{2}:?\d{2}"
    r"|/(?P<y2>(?:19|20)\d{2})/(?P<mo2>[01]\d)/(?P<d2>[0-3]\d)/"
)


def find_timestamps(raw: str) -> list[date]:
    """Days named by machine timestamps in raw text (image names, ISO stamps, URL paths)."""
    days: set[date] = set()
    for match in _TIMESTAMP.finditer(raw):
        y, mo, d = match.group("y", "mo", "d") if match["y"] else match.group("y2", "mo2", "d2")
        day = safe_date(int(y), int(mo), int(d))
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


def _said_of_future(text: str, m: Mention) -> bool:
    if m.mod in FUTURE_MODS or m.rel == "next":
        return True
    window = re.split(r"[.!?]\s", text[max(0, m.start - 60) : m.start])[-1]
    return _FUTURE_CUE.search(window) is not None


def infer_published(text: str) -> date | None:
    """Guess when an undated article was written from the dates in its own prose.

    Takes the latest explicit day or month, then places year-less mentions ("March 6",
    "February 21 of this year") in the first year that keeps them on or after it. None when
    the text has no explicit day or month to start from.
    """
    mentions = [m for m in scan_mentions(text) if not _said_of_future(text, m)]
    explicit = [
        safe_date(m.year, m.month, m.day or 1)
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
        if not (m.kind == "md" or (m.kind == "m" and m.mod in PAST_MODS | {"since"})):
            continue
        for year in (floor.year, floor.year + 1):
            placed = safe_date(year, m.month, m.day or 1)
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
_EXPLICIT = [pattern for kind, pattern in PATTERNS if kind in ("iso", "mdy")]


def _explicit_date_at(text: str, pos: int = 0) -> tuple[date, int] | None:
    """A full date with its year starting exactly at `pos`, and where it ends."""
    for pattern in _EXPLICIT:
        match = pattern.match(text, pos)
        if match:
            m = mention_of("mdy", match)
            assert m.year is not None and m.month is not None and m.day is not None
            day = safe_date(m.year, m.month, m.day)
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
