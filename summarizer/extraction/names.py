"""People the entity data does not know: names read from the article alone.

A race that is not in the entity file (a future one, or a past one nobody entered) still has
candidates; they are recognised as two or more capitalised words that are not a title, an
outlet, a weekday or an adjective of nationality, and a lone surname is read as the full name
an earlier sentence of the same article gave.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# Capital letters, accented ones too: "Ásgeirsdóttir", "Łukasz", "Şahin" are names.
UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_WORD = rf"[{UPPER}][^\W\d_]*(?:['’-](?!s\b)[^\W\d_]+)?"
_PARTICLE = r"(?:van|von|der|de|den|di|da|la|le|del|dos|ter)"
_RUN = re.compile(rf"\b{_WORD}(?:(?:\s+{_PARTICLE}){{0,2}}\s+{_WORD})*\b")
_PIECE = re.compile(rf"{_WORD}|{_PARTICLE}")
_SURNAME = re.compile(rf"\b({_WORD})\b")

# Capitalised words that make a phrase a title, outlet, place or adjective rather than a name.
NOT_A_NAME = frozenset(
    "The A An NATO Secretary General Prime Minister President Chancellor Foreign Defense "
    "Defence European Union Commission Council Parliament Der Die Das Welt Am Sonntag Spiegel "
    "Dutch German French British American Turkish Hungarian Romanian Estonian Latvian "
    "Lithuanian Polish Italian Spanish Canadian Swedish Finnish Norwegian Danish Greek Belgian "
    "Portuguese Czech Slovak Slovenian Croatian Bulgarian Albanian Icelandic Luxembourgish "
    "Western Eastern Northern Southern North South East West Atlantic Alliance Treaty "
    "Organization Office House Ministry Government Summit Times Post News Press Agency "
    "Reuters Politico Associated Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "Islamic State Republic Kingdom Front Movement Army Forces Group Brigade Taliban Hamas "
    "Hezbollah Sea Ocean Strait Gulf Bay River Coast Flank Region Peninsula Island Islands "
    "Mountains Basin Corridor Arctic Baltic Balkans Caucasus "
    "January February March April May June July August September October November December "
    "Deputy Finance Interior Labour Labor Party Social Democrats Democratic Liberal "
    "Conservative Green Congress Senate Assembly Brussels Washington London Paris Berlin "
    "Ankara Warsaw Madrid Rome Ottawa Copenhagen Oslo Riga Tallinn Vilnius Bucharest "
    "Budapest Bratislava Kyiv Moscow Strasbourg Kehl Vilnius Hague Madrid Allied Allies "
    "Asked In On At After Before With When While Speaking Sources Officials Diplomats "
    "Head Chief Leader Minister’s Minister's Ambassador Ambassadors Mr Mrs Ms Dr Former "
    "Crimea Ukraine Russia Russian Ukrainian EU UN US UK Haag Den Le La El Il Die "
    # The head nouns of organisations, think tanks and outlets: "the Arctic Affairs Institute"
    # names a place of work, not a person.
    "Institute Institution University College Academy Foundation Centre Center Committee "
    "Association Federation Society Affairs Studies Department Bureau Authority Corporation "
    "Company Network Forum Initiative Programme Journal Magazine Gazette Herald Tribune "
    "Telegraph Chronicle Radio Television Broadcasting Daily Weekly Review Fund Bank".split()
)


def _clear_of(start: int, end: int, known: Sequence[tuple[int, int]]) -> bool:
    return not any(start < e and s < end for s, e in known)


def unknown_names(
    text: str, start: int, end: int, known: Sequence[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """Full names (two or more capitalised words) between two offsets that no known
    mention covers, as (start, end, name), in order."""
    found = []
    for run in _RUN.finditer(text, start, end):
        # "Defence Minister Lucía Ferrer": the title words before the name are dropped.
        pieces = [p for p in _PIECE.finditer(run.group(0)) if p.group(0) not in NOT_A_NAME]
        first = next((p for p in pieces if p.group(0)[0].isupper()), None)
        if first is None:
            continue
        name_start = run.start() + first.start()
        name = text[name_start : run.end()]
        words = name.split()
        if len(words) < 2 or len(words) > 4 or set(words) & NOT_A_NAME:
            continue
        if any(word.isupper() for word in words):
            continue  # "Den Haag FM": an acronym is no part of a name
        if _clear_of(name_start, run.end(), known):
            found.append((name_start, run.end(), name))
    return found


def surnames_of(
    text: str, start: int, end: int, known: Sequence[tuple[int, int]], names: Iterable[str]
) -> list[tuple[int, int, str]]:
    """Lone surnames between two offsets that stand for a full name the article gave
    earlier (`names`), as (start, end, full name), in order."""
    by_surname = {name.split()[-1]: name for name in names if len(name.split()) > 1}
    found = []
    for match in _SURNAME.finditer(text, start, end):
        full = by_surname.get(match.group(1))
        if full and _clear_of(match.start(), match.end(), known):
            found.append((match.start(), match.end(), full))
    return found
