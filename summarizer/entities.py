"""Resolving names in text and in queries to the actors of summarizer/data/entities.toml."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from rapidfuzz import fuzz, process

EntityKind = Literal["country", "body", "person"]
MentionHow = Literal["exact", "alias", "fuzzy", "descriptor", "metonym", "demonym"]

_GOVERNMENT_ROLES = frozenset({"hos", "hog", "fm", "dm", "spox", "nsc"})
_ROLE_WORDS = {
    "hos": ("president", "head of state", "leader"),
    "hog": ("prime minister", "premier", "pm", "chancellor", "leader", "head of government"),
    "fm": ("foreign minister", "minister of foreign affairs"),
    "dm": ("defence minister", "defense minister", "minister of defence", "minister of defense"),
}
_STATE_NOUNS = (
    "government",
    "cabinet",
    "administration",
    "authorities",
    "officials",
    "official",
    "diplomats",
    "diplomat",
    "foreign ministry",
    "foreign office",
    "presidential office",
    "presidency",
    "leadership",
    "government spokesperson",
    "government spokesman",
    "administration spokesman",
    "spokesperson",
    "spokesman",
)
_CONTEXT_NOUNS = ("politician", "leader", "premier", "prime minister")
_DEMONYM_PERSON = {"Dutchman": "Netherlands", "Frenchman": "France", "Englishman": "United Kingdom"}
# A capital that names a place, not the state acting: "the Washington summit", "in Brussels".
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|to|at|from|into|near|via|visit\s+to|trip\s+to|path\s+to|summit\s+in|held\s+in)\s+)$",
    re.IGNORECASE,
)
_PLACE_AFTER = re.compile(
    r"^\s+(?:summit|conference|meeting|talks|declaration|treaty|office)\b", re.I
)
_COMMON_WORDS = frozenset(
    "the this that these those allies alliance article after before president minister prime "
    "government european eastern western secretary general however according despite while "
    "later earlier candidate candidates support observers analysts officials leader leaders".split()
)


@dataclass(frozen=True)
class Office:
    """An office a person holds (or held) between two days."""

    role: str
    of: str
    start: date | None
    end: date | None

    def held_on(self, on: date | None) -> bool:
        """Whether the office was held on a day (any day when `on` is None)."""
        if on is None:
            return True
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True)
class Entity:
    """A country, a body or a person, by canonical name."""

    name: str
    kind: EntityKind
    country: str | None
    offices: tuple[Office, ...] = field(default=(), compare=False, repr=False)

    def speaks_for(self, on: date | None) -> str:
        """The holder a stance by this entity belongs to on a day.

        A person in a government office speaks for the country; one in an office of an
        international body speaks for that body; anyone else for themselves.
        """
        if self.kind != "person":
            return self.name
        held = [office for office in self.offices if office.held_on(on)]
        for office in held:
            if office.role in _GOVERNMENT_ROLES:
                return office.of
        for office in held:
            if office.role == "body":
                return office.of
        return self.name


@dataclass(frozen=True)
class Mention:
    """A span of text that names an entity."""

    start: int
    end: int
    text: str
    entity: Entity
    how: MentionHow
    score: float


@dataclass(frozen=True)
class NameMatch:
    """A confident match for a typed name, or suggestions."""

    entity: Entity | None
    suggestions: tuple[str, ...] = ()


def fold(text: str) -> str:
    """Case- and accent-folded text, for comparing spellings."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _day(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class _Alias:
    entity: Entity | None
    how: MentionHow
    # For descriptors: (country, roles) resolved to the office-holder on a day.
    office: tuple[str, tuple[str, ...]] | None = None
    context_country: str | None = None


