"""Entity resolution: aliases, spelling variants, descriptors by date, metonyms vs places."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from summarizer.entities import EntityResolver

R = EntityResolver.default()


def names(text: str, on: date | None = date(2024, 3, 1)) -> list[str]:
    return [m.entity.name for m in R.find_mentions(text, on=on)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Kallas", "Kaja Kallas"),
        ("Kaja Kallas", "Kaja Kallas"),
        ("Kai Kallas", "Kaja Kallas"),
        ("Callas", "Kaja Kallas"),
        ("Kalas", "Kaja Kallas"),
        ("Krisjanis Karins", "Krišjānis Kariņš"),
        ("Krišjānis Kariņš", "Krišjānis Kariņš"),
        ("Hebstreit", "Steffen Hebestreit"),
        ("Türkiye", "Turkey"),
        ("Turkyie", "Turkey"),
        ("rutte", "Mark Rutte"),
    ],
)
def test_spelling_variants_resolve(query: str, expected: str) -> None:
    match = R.resolve_name(query)
    assert match.entity is not None and match.entity.name == expected


@pytest.mark.parametrize("query", ["", "   ", '"', "AND (", "🙂🙂", "x" * 10_000, "Zzyzx Qwerty"])
def test_bad_queries_never_raise_or_match(query: str) -> None:
    assert R.resolve_name(query).entity is None


def test_descriptor_resolves_to_the_holder_on_that_day() -> None:
    assert names("the Dutch prime minister said", on=date(2024, 3, 1)) == ["Mark Rutte"]
    assert names("the Dutch prime minister said", on=date(2025, 1, 1)) == []


def test_capital_as_actor_but_not_as_place() -> None:
    assert names("Washington and Ankara back the plan") == ["United States", "Turkey"]
    assert names("the anniversary summit in Washington next July") == []
    assert names("the Washington summit opened") == []


def test_demonyms_only_for_state_actors() -> None:
    assert names("the Turkish government said") == ["Turkey"]
    assert names("in an interview with Dutch television") == []


def test_the_dutchman_comes_from_context() -> None:
    rutte = R.entity("Mark Rutte")
    assert rutte is not None
    found = R.find_mentions("the Dutchman's candidacy", on=date(2024, 3, 1), context=[rutte])
    assert [m.entity.name for m in found] == ["Mark Rutte"]


def test_who_speaks_for_whom() -> None:
    kirby, vdl = R.entity("John Kirby"), R.entity("Ursula von der Leyen")
    assert kirby is not None and kirby.speaks_for(date(2024, 2, 22)) == "United States"
    assert vdl is not None and vdl.speaks_for(date(2024, 2, 22)) == "European Commission"


def test_no_false_people_in_plain_english() -> None:
    text = "Allies said the ministers would meet. Observers expect a calm summer and steady talks."
    assert names(text) == []


def test_data_file_holds_no_stances() -> None:
    path = Path(__file__).resolve().parents[2] / "summarizer/data/entities.toml"
    data = tomllib.loads(path.read_text())
    keys = {key for rows in data.values() for row in rows for key in row}
    assert keys <= {"name", "aliases", "demonyms", "metonyms", "nationality", "offices"}
