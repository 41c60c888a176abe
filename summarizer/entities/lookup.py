"""Resolving the name a user typed to a candidate, or to helpful suggestions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from summarizer.entities.resolver import EntityResolver

MAX_NAME_CHARS = 200
Problem = Literal["empty", "unknown", "not_a_person"]


@dataclass(frozen=True)
class CandidateLookup:
    """The canonical name found, or why not and what the user may have meant."""

    name: str | None
    suggestions: tuple[str, ...] = ()
    problem: Problem | None = None
    matched: str | None = None  # what the query resolved to when it is not a person


def lookup_candidate(
    query: str, known_candidates: Sequence[str], resolver: EntityResolver
) -> CandidateLookup:
    """Resolve a typed name through the entity aliases, then the candidates seen in articles."""
    text = " ".join(query.split())[:MAX_NAME_CHARS]
    if not any(ch.isalnum() for ch in text):
        return CandidateLookup(None, problem="empty")
    match = resolver.resolve_name(text)
    if match.entity is not None:
        if match.entity.kind == "person":
            return CandidateLookup(match.entity.name)
        return CandidateLookup(
            None, tuple(known_candidates[:5]), problem="not_a_person", matched=match.entity.name
        )
    # Names the data file does not know, but articles named as candidates.
    from rapidfuzz import fuzz, process  # only for a name the data file does not know

    if known_candidates:
        best = process.extractOne(text, list(known_candidates), scorer=fuzz.WRatio)
        if best is not None and best[1] >= 88:
            return CandidateLookup(str(best[0]))
    ranked = process.extract(text, list(known_candidates), scorer=fuzz.WRatio, limit=5)
    suggestions = [str(item[0]) for item in ranked if item[1] >= 60]
    for name in match.suggestions:
        if name not in suggestions:
            suggestions.append(name)
    return CandidateLookup(None, tuple(suggestions[:5]), problem="unknown")
