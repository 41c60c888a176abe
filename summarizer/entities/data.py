"""The entity data file (summarizer/data/entities.toml) as checked, typed records.

The file says who is who and who held which office when; the loader refuses unknown keys so
that nothing else (least of all a stance) can creep in unnoticed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

EntityKind = Literal["country", "body", "person"]

# The day used when a text has no date: the middle of the 2023-2024 race the bot tracks, so
# "the Dutch prime minister" in an undated article is the one in office during the race.
UNDATED_DAY = date(2024, 3, 1)

_TOP_KEYS = frozenset({"roles", "country", "body", "person", "ignore", "fuzzy"})
_ROLE_KEYS = frozenset({"titles"})
_COUNTRY_KEYS = frozenset(
    {
        "name",
        "aliases",
        "demonyms",
        "people",
        "capitals",
        "institutions",
        "leader",
        "titles",
        "descriptors",
    }
)
_BODY_KEYS = frozenset({"name", "aliases", "seats", "descriptors"})
_PERSON_KEYS = frozenset({"name", "aliases", "nationality", "offices"})
_OFFICE_KEYS = frozenset({"role", "of", "from", "to"})
_IGNORE_KEYS = frozenset({"phrases"})
_FUZZY_KEYS = frozenset({"not_names"})


class EntityDataError(ValueError):
    """The entity data file is malformed."""


@dataclass(frozen=True)
class Office:
    """An office a person holds or held: from `start` (inclusive) to `end` (exclusive)."""

    role: str
    of: str  # a country's or a body's canonical name
    start: date | None
    end: date | None
    government: bool = False  # an office of a country's government

    def held_on(self, on: date) -> bool:
        """Whether the office was held on that day."""
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True)
class Entity:
    """A country, a body or a person, by canonical name."""

    name: str
    kind: EntityKind
    country: str | None  # a person's nationality; a country itself; None for a body
    offices: tuple[Office, ...] = field(default=(), compare=False, repr=False)

    def office_on(self, on: date | None) -> Office | None:
        """The office held on a day: a government office first, then one in a body."""
        day = on or UNDATED_DAY
        held = [office for office in self.offices if office.held_on(day)]
        held.sort(key=lambda office: not office.government)
        return held[0] if held else None

    def speaks_for(self, on: date | None) -> str:
        """The canonical holder a stance by this entity belongs to on a day.

        A person in a government office speaks for that country (John Kirby -> United States);
        a person in an office of a body speaks for that body (Ursula von der Leyen ->
        European Commission, Jens Stoltenberg -> NATO until October 2024); anyone else, and
        any country or body, for themselves. An undated text counts as UNDATED_DAY.
        """
        if self.kind != "person":
            return self.name
        office = self.office_on(on)
        return office.of if office is not None else self.name

    def __hash__(self) -> int:
        # Equal entities share a name; hashing the name alone (whose hash the string keeps)
        # is quicker than hashing every compared field, and entities are hashed constantly.
        return hash(self.name)


@dataclass(frozen=True)
class CountryRecord:
    """A country and the words that name it."""

    entity: Entity
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    people: tuple[str, ...]
    capitals: tuple[str, ...]
    institutions: tuple[str, ...]
    leader: str
    titles: Mapping[str, tuple[str, ...]]
    descriptors: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class BodyRecord:
    """An international body and the words that name it."""

    entity: Entity
    aliases: tuple[str, ...]
    seats: tuple[str, ...]
    descriptors: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class PersonRecord:
    """A person and the other names they go by."""

    entity: Entity
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class EntityData:
    """Everything in the entity data file."""

    roles: Mapping[str, tuple[str, ...]]  # role -> its title phrases
    countries: tuple[CountryRecord, ...]
    bodies: tuple[BodyRecord, ...]
    persons: tuple[PersonRecord, ...]
    ignore: tuple[str, ...]
    not_names: frozenset[str]


def _check_keys(row: Mapping[str, Any], allowed: frozenset[str], where: str) -> None:
    unknown = set(row) - allowed
    if unknown:
        raise EntityDataError(f"{where}: unknown keys {sorted(unknown)}")


def _strings(row: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = row.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise EntityDataError(f"{where}: {key} must be a list of non-empty strings")
    return tuple(value)


def _role_table(row: Mapping[str, Any], key: str, where: str) -> dict[str, tuple[str, ...]]:
    table = row.get(key, {})
    if not isinstance(table, dict):
        raise EntityDataError(f"{where}: {key} must be a table of role = [phrases]")
    return {role: _strings(table, role, f"{where}.{key}") for role in table}


def _name(row: Mapping[str, Any], where: str) -> str:
    name = row.get("name")
    if not isinstance(name, str) or not name.strip():
        raise EntityDataError(f"{where}: a name is required")
    return name


def _day(value: Any, where: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    raise EntityDataError(f"{where}: dates must be TOML dates (YYYY-MM-DD), got {value!r}")


def _countries(rows: list[Any], roles: Mapping[str, Any]) -> tuple[CountryRecord, ...]:
    records = []
    for i, row in enumerate(rows):
        where = f"country[{i}]"
        _check_keys(row, _COUNTRY_KEYS, where)
        name = _name(row, where)
        leader = row.get("leader", "head_of_government")
        titles = _role_table(row, "titles", where)
        descriptors = _role_table(row, "descriptors", where)
        for role in [leader, *titles, *descriptors]:
            if role not in roles:
                raise EntityDataError(f"{where} ({name}): unknown role {role!r}")
        records.append(
            CountryRecord(
                Entity(name, "country", name),
                _strings(row, "aliases", where),
                _strings(row, "demonyms", where),
                _strings(row, "people", where),
                _strings(row, "capitals", where),
                _strings(row, "institutions", where),
                leader,
                titles,
                descriptors,
            )
        )
    return tuple(records)


def _bodies(rows: list[Any]) -> tuple[BodyRecord, ...]:
    records = []
    for i, row in enumerate(rows):
        where = f"body[{i}]"
        _check_keys(row, _BODY_KEYS, where)
        name = _name(row, where)
        records.append(
            BodyRecord(
                Entity(name, "body", None),
                _strings(row, "aliases", where),
                _strings(row, "seats", where),
                _role_table(row, "descriptors", where),
            )
        )
    return tuple(records)


def _persons(
    rows: list[Any], countries: set[str], bodies: set[str], roles: Mapping[str, Any]
) -> tuple[PersonRecord, ...]:
    records = []
    for i, row in enumerate(rows):
        where = f"person[{i}]"
        _check_keys(row, _PERSON_KEYS, where)
        name = _name(row, where)
        nationality = row.get("nationality")
        if nationality not in countries:
            raise EntityDataError(f"{where} ({name}): unknown nationality {nationality!r}")
        offices = []
        for j, item in enumerate(row.get("offices", [])):
            at = f"{where} ({name}).offices[{j}]"
            _check_keys(item, _OFFICE_KEYS, at)
            role, of = item.get("role"), item.get("of")
            if of in countries and role not in roles:
                raise EntityDataError(f"{at}: unknown role {role!r}")
            if of not in countries and of not in bodies:
                raise EntityDataError(f"{at}: unknown country or body {of!r}")
            if not isinstance(role, str) or not role.isidentifier():
                raise EntityDataError(f"{at}: role must be an identifier")
            start, end = _day(item.get("from"), at), _day(item.get("to"), at)
            if start is not None and end is not None and end <= start:
                raise EntityDataError(f"{at}: ends before it starts")
            offices.append(Office(role, str(of), start, end, government=of in countries))
        entity = Entity(name, "person", str(nationality), tuple(offices))
        records.append(PersonRecord(entity, _strings(row, "aliases", where)))
    return tuple(records)


def parse_entity_data(text: str) -> EntityData:
    """Parse and check the text of an entity data file; raise EntityDataError if malformed."""
    import tomllib  # here, not at the top: a process that finds a kept resolver never parses

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise EntityDataError(f"not valid TOML: {error}") from error
    _check_keys(data, _TOP_KEYS, "file")
    roles: dict[str, tuple[str, ...]] = {}
    for role, row in data.get("roles", {}).items():
        _check_keys(row, _ROLE_KEYS, f"roles.{role}")
        roles[role] = _strings(row, "titles", f"roles.{role}")
    countries = _countries(data.get("country", []), roles)
    bodies = _bodies(data.get("body", []))
    country_names = {c.entity.name for c in countries}
    body_names = {b.entity.name for b in bodies}
    persons = _persons(data.get("person", []), country_names, body_names, roles)
    seen: set[str] = set()
    for entity in (
        [r.entity for r in countries] + [r.entity for r in bodies] + [r.entity for r in persons]
    ):
        if entity.name in seen:
            raise EntityDataError(f"duplicate canonical name {entity.name!r}")
        seen.add(entity.name)
    ignore = data.get("ignore", {})
    fuzzy = data.get("fuzzy", {})
    _check_keys(ignore, _IGNORE_KEYS, "ignore")
    _check_keys(fuzzy, _FUZZY_KEYS, "fuzzy")
    return EntityData(
        roles,
        countries,
        bodies,
        persons,
        _strings(ignore, "phrases", "ignore"),
        frozenset(_strings(fuzzy, "not_names", "fuzzy")),
    )


def bundled_path(name: str) -> Path:
    """Where a data file shipped with the package lies as an install lays it out
    (`summarizer/data/NAME`); a package that is not plain files has no such path."""
    return Path(__file__).resolve().parent.parent / "data" / name


def bundled_text(name: str) -> str:
    """The text of a data file shipped with the package (`summarizer/data/NAME`)."""
    # Read from its path; importlib.resources (5 ms to import, paid by every command) only
    # for a package that is not plain files.
    try:
        return bundled_path(name).read_text("utf-8")
    except FileNotFoundError:
        from importlib import resources

        return resources.files("summarizer").joinpath(f"data/{name}").read_text("utf-8")


def bundled_entity_text() -> str:
    """The text of the entity data file shipped with the package."""
    return bundled_text("entities.toml")
