"""Reading what a sentence claims: names, numbers, quantifiers and race events."""

from __future__ import annotations

import pytest

from summarizer.llm.meaning import (
    event_supported,
    events,
    name_is_in,
    name_words,
    numbers,
    quantifiers,
    stance,
)


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("Poland endorsed Rutte.", ["S"]),
        ("Britain threw its weight behind Rutte.", ["S"]),
        ("Hungary has not endorsed Rutte.", ["H"]),
        ("Hungary refuses to back Rutte.", ["R"]),
        ("Slovakia is holding back its support for Rutte.", ["R"]),
        ("Turkey blocked Rutte.", ["O"]),
        ("Romania is holding out.", ["O"]),
        ("Turkey lifted its veto on Rutte.", ["N"]),
        ("Turkey won't oppose Rutte.", ["N"]),
        ("Slovakia withdrew its support for Rutte.", ["H"]),
        ("Iohannis pulled out of the race.", ["withdraw"]),
        ("Kallas has not ruled herself out.", ["not withdraw"]),
        ("Rutte was chosen as secretary general.", ["appoint"]),
        ("Iohannis entered the race.", ["candidacy"]),
    ],
)
def test_events_are_read_with_their_polarity(text: str, claims: list[str]) -> None:
    assert [stance(event) for event in events(text)] == claims


def test_conditions_predictions_and_questions_are_hedged() -> None:
    for text in (
        "Lithuania would back Rutte if he pledged more.",
        "Diplomats expect Turkey to endorse Rutte.",
        "Will Hungary drop its veto?",
        "Turkey could block Rutte.",
    ):
        assert all(event.hedged for event in events(text)), text
    assert not events("Turkey endorsed Rutte in May.")[0].hedged  # the month, not "may"


def test_the_actor_is_who_the_clause_names_before_the_event_or_after_by() -> None:
    [event] = events("Rutte is backed by Sweden and Finland.")
    assert event.actors == ("sweden", "finland")
    backs, opposes = events("Poland backs Rutte, while Hungary opposes him.")
    assert backs.clause_names == ("poland", "rutte") and opposes.actors == ("hungary",)
    [claimed] = events("Hungary backs Rutte.")
    assert not event_supported(claimed, [backs, opposes], "")
    [claimed] = events("Poland supports Rutte.")
    assert event_supported(claimed, [backs, opposes], "")
    # A new subject after an earlier event in the same clause.
    sources = events("Romania nominated Iohannis and Bulgaria backs Rutte.")
    [claimed] = events("Romania backs Rutte.")
    assert not event_supported(claimed, sources, "")
    [claimed] = events("Bulgaria supports Rutte.")
    assert event_supported(claimed, sources, "")
    sources = events("Hungary has not endorsed any candidate.")
    [claimed, _] = events("Hungary has not backed any candidate.")
    assert event_supported(claimed, sources, "")


def test_an_asserted_claim_needs_an_asserted_source() -> None:
    [claimed] = events("Turkey has endorsed Rutte.")
    assert not event_supported(claimed, events("Turkey may endorse Rutte."), "")
    [hedged] = events("Turkey may endorse Rutte.")
    assert event_supported(hedged, events("Turkey has endorsed Rutte."), "")


def test_names_numbers_and_quantifiers() -> None:
    assert name_words("According to Reuters, the Dutch leader met Orban's aides.") == [
        "according",
        "reuters",
        "dutch",
        "orban",
    ]
    assert name_words("Currently, Rutte leads.", skip_first={"currently"}) == ["rutte"]
    assert name_is_in("slovakia", "slovak president") and name_is_in("dutch", "the netherlands")
    assert not name_is_in("spain", "portugal backs rutte")
    assert not name_is_in("us", "we must back rutte") and name_is_in("us", "the us backs rutte")
    assert name_words("Prime Minister Orban met President Biden.") == ["orban", "biden"]
    assert numbers("Three of the 32 allies, 1,000 troops, 2.3 percent, twice") == {
        "3",
        "32",
        "1000",
        "2.3",
        "2",
    }
    assert quantifiers("All allies back Rutte.") == {"all"}
    assert quantifiers("Britain, France and Germany all back Rutte.") == set()
