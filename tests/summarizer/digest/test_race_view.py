"""The digest's view of the race: who leads (firm backers before hedged ones) and when a
holder's sources disagree (another article, not the same one saying both)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from records.claims import ClaimSet, EvidenceRow
from summarizer.digest.race import RaceView, holder_bullet
from tests.summarizer.race.test_candidates import backing, event

TODAY = date(2030, 4, 1)
ANA, PIET = "Ana Moreira", "Piet Claes"


def _stance(
    n: int, article: int, holder: str, name: str, stance: str, day: str, **more: Any
) -> EvidenceRow:
    row = backing(n, holder, name, day)
    return replace(row, stance=stance, article_id=article, sentence_id=n, **more)


def _declared(*names: str) -> list[EvidenceRow]:
    return [
        replace(event(n, name, "declares", "2030-01-02"), sentence_id=n, article_id=n)
        for n, name in enumerate(names, start=1)
    ]


def test_firm_backers_decide_who_leads_before_hedged_ones() -> None:
    rows = _declared(ANA, PIET)
    rows += [
        _stance(10 + i, 10 + i, holder, ANA, "supports", "2030-03-01")
        for i, holder in enumerate(["France", "Spain"])
    ]
    # More backers, but every one of them only likely to back him.
    rows += [
        _stance(20 + i, 20 + i, holder, PIET, "supports", "2030-03-01", hedged=True)
        for i, holder in enumerate(["Italy", "Greece", "Poland"])
    ]
    view = RaceView.from_rows(ClaimSet(rows), TODAY)
    assert view.front_runner == ANA
    assert view.contenders() == [ANA]  # no firm backer: not spelt out beside her


def _spain(rows: list[EvidenceRow]) -> str:
    view = RaceView.from_rows(ClaimSet(_declared(ANA) + rows), TODAY)
    [holder] = view.stances[ANA].holders
    return holder_bullet("holdouts", holder, ANA).text


def test_an_article_that_says_both_is_no_disagreement_between_sources() -> None:
    text = _spain(
        [
            _stance(2, 12, "Spain", ANA, "opposes", "2030-03-01", outlet="Tres"),
            _stance(3, 10, "Spain", ANA, "opposes", "2030-03-02", outlet="Uno"),
            _stance(4, 10, "Spain", ANA, "supports", "2030-03-02", outlet="Uno"),
        ]
    )
    assert text.startswith("Spain opposes Moreira") and "disagree" not in text


def test_another_article_reporting_another_stance_is_flagged() -> None:
    text = _spain(
        [
            _stance(2, 10, "Spain", ANA, "supports", "2030-03-01", outlet="Uno"),
            _stance(3, 10, "Spain", ANA, "opposes", "2030-03-01", outlet="Uno"),
            _stance(4, 11, "Spain", ANA, "supports", "2030-03-02", outlet="Dos"),
            _stance(5, 12, "Spain", ANA, "opposes", "2030-03-02", outlet="Tres"),
        ]
    )
    assert text.startswith("Spain opposes Moreira")
    assert "sources disagree: Dos reports that Spain backs Moreira" in text
