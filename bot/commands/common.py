"""Pieces several commands share: reading dates and names, and saying how current we are."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from bot.archive import Session
from bot.dispatch import UserError
from storage.articles import latest_published
from storage.db import Database
from summarizer.entities.lookup import lookup_candidate
from summarizer.entities.resolver import EntityResolver
from summarizer.text.wording import human_day

__all__ = ["currency_note", "human_day", "joined", "optional_day", "parse_day", "resolve_candidate"]

_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d %Y", "%d %b %Y", "%b %d %Y", "%Y/%m/%d")


def parse_day(text: str) -> date:
    """A day typed by a user (`2024-03-01`, `1 March 2024`, `March 1, 2024`)."""
    cleaned = re.sub(r"[,\s]+", " ", text).strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    raise UserError(
        f"I couldn't read `{text[:40]}` as a date.", hint="Use a day such as 2024-03-01."
    )


def optional_day(values: Mapping[str, Any], name: str = "as_of") -> date | None:
    """The `--as-of` value as a day, if given."""
    value = values.get(name)
    return parse_day(str(value)) if value else None


def joined(values: Mapping[str, Any], name: str) -> str:
    """A variadic argument's words joined back into one string."""
    value = values.get(name)
    if isinstance(value, list):
        return " ".join(str(part) for part in value)
    return str(value or "")


def currency_note(db: Database, as_of: date | None = None) -> str:
    """How current an answer is: `As of the latest article, 6 March 2024.`"""
    if as_of is not None:
        return f"As of {human_day(as_of.isoformat())}, from the articles dated up to then."
    latest = latest_published(db)
    if latest is None:
        return "No dated articles yet."
    return f"As of the latest article, {human_day(latest)}."


def resolve_candidate(session: Session, query: str, usage: str) -> str:
    """The canonical candidate name for a typed name, or a UserError with suggestions."""
    if not query.strip():
        raise UserError("Which candidate? Give me a name.", hint=f"Usage: `{usage}`")
    lookup = lookup_candidate(query, session.candidate_names(), EntityResolver.default())
    if lookup.name is not None:
        return lookup.name
    shown = query.strip()[:60]
    names = ", ".join(lookup.suggestions)
    if lookup.problem == "empty":
        raise UserError("Which candidate? Give me a name.", hint=f"Usage: `{usage}`")
    if lookup.problem == "not_a_person":
        raise UserError(
            f"{lookup.matched} is a country or organisation, not a candidate.",
            hint=f"Candidates I know of: {names}." if names else None,
        )
    raise UserError(
        f"I don't know a candidate called “{shown}”.",
        hint=f"Did you mean {names}?" if names else "Try `candidates` to see who is in the race.",
    )
