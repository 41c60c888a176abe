"""Who is who, learned from the archive: people the entity data file does not know.

An analyst who has read "Danish Prime Minister Henrik Lykkegaard" in one article knows who
"Lykkegaard", "the Danish prime minister" and "the Dane" are in the next one, and one who
has followed a race knows that "Rasmussen" in a story about it is the one running. The
extraction records what each article says of a person (`Sighting`: a full name with the
nationality or office written beside it, or a person read as a contender); `WhoIsWho` folds
the sightings of the whole archive into person records the resolver can use and into the
contenders of each day. Nothing here says who backs whom: only who a name is.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property, lru_cache

from records.people import CANDIDACY_EVENT, Sighting
from summarizer.entities.data import Entity, Office, PersonRecord
from summarizer.entities.resolver import EntityResolver

# A learned office is taken to last this long past its latest sighting: long enough for the
# rest of a race, short enough not to name the holder years on.
OFFICE_LASTS = timedelta(days=365)
# A contender stays the one "the Dane" means this long around the readings that named them.
CONTENDER_SPAN = timedelta(days=150)
# Stance readings needed to count as running without a candidacy event.
MIN_STANCE_READINGS = 2
# Days whose contenders are kept worked out (a bulk ingest spans a few years of news).
_DAYS_KEPT = 4096
_PARTICLES = frozenset("van von der de den di da la le del dos ter".split())


@dataclass(frozen=True)
class Contender:
    """A person read as running, and the days the archive's readings of them span."""

    name: str
    first: date
    last: date
    weight: int = 1  # how much the archive says so (events count more than stances)


def surname_of(name: str) -> str:
    """The part of a full name that stands for it alone ("Lykkegaard", "de Hoop Scheffer")."""
    words = name.split()
    for i, word in enumerate(words[1:-1], start=1):
        if word.lower() in _PARTICLES:
            return " ".join(words[i:])
    return words[-1]


@dataclass(frozen=True)
class WhoIsWho:
    """The archive's sightings, as person records and contenders by day."""

    sightings: tuple[Sighting, ...] = ()

    @classmethod
    def of(cls, sightings: Iterable[Sighting]) -> WhoIsWho:
        """The knowledge in these sightings (in a stable order, so equal archives compare
        equal)."""
        # A name seen with nothing said of it (no nationality, office or candidacy) teaches
        # nothing: an archive holds tens of thousands of such names, none worth carrying.
        unique = {s for s in sightings if s.country or s.role or s.contender}
        return cls(tuple(sorted(unique, key=lambda s: (s.name, s.on or date.min, repr(s)))))

    def __bool__(self) -> bool:
        return bool(self.sightings)

    # Sent to ingest workers: the sightings travel, the memos are worked out again there.
    def __getstate__(self) -> dict[str, object]:
        return {"sightings": self.sightings}

    def __setstate__(self, state: dict[str, object]) -> None:
        object.__setattr__(self, "sightings", state["sightings"])

    def people_keys(self, base: EntityResolver) -> tuple[PersonKey, ...]:
        """`people` as hashable keys, worked out once per snapshot and base."""
        memo = self._people_memo
        found = memo.get(id(base))
        if found is None or found[0] is not base:
            found = (base, person_keys(self.people(base)))
            memo[id(base)] = found
        return found[1]

    @cached_property
    def _people_memo(self) -> dict[int, tuple[EntityResolver, tuple[PersonKey, ...]]]:
        return {}

    def people(self, base: EntityResolver) -> list[PersonRecord]:
        """Person records for the full names the entity data lacks, each seen with a
        nationality or an office, or read as a contender (a run of capitalised words seen
        once, with nothing said of it, is learned as nobody)."""
        by_name: dict[str, list[Sighting]] = defaultdict(list)
        for sighting in self.sightings:
            if len(sighting.name.split()) >= 2 and base.entity(sighting.name) is None:
                by_name[sighting.name].append(sighting)
        # Only a name seen with a nationality or read as running says who someone is; and
        # "Mark Rutt" is Mark Rutte misspelt, not someone new (the costlier test, asked last).
        by_name = {
            n: seen
            for n, seen in by_name.items()
            if any(s.country or s.contender for s in seen) and base.resolve_name(n).entity is None
        }
        records = []
        for name, seen in sorted(by_name.items()):
            countries: Counter[str] = Counter()
            for s in seen:
                if s.country:
                    countries[s.country] += s.times
            nationality = countries.most_common(1)[0][0] if countries else None
            offices = _offices(seen)
            entity = Entity(name, "person", nationality, offices)
            records.append(PersonRecord(entity, (surname_of(name),)))
        return records

    def contenders(self) -> list[Contender]:
        """Everyone read as running, with the span of days of those readings: the subject of
        a candidacy event, or the candidate of stance readings more than once (one reading
        may be a misread descriptor, and must not make itself the reading of the next)."""
        return list(self._contenders)

    @cached_property
    def _contenders(self) -> tuple[Contender, ...]:
        # Worked out once per snapshot: every article of an ingest asks for them.
        days: dict[str, list[date]] = defaultdict(list)
        weight: Counter[str] = Counter()
        for sighting in self.sightings:
            if sighting.contender and sighting.on is not None:
                days[sighting.name].append(sighting.on)
                strong = sighting.contender >= CANDIDACY_EVENT
                weight[sighting.name] += MIN_STANCE_READINGS if strong else sighting.times
        return tuple(
            Contender(name, min(on), max(on), weight[name])
            for name, on in sorted(days.items())
            if weight[name] >= MIN_STANCE_READINGS
        )

    def contenders_on(self, day: date | None, resolver: EntityResolver) -> tuple[Entity, ...]:
        """The contenders around a day, the most read first, as the resolver's
        entities (an undated text has none: it could be any race). The same tuple for the
        same day and resolver: the articles of a day share it, and so do the indexes built
        from it (`FuzzyMatcher.people_index`)."""
        if day is None:
            return ()
        memo = self._contenders_memo
        found = memo.get((id(resolver), day))
        if found is None or found[0] is not resolver:
            if len(memo) >= _DAYS_KEPT:
                memo.clear()
            found = (resolver, self._contenders_near(day, resolver))
            memo[(id(resolver), day)] = found
        return found[1]

    @cached_property
    def _contenders_memo(
        self,
    ) -> dict[tuple[int, date], tuple[EntityResolver, tuple[Entity, ...]]]:
        # Worked out per day: a large archive knows hundreds of contenders, and sorting them
        # for every article of a bulk ingest was 7% of its reading at 100,000 articles.
        return {}

    def _contenders_near(self, day: date, resolver: EntityResolver) -> tuple[Entity, ...]:
        near = [
            c
            for c in self._contenders
            if c.first - CONTENDER_SPAN <= day <= c.last + CONTENDER_SPAN
        ]
        near.sort(key=lambda c: (-c.weight, abs((c.last - day).days), c.name))
        found = (resolver.entity(c.name) for c in near)
        return tuple(e for e in found if e is not None and e.kind == "person")


