"""One pass over a sentence: the entity mentions in it, as token spans.

Left to right, the longest reading wins at each word: a phrase of the data file ("Mark Rutte",
"the White House"), a country word plus a title or state noun ("the Dutch premier", "the
Turkish government"), or a title of a country ("Prime Minister of the Netherlands"). Then
unknown capitalised words get a cautious fuzzy look-up, and a descriptor directly followed by
the name it describes becomes one mention of that person.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from typing import Literal

from summarizer.entities.data import UNDATED_DAY, Entity
from summarizer.entities.fuzzy import FuzzyMatcher
from summarizer.entities.index import EntityIndex, Phrase, Title
from summarizer.entities.places import names_a_place, previous_index, sentence_start
from summarizer.entities.text import (
    AFTER_A_NOUN,
    FILLERS,
    INDEFINITE,
    NOT_NAME_STARTS,
    OTHER_TIME,
    SPEECH_VERBS,
    TITLE_WORDS,
    case_fits,
    tokenize,
)

MentionHow = Literal["exact", "alias", "fuzzy", "descriptor", "metonym", "demonym"]
HitKind = Literal["name", "fuzzy", "office", "state", "person_noun", "metonym"]
_NOT_THE_PERSON = OTHER_TIME | INDEFINITE
_JOIN_GAP = re.compile(r"\s*,?\s*")


@dataclass(frozen=True)
class Hit:
    """A mention found so far: tokens first..last (inclusive) of the sentence."""

    first: int
    last: int
    entity: Entity
    how: MentionHow
    score: float
    kind: HitKind
    scope: str | None = None  # descriptors: the country or body they name
    partial: bool = False  # a surname alone
    role: str | None = None  # office descriptors: the role they name ("foreign_minister")


@dataclass(frozen=True)
class _Reading:
    length: int  # in stream positions
    phrases: tuple[Phrase, ...] = ()
    country: str | None = None
    title: Title | None = None


class _AnyOf:
    """Whether an entity is in any of a few collections (without building their union for
    every sentence: the day's contenders run to hundreds)."""

    def __init__(self, *collections: Container[Entity]) -> None:
        self.collections = collections

    def __contains__(self, entity: object) -> bool:
        return any(entity in collection for collection in self.collections)


class SentenceScan:
    """Finds the hits in one text; create one per text."""

    def __init__(
        self,
        index: EntityIndex,
        fuzzy: FuzzyMatcher | None,
        text: str,
        on: date | None,
        context: list[Entity],
        ignore_case: bool = False,
        background: tuple[Entity, ...] = (),
    ) -> None:
        self.index = index
        self.fuzzy = fuzzy
        self.text = text
        self.day = on or UNDATED_DAY
        self.context = context
        # Contenders the archive knows around this day: after the article's own context, they
        # settle a shared surname ("Rasmussen") and "the Dane" before an office holder does
        # (the same list for every sentence of an article).
        self.given_background = background
        self.ignore_case = ignore_case
        self.tokens = tokenize(text)
        self.stream = [i for i, t in enumerate(self.tokens) if t.key not in FILLERS]
        self.keys = [self.tokens[i].key for i in self.stream]
        self.hits: list[Hit] = []
        self._titlecase: bool | None = None
        self._places: set[int] = set()  # capitals read as places, by last token

    @cached_property
    def background(self) -> list[Entity]:
        """The day's contenders the context does not hold (worked out only for the few texts
        that need them: there are hundreds in a large archive)."""
        present = set(self.context)
        return [e for e in self.given_background if e not in present]

    # --- the pass -----------------------------------------------------------------------------
    def run(self) -> list[Hit]:
        """Every hit, non-overlapping, in text order."""
        p = 0
        starts = self.index.starts
        while p < len(self.keys):
            if self.keys[p] not in starts:
                p += 1
                continue
            reading = self._best_reading(p)
            if reading is None:
                p += 1
                continue
            first, last = self.stream[p], self.stream[p + reading.length - 1]
            hit = self._resolve(reading, first, last)
            if hit is not None:
                self.hits.append(hit)
            p += reading.length
        if self.fuzzy is not None:
            self._fuzzy_pass()
        self._first_names()
        self._unknown_names_after_titles()
        return self._merged()

    def _best_reading(self, p: int) -> _Reading | None:
        options = [self._phrase_at(p), self._adjective_at(p), self._title_of_at(p)]
        found = [o for o in options if o is not None]
        # On equal length a country word with a title ("German … governments") beats the
        # same word read as a person ("the German").
        return max(found, key=lambda o: (o.length, o.title is not None)) if found else None

    def _fits(self, case: tuple[str, ...], p: int) -> bool:
        if self.ignore_case:
            return True
        return all(case_fits(rule, self.tokens[self.stream[p + j]]) for j, rule in enumerate(case))

    def _phrase_at(self, p: int) -> _Reading | None:
        longest = min(self.index.max_phrase.get(self.keys[p], 0), len(self.keys) - p)
        for n in range(longest, 0, -1):
            entries = self.index.phrases.get(tuple(self.keys[p : p + n]))
            if not entries:
                continue
            raw = self.tokens[self.stream[p]].raw
            fitting = tuple(
                e
                for e in entries
                if self._fits(e.case, p)
                and (e.accents is None or e.accents.casefold() == raw.casefold())
            )
            if fitting:
                return _Reading(n, phrases=fitting)
        return None

    def _adjective_at(self, p: int) -> _Reading | None:
        longest = min(self.index.max_adjective.get(self.keys[p], 0), len(self.keys) - p)
        for a in range(longest, 0, -1):
            entries = self.index.adjectives.get(tuple(self.keys[p : p + a]))
            countries = [c for c, case in entries or () if self._fits(case, p)]
            if not countries or p + a >= len(self.keys):
                continue
            title = self._title_at(p + a, countries[0])
            if title is not None:
                return _Reading(a + title[0], country=countries[0], title=title[1])
            shared = self._shared_title(p + a, countries[0])
            if shared is not None:
                return _Reading(a, country=countries[0], title=shared)
        return None

    def _shared_title(self, q: int, country: str) -> Title | None:
        """The title a list of country words shares: "the German and French governments",
        "the Dutch, Belgian and Danish foreign ministers" (each word its own country's)."""
        steps = 0
        while q < len(self.keys) and steps < 4:
            if self.keys[q] in ("and", "or"):
                q += 1  # "German and French"; a comma is no token: "Dutch, Belgian"
            if q >= len(self.keys):
                return None
            longest = min(self.index.max_adjective.get(self.keys[q], 0), len(self.keys) - q)
            found = next(
                (
                    n
                    for n in range(longest, 0, -1)
                    if self.index.adjectives.get(tuple(self.keys[q : q + n]))
                ),
                0,
            )
            if not found:
                return None
            q += found
            steps += 1
            if q < len(self.keys) and (title := self._title_at(q, country)) is not None:
                return title[1] if title[1].kind != "person" else None
        return None

    def _title_at(self, q: int, country: str) -> tuple[int, Title] | None:
        first = self.keys[q]
        plural = self.index.max_title.get(first[:-1], 0) if first.endswith("s") else 0
        longest = min(max(self.index.max_title.get(first, 0), plural), len(self.keys) - q)
        for t in range(longest, 0, -1):
            words = tuple(self.keys[q : q + t])
            title = self.index.titles.get(words)
            if title is None and words[-1].endswith("s") and len(words[-1]) > 3:
                # "the German and French governments", "the Baltic foreign ministers"
                title = self.index.titles.get((*words[:-1], words[-1][:-1]))
            if title is not None and (title.kind != "office" or title.role_for(country)):
                return t, title
        return None

    def _title_of_at(self, p: int) -> _Reading | None:
        longest = min(self.index.max_title.get(self.keys[p], 0), len(self.keys) - p)
        for t in range(longest, 0, -1):
            title = self.index.titles.get(tuple(self.keys[p : p + t]))
            if title is None or title.kind == "person":
                continue
            q = p + t
            if q >= len(self.keys) or self.keys[q] != "of":
                continue
            q += 1
            if q < len(self.keys) and self.keys[q] == "the":
                q += 1
            for c in range(min(self.index.max_country_name, len(self.keys) - q), 0, -1):
                country = self.index.country_names.get(tuple(self.keys[q : q + c]))
                capital = self.ignore_case or self.tokens[self.stream[q]].capitalised
                if country and capital and (title.kind != "office" or title.role_for(country)):
                    return _Reading(q + c - p, country=country, title=title)
        return None

    # --- readings to hits ---------------------------------------------------------------------
    def _resolve(self, reading: _Reading, first: int, last: int) -> Hit | None:
        if reading.title is not None and reading.country is not None:
            return self._titled(reading.country, reading.title, first, last)
        names = [e for e in reading.phrases if e.kind == "name"]
        if names:
            return self._named(names, first, last)
        entry = reading.phrases[0]
        if entry.kind in ("capital", "institution") and entry.entity is not None:
            if names_a_place(
                self.tokens,
                self.text,
                first,
                last,
                titlecase=self.titlecase,
                covered=self._covered,
                places=self._places,
            ):
                self._places.add(last)
                return None
            score = 90.0 if self.tokens[last].possessive else 85.0
            return Hit(first, last, entry.entity, "metonym", score, "metonym")
        if entry.kind == "office" and entry.scope and entry.role:
            return self._office(entry.scope, entry.role, first, last)
        if entry.kind == "person_noun" and entry.scope:
            if entry.adjective and not self._stands_alone(first, last):
                return None
            return self._person_of(entry.scope, first, last)
        return None  # an ignored phrase

    def _named(self, entries: list[Phrase], first: int, last: int) -> Hit | None:
        entities = list(dict.fromkeys(e.entity for e in entries if e.entity is not None))
        entity = entities[0] if len(entities) == 1 else self._from_context(entities)
        if entity is None:
            return None
        mine = [e for e in entries if e.entity == entity]
        written = self.text[self.tokens[first].start : self.tokens[last].end]
        partial = any(e.partial for e in mine)
        if written == entity.name:
            return Hit(first, last, entity, "exact", 100.0, "name")
        return Hit(first, last, entity, "alias", 90.0 if partial else 95.0, "name", None, partial)

    def _from_context(self, entities: list[Entity]) -> Entity | None:
        recent = [h.entity for h in reversed(self.hits)] + self.context + self.background
        found = next((e for e in recent if e in entities), None)
        if found is not None:
            return found
        # A surname two people share: the only one of them in office on the day, if any.
        in_office = [e for e in entities if e.office_on(self.day) is not None]
        return in_office[0] if len(in_office) == 1 else None

    def _titled(self, country: str, title: Title, first: int, last: int) -> Hit | None:
        if title.kind == "state":
            entity = self.index.entities[country]
            return Hit(first, last, entity, "demonym", 85.0, "state", country)
        if title.kind == "person":
            return self._person_of(country, first, last)
        role = title.role_for(country)
        return self._office(country, role, first, last) if role else None

    def _office(self, scope: str, role: str, first: int, last: int) -> Hit | None:
        before = self._word_before(first)
        if before in OTHER_TIME:
            # "the former Dutch prime minister" is not the one in office, but may be someone
            # the article or the day's race already names who held it.
            return self._former(scope, role, first, last) if before == "former" else None
        holder = None if before in INDEFINITE else self.index.holder(scope, role, self.day)
        if holder is not None:
            return Hit(first, last, holder, "descriptor", 90.0, "office", scope, role=role)
        entity = self.index.entities[scope]  # the office, but nobody we know holds it then
        how: MentionHow = "demonym" if entity.kind == "country" else "descriptor"
        return Hit(first, last, entity, how, 75.0, "state", scope, role=role)

    def _former(self, scope: str, role: str, first: int, last: int) -> Hit | None:
        recent = [h.entity for h in reversed(self.hits)] + self.context + self.background
        for entity in recent:
            held = [o for o in entity.offices if o.of == scope and o.role == role]
            if entity.kind == "person" and any(o.start and o.start < self.day for o in held):
                return Hit(first, last, entity, "descriptor", 80.0, "office", scope, role=role)
        return None

    def _person_of(self, country: str, first: int, last: int) -> Hit | None:
        if self._word_before(first) in _NOT_THE_PERSON:
            return None
        recent = [h.entity for h in reversed(self.hits)] + self.context
        for entity in recent:
            if entity.kind == "person" and entity.country == country:
                return Hit(first, last, entity, "descriptor", 85.0, "person_noun", country)
        for entity in self.background:  # "the Dane": the Danish contender of the day
            if entity.country == country and self._names_a_contender(last):
                return Hit(first, last, entity, "descriptor", 80.0, "person_noun", country)
        holder = self.index.holder(country, self.index.leaders[country], self.day)
        if holder is None:
            return None
        return Hit(first, last, holder, "descriptor", 75.0, "person_noun", country)

    def _names_a_contender(self, last: int) -> bool:
        # "the Dane", "the Danish candidate"; "the Danish leader" is the office's holder.
        return self.tokens[last].key not in ("leader", "politician", "statesman", "stateswoman")

    # --- context words ------------------------------------------------------------------------
    def _word_before(self, first: int) -> str:
        at = previous_index(self.tokens, first, skip_the=False)
        return self.tokens[at].key if at is not None else ""

    def _stands_alone(self, first: int, last: int) -> bool:
        # "the Estonian said" or "the Estonian's bid" is a person; "the Estonian proposal" not.
        if self._word_before(first) != "the":
            return False
        if self.tokens[last].possessive or last + 1 >= len(self.tokens):
            return True
        gap = self.text[self.tokens[last].end : self.tokens[last + 1].start]
        after = self.tokens[last + 1]
        # "the Belgian ruled herself out": a past tense cannot follow an adjective either.
        past_tense = not after.capitalised and after.raw.isalpha() and after.key.endswith("ed")
        return (
            bool(gap.strip())
            or after.key in SPEECH_VERBS
            or after.key in AFTER_A_NOUN
            or past_tense
        )

    def sentence_start(self, i: int) -> bool:
        """Whether token i opens the sentence or a quote."""
        return sentence_start(self.tokens, self.text, i)

    @property
    def titlecase(self) -> bool:
        """Whether the text is a headline in Title Case (capitals then say nothing)."""
        if self._titlecase is None:
            words = [t for t in self.tokens if t.raw.isalpha() and len(t.raw) >= 4]
            self._titlecase = len(words) >= 3 and all(t.capitalised for t in words)
        return self._titlecase

    def _covered(self, i: int) -> bool:
        return any(h.first <= i <= h.last for h in self.hits)

    # --- after the pass -----------------------------------------------------------------------
    def _fuzzy_pass(self) -> None:
        assert self.fuzzy is not None
        lowercase = {t.key for t in self.tokens if not t.capitalised}
        contenders = self.fuzzy.people_index(self.given_background)
        known = _AnyOf({h.entity for h in self.hits}, set(self.context), contenders.members)
        # People the article or the day's race already names: a misspelt surname they share
        # with someone else is still theirs.
        people_known = [e for e in self.context if e.kind == "person"]
        for i, token in enumerate(self.tokens):
            if (
                not token.capitalised
                or token.acronym
                or not token.raw.isalpha()
                or token.key in lowercase
                or (token.key,) in self.index.adjectives
                or self._covered(i)
                or self._before_a_surname(i)
            ):
                continue
            found = self.fuzzy.match(token.key, known) or self.fuzzy.match_among(
                token.key, people_known, contenders
            )
            if found is not None:
                entity, score = found
                self.hits.append(Hit(i, i, entity, "fuzzy", score, "fuzzy", None, True))
        self.hits.sort(key=lambda h: h.first)

    def _before_a_surname(self, i: int) -> bool:
        # "Michael Kappeler": a first name of someone else, not a misspelt "Michel".
        if i + 1 >= len(self.tokens) or self.titlecase:
            return False
        nxt = self.tokens[i + 1]
        gap = self.text[self.tokens[i].end : nxt.start]
        return gap == " " and nxt.capitalised and nxt.raw.isalpha()

    def _first_names(self) -> None:
        """Extend a surname by a first name spelt a little differently ("Kai Kallas"); drop a
        surname that follows someone else's first name ("James Cameron")."""
        kept: list[Hit] = []
        for hit in self.hits:
            before = self.tokens[hit.first - 1] if hit.first > 0 else None
            if not hit.partial or before is None or hit.entity.kind != "person":
                kept.append(hit)
                continue
            gap = self.text[before.end : self.tokens[hit.first].start]
            loose = (
                self.titlecase  # in a headline every word is capitalised
                or gap != " "
                or not before.capitalised
                or not before.raw.isalpha()
                or len(before.raw) < 2
                or before.key in TITLE_WORDS
                or before.key in NOT_NAME_STARTS
                or (before.key,) in self.index.adjectives
                or self._covered(hit.first - 1)
            )
            if loose:
                kept.append(hit)
                continue
            given = self.index.first_name(hit.entity)
            similarity = 0.0
            if given and given[0] == before.key[0]:
                # Jaro-Winkler favours a shared beginning: "Kai" is Kaja, "Hannu" Hanno.
                from rapidfuzz.distance import JaroWinkler

                similarity = 100 * JaroWinkler.similarity(before.key, given)
            if similarity >= 77:
                how: MentionHow = "alias" if similarity == 100 and hit.how != "fuzzy" else "fuzzy"
                score = min(hit.score, max(similarity, 80.0))
                kept.append(replace(hit, first=hit.first - 1, how=how, score=score, partial=False))
            elif self.sentence_start(hit.first - 1):
                kept.append(hit)  # "Yesterday Rutte said": a capital that says nothing
        self.hits = kept

    def _unknown_names_after_titles(self) -> None:
        """ "the German government spokesperson Wolfgang Büchner": not the spokesperson we
        know, but still the state speaking."""
        for n, hit in enumerate(self.hits):
            if hit.kind != "office" or hit.scope is None or self.titlecase:
                continue
            after = self.tokens[hit.last + 1 : hit.last + 3]
            if len(after) < 2 or any(self._covered(hit.last + 1 + k) for k in range(2)):
                continue
            gap = self.text[self.tokens[hit.last].end : after[0].start]
            if (
                _JOIN_GAP.fullmatch(gap)
                and all(t.capitalised and t.raw.isalpha() for t in after)
                and after[0].key not in NOT_NAME_STARTS
            ):
                entity = self.index.entities[hit.scope]
                how: MentionHow = "demonym" if entity.kind == "country" else "descriptor"
                self.hits[n] = replace(hit, entity=entity, how=how, score=75.0, kind="state")

    def _merged(self) -> list[Hit]:
        """A descriptor right before the person it describes joins that person's mention."""
        merged: list[Hit] = []
        for hit in self.hits:
            last = merged[-1] if merged else None
            if last is not None and self._describes(last, hit):
                # The name keeps what its descriptor said ("Danish Prime Minister …").
                merged[-1] = replace(hit, first=last.first, scope=last.scope, role=last.role)
            else:
                merged.append(hit)
        return merged

    def _describes(self, title: Hit, name: Hit) -> bool:
        if (
            title.kind not in ("office", "state", "person_noun")
            or title.scope is None
            or name.entity.kind != "person"
            or name.kind not in ("name", "fuzzy")
            or not _serves(name.entity, title.scope)
        ):
            return False
        gap = self.text[self.tokens[title.last].end : self.tokens[name.first].start]
        if not _JOIN_GAP.fullmatch(gap):
            return False
        # After a comma the name may start a list ("the German chancellor, Baerbock and ..."):
        # join only when the title named that very person, or no one in particular.
        return "," not in gap or title.entity == name.entity or title.entity.kind != "person"


def _serves(person: Entity, scope: str) -> bool:
    return person.country == scope or any(office.of == scope for office in person.offices)
