"""Lookup tables built once from the entity data: phrases, country words, titles, holders.

Every table is keyed by folded token tuples (summarizer/entities/text.py), so scanning a
sentence is a few dictionary look-ups per word and never a loop over all aliases.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from summarizer.entities.data import CountryRecord, Entity, EntityData
from summarizer.entities.text import PERSON_NOUNS, STATE_NOUNS, fold, phrase_case, phrase_keys

Key = tuple[str, ...]
PhraseKind = Literal["name", "capital", "institution", "office", "person_noun", "ignore"]
TitleKind = Literal["office", "state", "person"]
# Fuzzy matching in running text only considers names at least this long.
FUZZY_MIN_LEN = 5


@dataclass(frozen=True)
class Phrase:
    """What a run of words means when it matches a phrase of the data file."""

    kind: PhraseKind
    entity: Entity | None  # the named entity (names, capitals, institutions)
    case: tuple[str, ...]  # how each word must be written (see entity_text.phrase_case)
    scope: str | None = None  # offices and person nouns: the country or body concerned
    role: str | None = None  # offices: the role whose holder is meant
    partial: bool = False  # one word of a longer person name (a surname)
    accents: str | None = None  # must be written exactly so ("Støre", not "Store")
    adjective: bool = False  # a person noun that is also an adjective ("the Estonian")


@dataclass(frozen=True)
class Title:
    """A noun phrase that can follow a country word: an office, the state, or a person."""

    kind: TitleKind
    roles: tuple[tuple[str | None, str], ...] = ()  # (country or None for any, role)

    def role_for(self, country: str) -> str | None:
        """The role this title names for a country, preferring that country's own titles."""
        fallback = None
        for scope, role in self.roles:
            if scope == country:
                return role
            if scope is None and fallback is None:
                fallback = role
        return fallback


