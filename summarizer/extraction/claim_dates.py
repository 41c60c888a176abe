"""Which date a claim speaks for: a date attached to the claim's own clause, read in that
clause's tense, else the article's.

A date inside a clause about someone or something else ("Stoltenberg, who steps down in
October", "ahead of the July summit", "the summit in Washington next month") is that other
event's date, never the claim's, unless the claim's cue stands in that clause itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from records.claims import DatePrecision
from summarizer.extraction.tense import said_ahead
from summarizer.text.dates import FoundDate, count_of, find_dates, resolve_ahead

_BREAK = r"[;:—–]|\s-\s"
# Clauses that speak of another person or event: a relative clause, a time clause about
# another event, a result clause. Each runs to the next break (or comma).
_RELATIVE = re.compile(
    r"(?:,|\(|—|–)\s*(?:who|whose|whom|which)\b[^,;:()—–]*|\bwho(?:se)?\b[^,;:—–]*"
)
_OTHER_EVENT = re.compile(
    r"\b(?:ahead\s+of|before|in\s+the\s+(?:run|lead)-up\s+to|until|pending)\b"
    r"(?!\s+(?:the\s+)?(?:a|one|two|three|four|five|six|\d+)\s+days?\b)[^,;:—–]*",
    re.IGNORECASE,
)
_SPEAKING = re.compile(
    r"\b(?:spoke|speaking|said|says|told|telling|addressed|addressing|visiting|visited)\b"
)
_REPORTING = re.compile(
    r"\b(?:said|says|told|tells|announced|stated|confirmed|declared|wrote|added|according)\b"
)
_DAYS_APART = re.compile(
    r"\b(?P<n>a|the|one|two|three|four|five|six|\d)\s+days?\s+(?P<dir>after|before)\b[^,;:—–]*",
    re.IGNORECASE,
)
_RESULT = re.compile(r",\s*(?:leaving|making|clearing\s+the\s+way|paving\s+the\s+way)\b[^;:—–]*")
# An appositive noun phrase describing someone ("Germany, an early champion of Rutte, …") or
# a perfect participle opening the sentence ("Having ruled himself out before, …") states a
# standing or an earlier act, not an act of the main verb's day.
_APPOSITIVE = re.compile(
    r"(?<=,)\s*(?:a|an|the|long|one)\s[^,;:()—–]*(?=,)|^\s*Having\s[^,;:()—–]*(?=,)",
    re.IGNORECASE,
)
# A date attached to a meeting: "the summit in Washington next month", "the July summit".
# "meeting" and "talks" are nouns only after a determiner ("meeting in Berlin on Saturday,
# they agreed" is a participle).
_MEETING = (
    r"(?i:(?:(?:NATO|alliance(?:'s|’s)?|allied|anniversary)\s+)*(?:summit|ministerial)"
    r"|(?:the|a|an|its|their|this|next)\s+(?:[\w'’-]+\s+){0,2}"
    r"(?:meetings?|gatherings?|conferences?|talks|votes?|elections?))"
)
_MEETING_BEFORE = re.compile(
    rf"\b{_MEETING}\s+(?:(?i:in|at|of)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*"
    r"\s*,?\s*)?(?:(?i:in|on|at|for|set\s+for|due\s+(?:in|on))\s+)?$"
)
_MEETING_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:[A-Z][\w'’-]*\s+)?(?i:summit|ministerial|meeting|gathering|conference)\b"
)
_AT_MEETING = re.compile(
    r"\b(?:at|during|on\s+the\s+(?:sidelines|margins)\s+of|at\s+the\s+end\s+of)\s+"
    r"(?:the|a|an|this|its|their)?\s*(?:[\w'’.-]+\s+){0,3}$",
    re.IGNORECASE,
)
_EU_MEETING = re.compile(
    r"\b(?:EU|E\.U\.|European(?:\s+Union|\s+Council)?|bloc'?s?)\s+(?:leaders'?\s+)?$"
)
_CLAUSE = re.compile(rf"{_BREAK}|,\s*(?:and|but|while|whereas)\b|\band\s+(?=[A-Z])")
_PHRASE = re.compile(rf"{_BREAK}|,")
_SENTENCE_PART = re.compile(r";")
_REACH = 120  # how far before its date a meeting's name is looked for


@dataclass(frozen=True)
class ResolvedDate:
    """The day a claim speaks for: `day` (None without an article date), whether the text
    said so (`from_text`), how it was resolved (`how`, in words) and its `precision`."""

    day: date | None
    from_text: bool
    how: str
    precision: DatePrecision | None


def _article_date(on: date | None, why: str = "article date") -> ResolvedDate:
    if on is None:
        return ResolvedDate(None, False, "undated (neither the sentence nor the article)", None)
    return ResolvedDate(on, False, why, "day")


def _precision(found: FoundDate) -> DatePrecision:
    return found.precision if found.precision in ("week", "month") else "day"


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _relative_spans(sentence: str) -> list[tuple[int, int]]:
    """Relative clauses, except those saying when and where the speaker spoke ("Szijjártó,
    who was speaking in Bucharest on Friday, said …"): that date is the statement's."""
    return [
        span
        for span in _spans(_RELATIVE, sentence)
        if not _SPEAKING.search(sentence, span[0], span[1])
    ]


def _meeting_span(sentence: str, found: FoundDate) -> tuple[int, int] | None:
    """The stretch naming a meeting and its date, when `found` is that meeting's date."""
    before = _MEETING_BEFORE.search(sentence, max(0, found.start - _REACH), found.start)
    if before is not None:
        return before.start(), found.end
    after = _MEETING_AFTER.match(sentence[found.end :])
    if after is not None:
        return found.start, found.end + after.end()
    return None


def _said_at_meeting(sentence: str, span: tuple[int, int]) -> bool:
    """ "At the Washington summit on Wednesday, …": the meeting's date is when it was said."""
    lead = sentence[max(0, span[0] - 60) : span[0]]
    return bool(_AT_MEETING.search(lead)) and not _EU_MEETING.search(lead)


def _bounds(pattern: re.Pattern[str], sentence: str, position: int) -> tuple[int, int]:
    start = 0
    for match in pattern.finditer(sentence, 0, position):
        start = match.end()
    after = pattern.search(sentence, position)
    return start, after.start() if after else len(sentence)


def _inside(spans: list[tuple[int, int]], at: int) -> tuple[int, int] | None:
    return next((s for s in spans if s[0] <= at < s[1]), None)


def _ahead(found: FoundDate, sentence: str, on: date | None) -> bool:
    """Whether a meeting's date lies after the article's: a meeting still to come is another
    event, while a past one ("after their talks on Friday") is when things were said."""
    return on is None or _tensed(found, sentence, on).value > on


def _tensed(found: FoundDate, sentence: str, on: date | None) -> FoundDate:
    if on is None or not found.tensed or not said_ahead(sentence, found.start, found.end):
        return found
    return resolve_ahead(found, on)


# "prime minister of Norway from October 2005 to October 2013": someone's tenure, never the
# date of a stance or an event of the race.
_TENURE = re.compile(
    r"\b(?:from|between)\s+(?:\w+\s+){0,2}\d{4}\s+(?:to|until|till|and)\s+(?:\w+\s+){0,2}\d{4}\b",
    re.IGNORECASE,
)


def claim_date(sentence: str, position: int, on: date | None) -> ResolvedDate:
    """The day a claim whose cue is at `position` in `sentence` refers to.

    Only dates attached to the claim's own clause count: a date in the same clause first
    (the nearest), then the nearest elsewhere in the sentence (before the cue first), never
    one inside a clause about another person or event. "A day after <cue>" counts back from
    the sentence's other date (else the article's). A bare weekday or month is read in its
    clause's tense. Without a date, the article date (`from_text` false).
    """
    found = [f for f in find_dates(sentence, reference=on) if f.precision != "year"]
    eu = on is not None and _EU_MEETING.search(sentence, max(0, position - 30), position)
    if eu and re.match(_MEETING, sentence[position:], re.IGNORECASE):
        return _article_date(on, "article date (an EU meeting is not the alliance's)")
    if re.match(_MEETING, sentence[position:]):
        return _meeting_date(sentence, position, found, on)
    apart = [m for m in _DAYS_APART.finditer(sentence)]
    others = [
        s
        for s in _relative_spans(sentence)
        + _spans(_OTHER_EVENT, sentence)
        + _spans(_RESULT, sentence)
        + _spans(_TENURE, sentence)
        + [m.span() for m in apart]
        if not s[0] <= position < s[1]
    ]
    usable = []
    for f in found:
        if _inside(others, f.start):
            continue
        meeting = _meeting_span(sentence, f)
        if (
            meeting
            and not meeting[0] <= position < meeting[1]
            and _ahead(f, sentence, on)
            and not _said_at_meeting(sentence, meeting)
        ):
            continue
        usable.append(f)
    own = next((m for m in apart if m.start() <= position < m.end()), None)
    if own is not None:
        return _days_apart(own, [f for f in usable if not own.start() <= f.start < own.end()], on)
    result = _inside(_spans(_RESULT, sentence) + _spans(_APPOSITIVE, sentence), position)
    if result is not None:
        usable = [f for f in usable if result[0] <= f.start < result[1]]
    chosen = _choose(usable, sentence, position)
    if chosen is None:
        return _article_date(on)
    chosen = _tensed(chosen, sentence, on)
    return ResolvedDate(chosen.value, True, chosen.how, _precision(chosen))


def _meeting_date(
    sentence: str, position: int, found: list[FoundDate], on: date | None
) -> ResolvedDate:
    """A meeting named at `position` (a summit's milestone) takes only its own date."""
    for f in found:
        span = _meeting_span(sentence, f)
        if span is not None and span[0] <= position < span[1]:
            chosen = _tensed(f, sentence, on)
            return ResolvedDate(chosen.value, True, chosen.how, _precision(chosen))
    return _article_date(on)


def _choose(found: list[FoundDate], sentence: str, position: int) -> FoundDate | None:
    # The comma-bounded phrase of the cue first, then its clause, then its part of the
    # sentence (a semicolon ends what a date can reach).
    for pattern in (_PHRASE, _CLAUSE):
        start, end = _bounds(pattern, sentence, position)
        same = [f for f in found if start <= f.start < end]
        if same:
            return min(same, key=lambda f: (abs(f.start - position), f.start > position))
    before = [f for f in found if f.start <= position]
    if before:
        return before[-1]
    # After the cue and beyond its clause, only a reporting clause's date is the claim's
    # ("Hungary will not back him, its minister said on Friday"), never another verb's.
    _, end = _bounds(_SENTENCE_PART, sentence, position)
    for f in found:
        start, stop = _bounds(_PHRASE, sentence, f.start)
        if f.start < end and _REPORTING.search(sentence, start, stop):
            return f
    return None


def _days_apart(match: re.Match[str], found: list[FoundDate], on: date | None) -> ResolvedDate:
    """ "On Sunday, a day after winning the post, …": the cue's day counted from the other."""
    days = count_of(match["n"]) * (-1 if match["dir"].lower() == "after" else 1)
    days_word = "day" if abs(days) == 1 else "days"
    where = "before" if days < 0 else "after"
    nearest = min(found, key=lambda f: abs(f.start - match.start()), default=None)
    if nearest is not None and nearest.precision == "day":
        return ResolvedDate(
            nearest.value + timedelta(days=days),
            True,
            f"{abs(days)} {days_word} {where} the sentence's date ({nearest.how})",
            "day",
        )
    if on is None:
        return _article_date(on)
    return ResolvedDate(
        on + timedelta(days=days), True, f"{abs(days)} {days_word} {where} the article date", "day"
    )
