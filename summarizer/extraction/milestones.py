"""Dated milestones of the race a sentence mentions: the end of a term, a summit."""

from __future__ import annotations

import re

from records.claims import ExtractedClaim
from summarizer.extraction.claim_dates import claim_date
from summarizer.extraction.memory import ReaderState
from summarizer.text.gate import GatedPattern

_TERM_END = re.compile(
    r"\b(?:(?:conclude|end|finish|complete)[sd]?\s+(?:his|her)\s+(?:term|tenure|mandate)|"
    r"(?:term|tenure|mandate)\s+(?:ends|expires|runs\s+out|is\s+set\s+to\s+end)|step(?:s|ping)?\s+down)\b",
    re.IGNORECASE,
)
_SUMMIT = re.compile(r"\b(?:(?:NATO|anniversary|alliance)\s+)?summit\b", re.IGNORECASE)
# Searched in every sentence; most lack all their words.
_TERM_END_GATED, _SUMMIT_GATED = GatedPattern(_TERM_END), GatedPattern(_SUMMIT)
_SUMMIT_PLACE = re.compile(r"\bsummit\s+in\s+([A-Z][a-z]+)|\b([A-Z][a-z]+)\s+summit\b")


class MilestoneReading(ReaderState):
    """The milestone side of a sentence reader."""

    def _milestones(self) -> list[ExtractedClaim]:
        claims = []
        for pattern, describe in ((_TERM_END_GATED, self._term_end), (_SUMMIT_GATED, self._summit)):
            match = pattern.search(self.text)
            if not match:
                continue
            when = claim_date(self.text, match.start(), self.on)
            day, from_text = when.day, when.from_text
            description = describe(match.start())
            if description and from_text and day:
                claims.append(
                    ExtractedClaim(
                        sentence_idx=self.idx,
                        kind="event",
                        event_date=day,
                        date_from_text=True,
                        date_how=when.how,
                        date_precision=when.precision,
                        description=description,
                        hedged=self.hedged,
                        reported=self.reported,
                    )
                )
        return claims

    def _term_end(self, at: int) -> str | None:
        # The person named nearest before "steps down" is the one leaving ("backing positions
        # Rutte to succeed Jens Stoltenberg, who is set to step down"); else the first after.
        persons = [m for m in self.mentions if m.entity.kind == "person"]
        before = [m for m in persons if m.end <= at]
        chosen = before[-1] if before else (persons[0] if persons else None)
        return f"{chosen.entity.name}'s term ends" if chosen else None

    def _summit(self, at: int) -> str:
        place = _SUMMIT_PLACE.search(self.text)
        where = next((g for g in place.groups() if g), None) if place else None
        return f"NATO summit in {where}" if where else "NATO summit"
