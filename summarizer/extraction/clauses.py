"""Where the clause around a cue starts and ends, so holder and candidate are looked for in
the right stretch of a sentence (a list of names joined by commas is one clause)."""

from __future__ import annotations

import re

from summarizer.extraction.context_cues import CLAUSE_BREAK

_LIST_ITEM = re.compile(r"^\s*(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*$")
_AND_AFTER = re.compile(r",\s+and\b")
_AND_BEFORE = re.compile(r",\s+and$")


def _ends_a_list(segment: str) -> bool:
    # "… such as the United States, United Kingdom, France": named items after a comma.
    items = segment.split(",")
    return len(items) >= 2 and all(_LIST_ITEM.match(item) for item in items[1:])


def _starts_a_list(segment: str) -> bool:
    items = segment.split(",")
    return len(items) >= 2 and all(_LIST_ITEM.match(item) for item in items)


def find_clause_start(text: str, position: int) -> int:
    start = 0
    for match in CLAUSE_BREAK.finditer(text, 0, position):
        start = match.end()
    # An Oxford comma ("the US, the UK, France, and Germany back …") closes a list, not a clause.
    before = _AND_BEFORE.search(text, 0, start)
    if before is not None:
        earlier = find_clause_start(text, before.start())
        if _starts_a_list(text[earlier : before.start()]):
            return earlier
    return start


def find_clause_end(text: str, position: int) -> int:
    match = CLAUSE_BREAK.search(text, position)
    if match is None:
        return len(text)
    if _AND_AFTER.match(text, match.start()) and _ends_a_list(text[position : match.start()]):
        return find_clause_end(text, match.end())
    return match.start()
