"""Candidacy events read from a sentence: who enters, weighs, rules out, withdraws from, is
nominated for or appointed to the post, and when."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from records.claims import ExtractedClaim
from summarizer.extraction.clauses import find_clause_end, find_clause_start

if TYPE_CHECKING:
    from summarizer.extraction.reader import CueHit, SentenceReader


def candidacy_claims(
    reader: SentenceReader, hit: CueHit, previous: CueHit | None
) -> list[ExtractedClaim]:
    """The candidacy events a cue of `event_cues` reads in the reader's sentence."""
    event = hit.cue.event
    if not reader.race and event in ("considers", "appointed", "nominated"):
        return []
    if previous is not None and previous.cue.stance == "opposes" and hit.start - previous.end <= 6:
        return []  # "did not allow the nomination of X" is a block, already a stance.
    clause_start = find_clause_start(reader.masked, hit.start)
    clause_end = find_clause_end(reader.masked, hit.end)
    base = replace(reader.base(hit), kind="candidacy", event=event)
    if hit.cue.name == "contender":
        names = [m.entity.name for m in reader.persons(0, len(reader.text))]
        return [replace(base, candidate=name) for name in dict.fromkeys(names)]
    if hit.cue.voice == "active":
        candidate = reader.candidate_in(hit.end, len(reader.text), "first")
        holders, _ = reader.resolve_holders(clause_start, hit.start, candidate)
        holder = holders[0] if holders else (None, None)
        if candidate is None:
            return []
        return [replace(base, candidate=candidate, holder=holder[0], holder_text=holder[1])]
    candidate = reader.candidate_in(clause_start, hit.start, "last")
    if candidate is None:
        candidate = reader.candidate_in(hit.end, clause_end, "first") or reader.memory.focus
    return [replace(base, candidate=candidate)] if candidate else []
