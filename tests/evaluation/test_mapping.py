"""The extractor's values in the label vocabulary."""

from __future__ import annotations

from datetime import date
from typing import get_args

from evaluation.labels import LabeledClaim, LabeledEvent
from evaluation.mapping import EVENT_LABELS, EVENTS_NOT_LABELLED, STANCE_LABELS, to_labels
from records.claims import CandidacyEvent, ExtractedClaim, Stance

DAY = date(2031, 3, 3)


def test_stances_and_events_are_translated() -> None:
    labels = to_labels(
        [
            ExtractedClaim(0, "stance", "Ingrid Holm", "Greece", stance="conditional"),
            ExtractedClaim(0, "stance", "Ingrid Holm", "Norway", stance="supports",
                           event_date=DAY, date_from_text=True),
            ExtractedClaim(1, "candidacy", "Ingrid Holm", "Denmark", event="nominated",
                           event_date=DAY, date_from_text=True),
            ExtractedClaim(1, "candidacy", "Ingrid Holm", event="denies", event_date=DAY),
        ]
    )  # fmt: skip
    assert labels.claims == (
        LabeledClaim("Greece", "reservations", "Ingrid Holm", None),
        LabeledClaim("Norway", "supports", "Ingrid Holm", "2031-03-03"),
    )
    # The article's date stands in when the text gives none; the labels then say null.
    assert labels.events == (
        LabeledEvent("nominated", "Ingrid Holm", "2031-03-03", "Denmark"),
        LabeledEvent("ruled_out", "Ingrid Holm", None),
    )
    assert labels.unmapped == ()


def test_aggregates_and_milestones_have_no_label() -> None:
    labels = to_labels(
        [
            ExtractedClaim(0, "stance", "Ingrid Holm", aggregate="most allies", stance="supports"),
            ExtractedClaim(0, "event", event_date=DAY, date_from_text=True, description="summit"),
        ]
    )
    assert (labels.claims, labels.events) == ((), ())


def test_every_value_of_the_claim_model_has_a_label() -> None:
    # When the claim model grows, this fails until evaluation/mapping.py translates the new value.
    assert set(get_args(Stance)) <= set(STANCE_LABELS)
    assert set(get_args(CandidacyEvent)) <= set(EVENT_LABELS) | EVENTS_NOT_LABELLED
