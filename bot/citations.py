"""Numbering citations: each stored sentence cited once per reply, in order of first use."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from bot.reply import Citation


class Citable(Protocol):
    """Anything that knows its stored sentence and article (evidence rows, search hits)."""

    @property
    def sentence_id(self) -> int: ...
    @property
    def quote(self) -> str: ...
    @property
    def article_id(self) -> int: ...
    @property
    def source(self) -> str: ...
    @property
    def outlet(self) -> str | None: ...
    @property
    def title(self) -> str | None: ...
    @property
    def published(self) -> str | None: ...
    @property
    def url(self) -> str | None: ...


class CitationBook:
    """Hands out citation numbers; the same sentence always gets the same number."""

    def __init__(self) -> None:
        self._numbers: dict[int, int] = {}
        self._citations: list[Citation] = []

    def cite(self, item: Citable) -> int:
        """The number for this item's sentence, adding it on first use."""
        number = self._numbers.get(item.sentence_id)
        if number is None:
            number = len(self._citations) + 1
            self._numbers[item.sentence_id] = number
            self._citations.append(
                Citation(
                    n=number,
                    article_id=item.article_id,
                    sentence_id=item.sentence_id,
                    source=item.source,
                    outlet=item.outlet,
                    title=item.title,
                    published=item.published,
                    url=item.url,
                    quote=item.quote,
                )
            )
        return number

    def cite_all(self, items: Sequence[Citable]) -> tuple[int, ...]:
        """Numbers for several items, without repeats, in order."""
        return tuple(dict.fromkeys(self.cite(item) for item in items))

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The citations handed out so far, numbered from 1."""
        return tuple(self._citations)
