"""Rule-based claim extraction: who backs or opposes whom, candidacy events, milestones.

Works sentence by sentence with a little article memory (who was mentioned, which candidate
is in focus, who held the last stance) so that "this candidacy", "both countries" and
"a similar statement" resolve. The entity data says only who is who; every stance comes
from the wording of the sentence (summarizer/extraction/cues.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from records.claims import ExtractedClaim, Stance
from summarizer.entities.alliance import bundled_alliance, group_pattern
from summarizer.entities.resolver import Entity, EntityResolver, Mention
from summarizer.extraction.claim_dates import claim_date
from summarizer.extraction.clauses import find_clause_end, find_clause_start
from summarizer.extraction.cues import (
    ACADEMIC_TITLE,
    AGGREGATE,
    ANAPHORIC_HOLDERS,
    CANDIDACY_REFERENCE,
    HEDGED,
    RACE_CONTEXT,
    REPORTED,
    SPEAKER,
    STANCE_CUES,
    Cue,
)
from summarizer.extraction.event_cues import CANDIDACY_CUES
from summarizer.extraction.events import candidacy_claims
from summarizer.extraction.groups import group_claims
from summarizer.extraction.modality import is_question, read_modality
from summarizer.text.injection import looks_like_instruction
from summarizer.text.wording import balanced

EXTRACTOR = "rules-1"
# Bodies that frame the race rather than take sides in it.
NEUTRAL_BODIES = frozenset({"NATO"})
# "current" marks the incumbent only next to the office: "the current Dutch Prime Minister,
# Mark Rutte" is a candidate, "the current Secretary General, Jens Stoltenberg" is not.
_INCUMBENT = re.compile(
    r"(?:(?:succeed|replace|predecessor|term\s+of|its\s+secretary[- ]general)\W+(?:\w+\W+){0,6}"
    r"|(?:current|outgoing|incumbent|departing)\s+(?:NATO\s+|alliance\s+)?"
    r"(?:secretary[- ]general|chief|head|leader)\W+(?:\w+\W+){0,2})$",
    re.IGNORECASE,
)
_INCUMBENT_AFTER = re.compile(
    r"^(?:'s|’s)\s+(?:term|position|post|seat|job|successor|mandate)", re.IGNORECASE
)
_DENIAL = re.compile(r"\b(?:neither|nor|much\s+less|let\s+alone)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:(?i:we|our|us|my)|I)\b")
_PRONOUN = re.compile(r"\b(?:he|she|him|her|his)\b", re.IGNORECASE)
_SIMILAR = re.compile(
    r"\b(?:similar\s+(?:statement|position|stance|view|declaration|message)|likewise|"
    r"followed\s+suit|did\s+the\s+same|echoed\s+(?:this|that|the\s+(?:call|support)))\b",
    re.IGNORECASE,
)
_TERM_END = re.compile(
    r"\b(?:(?:conclude|end|finish|complete)[sd]?\s+(?:his|her)\s+(?:term|tenure|mandate)|"
    r"(?:term|tenure|mandate)\s+(?:ends|expires|runs\s+out|is\s+set\s+to\s+end)|step(?:s|ping)?\s+down)\b",
    re.IGNORECASE,
)
_SUMMIT = re.compile(r"\b(?:(?:NATO|anniversary|alliance)\s+)?summit\b", re.IGNORECASE)
_SUMMIT_PLACE = re.compile(r"\bsummit\s+in\s+([A-Z][a-z]+)|\b([A-Z][a-z]+)\s+summit\b")
_LIST_GAP = re.compile(
    r"^(?:\s*(?:,|and|as\s+well\s+as|&|the|both|together\s+with|along\s+with|plus|its|their)\s*)*$",
    re.IGNORECASE,
)
_NOT_NOMINATED = re.compile(
    r"\b(?:not|n't|never|no)\s+(?:yet\s+)?(?:formally\s+|officially\s+)?(?:nominat|put\s+forward|"
    r"propos|formal\s+nomination)",
    re.IGNORECASE,
)
_SPEAKS_AFTER = re.compile(
    r"\s*(?:said|says|told|added|stressed|wrote|tweeted|insisted|declared)\b", re.IGNORECASE
)
_CONTRAST = re.compile(
    r"\b(?:rather\s+than|instead\s+of|in\s+preference\s+to|and\s+not)\s+(?:to\s+|for\s+)?",
    re.IGNORECASE,
)
_PERSON_SUBJECT = re.compile(r"\b(?:which|whom|that)\s+(?:he|she)\s+(?:\w+\s+){0,2}$", re.I)
_RELATIVE = re.compile(r",\s+(?:which|who|whose)\b", re.IGNORECASE)
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
_UNKNOWN_NAME = re.compile(
    r"\b([A-Z][a-zà-ÿ'’-]+(?:\s+(?:van|von|der|de|den|di|da|la|le)){0,2}\s+[A-Z][a-zà-ÿ'’-]+)\b"
)


# Capitalised words that make a phrase a title, outlet or adjective rather than a name.
_NOT_A_NAME = frozenset(
    "The A An NATO Secretary General Prime Minister President Chancellor Foreign Defense "
    "Defence European Union Commission Council Parliament Der Die Das Welt Am Sonntag Spiegel "
    "Dutch German French British American Turkish Hungarian Romanian Estonian Latvian "
    "Lithuanian Polish Italian Spanish Canadian Swedish Finnish Norwegian Danish Greek "
    "Western Eastern Northern Southern North South East West Atlantic Alliance Treaty "
    "Organization Office House Ministry Government Summit Times Post News Press Agency "
    "Reuters Politico Associated Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "January February March April May June July August September October November December".split()
)


@dataclass
class _ArticleMemory:
    """What earlier sentences of the same article established."""

    on: date | None
    context: list[Entity] = field(default_factory=list)
    focus: str | None = None
    established: set[str] = field(default_factory=set)
    last_holders: list[tuple[str, str]] = field(default_factory=list)
    last_stance_claims: list[ExtractedClaim] = field(default_factory=list)
    in_race: bool = False  # some sentence so far was about the race
    headline_people: set[str] = field(default_factory=set)
    article_people: list[str] = field(default_factory=list)  # persons in order of mention
    surnames: dict[str, str] = field(default_factory=dict)  # of unknown people named in full


@dataclass(frozen=True)
class CueHit:
    cue: Cue
    start: int
    end: int


def _masked(text: str) -> str:
    # Blank academic titles out so "Candidate of Political Sciences" is not a candidacy,
    # keeping offsets aligned with the original sentence.
    return ACADEMIC_TITLE.sub(lambda m: " " * len(m.group(0)), text)


def _cue_hits(text: str) -> list[CueHit]:
    taken: list[tuple[int, int]] = []
    hits = []
    for cue in (*STANCE_CUES, *CANDIDACY_CUES):
        for match in cue.pattern.finditer(text):
            span = (match.start(), match.end())
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            taken.append(span)
            hits.append(CueHit(cue, *span))
    return sorted(hits, key=lambda hit: hit.start)


_PRONOUN_HOLDER = re.compile(
    r"^\s*(?:they|it|both|the\s+government|(?:its|his|her|their)\s+government)\b", re.IGNORECASE
)
_REPORTING_THAT = re.compile(
    r"\b(?:said|say|says|saying|announced|confirmed|stated|declared|told\s+\w+|telling\s+\w+|"
    r"made\s+clear)\b(?:\s+(?:on|in|late|early|last|this|at)\s+\w+)?(?:\s+\w+day)?"
    r"(?:\s+(?:that|at\s+once\s+that))?\s*$",
    re.IGNORECASE,
)


def _within(mentions: Sequence[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if m.start >= start and m.end <= end]


def _is_incumbent(text: str, mention: Mention) -> bool:
    before = text[max(0, mention.start - 60) : mention.start]
    return bool(_INCUMBENT.search(before) or _INCUMBENT_AFTER.match(text[mention.end :]))


class SentenceReader:
    """Reads one sentence against the article memory."""

    def __init__(self, idx: int, text: str, memory: _ArticleMemory, resolver: EntityResolver):
        self.idx = idx
        self.text = text
        self.masked = _masked(text)
        self.memory = memory
        self.on = memory.on
        self.resolver = resolver
        self.mentions = resolver.find_mentions(text, on=memory.on, context=list(memory.context))
        self.race = bool(RACE_CONTEXT.search(self.masked))
        self.asked = is_question(text)
        self.member_names = bundled_alliance().members_on(memory.on)
        self._past: set[int] = set()  # readings under "which had …": ended if superseded
        self._group_candidate: str | None = None  # the candidate of a holdout statement
        self._read_candidates: set[str] = set()  # candidates of readings so far
        self.reported = bool(REPORTED.search(text))
        self.hedged = bool(HEDGED.search(text))

    # --- who is the candidate -------------------------------------------------------------
    def _speaking(self, mention: Mention) -> bool:
        # "…, Jens Stoltenberg said": the one who speaks is not the one spoken of.
        return bool(_SPEAKS_AFTER.match(self.masked, mention.end))

    def persons(self, start: int, end: int) -> list[Mention]:
        """People named between two offsets, incumbents ("succeed Stoltenberg") left out."""
        known_holders = self.resolver.knows_office_holders_on(self.on)
        return [
            m
            for m in _within(self.mentions, start, end)
            if m.entity.kind == "person"
            and not _is_incumbent(self.text, m)
            and (known_holders or m.how not in ("descriptor",))
            and not self._speaking(m)
        ]

    def entity_named(self, name: str) -> Entity | None:
        """The entity the data calls `name`, if any."""
        return self.resolver.entity(name)

    def unknown_person(self, start: int, end: int, force: bool = False) -> str | None:
        """A capitalised two-word name the entity data does not know, read as a person only
        in a sentence about the race (or when the caller has its own evidence: `force`)."""
        if not (self.race or force):
            return None
        known = [(m.start, m.end) for m in self.mentions]
        for match in _UNKNOWN_NAME.finditer(self.text, start, end):
            if any(match.start() < e and s < match.end() for s, e in known):
                continue
            if set(match.group(1).split()) & _NOT_A_NAME:
                continue
            return match.group(1)
        return None

    def object_name(self, start: int, end: int) -> str | None:
        """An unknown name right after a backing verb, read as the person backed
        ("endorsed Poland's Tomasz Wierzbicki", "backs Defence Minister Lucía Ferrer"), or a
        surname of an unknown person named earlier in the article."""
        blanked = self.text
        for m in self.mentions:  # known names are not unknown ones: blank them out
            blanked = blanked[: m.start] + " " * (m.end - m.start) + blanked[m.end :]
        for match in _UNKNOWN_NAME.finditer(blanked, start, end):
            if not _OBJECT_GAP.match(self.text[start : match.start()]):
                break
            if set(match.group(1).split()) & _NOT_A_NAME:
                continue
            return match.group(1)
        word = re.match(r"\s*([A-Z][\w'’-]+)\b", self.text[start:end])
        if word and word.group(1) in self.memory.surnames:
            return self.memory.surnames[word.group(1)]
        return None

    def _established_in_sentence(self, hit: CueHit) -> str | None:
        everyone = self.persons(0, len(self.text))
        persons = [m for m in everyone if m.entity.name in self.memory.established]
        if not persons and self.race:
            persons = everyone
        if not persons:
            return None
        return min(persons, key=lambda m: abs(m.start - hit.start)).entity.name

    def candidate_in(self, start: int, end: int, nearest: str) -> str | None:
        persons = self.persons(start, end)
        if persons:
            chosen = persons[0] if nearest == "first" else persons[-1]
            return chosen.entity.name
        zone = self.masked[start:end]
        if CANDIDACY_REFERENCE.search(zone) or _PRONOUN.search(zone):
            return self.memory.focus or self._earlier_person(start)
        if nearest == "first" and (named := self.object_name(start, end)):
            return named
        return self.unknown_person(start, end)

    def _earlier_person(self, before: int) -> str | None:
        # "Spain put forward Lucía Ferrer, with Italy saying they would back her": a pronoun
        # takes up a person named earlier in the sentence, else earlier in the article.
        persons = [m.entity.name for m in self.persons(0, before)]
        if not persons:
            named = [
                match.group(1)
                for match in _UNKNOWN_NAME.finditer(self.text, 0, before)
                if not set(match.group(1).split()) & _NOT_A_NAME
                and not any(match.start() < m.end and m.start < match.end() for m in self.mentions)
            ]
            persons = named if self.race else []
        if persons:
            return persons[-1]
        people = self.memory.article_people
        return people[0] if people else None

    # --- who holds the stance --------------------------------------------------------------
    def _holder_of(self, mention: Mention, candidate: str | None) -> tuple[str, str] | None:
        entity = mention.entity
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
        for mention in _within(self.mentions, start, end):
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
        for mention in _within(self.mentions, start, end):
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
            subject = [m for m in self.mentions if clause <= m.start and m.end <= match.start()]
            near = subject[:1] + [
                m
                for m in self.mentions
                if abs(m.start - match.end()) <= 40 or 0 <= match.start() - m.end <= 30
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
        if _PRONOUN_HOLDER.match(zone) and (speakers := self._reporting_clause(start, candidate)):
            return speakers, None  # "Finland and Sweden said that they support X"
        if re.search(r",\s+(?:who|which)\s*$", self.masked[:start]):
            before = [m for m in self.mentions if m.end <= start]
            if before and (found := self._holder_of(before[-1], candidate)):
                return [found], None  # "Merkel, who had championed him"
        if _PRONOUN_HOLDER.match(zone) and start > 0:
            # "Canada would have liked more choice, a source said, but it will not oppose him":
            # the pronoun takes up the sentence's first subject.
            subject = self.nearest_holders(0, find_clause_end(self.masked, 0), candidate, True)
            if subject:
                single = re.match(r"\s*it\b", zone, re.IGNORECASE)
                return (subject[:1] if single else subject), None
        if ANAPHORIC_HOLDERS.search(zone) and self.memory.last_holders:
            return list(self.memory.last_holders), None
        aggregate = AGGREGATE.search(zone)
        if aggregate:
            return [], aggregate.group(0).strip()
        if _FIRST_PERSON.search(zone) or not zone.strip(" ,"):
            return self._speaker(candidate), None
        return [], None

    def _known_contender(self, name: str) -> bool:
        # Named in a race sentence before, or named in the headline of an article that is
        # about the race ("Budapest comes round to Kallas" … "Hungary dropped its objections
        # to Kaja Kallas").
        memory = self.memory
        return name in memory.established or (memory.in_race and name in memory.headline_people)

    def _reporting_clause(self, start: int, candidate: str | None) -> list[tuple[str, str]]:
        match = _REPORTING_THAT.search(self.masked, 0, start)
        if match is None or self.masked[match.end() : start].strip():
            return []
        return self._holders_in(
            find_clause_start(self.masked, match.start()), match.start(), candidate
        )

    # --- claims ----------------------------------------------------------------------------
    def base(self, hit: CueHit) -> ExtractedClaim:
        day, from_text = claim_date(self.text, hit.start, self.on)
        return ExtractedClaim(
            sentence_idx=self.idx,
            kind="stance",
            event_date=day,
            date_from_text=from_text,
            reported=self.reported,
            hedged=self.hedged,
        )

    def base_at(self, start: int) -> ExtractedClaim:
        """A stance claim of this sentence dated as the text around `start` says."""
        day, from_text = claim_date(self.text, start, self.on)
        return ExtractedClaim(
            sentence_idx=self.idx,
            kind="stance",
            event_date=day,
            date_from_text=from_text,
            reported=self.reported,
            hedged=self.hedged,
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

    def _stance_claims(self, hit: CueHit) -> list[ExtractedClaim]:
        before = self.masked[: hit.start]
        if hit.cue.voice == "evaluative" and _DENIAL.search(before):
            return []  # "neither X nor Y explained why Z is the best candidate" praises no one
        stance: Stance = hit.cue.stance or "supports"
        if hit.cue.name == "support-verb" and re.search(
            r"\b(?:not|n't|never|cannot)\s+(?:\w+\s+)?$", before
        ):
            stance = "opposes"
        clause_start = find_clause_start(self.masked, hit.start)
        clause_end = find_clause_end(self.masked, hit.end)
        reading = read_modality(
            self.masked,
            clause_start,
            hit.start,
            hit.end,
            stance,
            reversal=hit.cue.name in ("reversal", "no-longer-opposes"),
            countries_at=[m.start for m in self.mentions if m.entity.kind == "country"],
        )
        stance = reading.stance
        if hit.cue.voice == "passive":
            candidate = self.candidate_in(clause_start, hit.start, "last") or self.memory.focus
            holders, aggregate = self.resolve_holders(hit.end, clause_end, candidate, first=True)
        elif hit.cue.voice == "evaluative":
            candidate = self.candidate_in(clause_start, hit.start, "last") or self.memory.focus
            holders = self._speaker(candidate) or list(self.memory.last_holders)
            aggregate = None
        else:
            candidate = self.candidate_in(hit.end, clause_end, "first")
            if candidate is None:  # "belong to Rutte's camp": the candidate is inside the cue
                persons = self.persons(hit.start, hit.end)
                candidate = persons[0].entity.name if persons else None
            if candidate is None and (self.race or stance != "supports"):
                # A candidate named elsewhere in this sentence beats the article's focus.
                candidate = self._established_in_sentence(hit) or self.memory.focus
            candidate = candidate or self._group_candidate
            subject_start, subject_end = self._subject_start(clause_start, hit.start)
            holders, aggregate = self.resolve_holders(subject_start, subject_end, candidate)
        named = self.persons(hit.end, clause_end) if hit.cue.voice == "active" else []
        if hit.cue.voice != "active":
            named = self.persons(clause_start, hit.start)
        if candidate and holders and not named:
            candidate = self._not_the_holders_own(candidate, {h for h, _ in holders}, hit)
        if candidate is None or not self._about_the_race(hit, candidate):
            return []
        base = replace(
            self.base(hit),
            candidate=candidate,
            stance=stance,
            grounds=self._grounds(hit, stance),
            polarity=reading.polarity,
            modality=reading.modality,
            aspect=reading.aspect,
        )
        if holders:
            self.memory.last_holders = holders
            self._read_candidates.add(candidate)
            if reading.modality == "stated":
                self.memory.established.add(candidate)
            claims = [replace(base, holder=h, holder_text=t) for h, t in holders]
            if stance == "supports" and reading.modality == "stated":
                claims += self._passed_over(base, holders, hit, clause_end)
            if reading.past_perfect:
                self._past.update(id(c) for c in claims)
            return claims
        if aggregate:
            return [replace(base, aggregate=aggregate, scope="tally")]
        return []

    def _passed_over(
        self, base: ExtractedClaim, holders: list[tuple[str, str]], hit: CueHit, end: int
    ) -> list[ExtractedClaim]:
        # "Hungary's vote would go to Iohannis rather than to the Dutch prime minister": the
        # one passed over is opposed.
        contrast = _CONTRAST.search(self.masked, hit.end, end)
        if contrast is None:
            return []
        persons = self.persons(contrast.end(), min(end, contrast.end() + 60))
        if not persons or persons[0].entity.name == base.candidate:
            return []
        other = persons[0].entity.name
        opposed = replace(base, candidate=other, stance="opposes")
        return [replace(opposed, holder=h, holder_text=t) for h, t in holders]

    def _not_the_holders_own(self, candidate: str, holders: set[str], hit: CueHit) -> str | None:
        # A candidate inferred from a pronoun or from the sentence is not the holder's own
        # spokesman ("Erdoğan said Turkey's view of his candidacy …" is about someone else).
        entity = self.entity_named(candidate)
        if entity is None or entity.speaks_for(self.on) not in holders:
            return candidate
        others = [
            m
            for m in self.persons(0, len(self.text))
            if m.entity.speaks_for(self.on) not in holders
        ]
        if others:
            return min(others, key=lambda m: abs(m.start - hit.start)).entity.name
        for name in [self.memory.focus, *self.memory.article_people]:
            other = self.entity_named(name) if name else None
            if name and (other is None or other.speaks_for(self.on) not in holders):
                return name
        return None

    def _about_the_race(self, hit: CueHit, candidate: str) -> bool:
        # A stance toward a candidacy: the sentence or article is about the race, or the
        # person is a contender already, or a backing verb takes the person as its object
        # ("both endorsed Mark Rutte", not "backs the plan" or "backs Rutte's proposal").
        if self.race or self._known_contender(candidate) or self.memory.in_race:
            return True
        if hit.cue.voice != "active":
            return hit.cue.voice == "passive" and self._named_object(0, hit.start, candidate)
        return self._named_object(hit.end, min(len(self.masked), hit.end + 60), candidate)

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

    def _grounds(self, hit: CueHit, stance: str) -> str | None:
        if stance == "supports":
            return None
        match = re.search(
            r"\b(?:because|due\s+to|over|citing|who\s+previously)\b\s*(.{5,100}?)(?:[,;.]|$)",
            self.text[hit.end :],
        )
        if match:
            return balanced(match.group(0).strip(" ,;."))
        if stance == "conditional":
            # "wants assurances on defence spending (before it backs …)": the condition itself.
            condition = re.match(
                r"(?:\s+[^\s,;.]+){0,8}?(?=\s+(?:before|until|unless|if|for|from|about)\b|[,;.]|$)",
                self.text[hit.end :],
            )
            tail = condition.group(0) if condition else ""
            return (self.text[hit.start : hit.end] + tail).strip()
        return None

    def _milestones(self) -> list[ExtractedClaim]:
        claims = []
        for pattern, describe in ((_TERM_END, self._term_end), (_SUMMIT, self._summit)):
            match = pattern.search(self.text)
            if not match:
                continue
            day, from_text = claim_date(self.text, match.start(), self.on)
            description = describe(match.start())
            if description and from_text and day:
                claims.append(
                    ExtractedClaim(
                        sentence_idx=self.idx,
                        kind="event",
                        event_date=day,
                        date_from_text=True,
                        description=description,
                        hedged=self.hedged,
                        reported=self.reported,
                    )
                )
        return claims

    def _term_end(self, at: int) -> str | None:
        # The person named nearest before "steps down" is the one leaving ("backing positions
        # Rutte to succeed Jens Stoltenberg, who is set to step down"); else the first after.
        persons = [m for m in self.mentions if m.entity.kind == "person"]
        before = [m for m in persons if m.end <= at]
        chosen = before[-1] if before else (persons[0] if persons else None)
        return f"{chosen.entity.name}'s term ends" if chosen else None

    def _summit(self, at: int) -> str:
        place = _SUMMIT_PLACE.search(self.text)
        where = next((g for g in place.groups() if g), None) if place else None
        return f"NATO summit in {where}" if where else "NATO summit"

    def read(self) -> list[ExtractedClaim]:
        """Every claim of the sentence: stances (with how they were said), candidacy events,
        holdouts named by group statements, and dated milestones."""
        claims: list[ExtractedClaim] = []
        previous: CueHit | None = None
        groups = group_claims(self)
        self._group_candidate = next((c.candidate for c in groups.claims), None)
        for hit in _cue_hits(self.masked):
            if hit.cue.stance:
                found = self._stance_claims(hit)
                claims += [c for c in found if c.holder not in groups.holders]
            else:
                claims += candidacy_claims(self, hit, previous)
            previous = hit
        claims = self._settled(claims + groups.claims)
        if not _NOT_NOMINATED.search(self.masked):
            claims += _nomination_backing(claims)
        if self.asked:
            claims = [replace(c, modality="asked") if c.kind == "stance" else c for c in claims]
        if not any(c.kind == "stance" for c in claims) and _SIMILAR.search(self.text):
            claims += self._similar_statement()
        claims += self._milestones()
        return _dedupe(claims)

    def _settled(self, claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
        # "Turkey, which had threatened to veto the Dane, gave its consent": a past stance
        # followed in the same sentence by another reading of the same holder has ended.
        settled = []
        for claim in claims:
            if id(claim) in self._past and any(
                other is not claim
                and id(other) not in self._past
                and other.kind == "stance"
                and other.holder == claim.holder
                and (other.stance, other.candidate) != (claim.stance, claim.candidate)
                for other in claims
            ):
                claim = replace(claim, aspect="ended")
            settled.append(claim)
        return settled

    def _similar_statement(self) -> list[ExtractedClaim]:
        holders = self._holders_in(0, len(self.text), None)
        copied = []
        for claim in self.memory.last_stance_claims[:1]:
            for holder, text in holders:
                if holder != claim.holder and holder != claim.candidate:
                    copied.append(
                        replace(claim, sentence_idx=self.idx, holder=holder, holder_text=text)
                    )
        return copied


def _nomination_backing(claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    # A government that nominates its own candidate backs that candidate.
    return [
        replace(claim, kind="stance", stance="supports", event=None)
        for claim in claims
        if claim.kind == "candidacy"
        and claim.event == "nominated"
        and claim.holder
        and claim.candidate
        and claim.counts
    ]


def _dedupe(claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    seen: set[tuple[object, ...]] = set()
    unique = []
    for claim in claims:
        key = (
            claim.kind,
            claim.counts,
            claim.holder,
            claim.aggregate,
            claim.candidate,
            claim.stance,
            claim.event,
            claim.description,
        )
        if key not in seen:
            seen.add(key)
            unique.append(claim)
    return unique


def _remember(reader: SentenceReader, claims: list[ExtractedClaim]) -> None:
    memory = reader.memory
    for mention in reader.mentions:
        if mention.entity in memory.context:
            memory.context.remove(mention.entity)
        memory.context.insert(0, mention.entity)
    del memory.context[30:]
    for mention in reader.persons(0, len(reader.text)):
        if mention.entity.name not in memory.article_people:
            memory.article_people.append(mention.entity.name)
    for claim in claims:
        name = claim.candidate
        if name and " " in name and reader.entity_named(name) is None:
            memory.surnames.setdefault(name.split()[-1], name)
            if name not in memory.article_people:
                memory.article_people.append(name)
    candidates = [c.candidate for c in claims if c.candidate]
    if reader.race:
        memory.in_race = True
        candidates += [m.entity.name for m in reader.persons(0, len(reader.text))]
        memory.established.update(candidates)
    memory.established.update(c.candidate for c in claims if c.candidate and c.kind == "candidacy")
    if candidates:
        memory.focus = candidates[-1] if not claims else (claims[-1].candidate or memory.focus)
    stance_claims = [c for c in claims if c.kind == "stance" and c.holder]
    if stance_claims:
        memory.last_stance_claims = stance_claims


def extract_claims(
    sentences: Sequence[str],
    article_date: date | None,
    resolver: EntityResolver,
    title: str | None = None,
) -> list[ExtractedClaim]:
    """Every claim in an article's sentences, in sentence order.

    `title` is read for context only (it sets the candidate in focus); it is not a stored
    sentence, so it yields no claims of its own.
    """
    memory = _ArticleMemory(on=article_date)
    if title:
        reader = SentenceReader(-1, title, memory, resolver)
        memory.headline_people = {m.entity.name for m in reader.persons(0, len(title))}
        _remember(reader, [c for c in reader.read() if c.candidate])
    claims: list[ExtractedClaim] = []
    for idx, text in enumerate(sentences):
        if looks_like_instruction(text):
            continue  # words aimed at a language model are not reporting
        reader = SentenceReader(idx, text, memory, resolver)
        found = reader.read()
        _remember(reader, found)
        claims += found
    return claims