class EntityResolver:
    """Finds entity mentions in sentences and resolves typed names."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._entities: dict[str, Entity] = {}
        self._aliases: dict[str, _Alias] = {}
        self._case_sensitive: dict[str, _Alias] = {}
        self._people_by_country: dict[str, list[Entity]] = {}
        self._load(data)
        self._pattern = self._compile()
        self._fuzzy_tokens = {
            fold(alias): a
            for alias, a in self._aliases.items()
            if a.entity is not None and " " not in alias and len(alias) >= 5
        }

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> EntityResolver:
        """The resolver for the bundled entity file (loaded once)."""
        text = resources.files("summarizer").joinpath("data/entities.toml").read_text("utf-8")
        return cls(tomllib.loads(text))

    def _add(self, alias: str, target: _Alias) -> None:
        # Short all-capital aliases ("US", "UK", "EU") only match as written.
        table = self._case_sensitive if len(alias) <= 3 or alias.isupper() else self._aliases
        key = alias if table is self._case_sensitive else alias.casefold()
        table.setdefault(key, target)

    def _load(self, data: dict[str, Any]) -> None:
        for row in data.get("country", []):
            entity = Entity(row["name"], "country", row["name"])
            self._entities[entity.name] = entity
            for alias in [row["name"], *row.get("aliases", [])]:
                self._add(alias, _Alias(entity, "alias"))
            for metonym in row.get("metonyms", []):
                self._add(metonym, _Alias(entity, "metonym"))
            for demonym in row.get("demonyms", []):
                for noun in _STATE_NOUNS:
                    self._add(f"{demonym} {noun}", _Alias(entity, "demonym"))
                for role, words in _ROLE_WORDS.items():
                    for word in words:
                        self._add(
                            f"{demonym} {word}", _Alias(None, "descriptor", (entity.name, (role,)))
                        )
                for noun in _CONTEXT_NOUNS:
                    self._add(
                        f"the {demonym} {noun}",
                        _Alias(None, "descriptor", (entity.name, ("hog",)), entity.name),
                    )
        for name, country in _DEMONYM_PERSON.items():
            self._add(f"the {name}", _Alias(None, "descriptor", (country, ("hog",)), country))
        for row in data.get("body", []):
            entity = Entity(row["name"], "body", None)
            self._entities[entity.name] = entity
            for alias in [row["name"], *row.get("aliases", [])]:
                self._add(alias, _Alias(entity, "alias"))
        for row in data.get("person", []):
            offices = tuple(
                Office(o[0], o[1], _day(o[2]), _day(o[3])) for o in row.get("offices", [])
            )
            entity = Entity(row["name"], "person", row.get("nationality"), offices)
            self._entities[entity.name] = entity
            self._people_by_country.setdefault(entity.country or "", []).append(entity)
            for alias in [row["name"], *row.get("aliases", [])]:
                self._add(alias, _Alias(entity, "exact" if alias == row["name"] else "alias"))

    def _compile(self) -> re.Pattern[str]:
        words = sorted(
            {*self._aliases, *(k.casefold() for k in self._case_sensitive)}, key=len, reverse=True
        )
        body = "|".join(re.escape(word) for word in words)
        return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)

    # --- lookup -------------------------------------------------------------------------------
    def entity(self, name: str) -> Entity | None:
        """An entity by canonical name."""
        return self._entities.get(name)

    def all_names(self) -> list[str]:
        """Every canonical name."""
        return sorted(self._entities)

    def holder_of(self, country: str, roles: tuple[str, ...], on: date | None) -> Entity | None:
        """The person holding one of `roles` for `country` on a day."""
        for person in self._people_by_country.get(country, []):
            if any(o.role in roles and o.of == country and o.held_on(on) for o in person.offices):
                return person
        return None

    def _alias_for(self, text: str) -> _Alias | None:
        return self._case_sensitive.get(text) or self._aliases.get(text.casefold())

    def _resolve(self, alias: _Alias, on: date | None, context: list[Entity]) -> Entity | None:
        if alias.entity is not None:
            return alias.entity
        if alias.context_country:
            for entity in context:
                if entity.kind == "person" and entity.country == alias.context_country:
                    return entity
        if alias.office:
            return self.holder_of(alias.office[0], alias.office[1], on)
        return None

    def find_mentions(
        self, text: str, on: date | None = None, context: list[Entity] | None = None
    ) -> list[Mention]:
        """Non-overlapping entity mentions in `text`, longest first, left to right."""
        mentions: list[Mention] = []
        recent = context or []
        for match in self._pattern.finditer(text):
            alias = self._alias_for(match.group(0))
            if alias is None:
                continue
            if alias.how == "metonym" and (
                _PLACE_BEFORE.search(text[: match.start()])
                or _PLACE_AFTER.match(text[match.end() :])
            ):
                continue
            entity = self._resolve(alias, on, recent)
            if entity is None:
                continue
            mentions.append(
                Mention(match.start(), match.end(), match.group(0), entity, alias.how, 100.0)
            )
        fuzzy = self._fuzzy(text, mentions)
        mentions = self._merge_descriptors(mentions, text) + fuzzy
        return sorted(mentions, key=lambda m: m.start)

    @staticmethod
    def _merge_descriptors(mentions: list[Mention], text: str) -> list[Mention]:
        # "Dutch Prime Minister Mark Rutte" is one mention of the person, not two.
        kept = []
        for i, mention in enumerate(mentions):
            following = mentions[i + 1] if i + 1 < len(mentions) else None
            if (
                mention.how == "descriptor"
                and following is not None
                and following.entity.kind == "person"
                and following.start - mention.end <= 3
            ):
                continue
            kept.append(mention)
        return kept

    def _fuzzy(self, text: str, found: list[Mention]) -> list[Mention]:
        extra = []
        for match in re.finditer(r"(?<![\w-])[A-ZÀ-Ý][\w’'-]{3,}", text):
            if any(m.start <= match.start() < m.end for m in found):
                continue
            token = re.sub(r"(?:'s|’s)$", "", match.group(0))
            if token.casefold() in _COMMON_WORDS or len(token) < 5 or self._alias_for(token):
                continue
            best = process.extractOne(fold(token), list(self._fuzzy_tokens), scorer=fuzz.ratio)
            if (
                best is None
                or best[1] < 80
                or fold(token)[0] not in (best[0][0], "c" if best[0][0] == "k" else "")
            ):
                continue
            entity = self._fuzzy_tokens[best[0]].entity
            if entity is not None:
                end = match.start() + len(token)
                extra.append(Mention(match.start(), end, token, entity, "fuzzy", float(best[1])))
        return extra

    def resolve_name(self, query: str) -> NameMatch:
        """A typed name (any case, spelling or alias) to an entity, or suggestions."""
        text = " ".join(query.split())[:200]
        if not any(ch.isalnum() for ch in text):
            return NameMatch(None)
        alias = self._alias_for(text) or self._aliases.get(fold(text))
        if alias is not None and (entity := self._resolve(alias, None, [])) is not None:
            return NameMatch(entity)
        if " " not in text and len(text) >= 4:
            near = process.extractOne(fold(text), list(self._fuzzy_tokens), scorer=fuzz.ratio)
            if near is not None and near[1] >= 80:
                return NameMatch(self._fuzzy_tokens[near[0]].entity)
        mentions = [m for m in self.find_mentions(text) if m.how != "demonym"]
        if len(mentions) == 1 and mentions[0].end - mentions[0].start >= len(text) * 0.6:
            return NameMatch(mentions[0].entity)
        names = {fold(alias): a.entity.name for alias, a in self._aliases.items() if a.entity}
        ranked = process.extract(fold(text), list(names), scorer=fuzz.WRatio, limit=8)
        suggestions = list(dict.fromkeys(names[item[0]] for item in ranked if item[1] >= 70))
        if ranked and ranked[0][1] >= 90 and len(suggestions) == 1:
            return NameMatch(self._entities[suggestions[0]])
        return NameMatch(None, tuple(suggestions[:5]))
