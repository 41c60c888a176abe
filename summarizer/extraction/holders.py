"""Who holds a stance: countries, capitals as actors, leaders and spokespeople, group names,
pronouns taking up a subject, the speaker of an evaluation. People in no office, NATO's own
officials and the candidates of the sentence hold none."""

from __future__ import annotations

import re

from summarizer.entities.alliance import bundled_alliance, group_pattern
from summarizer.entities.resolver import Mention
from summarizer.extraction.clauses import find_clause_end, find_clause_start
from summarizer.extraction.context_cues import AGGREGATE, ANAPHORIC_HOLDERS, SPEAKER
from summarizer.extraction.memory import ReaderState, within

# Bodies that frame the race rather than take sides in it.
NEUTRAL_BODIES = frozenset({"NATO"})
_FIRST_PERSON = re.compile(r"\b(?:(?i:we|our|us|my)|I)\b")
_LIST_GAP = re.compile(
    r"^(?:\s*(?:,|and|as\s+well\s+as|&|the|both|together\s+with|along\s+with|plus|its|their)\s*)*$",
    re.IGNORECASE,
)
_PERSON_SUBJECT = re.compile(r"\b(?:which|whom|that)\s+(?:he|she)\s+(?:\w+\s+){0,2}$", re.I)
_RELATIVE = re.compile(r",\s+(?:which|who|whose)\b", re.IGNORECASE)
_PRONOUN_HOLDER = re.compile(
    r"^\s*(?:they|it|both|the\s+government|(?:its|his|her|their)\s+government)\b", re.IGNORECASE
)
_OUTLET_AFTER = re.compile(
    r"\s+(?:Insider|Times|Post|News|Today|Herald|Journal|Daily|Review|Radio|Television|TV|Monitor|"
    r"Observer|Tribune|Gazette|Chronicle|Independent|Express|Telegraph|Mail|Standard|Pravda|"
    r"Broadcasting|Public\s+Broadcasting)\b"
)
# "talks with EU leaders", "a visit to Romania": a name in a prepositional phrase says nothing.
_IN_A_PHRASE = re.compile(
    r"\b(?:with|for|to|from|in|at|against|about|over|into|between)\s+(?:the\s+)?$", re.IGNORECASE
)
_NOT_GOVERNMENT_AFTER = re.compile(
    r"\s+(?:opposition|opposition\s+\w+|polls?|pollsters?|press|media|newspapers?|voters|public|"
    r"parliamentarians|lawmakers|MPs|analysts|commentators|columnists|think\s+tanks?|"
    r"academics?|experts?|citizens|people)\b",
    re.IGNORECASE,
)
_GOVERNMENT = re.compile(r"\s*(?:the|its|his|her|their)\s+government\b", re.IGNORECASE)
_LEADING_IT = re.compile(r"\s*(?:it|the\s+government|its\s+government)\b", re.IGNORECASE)
_REPORTING_VERB = re.compile(
    r"\b(?:said|say|says|announced|confirmed|stated|declared|agreed|told\s+\w+)\b",
    re.IGNORECASE,
)
_REPORTING_THAT = re.compile(
    r"\b(?:said|say|says|saying|announced|confirmed|stated|declared|told\s+\w+|telling\s+\w+|"
    r"made\s+clear)\b(?:\s+(?:on|in|late|early|last|this|at)\s+\w+)?(?:\s+\w+day)?"
    r"(?:\s+(?:that|at\s+once\s+that))?\s*$",
    re.IGNORECASE,
)


