"""A cheap test of whether a case-insensitive pattern can match a text at all.

Reading a sentence runs about eighty cue patterns over it, and most sentences of real
reporting match none of them: cue matching was the largest single cost of an ingest. Each
pattern's parse tree says which literal pieces of text every match must contain ("backing",
"support", "veto", ...): when none of them is in the sentence, the pattern cannot match and is
not run. The pieces are worked out from the pattern itself, so a new cue needs no word list
and the gate can only skip patterns that would have found nothing.

Case: the patterns are compiled with IGNORECASE and the sentence is compared lowercased. Four
characters outside ASCII match ASCII letters under IGNORECASE ("İ", "ı", "ſ" and the Kelvin
sign); a sentence with any of them is not gated.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property, lru_cache
from typing import Any

# The standard library's own parser of patterns (the module that compiles every `re` pattern).
_parser: Any = importlib.import_module("re._parser")
_constants: Any = importlib.import_module("re._constants")

# Characters that IGNORECASE matches against an ASCII letter although lowercasing does not
# turn them into it.
_CASE_ODD = frozenset("\u0130\u0131\u017f\u212a")
# A piece shorter than this says little (most sentences contain "is" or "to")...
_MIN_PIECE = 3
# ...unless it is a mark prose seldom uses ("/" of a photo credit, "©", "[", "|").
_PROSE_MARKS = frozenset(".,;:!?'\"()-–—’‘“”…%&$€£")

Pieces = frozenset[str]


def _usable(char: str) -> bool:
    """Whether a literal character can be compared lowercased (ASCII, or not a letter)."""
    return char.isascii() or not char.isalpha()


def _rare_mark(char: str) -> bool:
    """Whether a character is a mark prose seldom uses: a piece even on its own."""
    return not char.isalnum() and not char.isspace() and char not in _PROSE_MARKS


def _best(options: Iterable[Pieces | None]) -> Pieces | None:
    """Of several sets every match must hit one of, the most selective (longest shortest
    piece, then longest pieces on average, then fewest); None when there is none."""
    usable = [option for option in options if option]
    if not usable:
        return None
    return max(
        usable,
        key=lambda option: (
            min(map(len, option)),
            sum(map(len, option)) / len(option),
            -len(option),
        ),
    )


def _sequence(items: Sequence[tuple[Any, Any]]) -> Pieces | None:
    """The pieces a match of consecutive items must contain: a run of literal characters, or
    what one of the items must contain."""
    options: list[Pieces | None] = []
    run: list[str] = []

    def close_run() -> None:
        if len(run) >= _MIN_PIECE or (run and all(_rare_mark(char) for char in run)):
            options.append(frozenset({"".join(run).lower()}))
        run.clear()

    for op, argument in items:
        if op is _constants.LITERAL and _usable(chr(argument)):
            run.append(chr(argument))
            continue
        close_run()
        options.append(_item(op, argument))
    close_run()
    return _best(options)


def _item(op: Any, argument: Any) -> Pieces | None:
    """The pieces a match of one parsed item must contain (None: nothing certain)."""
    if op is _constants.SUBPATTERN:
        return _sequence(argument[-1])
    if op is _constants.BRANCH:
        branches = [_sequence(branch) for branch in argument[1]]
        if any(not branch for branch in branches):
            return None  # one way through needs nothing in particular
        return frozenset().union(*(branch for branch in branches if branch))
    if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT):
        least, _, body = argument
        return _sequence(body) if least >= 1 else None
    if op is _constants.ATOMIC_GROUP:
        return _sequence(argument)
    return None  # classes, anchors, look-arounds, back-references: nothing certain


def required_pieces(pattern: re.Pattern[str]) -> Pieces | None:
    """Lowercase pieces of text of which every match of a case-insensitive `pattern` contains
    at least one; None when no such set could be found (the pattern is then always run)."""
    if not pattern.flags & re.IGNORECASE:
        return None  # the gate compares lowercased text
    return _sequence(list(_parser.parse(pattern.pattern, pattern.flags)))


@lru_cache(maxsize=64)
def comparable(text: str) -> str | None:
    """The text as the gates compare it (lowercased), None when IGNORECASE may match in it
    what lowercasing does not show. Kept for the last few texts: each sentence passes
    through many gates in turn."""
    return text.lower() if _CASE_ODD.isdisjoint(text) else None


def _trigrams(text: str) -> set[str]:
    return {text[i : i + 3] for i in range(len(text) - 2)}


class PatternGate:
    """Which of a fixed list of case-insensitive patterns may match a text."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self.pieces: tuple[Pieces | None, ...] = tuple(required_pieces(p) for p in patterns)
        self._always = tuple(i for i, pieces in enumerate(self.pieces) if pieces is None)
        # Each distinct piece once, with the patterns it lets through: a sentence is searched
        # for every piece once, not once per pattern that needs it.
        users: dict[str, list[int]] = {}
        for position, pieces in enumerate(self.pieces):
            for piece in pieces or ():
                users.setdefault(piece, []).append(position)
        self._users = {piece: tuple(positions) for piece, positions in users.items()}
        # The pieces by their first three letters: only those whose first three letters the
        # text has can be in it. The few shorter ones (rare marks) are looked for directly.
        self._by_start: dict[str, list[str]] = {}
        for piece in self._users:
            if len(piece) >= _MIN_PIECE:
                self._by_start.setdefault(piece[:_MIN_PIECE], []).append(piece)
        self._short = tuple(piece for piece in self._users if len(piece) < _MIN_PIECE)

    def possible(self, text: str) -> list[int]:
        """The positions of the patterns that may match `text` (every one that is not ruled
        out by a missing piece), in order."""
        lowered = comparable(text)
        if lowered is None:
            return list(range(len(self.pieces)))
        chosen = set(self._always)
        for start in _trigrams(lowered) & self._by_start.keys():
            for piece in self._by_start[start]:
                if piece in lowered:
                    chosen.update(self._users[piece])
        for piece in self._short:
            if piece in lowered:
                chosen.update(self._users[piece])
        return sorted(chosen)


