"""Whose candidacy event a cue reports: the person named as its subject or object, known to
the entity data or named only in the article, never an incumbent being succeeded, and never a
rival the sentence mentions only as "his only rival"."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from summarizer.extraction.context_cues import CANDIDACY_REFERENCE
from summarizer.extraction.names import surnames_of, unknown_names
from summarizer.text.gate import GatedPattern

if TYPE_CHECKING:
    from summarizer.extraction.reader import SentenceReader

_PRONOUN = re.compile(r"\b(?:he|she|him|her|his)\b", re.IGNORECASE)
_RELATIVE = re.compile(r"(?:\bwho|\bwhose)\s*$", re.IGNORECASE)
_RIVAL = re.compile(r"\b(?:rivals?|opponents?|challengers?|competitors?)\b", re.IGNORECASE)
# "the Dane", "the former Danish leader", "the Dutchman": a descriptor of the person in focus.
_DESCRIPTOR = re.compile(
    r"\b[Tt]he\s+(?:former\s+|outgoing\s+|incoming\s+)?(?:[A-Z]\w+(?:man|woman)\b|[A-Z]\w+\s+"
    r"(?:leader|premier|minister|candidate|diplomat|politician|president)\b|Dane\b|Pole\b|Swede\b|"
    r"Finn\b|Briton\b|Spaniard\b|Turk\b)"
)
# "resigned as Denmark's prime minister": an office, not the person who holds it now.
_OFFICE_COMPLEMENT = re.compile(r"\bas\s+$", re.IGNORECASE)
# How far after a cue the person it acts on is named ("put forward Defence Minister X").
_OBJECT_REACH = 45
# "Rutte's cabinet", "Orbán's spokesman": someone or something other than the person.
_THEIR_BODY = re.compile(
    r"(?:'s|’s)\s+(?:\w+\s+)?(?:government|cabinet|coalition|party|ministers?|allies|"
    r"spokes(?:man|woman|person)|office|aides?|team|rivals?|opponents?|predecessor|successor)\b",
    re.IGNORECASE,
)
# "told Le Soir", "in an interview with X": whom someone spoke to, not the speaker.
_ADDRESSEE = re.compile(
    r"\b(?:told|telling|asked|interview\s+with|sp(?:oke|eaking)\s+to)\s+(?:\w+\s+)?$", re.I
)
# Where a subordinate clause ends and the subject of the cue's own clause begins.
_SUBORDINATE = re.compile(r"\b(?:after|before|when|once|because|until)\b", re.I)
# Persons who are the one being succeeded or handing over, not the subject of the event.
_SUCCEEDED = re.compile(
    r"\b(?:from|succeed(?:s|ed|ing)?|replac(?:e|es|ed|ing))\s+(?:\w+\s+){0,2}$", re.I
)
_EVENT_CONTEXT_PATTERN = re.compile(
    r"\bNATO\b|\balliance\b|\ballie[sd]\b|secretary[- ]general|\bthe\s+(?:\w+\s+)?race\b|"
    r"\bcandida|\bnominat|\bbid\b|\bcontest\b|\bthe\s+(?:post|job)\b|\bresign|"
    r"\bst(?:ep|eps|epped|epping)\s+down\b|\bas\s+(?:\w+\s+){0,2}(?:prime\s+minister|premier)\b",
    re.IGNORECASE,
)
_EVENT_CONTEXT = GatedPattern(_EVENT_CONTEXT_PATTERN)


@dataclass(frozen=True)
class Named:
    """A person named in the sentence: where, and their canonical name."""

    start: int
    end: int
    name: str


def named_people(
    reader: SentenceReader, start: int, end: int, established: Iterable[str] | None = None
) -> list[Named]:
    """Everyone named between two offsets, in order: people the entity data knows (not an
    incumbent being succeeded) and, in a sentence about the post, people named only here
    (by surname too, once the article `established` them: by default, so far)."""
    known = [Named(m.start, m.end, m.entity.name) for m in reader.persons(start, end)]
    if reader.race or _EVENT_CONTEXT.found(reader.masked):
        spans = [(m.start, m.end) for m in reader.mentions]
        found = unknown_names(reader.text, start, end, spans)
        if established is None:
            established = reader.memory.established
        found += surnames_of(reader.text, start, end, spans, established)
        known += [Named(s, e, n) for s, e, n in found]
    people = sorted(known, key=lambda p: p.start)
    return [
        p
        for p in people
        if not _SUCCEEDED.search(reader.masked[max(0, p.start - 40) : p.start])
        and not _OFFICE_COMPLEMENT.search(reader.masked[max(0, p.start - 10) : p.start])
    ]


def _antecedent(reader: SentenceReader, position: int) -> str | None:
    # "…, replacing Stoltenberg, who is stepping down": the name just before "who", even one
    # being succeeded in another office.
    known = [Named(m.start, m.end, m.entity.name) for m in reader.mentions if m.end <= position]
    known = [
        p
        for p in known
        if any(m.start == p.start and m.entity.kind == "person" for m in reader.mentions)
    ]
    spans = [(m.start, m.end) for m in reader.mentions]
    found = unknown_names(reader.text, 0, position, spans)
    found += surnames_of(reader.text, 0, position, spans, reader.memory.established)
    people = sorted(known + [Named(s, e, n) for s, e, n in found], key=lambda p: p.start)
    return people[-1].name if people else None


def _before_in_sentence(reader: SentenceReader, position: int) -> str | None:
    people = [
        p
        for p in named_people(reader, 0, position)
        if not _ADDRESSEE.search(reader.masked[max(0, p.start - 30) : p.start])
    ]
    return people[-1].name if people else None


def subject_of(reader: SentenceReader, clause_start: int, cue_start: int) -> str | None:
    """The person a cue's clause is about: named before the cue, or the one a pronoun, a
    relative "who" or a descriptor refers to."""
    fronted = False
    for conjunction in _SUBORDINATE.finditer(reader.masked, clause_start, cue_start):
        clause_start = conjunction.end()
        fronted = "," not in reader.masked[clause_start:cue_start]
    zone = reader.masked[clause_start:cue_start]
    if _RELATIVE.search(reader.masked[:clause_start]) and not named_people(
        reader, clause_start, cue_start
    ):
        relative = _RELATIVE.search(reader.masked[:clause_start])
        return _antecedent(reader, relative.start() if relative else clause_start)
    people = [
        p
        for p in named_people(reader, clause_start, cue_start)
        if not _ADDRESSEE.search(reader.masked[max(0, p.start - 30) : p.start])
    ]
    if people:
        if _THEIR_BODY.match(reader.masked, people[-1].end):
            return None  # "Rutte's cabinet quit": the cabinet, not Rutte
        return people[-1].name
    if _RIVAL.search(zone):
        return None  # "his only rival quit": someone else, not the person in focus
    if _PRONOUN.search(zone) or not re.search(r"[A-Za-z]{3,}", zone):
        before = _before_in_sentence(reader, clause_start)
        if before is None and fronted:
            # "When asked whether she wanted the job, Kallas said yes": the main clause's subject.
            before = _main_subject_after(reader, cue_start)
        return before or last_person(reader) or _main_subject_after(reader, cue_start)
    if _DESCRIPTOR.search(zone) or CANDIDACY_REFERENCE.search(zone):
        return reader.memory.focus
    return None


def last_person(reader: SentenceReader) -> str | None:
    """Whom "he" or "she" opening a sentence means: the first person the sentence before
    named, else the candidate in focus."""
    return reader.memory.previous_subject() or reader.memory.focus


def first_person(reader: SentenceReader, established: Iterable[str] | None = None) -> str | None:
    """The first person a sentence names (its subject, most often), or None."""
    people = named_people(reader, 0, len(reader.text), established)
    return people[0].name if people else None


def first_person_later(reader: SentenceReader) -> Callable[[], str | None]:
    """`first_person(reader)` as it reads now, worked out when first asked (the next
    sentence asks only when it opens with "he" or "she"; most never do)."""
    count = len(reader.memory.established)
    found: list[str | None] = []

    def subject() -> str | None:
        if not found:
            found.append(first_person(reader, reader.memory.established.first(count)))
        return found[0]

    return subject


def _main_subject_after(reader: SentenceReader, position: int) -> str | None:
    # "A day after telling reporters she would like the job, Kallas said …": a pronoun in a
    # fronted clause refers to the subject of the main clause that follows.
    comma = reader.masked.find(",", position)
    if comma < 0:
        return None
    people = named_people(reader, comma, min(len(reader.text), comma + 60))
    return people[0].name if people else None


def object_of(reader: SentenceReader, cue_end: int, clause_end: int) -> str | None:
    """The person a cue acts on: named after it, or the one "him" or "her" refers to (named
    earlier in the sentence, else later in it, else the person in focus)."""
    people = named_people(reader, cue_end, clause_end)
    people = [p for p in people if p.start - cue_end <= _OBJECT_REACH]
    zone = reader.masked[cue_end:clause_end]
    pronoun = re.match(r"\s*(?:him|her)\b", zone, re.IGNORECASE)
    if people and not (pronoun and pronoun.end() + cue_end < people[0].start):
        return people[0].name
    if pronoun:
        earlier = _before_in_sentence(reader, cue_end)
        later = named_people(reader, cue_end, len(reader.text))
        return earlier or (later[0].name if later else last_person(reader))
    return None


def inside(reader: SentenceReader, start: int, end: int) -> str | None:
    """The person named inside a cue ("Ferrer's exit", "with Iohannis out"), or just before
    a possessive that starts it."""
    people = named_people(reader, max(0, start - 40), end)
    people = [p for p in people if p.end >= start - 1]
    return people[-1].name if people else None
