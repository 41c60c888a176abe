"""Labelled sentences: the JSONL schema of the shared evaluation sets, read into values.

One line per labelled sentence: `id`, `article_date`, `headline`, `text`, `claims`
(`holder`, `stance`, `candidate`, `as_of`), `events` (`kind`, `person`, `date`, `by`),
`must_not` (`holder`, `stance`, `candidate`), `must_not_events` (`kind`, `person`), `tags`,
and optionally `split`. Unknown keys are ignored, so the schema can grow.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

# One line in this many falls in the "test" split when the line does not name its split.
TEST_SHARE = 5


class LabelError(ValueError):
    """A labelled file that does not follow the schema; the message names the line."""


@dataclass(frozen=True)
class LabeledClaim:
    """A stance in the label vocabulary: `holder` `stance` `candidate`, dated `as_of`."""

    holder: str
    stance: str
    candidate: str
    as_of: str | None = None
    holdout: bool = False


@dataclass(frozen=True)
class LabeledEvent:
    """A candidacy event in the label vocabulary: `person` `kind` on `date`."""

    kind: str
    person: str
    date: str | None = None
    by: str | None = None


@dataclass(frozen=True)
class LabeledLine:
    """One labelled sentence (headline and text) with its gold claims and events."""

    id: str
    article_date: date
    headline: str
    text: str
    claims: tuple[LabeledClaim, ...]
    events: tuple[LabeledEvent, ...]
    must_not: tuple[LabeledClaim, ...]
    must_not_events: tuple[LabeledEvent, ...]
    tags: tuple[str, ...]
    split: str | None = None


def _claim(item: dict[str, Any]) -> LabeledClaim:
    return LabeledClaim(
        holder=str(item["holder"]),
        stance=str(item["stance"]),
        candidate=str(item["candidate"]),
        as_of=item.get("as_of"),
        holdout=bool(item.get("holdout", False)),
    )


def _event(item: dict[str, Any]) -> LabeledEvent:
    return LabeledEvent(
        kind=str(item["kind"]),
        person=str(item["person"]),
        date=item.get("date"),
        by=item.get("by"),
    )


def parse_line(raw: dict[str, Any]) -> LabeledLine:
    """One decoded JSON object as a labelled line (KeyError/ValueError when malformed)."""
    return LabeledLine(
        id=str(raw["id"]),
        article_date=date.fromisoformat(raw["article_date"]),
        headline=str(raw.get("headline") or ""),
        text=str(raw["text"]),
        claims=tuple(_claim(c) for c in raw.get("claims", [])),
        events=tuple(_event(e) for e in raw.get("events", [])),
        must_not=tuple(_claim(c) for c in raw.get("must_not", [])),
        must_not_events=tuple(_event(e) for e in raw.get("must_not_events", [])),
        tags=tuple(str(t) for t in raw.get("tags", [])),
        split=raw.get("split"),
    )


def read_lines(path: Path) -> list[LabeledLine]:
    """Every labelled line of a JSONL file; blank lines are skipped."""
    lines = []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not text.strip():
            continue
        try:
            lines.append(parse_line(json.loads(text)))
        except (KeyError, TypeError, ValueError) as error:
            raise LabelError(f"{path.name}, line {number}: {error!r}") from error
    return lines


def split_of(line: LabeledLine) -> str:
    """The line's own `split`, else a stable one: "test" for one id in TEST_SHARE, else "dev"."""
    if line.split:
        return line.split
    return "test" if zlib.crc32(line.id.encode()) % TEST_SHARE == 0 else "dev"


def read_ids(path: Path) -> list[str]:
    """Line ids from a file: a JSON list, or one id per line (`#` starts a comment)."""
    text = path.read_text(encoding="utf-8")
    if text.lstrip().startswith("["):
        return [str(item) for item in json.loads(text)]
    ids = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [item for item in ids if item]


def select(
    lines: Sequence[LabeledLine], ids: Iterable[str] | None = None, split: str | None = None
) -> list[LabeledLine]:
    """The lines named by `ids` and in `split` (either filter may be None), in file order."""
    wanted = set(ids) if ids is not None else None
    return [
        line
        for line in lines
        if (wanted is None or line.id in wanted) and (split is None or split_of(line) == split)
    ]