def _offices(seen: Sequence[Sighting]) -> tuple[Office, ...]:
    spans: dict[tuple[str, str], list[date]] = defaultdict(list)
    for sighting in seen:
        if sighting.role and sighting.country and sighting.on is not None:
            spans[(sighting.role, sighting.country)].append(sighting.on)
    return tuple(
        Office(role, country, min(days), max(days) + OFFICE_LASTS, government=True)
        for (role, country), days in sorted(spans.items())
    )


# What a person record says, hashable (an Entity compares by name only).
PersonKey = tuple[str, str | None, tuple[Office, ...], tuple[str, ...]]


def person_keys(people: Sequence[PersonRecord]) -> tuple[PersonKey, ...]:
    """The records as hashable keys, so equal knowledge finds the same resolver."""
    return tuple((p.entity.name, p.entity.country, p.entity.offices, p.aliases) for p in people)


@lru_cache(maxsize=4)
def _bundled_with(keys: tuple[PersonKey, ...]) -> EntityResolver:
    # A pure function of immutable input, kept per process: an ingest's worker processes
    # each build the resolver for a snapshot once, not once per article.
    records = [
        PersonRecord(Entity(name, "person", country, offices), aliases)
        for name, country, offices, aliases in keys
    ]
    return EntityResolver.default().with_people(records)


class LearnedResolvers:
    """The resolver for each state of the archive's knowledge, built once per state (a
    resolver indexes every name, so it is worth keeping while the knowledge is unchanged)."""

    def __init__(self, base: EntityResolver) -> None:
        self.base = base
        self._key: tuple[PersonKey, ...] | None = None
        self._resolver = base

    def for_knowledge(self, known: WhoIsWho | None) -> EntityResolver:
        """The base resolver plus the people `known` teaches."""
        if not known:
            return self.base
        keys = known.people_keys(self.base)
        if not keys:
            return self.base
        if self.base is EntityResolver.default():
            return _bundled_with(keys)
        if keys != self._key:
            self._key = keys
            self._resolver = self.base.with_people(known.people(self.base))
        return self._resolver
