"""Candidate statuses follow the candidacy events (and a government's backing)."""

from __future__ import annotations

from dataclasses import replace

from records.claims import ClaimSet, DerivedResults, EvidenceRow
from summarizer.race.candidates import summarise_candidates

_ROW = EvidenceRow(
    claim_id=0,
    kind="candidacy",
    candidate=None,
    holder=None,
    holder_text=None,
    stance=None,
    event=None,
    event_date=None,
    date_from_text=True,
    reported=False,
    hedged=False,
    aggregate=None,
    grounds=None,
    description=None,
    sentence_id=1,
    quote="…",
    article_id=1,
    source="a.txt",
    outlet=None,
    title=None,
    published="2030-01-01",
    published_how="stated",
    url=None,
    duplicate_of=None,
)


def event(n: int, name: str, kind: str, day: str, **more: object) -> EvidenceRow:
    return replace(_ROW, claim_id=n, candidate=name, event=kind, event_date=day, **more)  # type: ignore[arg-type]


def backing(n: int, holder: str, name: str, day: str) -> EvidenceRow:
    return replace(
        _ROW,
        claim_id=n,
        kind="stance",
        holder=holder,
        stance="supports",
        candidate=name,
        event_date=day,
    )


def statuses(rows: list[EvidenceRow]) -> dict[str, str]:
    return {s.name: s.status for s in summarise_candidates(ClaimSet(rows))}


def test_someone_weighing_a_run_is_out_once_their_government_backs_a_rival() -> None:
    rows = [
        event(1, "Ana Moreira", "considers", "2030-01-05", holder="Portugal"),
        event(2, "Piet Claes", "declares", "2030-02-01"),
        backing(3, "Portugal", "Piet Claes", "2030-03-01"),
    ]
    assert statuses(rows)["Ana Moreira"] == "ruled out"


def test_backing_a_rival_before_the_person_weighed_a_run_changes_nothing() -> None:
    rows = [
        backing(1, "Portugal", "Piet Claes", "2030-01-01"),
        event(2, "Ana Moreira", "considers", "2030-02-05", holder="Portugal"),
        event(3, "Piet Claes", "declares", "2030-02-01"),
    ]
    assert statuses(rows)["Ana Moreira"] == "considering"


def test_an_announced_nomination_is_no_nomination_yet() -> None:
    rows = [event(1, "Ana Moreira", "nominated", "2030-01-05", modality="intended", counts=False)]
    rows.append(backing(2, "Portugal", "Ana Moreira", "2030-01-05"))
    assert statuses(rows)["Ana Moreira"] == "nomination announced"


def test_another_post_reads_as_not_a_candidate() -> None:
    rows = [
        event(1, "Ana Moreira", "considers", "2030-01-05"),
        event(2, "Ana Moreira", "other_post", "2030-06-27"),
    ]
    assert statuses(rows)["Ana Moreira"] == "not a candidate (took another post)"


def test_an_appointment_outranks_every_earlier_stage() -> None:
    rows = [
        event(1, "Piet Claes", "declares", "2030-02-01"),
        event(2, "Piet Claes", "appointed", "2030-06-21"),
        event(3, "Piet Claes", "takes_office", "2030-10-01"),
    ]
    assert statuses(rows)["Piet Claes"] == "appointed"


def test_a_running_bot_learns_that_the_government_backs_a_rival_from_the_new_claims() -> None:
    # The statuses kept with yesterday's claims, extended with today's, are today's: the
    # new backing names Portugal, not Ana Moreira, yet her status changes.
    earlier = [
        event(1, "Ana Moreira", "considers", "2030-01-05", holder="Portugal"),
        event(2, "Piet Claes", "declares", "2030-02-01"),
    ]
    kept = ClaimSet(earlier, DerivedResults())
    assert {s.name: s.status for s in summarise_candidates(kept)}["Ana Moreira"] == "considering"
    added = [backing(3, "Portugal", "Piet Claes", "2030-03-01")]
    today = kept.grown(
        [*earlier, *added],
        added,
        lambda rows, new: tuple(sorted((*rows, *new), key=lambda r: r.claim_id)),
        DerivedResults(),
    )
    assert summarise_candidates(today) == summarise_candidates(ClaimSet([*earlier, *added]))
    assert statuses([*earlier, *added])["Ana Moreira"] == "ruled out"
