"""Facts about the alliance itself (summarizer/data/alliance.toml): which countries were
members on a day, and which members a regional group name ("the Baltic states") covers.

Only membership and groups live here; no stance and no candidacy.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from types import MappingProxyType
from typing import Any

from summarizer.entities.data import bundled_text


@dataclass(frozen=True)
class Alliance:
    """Members with their accession dates, and named groups of members."""

    joined: MappingProxyType[str, date]
    groups: MappingProxyType[str, tuple[str, ...]]

    def members_on(self, on: date | None) -> frozenset[str]:
        """The members on a day (all members known when the day is unknown)."""
        days, members = self._after_each_accession
        if on is None:
            return members[-1]
        return members[bisect_right(days, on)]

    @cached_property
    def _after_each_accession(self) -> tuple[list[date], list[frozenset[str]]]:
        # Asked for every sentence read: the members change only on accession days, so the
        # set after each is made once (members[i]: after the first i accession days).
        days = sorted(set(self.joined.values()))
        members: list[frozenset[str]] = [frozenset()] + [
            frozenset(name for name, joined in self.joined.items() if joined <= day) for day in days
        ]
        return days, members

    def group_pattern(self) -> re.Pattern[str]:
        """A pattern for any group name, longest first, with an optional count ("the three")."""
        names = sorted(self.groups, key=len, reverse=True)
        alternatives = "|".join(re.escape(name) for name in names)
        return re.compile(
            r"\b(?:the\s+)?(?:(?:two|three|four|five)\s+)?(?P<group>" + alternatives + r")\b",
            re.IGNORECASE,
        )

    def group_members(self, phrase: str) -> tuple[str, ...]:
        """The members a group name covers ("Baltic states" → Estonia, Latvia, Lithuania)."""
        for name, members in self.groups.items():
            if name.lower() == phrase.lower():
                return members
        return ()


def parse_alliance(text: str) -> Alliance:
    """The alliance facts of a TOML text; unknown sections or bad values raise ValueError."""
    import tomllib  # only where alliance facts are read: most commands never need them

    raw: dict[str, Any] = tomllib.loads(text)
    unknown = set(raw) - {"members", "groups"}
    if unknown:
        raise ValueError(f"unknown sections in alliance data: {sorted(unknown)}")
    joined: dict[str, date] = {}
    for name, day in raw.get("members", {}).items():
        if not isinstance(day, date):
            raise ValueError(f"accession of {name} is not a date")
        joined[name] = day
    groups: dict[str, tuple[str, ...]] = {}
    for name, members in raw.get("groups", {}).items():
        if not isinstance(members, list) or not all(m in joined for m in members):
            raise ValueError(f"group {name} must list members")
        groups[name] = tuple(members)
    return Alliance(MappingProxyType(joined), MappingProxyType(groups))


@lru_cache(maxsize=1)
def bundled_alliance() -> Alliance:
    """The alliance facts shipped with the package (read once per process)."""
    return parse_alliance(bundled_text("alliance.toml"))


@lru_cache(maxsize=1)
def _group_pattern() -> re.Pattern[str]:
    return bundled_alliance().group_pattern()


def group_pattern() -> re.Pattern[str]:
    """The bundled alliance's group-name pattern (compiled once)."""
    return _group_pattern()
