"""Names the entity data lacks are read from capitalised words; an organisation is no person."""

from __future__ import annotations

from summarizer.extraction.names import unknown_names


def _names(text: str) -> list[str]:
    return [name for _, _, name in unknown_names(text, 0, len(text), [])]


def test_a_full_name_is_read_and_its_workplace_is_not() -> None:
    text = "Ilse Marten, a researcher at the Nordic Affairs Institute, spoke in Riga."
    assert _names(text) == ["Ilse Marten"]


def test_think_tanks_universities_and_outlets_are_not_people() -> None:
    for text in (
        "Analysts at the Carpathian Security Foundation were not surprised.",
        "A poll by Lakeside University found little interest.",
        "The Harbour Herald first reported the talks.",
        "Officials at the Strategic Studies Centre disagreed.",
    ):
        assert _names(text) == [], text


def test_a_title_before_a_name_is_dropped() -> None:
    assert _names("Defence Minister Lucía Ferrer said so.") == ["Lucía Ferrer"]
