"""Resolving names in text and in queries to the actors of summarizer/data/entities.toml.

`EntityResolver.default()` loads the bundled data once. `find_mentions` reads a sentence
("Berlin's backing", "the Dutch premier", "Callas at the helm"), `resolve_name` a name a
user typed, `holder_of` a descriptor on a day. Who speaks for whom is `Entity.speaks_for`:
a person in a government office speaks for that country, a person in an office of a body
(European Commission, NATO) for that body, anyone else for themselves. No function here
knows or says who supports whom.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from summarizer.entities.data import (
    UNDATED_DAY,
    Entity,
    EntityData,
    EntityKind,
    Office,
    PersonRecord,
    bundled_entity_text,
    bundled_path,
    parse_entity_data,
)
from summarizer.entities.fuzzy import FuzzyMatcher
from summarizer.entities.index import EntityIndex
from summarizer.entities.kept import bundled_keeper
from summarizer.entities.scan import MentionHow, SentenceScan
from summarizer.entities.text import TITLE_WORDS, fold, tokenize

__all__ = [
    "UNDATED_DAY",
    "Entity",
    "EntityKind",
    "EntityResolver",
    "Mention",
    "MentionHow",
    "NameMatch",
    "Office",
    "PersonRecord",
    "fold",
]

MAX_QUERY_CHARS = 200
# Words in a query that name nobody ("AND (", "who backs the ...").
_QUERY_NOISE = frozenset(
    "a an and or not the of in on to is are who whom backs opposes select from where drop "
    "table null union insert delete update".split()
)
_CONFIDENT = 80.0  # a fuzzy query score at or above this, clearly ahead, is a match
_MARGIN = 8.0
_SUGGEST = 62.0


@dataclass(frozen=True)
class Mention:
    """A span of the analysed text that names an entity."""

    start: int
    end: int
    text: str
    entity: Entity
    how: MentionHow
    score: float  # 0..100
    role: str | None = None  # an office descriptor's role ("head_of_government")
    scope: str | None = None  # a descriptor's country or body ("Denmark")


@dataclass(frozen=True)
class NameMatch:
    """A confident match for a typed name, or "did you mean" suggestions (best first)."""

    entity: Entity | None
    suggestions: tuple[str, ...] = ()


class EntityResolver:
    """Finds entity mentions in sentences and resolves typed names."""

    def __init__(self, data: EntityData, learned: Sequence[PersonRecord] = ()) -> None:
        days = [
            day
            for record in data.persons
            for office in record.entity.offices
            for day in (office.start, office.end)
            if day is not None
        ]
        # The data records who held which office up to its last dated change; a year past
        # that, an office with no end may well have changed hands. People learned from the
        # archive carry offices dated by the articles themselves, so they do not extend it.
        self.covers_until: date | None = date(max(days).year + 1, 12, 31) if days else None
        self.data = data
        self.learned = frozenset(record.entity.name for record in learned)
        if learned:
            data = replace(data, persons=(*data.persons, *learned))
        self.index = EntityIndex(data)
        self._fuzzy = FuzzyMatcher(self.index)

    def with_people(self, learned: Sequence[PersonRecord]) -> EntityResolver:
        """This resolver plus people learned from the archive (names the data file lacks)."""
        known = self.index.entities
        return EntityResolver(self.data, [p for p in learned if p.entity.name not in known])

    def knows_office_holders_on(self, on: date | None) -> bool:
        """Whether "the Danish prime minister" can be read as a named person on that day."""
        return on is None or self.covers_until is None or on <= self.covers_until

    def is_learned(self, name: str) -> bool:
        """Whether a person was learned from the archive rather than the data file."""
        return name in self.learned

    @classmethod
    def from_text(cls, text: str) -> EntityResolver:
        """A resolver for the text of an entity data file (for tests and tools)."""
        return cls(parse_entity_data(text))

    @classmethod
    def default(cls) -> EntityResolver:
        """The resolver for the bundled entity data file (built once, then shared)."""
        return _default_resolver()

    # --- lookup -------------------------------------------------------------------------------
    def entity(self, name: str) -> Entity | None:
        """An entity by its canonical name."""
        return self.index.entities.get(name)

    def all_names(self) -> list[str]:
        """Every canonical name, sorted (for autocomplete)."""
        return sorted(self.index.entities)

    # --- text -------------------------------------------------------------------------------
    def find_mentions(
        self,
        text: str,
        on: date | None = None,
        context: list[Entity] | None = None,
        background: Sequence[Entity] | None = None,
    ) -> list[Mention]:
        """The non-overlapping mentions in `text`, in order.

        `on` is the day the text speaks of (descriptors resolve to the holder then; an undated
        text counts as UNDATED_DAY). `context` lists entities mentioned earlier in the article,
        most recent first; "the Dutchman" resolves to the first Dutch person in it.
        `background` lists the contenders the archive knows around that day: they come after
        the context ("the Dane" is the Danish contender, "Rasmussen" the one running).
        """
        if not text:
            return []
        scan = SentenceScan(
            self.index,
            self._fuzzy,
            text,
            on,
            list(context or ()),
            background=tuple(background or ()),  # a tuple passed in is passed on as is
        )
        mentions = []
        for hit in scan.run():
            start, end = scan.tokens[hit.first].start, scan.tokens[hit.last].end
            mentions.append(
                Mention(
                    start, end, text[start:end], hit.entity, hit.how, hit.score, hit.role, hit.scope
                )
            )
        return mentions

    def holder_of(self, descriptor: str, on: date | None) -> Entity | None:
        """The person a descriptor names on a day ("the Dutch prime minister" -> Mark Rutte on
        2024-03-01, Dick Schoof on 2025-01-01), or None if it names no one we know."""
        entity = self._describe(descriptor, on)
        return entity if entity is not None and entity.kind == "person" else None

    def _describe(self, phrase: str, on: date | None) -> Entity | None:
        text = phrase[:MAX_QUERY_CHARS]
        scan = SentenceScan(self.index, None, text, on, [], ignore_case=True)
        hits = scan.run()
        words = [t for t in scan.tokens if t.key != "the"]
        if len(hits) != 1 or not words:
            return None
        hit = hits[0]
        covers = scan.tokens[hit.first].start <= words[0].start and (
            scan.tokens[hit.last].end >= words[-1].end
        )
        return hit.entity if covers else None

    # --- queries ------------------------------------------------------------------------------
    def resolve_name(self, query: str) -> NameMatch:
        """A typed name (any case, spelling, alias or descriptor) to an entity.

        A confident match carries the entity; a weak or ambiguous one only suggestions;
        an empty or meaningless query neither. Never raises.
        """
        text = " ".join(str(query)[:MAX_QUERY_CHARS].split())
        keys = [t.key for t in tokenize(text)]
        if keys and keys[0] == "the":
            keys = keys[1:]
        if not keys:
            return NameMatch(None)
        named = self.index.query_names.get(" ".join(keys))
        if named:
            return self._among(sorted(named), " ".join(keys))
        country = self.index.adjectives.get(tuple(keys))
        if country:
            return NameMatch(self.index.entities[country[0][0]])
        described = self._describe(text, None)
        if described is not None:
            return NameMatch(described)
        meaningful = [k for k in keys if k not in _QUERY_NOISE and k not in TITLE_WORDS]
        if not meaningful or sum(len(k) for k in meaningful) < 3:
            return NameMatch(None)
        owners = [self.index.name_tokens.get(k) for k in meaningful]
        if all(owners):
            common = set.intersection(*(set(o) for o in owners if o))
            if common:
                return self._among(sorted(common), " ".join(meaningful))
        return self._fuzzy_query(" ".join(meaningful))

    def _among(self, names: list[str], query: str) -> NameMatch:
        if len(names) == 1:
            return NameMatch(self.index.entities[names[0]])
        from rapidfuzz import fuzz

        ranked = sorted(names, key=lambda name: -fuzz.ratio(query, fold(name)))
        return NameMatch(None, tuple(ranked[:5]))

    def _fuzzy_query(self, query: str) -> NameMatch:
        from rapidfuzz import fuzz, process

        ranked = process.extract(
            query, self.index.query_strings, scorer=fuzz.ratio, limit=25, score_cutoff=_SUGGEST
        )
        best: dict[str, float] = {}
        for alias, score, _ in ranked:
            for name in self.index.query_names[alias]:
                best[name] = max(best.get(name, 0.0), float(score))
        order = sorted(best, key=lambda name: (-best[name], name))
        if not order:
            return NameMatch(None)
        top = best[order[0]]
        runner_up = best[order[1]] if len(order) > 1 else 0.0
        if top >= _CONFIDENT and top - runner_up >= _MARGIN:
            return NameMatch(self.index.entities[order[0]])
        return NameMatch(None, tuple(order[:5]))


@lru_cache(maxsize=1)
def _default_resolver() -> EntityResolver:
    def build() -> EntityResolver:
        return EntityResolver(parse_entity_data(bundled_entity_text()))

    kept = bundled_keeper()
    if kept is None:
        return build()
    return kept.get(bundled_path("entities.toml"), build, EntityResolver)
