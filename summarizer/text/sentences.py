"""Sentence splitting with exact offsets, so a citation can quote the stored body verbatim.

A rule-based splitter: a boundary is sentence-final punctuation (with any closing quotes or
brackets) followed by space and a capital, digit or opening quote, unless the word before
the full stop is an abbreviation or an initial. Paragraph breaks always end a sentence. It
is deterministic and fast (pysbd takes tens of milliseconds per article).

No stored sentence is longer than MAX_SENTENCE_CHARS: a text without full stops would
otherwise be one sentence of megabytes, and everything that reads a sentence per mention
(dates, stances) would take quadratic time. An over-long run is cut at the last clause
boundary (`;`, `:`, `,`, a dash) before the limit, else at a space, else at the limit,
so a quote is still readable and its offsets still exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class SentenceSpan:
    """A sentence and its offsets: `body[start:end] == text`."""

    start: int
    end: int
    text: str


# Never end a sentence: titles and words that always take something after them.
_ALWAYS = frozenset(
    [
        "mr", "mrs", "ms", "messrs", "mme", "dr", "prof", "gen", "lt", "col", "maj", "capt",
        "cpt", "sgt", "cpl", "adm", "cmdr", "brig", "gov", "sen", "rep", "rev", "fr", "st",
        "amb", "hon", "pres", "supt", "insp", "det", "mt", "ft", "vs", "v", "cf", "approx",
        "ca", "e.g", "i.e", "viz", "dept", "univ", "assn", "gens", "reps", "sens",
    ]
)  # fmt: skip
# Abbreviations only before a number: "No. 10", "p. 4" (but "He said no. Then…").
_BEFORE_NUMBER = frozenset(["no", "nos", "vol", "fig", "art", "ch", "sec", "p", "pp", "para"])
# End a sentence only before a word that typically opens one.
_SOMETIMES = frozenset(
    [
        "inc", "ltd", "co", "corp", "jr", "sr", "etc", "bros", "plc", "llc", "a.m", "p.m",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]
)  # fmt: skip
_OPENERS = frozenset(
    [
        "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but", "and", "or", "so",
        "yet", "in", "on", "at", "this", "that", "these", "those", "there", "however", "his",
        "her", "its", "their", "our", "after", "before", "as", "if", "when", "while", "meanwhile",
        "according", "still", "also", "then", "now", "both", "some", "many", "most", "for",
    ]
)  # fmt: skip

_BOUNDARY = re.compile(r"[.!?…]+[\"”’'»)\]]*(?=\s)")
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*|\n(?=[ \t]*[•·▪●◦‣∙■►*][ \t])")
_WORD_BEFORE = re.compile(r"([\w.'’-]+)$")
_NEXT = re.compile(r"\s+[\"“‘'«(\[]*(?P<word>\S*)")
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
MAX_SENTENCE_CHARS = 1000
# Where an over-long sentence may be cut, best first: after a clause mark, then at a space.
_CLAUSE_CUT = re.compile(r"[;:,)\]](?=\s)|\s[—–-](?=\s)")
_SPACE_CUT = re.compile(r"\s")


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    after = _NEXT.match(text, match.end())
    if after is None or not after["word"]:
        return False
    first = after["word"][0]
    if first.islower():
        return False
    marks = match.group(0)
    if marks[0] != "." or marks.startswith(".."):
        return True  # "?", "!" and ellipses end sentences before a capital
    window = text[max(0, match.start() - 40) : match.start()]
    word = _WORD_BEFORE.search(window)
    if word is None:
        return True
    token = word.group(1).strip("'’-")
    lower = token.lower()
    next_word = after["word"].strip("\"“”‘’'«»()[],;:").lower()
    if len(token) == 1 and token.isupper():
        # An initial ("John F. Kennedy") unless a lower-case word names it ("plan B. The").
        previous = window[: word.start()].split()[-1:] or [""]
        return previous[0][:1].islower() and next_word in _OPENERS
    if lower in _ALWAYS:
        return False
    if lower in _BEFORE_NUMBER:
        return not first.isdigit()
    if lower in _SOMETIMES or _INITIALISM.fullmatch(token):
        # "the U.S. The president…" ends; "the U.S. Senate" and "Feb. 22" do not.
        return not first.isdigit() and next_word in _OPENERS
    return True


def _split_paragraph(body: str, start: int, end: int) -> list[SentenceSpan]:
    spans: list[SentenceSpan] = []
    text = body[start:end]
    cursor = 0
    for match in _BOUNDARY.finditer(text):
        if _is_boundary(text, match):
            spans.extend(_span(body, start + cursor, start + match.end()))
            cursor = match.end()
    spans.extend(_span(body, start + cursor, end))
    return spans


def _span(body: str, start: int, end: int) -> list[SentenceSpan]:
    """The stripped span of body[start:end] (cut into readable pieces of at most
    MAX_SENTENCE_CHARS when longer), or nothing when it is blank."""
    spans: list[SentenceSpan] = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = _cut_point(body, start)
        spans.extend(_stripped(body, start, cut))
        start = cut
    spans.extend(_stripped(body, start, end))
    return spans


def _cut_point(body: str, start: int) -> int:
    """Where to end a piece that starts at `start`: the last clause boundary in the second
    half of the limit, else the last space there, else the limit itself."""
    low, high = start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS
    for pattern in (_CLAUSE_CUT, _SPACE_CUT):
        matches = list(pattern.finditer(body, low, high))
        if matches:
            return matches[-1].end()
    return high


def _stripped(body: str, start: int, end: int) -> list[SentenceSpan]:
    chunk = body[start:end]
    stripped = chunk.strip()
    if not stripped:
        return []
    left = start + (len(chunk) - len(chunk.lstrip()))
    return [SentenceSpan(left, left + len(stripped), stripped)]


def split_sentences(body: str) -> list[SentenceSpan]:
    """The sentences of `body`, in order, with exact character offsets.

    Never joins across a blank line or into a bullet item, so headings and list fragments are
    sentences of their own; abbreviations (`Gen.`, `Dr.`, `U.S.`), initials and sentences
    ending inside quotes (`.”`) are handled. No sentence is empty.
    """
    spans: list[SentenceSpan] = []
    cursor = 0
    for brk in _PARAGRAPH.finditer(body):
        spans.extend(_split_paragraph(body, cursor, brk.start()))
        cursor = brk.end()
    spans.extend(_split_paragraph(body, cursor, len(body)))
    return spans
