"""The digest's "Other candidates" section stays a briefing in a crowded race: those still
in the race first, then the latest to leave it, counted past a few."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from records.claims import ClaimSet, EvidenceRow
from summarizer.digest.build import build_digest
from summarizer.digest.parts import DigestInputs
from summarizer.digest.race import MAX_OTHER_CANDIDATES
from tests.summarizer.race.test_candidates import backing, event

IN_RACE = ["Ana Moreira", "Jonas Petraitis", "Ilse Vermeer"]


def _rows() -> list[EvidenceRow]:
    rows = [
        backing(1, "France", "Lena Aalto", "2030-02-01"),
        event(2, "Lena Aalto", "declares", "2030-01-02"),
    ]
    rows += [
        event(10 + i, name, "declares", f"2030-01-{10 + i:02d}") for i, name in enumerate(IN_RACE)
    ]
    # Twenty who left the race, one a day through March: the latest are the news.
    rows += [
        event(100 + day, f"Former Minister{day:02d} Example", "withdraws", f"2030-03-{day:02d}")
        for day in range(1, 21)
    ]
    return [replace(row, sentence_id=row.claim_id, article_id=row.claim_id) for row in rows]


def test_a_crowded_race_lists_who_is_in_then_who_left_latest_and_counts_the_rest() -> None:
    rows = _rows()
    draft = build_digest(
        DigestInputs(
            rows=ClaimSet(rows),
            passages=(),
            new_article_ids=frozenset(),
            baseline_latest_id=None,
            today=date(2030, 4, 1),
        )
    )
    listed = [b.text for b in draft.bullets if b.section == "candidates"]
    assert len(listed) == MAX_OTHER_CANDIDATES
    assert [text.split(":")[0] for text in listed[:3]] == sorted(IN_RACE)
    left = [text.split(":")[0] for text in listed[3:]]
    assert left == [f"Former Minister{day:02d} Example" for day in range(20, 13, -1)]
    assert draft.unlisted_candidates == 3 + 20 - MAX_OTHER_CANDIDATES
