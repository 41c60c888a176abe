"""Misspelt surnames of the day's contenders, found through an index of their name words."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.entities.data import Entity
from summarizer.entities.fuzzy import FuzzyMatcher
from summarizer.entities.resolver import EntityResolver

# Surname-like words (not the data's people: any words must do), and the kinds of spelling
# change transliteration makes: sound-alikes, doubled letters, a letter changed, added,
# dropped or swapped with its neighbour.
WORDS = (
    "rasmussen",
    "lindqvist",
    "kallas",
    "karins",
    "philipsen",
    "kowalczyk",
    "schoof",
    "bettel",
    "iohannis",
    "freeland",
    "wallace",
    "jovanovic",
    "haverkamp",
    "pevkur",
    "hebestreit",
)
SOUNDS = (("k", "c"), ("c", "k"), ("f", "ph"), ("s", "z"), ("i", "y"), ("v", "w"), ("ck", "k"))
LETTERS = "aeiouyksczvfhtlnr"


@cache
def matcher() -> FuzzyMatcher:
    return FuzzyMatcher(EntityResolver.default().index)


@st.composite
def misspelt(draw: st.DrawFn, word: str) -> str:
    for _ in range(draw(st.integers(0, 2))):
        kind = draw(st.sampled_from(("sound", "double", "change", "add", "drop", "swap")))
        at = draw(st.integers(0, max(len(word) - 2, 0)))
        letter = draw(st.sampled_from(LETTERS))
        if kind == "sound":
            old, new = draw(st.sampled_from(SOUNDS))
            word = word.replace(old, new, 1)
        elif kind == "double":
            word = word[: at + 1] + word[at] + word[at + 1 :]
        elif kind == "change":
            word = word[:at] + letter + word[at + 1 :]
        elif kind == "add":
            word = word[:at] + letter + word[at:]
        elif kind == "drop" and len(word) > 1:
            word = word[:at] + word[at + 1 :]
        elif kind == "swap" and len(word) > 2:
            word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return word


@st.composite
def contenders_and_word(draw: st.DrawFn) -> tuple[list[Entity], str]:
    surnames = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))
    people = [
        Entity(f"Anna {surname.title()}{'' if i % 3 else ' Berg'}", "person", None)
        for i, surname in enumerate(surnames)
    ]
    people.append(Entity("Finland", "country", "Finland"))  # not a person: never a match
    word = draw(misspelt(draw(st.sampled_from(WORDS))))
    return people, word


@settings(max_examples=400, deadline=None)
@given(contenders_and_word())
def test_the_index_finds_what_comparing_with_each_contender_finds(
    case: tuple[list[Entity], str],
) -> None:
    people, word = case
    fuzzy = matcher()
    one_by_one = fuzzy.match_among(word, [p for p in people if p.kind == "person"])
    indexed = fuzzy.match_among(word, [], fuzzy.people_index(people))
    assert indexed == one_by_one


def test_a_contenders_misspelt_surname_is_theirs_even_when_shared() -> None:
    fuzzy = matcher()
    rasmussen = Entity("Anders Fogh Rasmussen", "person", "Denmark")
    contenders = fuzzy.people_index([rasmussen, Entity("Anna Lindqvist", "person", "Sweden")])
    found = fuzzy.match_among("rasmusen", [], contenders)
    assert found is not None and found[0] == rasmussen and found[1] > 90
    found = fuzzy.match_among("lindkvist", [], contenders)
    assert found is not None and found[0].name == "Anna Lindqvist"
    # Two edits from a contender's name that do not sound alike: not that contender.
    wallace = fuzzy.people_index([Entity("Ben Wallace", "person", "United Kingdom")])
    assert fuzzy.match_among("wallis", [], wallace) is None
    # Two contenders a word could stand for: no guess.
    two = fuzzy.people_index([rasmussen, Entity("Lars Rasmussen", "person", "Denmark")])
    assert fuzzy.match_among("rasmusen", [], two) is None


def test_a_new_list_of_contenders_is_indexed_afresh() -> None:
    # The index of the last tuple asked for is reused for the very same tuple only.
    fuzzy = matcher()
    rasmussen = (Entity("Anders Fogh Rasmussen", "person", "Denmark"),)
    lindqvist = (Entity("Anna Lindqvist", "person", "Sweden"),)
    first = fuzzy.people_index(rasmussen)
    assert fuzzy.people_index(rasmussen) is first
    assert fuzzy.match_among("lindkvist", [], fuzzy.people_index(lindqvist)) is not None
    assert fuzzy.match_among("lindkvist", [], fuzzy.people_index(rasmussen)) is None
