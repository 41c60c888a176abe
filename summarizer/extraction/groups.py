"""Group statements that name holders: the allies excepted from "every ally except X" and
the ones listed as the last to decide ("only X and Y have yet to back him", "X remains the
last holdout"). Both are withheld support: `opposes` with `holdout` set and a scope saying
which kind of group statement named them. An unnamed count gives no holder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from records.claims import ExtractedClaim, Scope
from summarizer.extraction.names import UPPER
from summarizer.text.gate import GatedPattern

if TYPE_CHECKING:
    from summarizer.extraction.memory import CueHit
    from summarizer.extraction.reader import SentenceReader

_MEMBERS = (
    r"(?:member(?:\s+(?:state|country|government))?s?|all(?:y|ies)|countr(?:y|ies)|capitals?|"
    r"nations?|governments?)"
)
# "every member of the alliance except Hungary", "all allies but Turkey", "all but three".
ALL_EXCEPT = re.compile(
    r"\b(?:every|each|all)(?:\s+(?:other|the|of\s+the|NATO|remaining))*\s+(?:" + _MEMBERS + r"\s+)?"
    r"(?:of\s+the\s+(?:alliance|bloc)\s+)?(?:except(?:\s+for)?|but|apart\s+from|save(?:\s+for)?|"
    r"other\s+than|bar)\s+",
    re.IGNORECASE,
)
# The wording of still withholding support; the named holders sit before it in the clause.
REMAINING = re.compile(
    r"\b(?:(?:have|has|had|are|is|were|was)\s+)?(?:still\s+|now\s+)?(?:yet\s+to\s+(?:do\s+so|give|back|endorse|"
    r"sign|support|come\s+round|join|approve|agree|offer|lend|fall|get)|still\s+to\s+be\s+(?:won\s+over|"
    r"convinced|persuaded)|(?:still\s+)?(?:withholding|holding\s+back|holding\s+out(?!\s+for\b))|"
    r"not\s+yet\s+(?:behind|on\s+board|signed|backing|supporting)|(?:has|have)\s+(?:still\s+)?not\s+"
    r"(?:yet\s+)?(?:endorsed|backed|supported|signed)|(?:last|lone|only|remaining|final)\s+"
    r"(?:\w+\s+)?(?:holdouts?|hold-outs?)|not\s+(?:yet\s+)?(?:said|declared|announced)\s+(?:that\s+)?"
    r"(?:they|it)\s+(?:support|back|endorse)|not\s+(?:to\s+have\s+|yet\s+)?committed\s+to|"
    r"(?:still\s+)?(?:have|has|had)\s+to\s+be\s+(?:persuaded|convinced|won\s+over)|"
    r"(?:must|has\s+to|needs?\s+to)\s+still\s+win\s+over|still\s+(?:needs?|has)\s+to\s+win\s+over|"
    r"must\s+still\s+win\s+over|the\s+(?:two|three|four|five|six)?\s*(?:holdouts?|hold-outs?)"
    r"(?=,?\s+(?-i:[" + UPPER + r"])))\b",
    re.IGNORECASE,
)
# Run over every sentence: skipped where a sentence lacks the words they need.
_ALL_EXCEPT, _REMAINING = GatedPattern(ALL_EXCEPT), GatedPattern(REMAINING)
# What follows the excepted names: the clause the exception belongs to.
_LIST_END = re.compile(
    r"\s+(?:has|have|had|is|are|was|were|now|backs?|supports?|signed|lined|threw)\b"
)
_LEAVING = re.compile(r"\b(?:leaving|with|while|after)\b", re.IGNORECASE)
_LISTED_AFTER = re.compile(
    r"(?:\s+(?:support|backing|endorsement|their\s+\w+|so\s+far|now))*\s*(?:are|were|:)\s+",
    re.IGNORECASE,
)
# "the holdouts Hungary and Slovakia", "must still win over Hungary and Slovakia"
_NAMES_AFTER = re.compile(rf"\s+(?=[{UPPER}])")
_WIN_OVER = re.compile(r"\bwin\s+over$", re.IGNORECASE)
_TALLY = re.compile(
    r"\b(?P<part>\d{1,2})\s+(?:of|out\s+of)\s+(?:the\s+)?(?:(?:alliance|NATO)(?:'s|’s)?\s+)?"
    r"(?P<whole>\d{1,2})\b",
    re.IGNORECASE,
)
_HAD_BEEN = re.compile(
    r"\bhad\s+(?:(?:long|earlier|once|previously|initially|first|for\s+\w+|until\s+\w+)\s+)*"
    r"been\b",
    re.IGNORECASE,
)
_APPOSITION_BEFORE = re.compile(r",\s*(?:the\s+|a\s+)?$", re.IGNORECASE)
_APPOSITION_AFTER = re.compile(r"\s*,")
_CONDITION = re.compile(r"\b(?:if|unless|once|until|provided)\b", re.IGNORECASE)
_RELATIVE_END = re.compile(r"\b(?:that|who|which)\s*$", re.IGNORECASE)
_NOT_OPEN = re.compile(r"\byet\s+to\s+(?:say|decide)\b|\bundecided\b", re.IGNORECASE)


@dataclass(frozen=True)
class GroupReading:
    """Holders named by a group statement, and the spans whose other readings they replace."""

    claims: list[ExtractedClaim]
    holders: frozenset[str]
    # Holdouts named in apposition ("Slovakia, the last holdout, …"): kept unless the
    # sentence reads another stance of the same holder on the same candidate.
    described: tuple[ExtractedClaim, ...] = ()


def _countries(
    reader: SentenceReader, start: int, end: int, candidate: str | None, nearest: bool = False
) -> list[tuple[str, str]]:
    if nearest:  # the subject of "… are the last holdouts": the names run right before it
        holders = reader.nearest_holders(start, end, candidate)
    else:
        holders = reader.holders_in(start, end, candidate)
    return [h for h in holders if h[0] in reader.member_names]


def _candidate(reader: SentenceReader, holders: list[tuple[str, str]], at: int) -> str | None:
    names = {h for h, _ in holders}
    persons = [
        m
        for m in reader.persons(0, len(reader.text), speakers=False)
        if m.entity.speaks_for(reader.on) not in names
    ]
    # "the holdouts Hungary and Slovakia would relent if Iohannis withdrew": a name in a
    # condition is not whom they hold out against.
    condition = _CONDITION.search(reader.masked, at)
    if condition is not None:
        persons = [m for m in persons if m.start < condition.start()]
    after = [m for m in persons if m.start >= at]
    if after:
        return after[0].entity.name
    unknown = reader.unknown_person(at, len(reader.text), force=True)
    if unknown:
        return unknown
    if persons:
        return persons[-1].entity.name
    if reader.memory.focus:
        return reader.memory.focus
    for name in reader.memory.article_people:
        entity = reader.entity_named(name)
        if entity is None or entity.speaks_for(reader.on) not in names:
            return name
    return None


def group_claims(reader: SentenceReader, hit_of: CueHit | None = None) -> GroupReading:
    """Holdout claims of the reader's sentence: excepted allies and the last ones to decide."""
    del hit_of
    text = reader.masked
    claims: list[ExtractedClaim] = []
    described: list[ExtractedClaim] = []
    named: set[str] = set()
    for match in _ALL_EXCEPT.finditer(text):
        end_match = _LIST_END.search(text, match.end())
        list_end = end_match.start() if end_match else len(text)
        holders = _countries(reader, match.end(), list_end, None)
        claims += _holdouts(reader, holders, match.start(), match.end(), "all_except")
        named.update(h for h, _ in holders)
    for match in _REMAINING.finditer(text):
        if _NOT_OPEN.search(text, match.start(), match.end() + 12):
            continue
        start, end = _clause_start(reader, match.start()), match.start()
        relative = _RELATIVE_END.search(text, 0, start)
        if relative and not text[relative.end() : end].strip():
            # "Romania is the only ally that has still not endorsed him"
            start, end = _clause_start(reader, relative.start()), relative.start()
        holders = [h for h in _countries(reader, start, end, None, True) if h[0] not in named]
        if _WIN_OVER.search(match.group(0)):
            holders = []  # "Kallas must still win over Spain and Italy": the names follow
        listed = _LISTED_AFTER.match(text, match.end()) or _NAMES_AFTER.match(text, match.end())
        if not holders and listed:
            # "The five still withholding support are the Czech Republic, Poland and Turkey."
            after = listed.end()
            run = reader.nearest_holders(after, _list_end(text, after), None, first=True)
            holders = [h for h in run if h[0] in reader.member_names and h[0] not in named]
        if not holders:
            continue
        found = _holdouts(reader, holders, start, match.end(), "remaining")
        if _HAD_BEEN.search(text, start, match.end()):
            # "Hungary, Turkey and Slovakia had long been the last holdouts": a state that
            # held until the news the article reports, not one that holds now.
            found = [replace(c, aspect="ended") for c in found]
        if _APPOSITION_BEFORE.search(text, 0, match.start()) and _APPOSITION_AFTER.match(
            text, match.end()
        ):
            # "Slovakia, the last holdout, gave its consent": what the holder was until the
            # main verb says otherwise; the verb's own reading wins where there is one.
            described += found
            continue
        claims += found
        named.update(h for h, _ in holders)
    return GroupReading(_checked_against_tally(reader, claims), frozenset(named), tuple(described))


