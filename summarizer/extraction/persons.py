"""Who a stance is about: the candidate named by a cue, a pronoun, a descriptor or an
unknown name (an invented candidate the entity data does not know)."""

from __future__ import annotations

import re

from summarizer.entities.resolver import Entity, Mention
from summarizer.extraction.context_cues import CANDIDACY_REFERENCE
from summarizer.extraction.memory import CueHit, ReaderState, is_incumbent, within
from summarizer.extraction.modality import RACE_STEP
from summarizer.extraction.names import NOT_A_NAME, UPPER

_PRONOUN = re.compile(r"\b(?:he|she|him|her|his)\b", re.IGNORECASE)
_SPEAKS_AFTER = re.compile(
    r"\s*,?\s*(?:said|says|told|added|stressed|wrote|tweeted|insisted|declared)\b", re.IGNORECASE
)
# Between a backing verb and its person object: "endorsed Mark Rutte", "backs the outgoing
# Dutch leader", "would back her".
_OBJECT_GAP = re.compile(r"^\s*(?:[\w'’-]+\s+){0,4}$")
_OBJECT_NAME = re.compile(r"^\s*(?:him|her)\b", re.IGNORECASE)
# "backs Rutte's plan": the person's proposal, not the person.
# "backs Rutte's plan": the person's proposal, not the person; "Rutte's bid" is the person.
_NOT_CANDIDACY_AFTER = re.compile(
    r"^(?:'s|’s)\s+(?!(?:[\w-]+\s+){0,2}(?:bid|candidacy|candidature|nomination|campaign|"
    r"appointment)\b)",
    re.IGNORECASE,
)
_WORD = rf"[{UPPER}](?:[^\W\d_]|['’-])+"
# Up to four capitalised words ("Defence Minister Lucía Ferrer"); titles are stripped after.
_UNKNOWN_NAME = re.compile(
    rf"\b({_WORD}(?:\s+(?:van|von|der|de|den|di|da|la|le|del|dos))*(?:\s+{_WORD}){{1,3}})(?![\w'’-])"
)
# "the Obama administration's preferred candidate": a name used as an adjective.
_ADJECTIVAL_AFTER = re.compile(
    r"\s+(?:administration|government|cabinet|camp|team|aides?|officials?)\b", re.IGNORECASE
)
# "gave its consent after Obama offered guarantees": a name past these words is no object.
_IF = re.compile(r"\b(?:if|unless)\b", re.IGNORECASE)
_NOT_OBJECT = re.compile(
    r"\b(?:after|before|when|while|following|because|since|although|though|until|involving|"
    r"amid|once|whereas)\b",
    re.IGNORECASE,
)
# "Rutte's bid", "Kallas's candidacy": the person a race sentence is about.
_BID_AFTER = re.compile(
    r"(?:'s|’s)\s+(?:\w+\s+)?(?:bid|candidacy|candidature|nomination|campaign)\b", re.IGNORECASE
)
_SUCCEEDS = re.compile(
    r"\b(?:succeed|succeeds|replace|replaces|after|predecessor|from)\s+(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)


def _name_of(words: str) -> str | None:
    # "Defence Minister Lucía Ferrer" is Lucía Ferrer; "The Hague" and "Prime Minister" no one.
    parts = words.split()
    while parts and parts[0] in _NOT_A_NAME:
        parts.pop(0)
    if len(parts) < 2 or any(part in _NOT_A_NAME for part in parts):
        return None
    return " ".join(parts)


# Capitalised words that make a phrase a title, outlet or adjective rather than a name.
_NOT_A_NAME = NOT_A_NAME


class PersonReading(ReaderState):
    """The candidate side of a sentence reader."""

    def _speaking(self, mention: Mention) -> bool:
        # "…, Jens Stoltenberg said": the one who speaks is not the one spoken of.
        return bool(_SPEAKS_AFTER.match(self.masked, mention.end))

    def persons(self, start: int, end: int, speakers: bool = True) -> list[Mention]:
        """People named between two offsets, incumbents ("succeed Stoltenberg") left out;
        with `speakers` false, also those who speak ("…, Stoltenberg said")."""
        known_holders = self.resolver.knows_office_holders_on(self.on)
        return [
            m
            for m in within(self.mentions, start, end)
            if m.entity.kind == "person"
            and not is_incumbent(self.text, m)
            and (known_holders or m.how != "descriptor" or self.resolver.is_learned(m.entity.name))
            and (speakers or not self._speaking(m))
            and not _ADJECTIVAL_AFTER.match(self.masked, m.end)
        ]

    def entity_named(self, name: str) -> Entity | None:
        """The entity the data calls `name`, if any."""
        return self.resolver.entity(name)

    def unknown_person(self, start: int, end: int, force: bool = False) -> str | None:
        """A capitalised two-word name the entity data does not know, read as a person only
        in a sentence about the race (or when the caller has its own evidence: `force`)."""
        if not (self.race or force):
            return None
        for match in _UNKNOWN_NAME.finditer(self._blanked(), start, end):
            if _SUCCEEDS.search(self.text, 0, match.start()):
                continue  # "to succeed Henrik Lykkegaard": the incumbent
            name = _name_of(match.group(1))
            if name:
                return name
        return None

    def _blanked(self) -> str:
        # The sentence with known names blanked out ("Finnish Foreign Minister Aleksi
        # Rantanen" leaves the unknown "Aleksi Rantanen"), offsets kept.
        blanked = self.text
        for m in self.mentions:
            blanked = blanked[: m.start] + " " * (m.end - m.start) + blanked[m.end :]
        return blanked

    def object_name(self, start: int, end: int) -> str | None:
        """An unknown name right after a backing verb, read as the person backed
        ("endorsed Poland's Tomasz Wierzbicki", "backs Defence Minister Lucía Ferrer"), or a
        surname of an unknown person named earlier in the article."""
        for match in _UNKNOWN_NAME.finditer(self._blanked(), start, end):
            if not _OBJECT_GAP.match(self.text[start : match.start()]):
                break
            if _SUCCEEDS.search(self.text, 0, match.start()):
                continue
            name = _name_of(match.group(1))
            if name:
                return name
        word = re.match(rf"\s*([{UPPER}][\w'’-]+)\b", self.text[start:end])
        if word and word.group(1) in self.memory.surnames:
            return self.memory.surnames[word.group(1)]
        return None

    def _established_in_sentence(self, hit: CueHit) -> str | None:
        everyone = self.persons(0, len(self.text), speakers=False)
        persons = [m for m in everyone if m.entity.name in self.memory.established]
        if persons:
            return min(persons, key=lambda m: abs(m.start - hit.start)).entity.name
        # In a sentence about the race, the person it is about usually comes first ("… chose
        # Rasmussen after Turkey dropped its objections in talks with Obama").
        if not everyone or not self.race_wide:
            return None
        bidders = [m for m in everyone if _BID_AFTER.match(self.masked, m.end)]
        return (bidders or everyone)[0].entity.name

    def candidate_in(self, start: int, end: int, nearest: str, stance: bool = False) -> str | None:
        """The person a cue is about between two offsets: the first after it or the last
        before it, an unknown name as its object, or the one a pronoun takes up. For a
        stance (`stance`), a speaker is never the candidate and an unknown name only the
        object; a candidacy event may also find an unknown name further on."""
        persons = self.persons(start, end, speakers=not stance)
        if nearest == "first":  # the object, not a name in a later time or reason clause
            persons = [
                m
                for m in persons
                if not _NOT_OBJECT.search(self.masked, start, m.start)
                and not self._names_a_race_step(start, m)
            ]
        if persons:
            chosen = persons[0] if nearest == "first" else persons[-1]
            return chosen.entity.name
        # An unknown name as the object ("backs Marta Quintela"), before any pronoun further
        # on ("put forward Lucía Ferrer, with Italy saying they would back her").
        named = self.object_name(start, end) if nearest == "first" else None
        if named:
            return named
        zone = self.masked[start:end]
        if CANDIDACY_REFERENCE.search(zone) or _PRONOUN.search(zone):
            return self.memory.focus or self._earlier_person(start)
        if stance and nearest == "first":
            return None
        return self.unknown_person(start, end)

    def _names_a_race_step(self, start: int, mention: Mention) -> bool:
        # "would drop their resistance if Iohannis withdrew": the person of a condition that is
        # a step of the race is not the object; "only if Stoltenberg commits to …" is.
        condition = _IF.search(self.masked, start, mention.start)
        return condition is not None and bool(
            RACE_STEP.search(self.masked, mention.end, mention.end + 25)
        )

    def _earlier_person(self, before: int) -> str | None:
        # "Spain put forward Lucía Ferrer, with Italy saying they would back her": a pronoun
        # takes up a person named earlier in the sentence, else earlier in the article.
        persons = [m.entity.name for m in self.persons(0, before, speakers=False)]
        if not persons:
            named = [
                name
                for match in _UNKNOWN_NAME.finditer(self.text, 0, before)
                if (name := _name_of(match.group(1)))
                and not any(match.start() < m.end and m.start < match.end() for m in self.mentions)
            ]
            persons = named if self.race_wide else []
        if persons:
            return persons[-1]
        people = self.memory.article_people
        return people[0] if people else None

    def _named_object(self, start: int, end: int, candidate: str) -> bool:
        persons = [m for m in self.persons(start, end) if m.entity.name == candidate]
        if not persons:
            return bool(_OBJECT_NAME.match(self.masked[start:end]))
        mention = persons[0]
        entity = mention.entity
        if entity.kind != "person" or _NOT_CANDIDACY_AFTER.match(self.masked[mention.end :]):
            return False
        return not self.masked[start : mention.start].strip() or bool(
            _OBJECT_GAP.match(self.masked[start : mention.start])
        )