class EntityIndex:
    """The data file turned into look-up tables."""

    def __init__(self, data: EntityData) -> None:
        self.data = data
        self.entities: dict[str, Entity] = {}
        self.phrases: dict[Key, list[Phrase]] = defaultdict(list)
        self.adjectives: dict[Key, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
        self.country_names: dict[Key, str] = {}
        self.titles: dict[Key, Title] = {}
        self.leaders: dict[str, str] = {}
        self._holders: dict[tuple[str, str], list[tuple[date | None, date | None, Entity]]] = (
            defaultdict(list)
        )
        self.not_names = frozenset(fold(word) for word in data.not_names)
        # Query side: every alias string (folded) and the entities it names.
        self.query_names: dict[str, set[str]] = defaultdict(set)
        self.name_tokens: dict[str, set[str]] = defaultdict(set)
        self.fuzzy_vocab: dict[str, set[str]] = defaultdict(set)
        self._build()
        self.max_phrase = _max_lengths(self.phrases.keys())
        self.max_adjective = _max_lengths(self.adjectives.keys())
        self.max_title = _max_lengths(self.titles.keys())
        # Every word a phrase, a country word or a title begins with: any other word of a
        # text (most of them) starts no reading and is passed over at once.
        self.starts = frozenset(self.max_phrase) | frozenset(self.max_adjective)
        self.starts |= frozenset(self.max_title)
        self.max_country_name = max((len(k) for k in self.country_names), default=1)
        self.fuzzy_by_length: dict[int, list[str]] = defaultdict(list)
        for token in self.fuzzy_vocab:
            if len(self.fuzzy_vocab[token]) == 1:  # an ambiguous word is never guessed
                for length in range(len(token) - 2, len(token) + 3):
                    self.fuzzy_by_length[length].append(token)
        self.query_strings = sorted(self.query_names)
        # Plain dicts from here on: a look-up must never add an empty entry.
        self.phrases = dict(self.phrases)
        self.adjectives = dict(self.adjectives)
        self.query_names = dict(self.query_names)
        self.name_tokens = dict(self.name_tokens)
        self.fuzzy_vocab = dict(self.fuzzy_vocab)
        self.fuzzy_by_length = dict(self.fuzzy_by_length)

    # --- building ---------------------------------------------------------------------------
    def _phrase(self, text: str, phrase: Phrase) -> None:
        key = phrase_keys(text)
        if not key:
            return
        accents = text if len(key) == 1 and fold(text) in self.not_names else None
        entry = Phrase(
            phrase.kind,
            phrase.entity,
            phrase_case(text),
            phrase.scope,
            phrase.role,
            phrase.partial,
            accents,
            phrase.adjective,
        )
        if entry not in self.phrases[key]:
            self.phrases[key].append(entry)
        if phrase.entity is not None and phrase.kind != "ignore":
            self.query_names[" ".join(key)].add(phrase.entity.name)

    def _name(self, text: str, entity: Entity, *, partial: bool = False) -> None:
        self._phrase(text, Phrase("name", entity, (), partial=partial))
        key = phrase_keys(text)
        for token in key:
            self.name_tokens[token].add(entity.name)
        if len(key) == 1 and len(key[0]) >= FUZZY_MIN_LEN and entity.kind != "body":
            self.fuzzy_vocab[key[0]].add(entity.name)

    def _build(self) -> None:
        data = self.data
        for title_role, words in data.roles.items():
            for word in words:
                self._title(word, "office", (None, title_role))
        for noun in STATE_NOUNS:
            self._title(noun, "state")
        for noun in PERSON_NOUNS:
            self._title(noun, "person")
        for country in data.countries:
            self._country(country)
        for body in data.bodies:
            entity = body.entity
            self.entities[entity.name] = entity
            for alias in (entity.name, *body.aliases):
                self._name(alias, entity)
            for seat in body.seats:
                self._phrase(seat, Phrase("capital", entity, ()))
            for role, phrases in body.descriptors.items():
                for text in phrases:
                    self._phrase(text, Phrase("office", None, (), entity.name, role))
        for person in data.persons:
            entity = person.entity
            self.entities[entity.name] = entity
            several = len(phrase_keys(entity.name)) > 1
            for alias in (entity.name, *person.aliases):
                self._name(alias, entity, partial=several and len(phrase_keys(alias)) == 1)
            for office in entity.offices:
                self._holders[(office.of, office.role)].append((office.start, office.end, entity))
        for text in data.ignore:
            self._phrase(text, Phrase("ignore", None, ()))

    def _title(
        self, text: str, kind: TitleKind, role: tuple[str | None, str] | None = None
    ) -> None:
        key = phrase_keys(text)
        known = self.titles.get(key)
        if role is not None:
            roles = (*(known.roles if known and known.kind == "office" else ()), role)
            self.titles[key] = Title("office", roles)
        elif known is None:
            self.titles[key] = Title(kind)

    def _country(self, country: CountryRecord) -> None:
        entity = country.entity
        self.entities[entity.name] = entity
        self.leaders[entity.name] = country.leader
        names = (entity.name, *country.aliases)
        for alias in names:
            self._name(alias, entity)
            self.country_names[phrase_keys(alias)] = entity.name
        demonym_keys = {phrase_keys(d) for d in country.demonyms}
        for word in (*country.demonyms, *names):
            pair = (entity.name, phrase_case(word))
            if pair not in self.adjectives[phrase_keys(word)]:
                self.adjectives[phrase_keys(word)].append(pair)
        for noun in country.people:
            adjective = phrase_keys(noun) in demonym_keys
            self._phrase(noun, Phrase("person_noun", None, (), entity.name, adjective=adjective))
        for capital in country.capitals:
            self._phrase(capital, Phrase("capital", entity, ()))
        for place in country.institutions:
            self._phrase(place, Phrase("institution", entity, ()))
        for role, words in country.titles.items():
            for word in words:
                self._title(word, "office", (entity.name, role))
        for role, phrases in country.descriptors.items():
            for text in phrases:
                self._phrase(text, Phrase("office", None, (), entity.name, role))

    # --- look-ups ---------------------------------------------------------------------------
    def holder(self, scope: str, role: str, on: date) -> Entity | None:
        """Who held `role` of a country or body on a day (the latest appointed, if several)."""
        held = [
            (start or date.min, entity)
            for start, end, entity in self._holders.get((scope, role), [])
            if (start is None or start <= on) and (end is None or on < end)
        ]
        return max(held, key=lambda item: item[0])[1] if held else None

    def first_name(self, person: Entity) -> str:
        """A person's given name, folded ("kaja" for Kaja Kallas)."""
        key = phrase_keys(person.name)
        return key[0] if len(key) > 1 else ""


def _max_lengths(keys: Iterable[Key]) -> dict[str, int]:
    # The longest phrase starting with each word: how far a scan needs to look ahead.
    longest: dict[str, int] = {}
    for key in keys:
        if key:
            longest[key[0]] = max(longest.get(key[0], 0), len(key))
    return longest
