"""How far a stance reaches beyond its cue: followers ("and Spain followed a day later"),
every candidate of "undecided between X and Y", the subject of an opening participle clause,
and the limits: a state or a policy backed is no candidate, only allies object, a government
does not oppose its own leader."""

from __future__ import annotations

import re
from dataclasses import replace

from records.claims import ExtractedClaim
from summarizer.extraction.backing import BackingReading
from summarizer.extraction.clauses import find_clause_end, find_clause_start
from summarizer.extraction.memory import CueHit

_OPENING_PHRASE = re.compile(
    r"^\s*(?:unable|unwilling|reluctant|ready|eager|keen|determined|having\s+\w+|\w+ing)\b"
    r"[^,;:]*,",
    re.IGNORECASE,
)
_FOLLOWED = re.compile(
    r"\b(?:followed(?:\s+suit)?|did\s+(?:the\s+)?same|joined\s+(?:in|them|it)|came\s+next)\b"
    r"(?!\s+(?:by|the|his|her|its|their)\b)",
    re.IGNORECASE,
)
# "yet to choose between X and Y", "still weighing whether to back X or Y"
_BETWEEN = re.compile(
    r"\s+(?:between|whether\s+to\s+(?:back|support|endorse|go\s+with))\b", re.IGNORECASE
)
_STATE_OBJECT_GAP = re.compile(
    r"\s+(?:(?:for|of|to|behind|the|more|further|its|their|fresh|new)\s+)*", re.IGNORECASE
)


class StanceReach(BackingReading):
    """The parts of a sentence reader that carry a stance past its own cue."""

    def _subject_after_opening(self, hit: CueHit, candidate: str | None) -> list[tuple[str, str]]:
        opening = _OPENING_PHRASE.match(self.masked)
        if opening is None or hit.start >= opening.end():
            return []
        after = opening.end()
        return self.nearest_holders(after, find_clause_end(self.masked, after), candidate, True)

    def _also_between(self, hit: CueHit, candidate: str, clause_end: int) -> list[str]:
        # "has yet to choose between Lykkegaard and Wierzbicki": undecided on each of them.
        if hit.cue.stance != "undecided" or not _BETWEEN.match(self.masked, hit.end):
            return []
        named = [m.entity.name for m in self.persons(hit.end, clause_end, speakers=False)]
        return [name for name in dict.fromkeys(named) if name != candidate]

    def _may_object(self, holder: str) -> bool:
        # Only allies can hold out or object in the race: "the alliance faces a challenge from
        # Russia" is no Russian stance on its next chief.
        entity = self.entity_named(holder)
        if entity is None or entity.kind != "country" or not self.member_names:
            return True
        return holder in self.member_names

    def _speaks_for_a_holder(self, candidate: str, holders: list[tuple[str, str]]) -> bool:
        entity = self.entity_named(candidate)
        return entity is not None and entity.speaks_for(self.on) in {h for h, _ in holders}

    def _backs_a_state(self, hit: CueHit) -> bool:
        # "pledged fresh air-defence support for Ukraine": what is backed is a country or a
        # body named right after the cue, not a candidate further on.
        after = next((m for m in self.mentions if m.start >= hit.end), None)
        if after is None or after.entity.kind == "person":
            return False
        if after.end < len(self.masked) and self.masked[after.end : after.end + 2] in ("'s", "’s"):
            return False  # "backs Germany's candidate"
        return bool(_STATE_OBJECT_GAP.fullmatch(self.masked, hit.end, after.start))

    def _followers(self, claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
        # "Germany endorsed Carvalho on Monday and Spain followed a day later": the follower
        # takes the same stance, on the day its own words give.
        stated = [c for c in claims if c.kind == "stance" and c.holder and c.counts]
        if not stated:
            return []
        copied = []
        taken = {c.holder for c in claims}
        for match in _FOLLOWED.finditer(self.masked):
            holders = self.nearest_holders(
                find_clause_start(self.masked, match.start()), match.start(), None
            )
            for holder, text in holders:
                if holder in taken or holder == stated[-1].candidate:
                    continue
                dated = self.base_at(match.end())
                copied.append(
                    replace(
                        stated[-1],
                        holder=holder,
                        holder_text=text,
                        event_date=dated.event_date,
                        date_from_text=dated.date_from_text,
                        date_how=dated.date_how,
                        date_precision=dated.date_precision,
                    )
                )
                taken.add(holder)
        return copied
