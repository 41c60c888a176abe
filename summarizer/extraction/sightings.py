"""What a sentence says of who a person is, for the archive's who-is-who
(summarizer/entities/learned.py): a full name the entity data lacks, with the nationality or
office written beside it ("Danish Prime Minister Henrik Lykkegaard", "Poland's Tomasz
Wierzbicki", "Lucía Ferrer, Spain's defence minister,"), and the people the readings treat as
contenders."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from records.claims import ExtractedClaim
from records.people import CANDIDACY_EVENT, STANCE_TOWARD, Sighting
from summarizer.entities.resolver import Mention
from summarizer.extraction.names import unknown_names

# Between a descriptor and the name it describes: "Danish Prime Minister Henrik", "Poland's
# Tomasz", "the Spanish minister, Lucía".
_BEFORE_GAP = re.compile(r"(?:['’]s)?\s*,?\s*")
_AFTER_GAP = re.compile(r"\s*,\s*(?:the\s+|a\s+)?")
# Readings that make their candidate a contender of the race.
_CONTENDING = frozenset({"declares", "considers", "nominated", "withdraws", "appointed", "denies"})


def described_names(
    text: str, mentions: Sequence[Mention], on: date | None, learned: frozenset[str]
) -> list[Sighting]:
    """Full names unknown to the entity data (or `learned` from the archive, not from it),
    with the country or office beside them."""
    known = [(m.start, m.end) for m in mentions]
    found = [_learned_sighting(m, on) for m in mentions if m.entity.name in learned]
    for start, end, name in unknown_names(text, 0, len(text), known):
        before = next((m for m in reversed(mentions) if m.end <= start), None)
        after = next((m for m in mentions if m.start >= end), None)
        described = None
        if before is not None and _BEFORE_GAP.fullmatch(text, before.end, start):
            described = before
        elif after is not None and _AFTER_GAP.fullmatch(text, end, after.start):
            described = after
        country, role = _country_and_role(described)
        found.append(Sighting(name, on, country, role))
    return found


def _learned_sighting(mention: Mention, on: date | None) -> Sighting:
    # A person the archive taught, named again: "Danish Prime Minister Henrik Lykkegaard" is
    # one mention that keeps its descriptor's country and role.
    country = mention.scope if mention.scope and mention.how != "descriptor" else None
    return Sighting(mention.entity.name, on, country, mention.role if country else None)


def _country_and_role(mention: Mention | None) -> tuple[str | None, str | None]:
    if mention is None:
        return None, None
    entity = mention.entity
    if entity.kind == "country":
        return entity.name, mention.role
    if mention.how == "descriptor" and mention.scope:
        # "Sofie Vermeulen, Belgium's foreign minister": the descriptor names the office of a
        # country, whoever the entity data thinks holds it.
        return mention.scope, mention.role
    return None, None


def contender_sightings(claims: Sequence[ExtractedClaim], on: date | None) -> list[Sighting]:
    """The people these readings treat as running: the subject of a candidacy event, or the
    candidate of a stance that counts; a nominating government gives the nationality."""
    found = []
    for claim in claims:
        if claim.candidate is None or not claim.counts:
            continue
        if claim.kind == "candidacy" and claim.event not in _CONTENDING:
            continue
        if claim.kind not in ("candidacy", "stance"):
            continue
        day = claim.event_date if claim.date_from_text else on
        country = claim.holder if claim.event == "nominated" else None
        strength = CANDIDACY_EVENT if claim.kind == "candidacy" else STANCE_TOWARD
        found.append(Sighting(claim.candidate, day or on, country, None, contender=strength))
    return found