def top_level_branches(pattern: re.Pattern[str]) -> list[str] | None:
    """The source of each branch of a pattern's top-level alternation ("a|b(c|d)|e": "a",
    "b(c|d)", "e"); None when there is none, or when a branch cannot stand alone (a global
    inline flag, a back-reference, verbose mode)."""
    source = pattern.pattern
    if pattern.flags & re.VERBOSE or re.search(r"\\[1-9]|\(\?P=|^\(\?[aiLmsux]+\)", source):
        return None
    parts: list[str] = []
    depth, start, position, in_class = 0, 0, 0, False
    while position < len(source):
        char = source[position]
        if char == "\\":
            position += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            after = position + 1 + (source[position + 1 : position + 2] == "^")
            if source[after : after + 1] == "]":
                position = after  # "[]…]": the first "]" is a literal
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            parts.append(source[start:position])
            start = position + 1
        position += 1
    parts.append(source[start:])
    return parts if len(parts) > 1 else None


class GatedPattern:
    """A case-insensitive pattern searched only in texts that contain one of its pieces
    (for the long alternations run over every sentence of every article)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.pieces = required_pieces(pattern)

    @cached_property
    def _branches(self) -> tuple[GatedPattern, ...]:
        # Each branch of a top-level alternation on its own, with its own pieces: a text with
        # a piece of one branch ("only") is searched by that branch, not by all of them.
        # Worked out at the first `found`, not at import (a new process imports many).
        branches = top_level_branches(self.pattern)
        return tuple(
            GatedPattern(re.compile(branch, self.pattern.flags)) for branch in branches or ()
        )

    def found(self, text: str) -> bool:
        """Whether the pattern matches anywhere in `text` (`search`, for a yes or no: a match
        of the whole is a match of one of its branches, so each branch may be searched
        alone)."""
        if not self.may_match(text):
            return False
        if self._branches:
            return any(branch.found(text) for branch in self._branches)
        return self.pattern.search(text) is not None

    def may_match(self, text: str) -> bool:
        """False only when the pattern cannot match `text` (it lacks every required piece)."""
        if self.pieces is None:
            return True
        lowered = comparable(text)
        if lowered is None:
            return True
        # A loop, not any() over a generator: asked of every sentence by every gated
        # pattern, the generator's own cost was most of the answer's.
        for piece in self.pieces:  # noqa: SIM110 - see above
            if piece in lowered:
                return True
        return False

    def search(self, text: str) -> re.Match[str] | None:
        """`pattern.search(text)`, skipped when the text lacks every required piece."""
        return self.pattern.search(text) if self.may_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """`pattern.finditer(text)`, none when the text lacks every required piece."""
        return self.pattern.finditer(text) if self.may_match(text) else iter(())
