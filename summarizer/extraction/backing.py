"""Readings a sentence adds beyond its cues, and how its readings settle: the one passed
over ("rather than"), a government putting someone forward, a past stance ended by a later
one in the same sentence, and a guessed candidate who is the holder's own leader."""

from __future__ import annotations

import re
from dataclasses import replace

from records.claims import ExtractedClaim
from summarizer.extraction.claim_dates import claim_date
from summarizer.extraction.clauses import find_clause_end, find_clause_start
from summarizer.extraction.holders import HolderReading
from summarizer.extraction.memory import CueHit
from summarizer.extraction.modality import PAST_RELATIVE, read_modality
from summarizer.extraction.persons import PersonReading
from summarizer.text.gate import GatedPattern

_NOMINATES = re.compile(
    r"\b(?:(?:formally\s+|officially\s+)?(?:nominat(?:e|es|ed|ing)|put(?:s|ting)?\s+forward|"
    r"propos(?:e|es|ed|ing))|(?:intention|plan|decision)\s+to\s+nominate)\b(?!\s+(?:by|for\s+the|that)\b)",
    re.IGNORECASE,
)
# Searched in every sentence; most lack all its words.
_NOMINATES_GATED = GatedPattern(_NOMINATES)
_NO_PLAN = re.compile(
    r"\b(?:no|not|never|n't)\s+(?:\w+\s+){0,3}$|\bno\s+(?:plans?|intention)\s+to\s+$", re.IGNORECASE
)
_CONTRAST = re.compile(
    r"\b(?:rather\s+than|instead\s+of|in\s+preference\s+to|and\s+not)\s+(?:to\s+|for\s+)?",
    re.IGNORECASE,
)


class BackingReading(PersonReading, HolderReading):
    """The settling side of a sentence reader."""

    _past: set[int]  # readings under "which had …": ended if superseded
    _reversals: set[int]  # readings that end an objection

    def base_at(self, start: int) -> ExtractedClaim:
        """A stance claim of this sentence dated as the text around `start` says."""
        when = claim_date(self.text, start, self.on)
        return ExtractedClaim(
            sentence_idx=self.idx,
            kind="stance",
            event_date=when.day,
            date_from_text=when.from_text,
            date_how=when.how,
            date_precision=when.precision,
            reported=self.reported,
            hedged=self.hedged,
        )

    def _passed_over(
        self, base: ExtractedClaim, holders: list[tuple[str, str]], hit: CueHit, end: int
    ) -> list[ExtractedClaim]:
        # "Hungary's vote would go to Iohannis rather than to the Dutch prime minister": the
        # one passed over is opposed.
        contrast = _CONTRAST.search(self.masked, hit.end, end)
        if contrast is None:
            return []
        persons = self.persons(contrast.end(), min(end, contrast.end() + 60), speakers=False)
        if not persons or persons[0].entity.name == base.candidate:
            return []
        other = persons[0].entity.name
        opposed = replace(base, candidate=other, stance="opposes")
        return [replace(opposed, holder=h, holder_text=t) for h, t in holders]

    def _not_the_holders_own(self, candidate: str, holders: set[str], hit: CueHit) -> str:
        # A candidate guessed from the sentence is not the holder's own leader when someone
        # else is named ("Erdoğan called Rutte a friend but said Ankara had not decided").
        entity = self.entity_named(candidate)
        if entity is None or entity.speaks_for(self.on) not in holders:
            return candidate
        others = [
            m
            for m in self.persons(0, len(self.text), speakers=False)
            if m.entity.speaks_for(self.on) not in holders
        ]
        if others:
            return min(others, key=lambda m: abs(m.start - hit.start)).entity.name
        return candidate

    def _nominations(self, claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
        # "Italy's government put forward Matteo Lanzoni": a member government putting a
        # person forward backs that person (also when no candidacy event was read).
        found = []
        for match in _NOMINATES_GATED.finditer(self.masked):
            if _NO_PLAN.search(self.masked, 0, match.start()):
                continue  # "has no plans to put him forward"
            if PAST_RELATIVE.search(self.masked, 0, match.start()):
                continue  # "Poland, which had nominated him, now backs the Dane"
            clause_start = find_clause_start(self.masked, match.start())
            clause_end = find_clause_end(self.masked, match.end())
            candidate = self.candidate_in(match.end(), clause_end, "first", True)
            holders, _ = self.resolve_holders(clause_start, match.start(), candidate)
            holders = [h for h in holders if h[0] in self.member_names]
            if not candidate or not holders:
                continue
            reading = read_modality(
                self.masked, clause_start, match.start(), match.end(), "supports"
            )
            base = replace(
                self.base_at(match.start()),
                candidate=candidate,
                stance="supports",
                modality=reading.modality,
            )
            found += [replace(base, holder=h, holder_text=t) for h, t in holders]
        known = {(c.holder, c.candidate) for c in claims if c.kind == "stance" and c.counts}
        return [c for c in found if (c.holder, c.candidate) not in known]

    def _settled(self, claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
        # "Turkey, which had threatened to veto the Dane, gave its consent": a past stance
        # followed in the same sentence by another reading of the same holder has ended.
        settled = []
        for claim in claims:
            if id(claim) in self._past and any(
                other is not claim
                and id(other) not in self._past
                and other.kind == "stance"
                and other.holder == claim.holder
                and (other.stance, other.candidate) != (claim.stance, claim.candidate)
                for other in claims
            ):
                claim = replace(claim, aspect="ended")
            elif claim.stance == "opposes" and any(
                id(other) in self._reversals
                and other.holder == claim.holder
                and other.candidate == claim.candidate
                and other.counts
                for other in claims
            ):
                # "Hungary, the last member opposed to him, then dropped its objections"
                claim = replace(claim, aspect="ended")
            settled.append(claim)
        return settled


def nomination_backing(
    claims: list[ExtractedClaim], members: frozenset[str]
) -> list[ExtractedClaim]:
    """Backing by every member government that nominated someone in these claims."""
    # A member government that nominates a candidate backs that candidate (a nomination by
    # EU leaders for an EU post is no backing in this race).
    return [
        replace(claim, kind="stance", stance="supports", event=None)
        for claim in claims
        if claim.kind == "candidacy"
        and claim.event == "nominated"
        and claim.holder in members
        and claim.candidate
        and claim.counts
    ]
