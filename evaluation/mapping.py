"""The extractor's output in the label vocabulary: the one place that translates between them.

When the claim model grows (new stances, new candidacy events, holdout flags), extend the
tables and `to_labels` here; the scorer compares label values only. Output the tables do not
know is counted as unmapped, never silently scored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from types import MappingProxyType

from evaluation.labels import LabeledClaim, LabeledEvent
from records.claims import ExtractedClaim

# records.claims.Stance -> the labels' stances.
STANCE_LABELS = MappingProxyType(
    {
        "supports": "supports",
        "opposes": "opposes",
        "conditional": "reservations",
        "undecided": "undecided",
    }
)
# records.claims.CandidacyEvent -> the labels' event kinds.
EVENT_LABELS = MappingProxyType(
    {
        "declares": "declared",
        "considers": "considering",
        "nominated": "nominated",
        "withdraws": "withdrew",
        "appointed": "appointed",
        "denies": "ruled_out",
        "takes_office": "takes_office",
        "left_office": "left_other_office",
    }
)
# Candidacy events that are no event of this race in the labels' vocabulary (another post).
EVENTS_NOT_LABELLED = frozenset({"other_post"})
# Event kinds whose `by` names the government that acts (the labels leave it null otherwise).
EVENTS_WITH_BY = frozenset({"nominated"})


@dataclass(frozen=True)
class Labeling:
    """What the extractor read in one labelled line, in the label vocabulary."""

    claims: tuple[LabeledClaim, ...] = ()
    events: tuple[LabeledEvent, ...] = ()
    unmapped: tuple[str, ...] = ()  # extractor values the tables above do not translate


def _day(claim: ExtractedClaim) -> str | None:
    # A date the text gives; the article's date stands in otherwise, and the labels say null.
    if claim.event_date is None or not claim.date_from_text:
        return None
    return claim.event_date.isoformat()


def to_labels(claims: Iterable[ExtractedClaim]) -> Labeling:
    """Stance claims with a named holder, and candidacy events, as labels.

    Claims about an unnamed aggregate ("two-thirds of allies") and dated milestones (claims of
    kind "event": a term's end, a summit) have no counterpart in the labels and are left out.
    """
    found_claims: list[LabeledClaim] = []
    found_events: list[LabeledEvent] = []
    unmapped: list[str] = []
    for claim in claims:
        if not claim.counts or claim.event in EVENTS_NOT_LABELLED:
            continue  # a condition, a denial, a past stance since ended: no claim in the labels
        if claim.kind == "stance" and claim.holder and claim.candidate and claim.stance:
            stance = STANCE_LABELS.get(claim.stance)
            if stance is None:
                unmapped.append(f"stance:{claim.stance}")
                continue
            found_claims.append(LabeledClaim(claim.holder, stance, claim.candidate, _day(claim)))
        elif claim.kind == "candidacy" and claim.candidate and claim.event:
            kind = EVENT_LABELS.get(claim.event)
            if kind is None:
                unmapped.append(f"event:{claim.event}")
                continue
            by = claim.holder if kind in EVENTS_WITH_BY else None
            found_events.append(LabeledEvent(kind, claim.candidate, _day(claim), by))
    return Labeling(tuple(found_claims), tuple(found_events), tuple(unmapped))
