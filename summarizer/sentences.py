"""Sentence splitting with exact offsets, so a citation can quote the stored body verbatim."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd

_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class SentenceSpan:
    """A sentence and its offsets: `body[start:end] == text`."""

    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def _split_paragraph(body: str, start: int, end: int) -> list[SentenceSpan]:
    paragraph = body[start:end]
    spans: list[SentenceSpan] = []
    cursor = 0
    for piece in _segmenter().segment(paragraph):
        text = piece.strip()
        if not text:
            continue
        found = paragraph.find(text, cursor)
        if found < 0:  # pysbd altered the text; fall back to the rest of the paragraph
            rest = paragraph[cursor:].strip()
            if rest:
                found = paragraph.find(rest, cursor)
                spans.append(SentenceSpan(start + found, start + found + len(rest), rest))
            return spans
        cursor = found + len(text)
        spans.append(SentenceSpan(start + found, start + cursor, text))
    return spans


def split_sentences(body: str) -> list[SentenceSpan]:
    """Split a clean body into sentences; never across a paragraph or line break."""
    spans: list[SentenceSpan] = []
    for line in _LINE.finditer(body):
        text = line.group(0)
        stripped = text.strip()
        if not stripped:
            continue
        offset = line.start() + text.find(stripped)
        spans.extend(_split_paragraph(body, offset, offset + len(stripped)))
    return spans
