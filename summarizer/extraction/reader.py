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
from summarizer.entities.resolver import Entity, EntityResolver, Mention
from summarizer.extraction.claim_dates import claim_date
from summarizer.extraction.clauses import find_clause_end, find_clause_start
from summarizer.extraction.cues import (
    ACADEMIC_TITLE,
    AGGREGATE,
    ANAPHORIC_HOLDERS,
    CANDIDACY_REFERENCE,
    HEDGED,
    HYPOTHETICAL_BEFORE,
    RACE_CONTEXT,
    REPORTED,
    SPEAKER,
    STANCE_CUES,
    Cue,
)
from summarizer.extraction.event_cues import CANDIDACY_CUES
from summarizer.extraction.event_people import first_person
from summarizer.extraction.events import candidacy_claims
from summarizer.extraction.names import unknown_names
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
    # The first person the last sentence named, for "he"/"she" (extraction.event_people).
    previous_subject: str | None = None


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


_ANNOUNCED_WOULD = re.compile(
    r"\b(?:said|says|announced|confirmed|told|stated|declared|indicated|signalled|signaled|"
    r"made\s+clear|promised|pledged|decided)\b(?:\s+\w+){0,6}?\s+(?:that\s+)?"
    r"(?:\w+\s+){1,4}would\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_CONDITION_AFTER = re.compile(r"\b(?:if|unless|provided|as\s+long\s+as|only\s+when)\b", re.I)


_PRONOUN_HOLDER = re.compile(r"^\s*(?:they|it|both)\b", re.IGNORECASE)
_REPORTING_THAT = re.compile(
    r"\b(?:said|say|says|announced|confirmed|stated|declared|told\s+\w+|made\s+clear)\b"
    r"(?:\s+(?:on|in|late|early|last|this)\s+\w+)?(?:\s+\w+day)?\s+that\s*$",
    re.IGNORECASE,
)


def _is_announced_intent(before: str, after: str) -> bool:
    # "Ankara said it would back Rutte" reports a decision; "would back him if …" does not.
    return bool(_ANNOUNCED_WOULD.search(before)) and not _CONDITION_AFTER.search(after)


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
        self.mentions = resolver.find_mentions(text, on=memory.on, context=list(memory.context))
        self.race = bool(RACE_CONTEXT.search(self.masked))
        self.reported = bool(REPORTED.search(text))
        self.hedged = bool(HEDGED.search(text))

    # --- who is the candidate -------------------------------------------------------------
    def persons(self, start: int, end: int) -> list[Mention]:
        """People named between two offsets, incumbents ("succeed Stoltenberg") left out."""
        return [
            m
            for m in _within(self.mentions, start, end)
            if m.entity.kind == "person" and not _is_incumbent(self.text, m)
        ]

    def _unknown_person(self, start: int, end: int) -> str | None:
        # Persons absent from the entity data: see summarizer.extraction.names.
        if not self.race:
            return None
        found = unknown_names(self.text, start, end, [(m.start, m.end) for m in self.mentions])
        return found[0][2] if found else None

    def _established_in_sentence(self, hit: CueHit) -> str | None:
        persons = [
            m for m in self.persons(0, len(self.text)) if m.entity.name in self.memory.established
        ]
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
            return self.memory.focus
        return self._unknown_person(start, end)

    # --- who holds the stance --------------------------------------------------------------
    def _holder_of(self, mention: Mention, candidate: str | None) -> tuple[str, str] | None:
        entity = mention.entity
        holder = entity.speaks_for(self.on)
        if entity.name == candidate or NEUTRAL_BODIES & {entity.name, holder}:
            return None  # NATO's own officials frame the race; they are not a side in it
        return holder, mention.text

    def _holders_in(self, start: int, end: int, candidate: str | None) -> list[tuple[str, str]]:
        holders: dict[str, str] = {}
        for mention in _within(self.mentions, start, end):
            found = self._holder_of(mention, candidate)
            if found and found[0] != candidate:
                holders.setdefault(*found)
        return list(holders.items())

    def _speaker(self, candidate: str | None) -> list[tuple[str, str]]:
        for match in SPEAKER.finditer(self.text):
            near = [
                m
                for m in self.mentions
                if abs(m.start - match.end()) <= 40 or abs(match.start() - m.end) <= 60
            ]
            holders = [
                h for m in near if (h := self._holder_of(m, candidate)) and h[0] != candidate
            ]
            if holders:
                return holders[:1]
        return []

    def resolve_holders(
        self, start: int, end: int, candidate: str | None
    ) -> tuple[list[tuple[str, str]], str | None]:
        zone = self.masked[start:end]
        holders = self._holders_in(start, end, candidate)
        if holders:
            return holders, None
        if re.match(r"\s*(?:who|which)\b", zone, re.IGNORECASE):
            before = [m for m in self.mentions if m.end <= start]
            if before and (found := self._holder_of(before[-1], candidate)):
                return [found], None
        if _PRONOUN_HOLDER.match(zone) and (speakers := self._reporting_clause(start, candidate)):
            return speakers, None  # "Finland and Sweden said that they support X"
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
        when = claim_date(self.text, hit.start, self.on)
        return ExtractedClaim(
            sentence_idx=self.idx,
            kind="stance",
            event_date=when.day,
            date_from_text=when.from_text,
            date_how=when.how,
            date_precision=when.precision,
            reported=self.reported,
            hedged=self.hedged,
        )

    def _stance_claims(self, hit: CueHit) -> list[ExtractedClaim]:
        before = self.masked[: hit.start]
        if (
            HYPOTHETICAL_BEFORE.search(before)
            and hit.cue.stance == "supports"
            and not _is_announced_intent(before, self.masked[hit.end :])
        ):
            return []
        if hit.cue.voice == "evaluative" and _DENIAL.search(before):
            return []  # "neither X nor Y explained why Z is the best candidate" praises no one
        stance: Stance = hit.cue.stance or "supports"
        if hit.cue.name == "support-verb" and re.search(
            r"\b(?:not|n't|never)\s+(?:\w+\s+)?$", before
        ):
            stance = "opposes"
        clause_start = find_clause_start(self.masked, hit.start)
        clause_end = find_clause_end(self.masked, hit.end)
        if hit.cue.voice == "passive":
            candidate = self.candidate_in(clause_start, hit.start, "last") or self.memory.focus
            holders, aggregate = self.resolve_holders(hit.end, clause_end, candidate)
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
            holders, aggregate = self.resolve_holders(clause_start, hit.start, candidate)
        if candidate is None or not (self.race or self._known_contender(candidate)):
            return []
        base = replace(
            self.base(hit), candidate=candidate, stance=stance, grounds=self._grounds(hit, stance)
        )
        if holders:
            self.memory.last_holders = holders
            return [replace(base, holder=h, holder_text=t) for h, t in holders]
        if aggregate:
            return [replace(base, aggregate=aggregate)]
        return []

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
            when = claim_date(self.text, match.start(), self.on)
            day, from_text = when.day, when.from_text
            description = describe(match.start())
            if description and from_text and day:
                claims.append(
                    ExtractedClaim(
                        sentence_idx=self.idx,
                        kind="event",
                        event_date=day,
                        date_from_text=True,
                        date_how=when.how,
                        date_precision=when.precision,
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
        claims: list[ExtractedClaim] = []
        previous: CueHit | None = None
        for hit in _cue_hits(self.masked):
            if hit.cue.stance:
                claims += self._stance_claims(hit)
            else:
                claims += candidacy_claims(self, hit, previous)
            previous = hit
        if not any(c.kind == "stance" for c in claims) and _SIMILAR.search(self.text):
            claims += self._similar_statement()
        claims += self._milestones()
        return _dedupe(claims)

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


def _dedupe(claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    # One claim per key; a reading that counts replaces one that does not ("asked whether
    # she wanted the job … said yes").
    unique: dict[tuple[object, ...], ExtractedClaim] = {}
    for claim in claims:
        key = (
            claim.kind,
            claim.holder,
            claim.aggregate,
            claim.candidate,
            claim.stance,
            claim.event,
            claim.description,
        )
        kept = unique.get(key)
        if kept is None or (claim.counts and not kept.counts):
            unique[key] = claim
    return list(unique.values())


def _remember(reader: SentenceReader, claims: list[ExtractedClaim]) -> None:
    memory = reader.memory
    for mention in reader.mentions:
        if mention.entity in memory.context:
            memory.context.remove(mention.entity)
        memory.context.insert(0, mention.entity)
    del memory.context[30:]
    memory.previous_subject = first_person(reader)
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