class HolderReading(ReaderState):
    """The holder side of a sentence reader."""

    def _holder_of(self, mention: Mention, candidate: str | None) -> tuple[str, str] | None:
        entity = mention.entity
        if _OUTLET_AFTER.match(self.text, mention.end):
            return None  # "Romania Insider reports": a newspaper, not a government
        if _NOT_GOVERNMENT_AFTER.match(self.text, mention.end):
            return None  # "the Danish opposition", "Dutch voters", "the German press"
        holder = entity.speaks_for(self.on)
        if entity.name == candidate or NEUTRAL_BODIES & {entity.name, holder}:
            return None  # NATO's own officials frame the race; they are not a side in it
        if entity.kind == "person" and holder == entity.name:
            return None  # a person in no office (a former minister, a pundit) holds no stance
        if entity.name in self._read_candidates:
            return None  # "Hungary refuses to back Rutte and supports X": Rutte is no subject
        return holder, mention.text

    def holders_in(self, start: int, end: int, candidate: str | None) -> list[tuple[str, str]]:
        """Holders named between two offsets; a group name ("the Baltic states") names each
        of its members."""
        found_at: list[tuple[int, str, str]] = []
        for mention in within(self.mentions, start, end):
            found = self._holder_of(mention, candidate)
            if found and found[0] != candidate:
                found_at.append((mention.start, *found))
        for match in group_pattern().finditer(self.masked, start, end):
            for member in bundled_alliance().group_members(match.group("group")):
                found_at.append((match.start(), member, match.group(0)))
        holders: dict[str, str] = {}
        for _, holder, text in sorted(found_at):
            holders.setdefault(holder, text)
        return list(holders.items())

    _holders_in = holders_in

    def nearest_holders(
        self, start: int, end: int, candidate: str | None, first: bool = False
    ) -> list[tuple[str, str]]:
        """The holders of a subject before a verb: the last run of names joined as a list
        ("the Netherlands spends too little, now says Estonia" gives Estonia only)."""
        spans: list[tuple[int, int, str, str]] = []
        for mention in within(self.mentions, start, end):
            found = self._holder_of(mention, candidate)
            if found and found[0] != candidate:
                spans.append((mention.start, mention.end, *found))
        for match in group_pattern().finditer(self.masked, start, end):
            for member in bundled_alliance().group_members(match.group("group")):
                spans.append((match.start(), match.end(), member, match.group(0)))
        spans.sort()
        run: list[tuple[int, int, str, str]] = []
        for span in spans:
            if run and not _LIST_GAP.match(self.masked[run[-1][1] : span[0]]):
                if first:
                    break
                run = []
            run.append(span)
        holders: dict[str, str] = {}
        for _, _, holder, text in run:
            holders.setdefault(holder, text)
        return list(holders.items())

    def _speaker(self, candidate: str | None) -> list[tuple[str, str]]:
        for match in SPEAKER.finditer(self.text):
            # The subject before the verb ("President Obama, in Brussels for talks with EU
            # leaders, said") first, then the names right around the verb.
            clause = find_clause_start(self.masked, match.start())
            subject = [
                m
                for m in self.mentions
                if clause <= m.start <= clause + 25 and m.end <= match.start()
            ]
            near = subject[:1] + [
                m
                for m in self.mentions
                if (abs(m.start - match.end()) <= 40 or 0 <= match.start() - m.end <= 30)
                and not _IN_A_PHRASE.search(self.masked, 0, m.start)
            ]
            holders = [
                h for m in near if (h := self._holder_of(m, candidate)) and h[0] != candidate
            ]
            if holders:
                return holders[:1]
        return []

    def resolve_holders(
        self, start: int, end: int, candidate: str | None, first: bool = False
    ) -> tuple[list[tuple[str, str]], str | None]:
        """Who holds a stance whose subject lies between two offsets (or a counted aggregate)."""
        zone = self.masked[start:end]
        if _PERSON_SUBJECT.search(zone):
            return [], None  # "a post the US had offered him, which he had rejected"
        holders = self.nearest_holders(start, end, candidate, first)
        if holders:
            return holders, None
        if re.match(r"\s*(?:who|which)\b", zone, re.IGNORECASE):
            before = [m for m in self.mentions if m.end <= start]
            if before and (found := self._holder_of(before[-1], candidate)):
                return [found], None
        speakers = self._reporting_clause(start, candidate) if _PRONOUN_HOLDER.match(zone) else None
        if speakers:
            return speakers, None  # "Finland and Sweden said that they support X"
        if speakers is not None and _GOVERNMENT.match(zone):
            # "Nicolae Ciucă said that the government stood behind the bid": a person who
            # speaks of "the government" speaks of their own country's, in office or not.
            country = self._speakers_country(start, candidate)
            if country:
                return [country], None
        if speakers is not None and not _LEADING_IT.match(zone):
            return [], None  # "an unnamed diplomat said they would not block him": nobody named
        relative = re.search(r",\s+(?:who|which)\s*$", self.masked[:start])
        if relative:  # "Merkel, who had championed him"; "London and Paris, which had …"
            head = find_clause_start(self.masked, relative.start())
            named = self.nearest_holders(head, relative.start(), candidate)
            if named:
                return named, None
        if _PRONOUN_HOLDER.match(zone) and start > 0:
            # "Canada would have liked more choice, a source said, but it will not oppose him":
            # the pronoun takes up the sentence's first subject.
            first_subject = self.nearest_holders(
                0, find_clause_end(self.masked, 0), candidate, True
            )
            if first_subject:
                single = re.match(r"\s*it\b", zone, re.IGNORECASE)
                return (first_subject[:1] if single else first_subject), None
        if ANAPHORIC_HOLDERS.search(zone) and self.memory.last_holders:
            return list(self.memory.last_holders), None
        aggregate = AGGREGATE.search(zone)
        if aggregate:
            return [], aggregate.group(0).strip()
        if _FIRST_PERSON.search(zone) or not zone.strip(" ,"):
            return self._speaker(candidate), None
        return [], None

    def _speakers_country(self, start: int, candidate: str | None) -> tuple[str, str] | None:
        match = _REPORTING_THAT.search(self.masked, 0, start)
        if match is None:
            return None
        clause = find_clause_start(self.masked, match.start())
        for mention in within(self.mentions, clause, match.start()):
            country = mention.entity.country
            if mention.entity.kind == "person" and country and mention.entity.name != candidate:
                return country, mention.text
        return None

    def reporting_holders_before(self, at: int, candidate: str | None) -> list[tuple[str, str]]:
        """Every holder of the last "X said" before `at` ("Norway, Sweden and Finland said
        Lykkegaard had their backing": all three)."""
        last = None
        for match in _REPORTING_VERB.finditer(self.masked, 0, at):
            last = match
        if last is None:
            return []
        clause = find_clause_start(self.masked, last.start())
        return self.holders_in(clause, last.start(), candidate)

    def _reporting_clause(self, start: int, candidate: str | None) -> list[tuple[str, str]] | None:
        # The holders of "X said (that)" right before `start`; None when no one is reported.
        match = _REPORTING_THAT.search(self.masked, 0, start)
        if match is None or self.masked[match.end() : start].strip():
            return None
        return self.holders_in(
            find_clause_start(self.masked, match.start()), match.start(), candidate
        )

    def _subject_start(self, clause_start: int, at: int) -> tuple[int, int]:
        # "France, which had hesitated while Spain's candidate ran, declared its support":
        # the subject is the name before the relative clause, not a name inside it.
        relative = None
        for match in _RELATIVE.finditer(self.masked, 0, at):
            relative = match
        if relative is None:
            return clause_start, at
        tail = self.masked[relative.end() : at]
        if "," not in tail:
            return clause_start, at
        last_comma = relative.end() + tail.rindex(",")
        if self.nearest_holders(last_comma, at, None):
            return clause_start, at
        return find_clause_start(self.masked, relative.start()), relative.start()
