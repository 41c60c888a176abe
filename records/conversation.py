"""What a turn of a conversation was about, kept so the next question can refer back."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TurnFocus:
    """What one turn was about: its intent and the names in focus, most salient first."""

    intent: str  # "stance" | "passages"
    stance_filter: str | None = None  # "supports" | "opposes" | "any" for stance turns
    candidate: str | None = None
    holder: str | None = None
    entities: tuple[str, ...] = ()  # canonical names, most salient first