def tally(text: str) -> tuple[int, int] | None:
    """A count of backers out of a total ("28 of 32", "27 of the 32 allies"), if the text
    gives one."""
    match = _TALLY.search(text)
    if match is None:
        return None
    return int(match.group("part")), int(match.group("whole"))


def _checked_against_tally(
    reader: SentenceReader, claims: list[ExtractedClaim]
) -> list[ExtractedClaim]:
    # "27 of the 32 allies back him: all but A, B, C, D and E": a tally of the day's whole
    # alliance that leaves more or fewer out than the names given makes the names a guess.
    counted = tally(reader.masked)
    if counted is None or not claims:
        return claims
    backers, whole = counted
    if whole != len(reader.member_names):
        return claims  # a count of something else
    named = {c.holder for c in claims}
    if whole - backers == len(named):
        return claims
    return [replace(c, hedged=True) for c in claims]


def _list_end(text: str, start: int) -> int:
    end = re.search(r"[.;:]|\s[-–—]\s|,\s+(?:who|which|while|but)\b", text[start:])
    return start + end.start() if end else len(text)


def _clause_start(reader: SentenceReader, at: int) -> int:
    from summarizer.extraction.clauses import find_clause_start

    start = find_clause_start(reader.masked, at)
    leaving = [m.end() for m in _LEAVING.finditer(reader.masked, start, at)]
    return leaving[-1] if leaving else start


def _holdouts(
    reader: SentenceReader, holders: list[tuple[str, str]], start: int, at: int, scope: Scope
) -> list[ExtractedClaim]:
    if not holders:
        return []
    candidate = _candidate(reader, holders, at)
    if candidate is None:
        return []
    base = replace(
        reader.base_at(start),
        candidate=candidate,
        stance="opposes",
        holdout=True,
        scope=scope,
    )
    if reader.asked:
        base = replace(base, modality="asked")
    return [replace(base, holder=h, holder_text=t) for h, t in holders]
