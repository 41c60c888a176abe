"""Rule-based claim extraction: who backs or opposes whom, candidacy events, milestones.

Works sentence by sentence with a little article memory (who was mentioned, which candidate
is in focus, who held the last stance) so that "this candidacy", "both countries" and
"a similar statement" resolve. The entity data says only who is who; every stance comes
from the wording of the sentence (summarizer/extraction/cues.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import cached_property

from records.claims import ExtractedClaim, Stance
from records.people import ArticleReading, Sighting
from summarizer.entities.alliance import bundled_alliance
from summarizer.entities.learned import WhoIsWho
from summarizer.entities.resolver import EntityResolver
from summarizer.extraction.backing import nomination_backing
from summarizer.extraction.clauses import find_clause_end, find_clause_start
from summarizer.extraction.context_cues import (
    HEDGED,
    RACE_CONTEXT,
    RACE_CONTEXT_WIDE,
    REPORTED,
)
from summarizer.extraction.event_people import first_person_later
from summarizer.extraction.events import candidacy_claims
from summarizer.extraction.groups import group_claims
from summarizer.extraction.memory import (
    ArticleMemory,
    CueHit,
    cue_hits,
    masked_text,
    nobody,
)
from summarizer.extraction.milestones import MilestoneReading
from summarizer.extraction.modality import is_question, read_modality
from summarizer.extraction.reach import StanceReach
from summarizer.extraction.sightings import contender_sightings, described_names
from summarizer.text.gate import GatedPattern
from summarizer.text.injection import looks_like_instruction
from summarizer.text.wording import balanced

__all__ = [
    "EXTRACTOR",
    "ArticleReading",
    "CueHit",
    "SentenceReader",
    "extract_claims",
    "read_article",
]

EXTRACTOR = "rules-1"
_DENIAL = re.compile(r"\b(?:neither|nor|much\s+less|let\s+alone)\b", re.IGNORECASE)
_SIMILAR = re.compile(
    r"\b(?:similar\s+(?:statement|position|stance|view|declaration|message)|likewise|"
    r"followed\s+suit|did\s+the\s+same|echoed\s+(?:this|that|the\s+(?:call|support)))\b",
    re.IGNORECASE,
)
_NOT_NOMINATED = re.compile(
    r"\b(?:not|n't|never|no)\s+(?:yet\s+)?(?:formally\s+|officially\s+)?(?:nominat|put\s+forward|"
    r"propos|formal\s+nomination)",
    re.IGNORECASE,
)
_CLAIMS_VERB = re.compile(
    r"\b(?:said|says|claimed|claims|insisted|told|argued|boasted)\b", re.IGNORECASE
)
_SOLIDARITY = re.compile(
    r"\b(?:attack(?:ed)?|shooting|shot|assassination|assailant|wounded|injured|condolences|"
    r"solidarity|sympathy|recovery|hospital(?:ised|ized)?)\b",
    re.IGNORECASE,
)
_OBJECTING = frozenset({"block", "oppose", "reject", "obstacle"})
_NEGATED = re.compile(
    r"\b(?:not|n't|never|no\s+longer)\s+(?:(?:intend|want|plan|seek|wish|try|going|mean)s?\s+to\s+|"
    r"\w+ly\s+)?$",
    re.IGNORECASE,
)
_WHO_BEFORE = re.compile(r",\s+(?:who|whom)\s*$", re.IGNORECASE)
_NOT_SECURED = re.compile(
    r"\b(?:yet\s+to\s+(?:secure|win|get|obtain|receive)|failed\s+to\s+(?:secure|win|get)|"
    r"without|lacks?|lacked|lacking|still\s+(?:seeking|chasing))\s+(?:the\s+)?[\w-]+$",
    re.IGNORECASE,
)
# Cues that claim their words so that no stance is read from them.
_NO_STANCE_CUES = frozenset({"threat-dropped"})
# Cues whose candidate must be their object: no candidate in focus stands in for it.
_NEEDS_AN_OBJECT = frozenset({"turn-to", "let-take"})
# Cues whose holder is a possessive standing for the speakers ("had their full backing").
_POSSESSIVE_CUES = frozenset({"possessed-support", "possessive-choice"})
_LIST_AFTER_COLON = re.compile(r"\s*:")
_TABLE = re.compile(r"\|\s*-{3,}\s*\||(?:\|[^|]*){6,}")
# Cues whose object is what is backed: "pressing for more support for Ukraine" backs a thing.
_OBJECT_CUES = frozenset(
    {"support-verb", "lobby-for", "come-out-for", "refusal", "oppose", "block", "reject"}
)
# What a government blocks or backs when it is not a person: aid, plans, sanctions…
_POLICY_OBJECT = re.compile(
    r"\s+(?:(?:the|a|an|its|their|any|new|further|more|fresh|joint|military|financial|"
    r"proposed|planned)\s+)*(?:aid|assistance|plans?|proposals?|funding|funds|weapons|arms|"
    r"sanctions|decisions?|packages?|deals?|laws?|bills?|membership|accession|statements?|"
    r"resolutions?|initiatives?|measures?|mission|declaration|budget|loans?|reforms?|talks)\b",
    re.IGNORECASE,
)
_THING_AFTER = re.compile(
    r"\s+(?:(?i:more|the|a|an|further|greater|new|its|their|stronger|any|this|that|these|those)\b|"
    r"[A-Z])"  # or a name the entity data does not know
)


# Searched in every sentence of every article; most sentences lack all their words.
_RACE, _RACE_WIDE = GatedPattern(RACE_CONTEXT), GatedPattern(RACE_CONTEXT_WIDE)
_REPORTED, _HEDGED = GatedPattern(REPORTED), GatedPattern(HEDGED)


class SentenceReader(StanceReach, MilestoneReading):
    """Reads one sentence against the article memory."""

    def __init__(self, idx: int, text: str, memory: ArticleMemory, resolver: EntityResolver):
        self.idx = idx
        self.text = text
        self.masked = masked_text(text)
        self.memory = memory
        self.on = memory.on
        self.resolver = resolver
        self.mentions = resolver.find_mentions(
            text, on=memory.on, context=list(memory.context), background=memory.background
        )
        self.race = _RACE.found(self.masked)
        self.asked = is_question(text)
        self.member_names = bundled_alliance().members_on(memory.on)
        self._past: set[int] = set()  # readings under "which had …": ended if superseded
        self._reversals: set[int] = set()  # readings that end an objection
        self._group_candidate: str | None = None  # the candidate of a holdout statement
        self._last_read: str | None = None  # the candidate of the latest reading
        self._read_candidates: set[str] = set()  # candidates of readings so far

    # Searched only in the sentences that need them (most say nothing about the race).
    @cached_property
    def race_wide(self) -> bool:
        """Race wording enough for a stance."""
        return self.race or _RACE_WIDE.found(self.masked)

    @cached_property
    def reported(self) -> bool:
        """Whether the sentence reports what others say ("according to", "reportedly")."""
        return _REPORTED.found(self.text)

    @cached_property
    def hedged(self) -> bool:
        """Whether the sentence hedges ("likely", "may", "expected to")."""
        return _HEDGED.found(self.text)

    # --- who is the candidate -------------------------------------------------------------

    # --- who holds the stance --------------------------------------------------------------

    def known_contender(self, name: str) -> bool:
        """Whether the person is running, as this article or the archive knows."""
        # Named in a race sentence before, or named in the headline of an article that is
        # about the race ("Budapest comes round to Kallas" … "Hungary dropped its objections
        # to Kaja Kallas").
        # Or the archive has read the person as running around this day.
        memory = self.memory
        return (
            name in memory.established
            or (memory.in_race and name in memory.headline_people)
            or any(entity.name == name for entity in memory.background)
        )

    # --- claims ----------------------------------------------------------------------------
    def base(self, hit: CueHit) -> ExtractedClaim:
        """A stance claim of this sentence dated as the text around the cue says."""
        return self.base_at(hit.start)

    def _stance_claims(self, hit: CueHit) -> list[ExtractedClaim]:
        if hit.cue.name in _NO_STANCE_CUES:
            return []  # wording that looks like a stance and says none
        if hit.cue.name == "possessive-support" and _NOT_SECURED.search(self.masked, 0, hit.start):
            return []  # "he had yet to secure Bulgaria's formal backing": no backing yet
        before = self.masked[: hit.start]
        if hit.cue.voice == "evaluative" and _DENIAL.search(before):
            return []  # "neither X nor Y explained why Z is the best candidate" praises no one
        stance: Stance = hit.cue.stance or "supports"
        reversal = hit.cue.name in ("reversal", "no-longer-opposes")
        if hit.cue.name == "support-verb" and re.search(
            r"\b(?:not|n't|never|cannot)\s+(?:\w+\s+)?$", before
        ):
            stance = "opposes"
        if hit.cue.name in _OBJECTING and _NEGATED.search(before):
            stance = "conditional"  # "did not intend to block him": no objection, no backing
        clause_start = find_clause_start(self.masked, hit.start)
        clause_end = find_clause_end(self.masked, hit.end)
        reading = read_modality(
            self.masked,
            clause_start,
            hit.start,
            hit.end,
            stance,
            reversal=reversal,
            countries_at=[m.start for m in self.mentions if m.entity.kind == "country"],
        )
        stance = reading.stance
        if hit.cue.voice == "passive":
            candidate = (
                self.candidate_in(clause_start, hit.start, "last", True)
                or self._antecedent(clause_start)
                or self.memory.focus
            )
            holders, aggregate = self.resolve_holders(hit.end, clause_end, candidate, first=True)
            if not holders and _LIST_AFTER_COLON.match(self.masked, clause_end):
                # "enjoys strong support from its three biggest allies: Germany, France and
                # the UK": the holders are listed after the colon.
                after = clause_end + 1
                end = find_clause_end(self.masked, after)
                holders = self.nearest_holders(after, end, candidate, first=True)
        elif hit.cue.voice == "evaluative":
            candidate = (
                self.candidate_in(clause_start, hit.start, "last", True) or self.memory.focus
            )
            holders = self._speaker(candidate) or list(self.memory.last_holders)
            if hit.cue.name in _POSSESSIVE_CUES:  # "their backing": all who said it
                holders = self.reporting_holders_before(hit.start, candidate) or holders
            aggregate = None
        else:
            if self._backs_a_state(hit):
                return []
            candidate = self.candidate_in(hit.end, clause_end, "first", True)
            if candidate is None:  # "belong to Rutte's camp": the candidate is inside the cue
                persons = self.persons(hit.start, hit.end)
                candidate = persons[0].entity.name if persons else None
            if candidate is None and hit.cue.name in _NEEDS_AN_OBJECT:
                return []  # "turned to the idea": whom it turned to is not named
            if candidate is None and _POLICY_OBJECT.match(self.masked, hit.end):
                return []  # "has repeatedly blocked aid to Ukraine": a policy, not a person
            if candidate is None and (self.race_wide or stance != "supports" or reversal):
                # A candidate named elsewhere in this sentence beats the article's focus.
                candidate = self._established_in_sentence(hit) or self.memory.focus
            if hit.cue.name not in _OBJECT_CUES or not _THING_AFTER.match(self.masked, hit.end):
                candidate = candidate or self._group_candidate or self._last_read
            subject_start, subject_end = self._subject_start(clause_start, hit.start)
            holders, aggregate = self.resolve_holders(subject_start, subject_end, candidate)
            if not holders and not aggregate:
                # "Unable to back Rutte after a row, Portugal turned to Kallas": an opening
                # participle clause takes the subject of the clause after it.
                holders = self._subject_after_opening(hit, candidate)
        explicit = (
            self.persons(hit.end, clause_end, speakers=False) if hit.cue.voice == "active" else []
        )
        if candidate and holders and not explicit:
            candidate = self._not_the_holders_own(candidate, {h for h, _ in holders}, hit)
        if candidate is None or not self._about_the_race(hit, candidate):
            return []
        if stance != "supports" and self._speaks_for_a_holder(candidate, holders):
            return []  # "Budapest … blocked …, Orbán": a government does not oppose its leader
        if not self._may_run(candidate) or self._candidate_says(candidate, hit.start):
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
                self._last_read = candidate
            if reading.modality == "stated":
                self.memory.established.add(candidate)
            claims = [
                replace(base, holder=h, holder_text=t, candidate=c)
                for c in [candidate, *self._also_between(hit, candidate, clause_end)]
                for h, t in holders
                if stance == "supports" or self._may_object(h)
            ]
            if stance == "supports" and reading.modality == "stated":
                claims += self._passed_over(base, holders, hit, clause_end)
            if reading.past_perfect:
                self._past.update(id(c) for c in claims)
            if reversal and stance == "supports":
                self._reversals.update(id(c) for c in claims)
            return claims
        if aggregate:
            return [replace(base, aggregate=aggregate, scope="tally")]
        return []

    def said_before(self, claim: ExtractedClaim) -> bool:
        """Whether a reading of this sentence was put in the pluperfect ("had opposed")."""
        return id(claim) in self._past

    def _antecedent(self, clause_start: int) -> str | None:
        # "… Mark Rutte, who has won the support of …": a relative clause is about the person
        # right before it.
        if not _WHO_BEFORE.search(self.masked, 0, clause_start):
            return None
        persons = self.persons(0, clause_start, speakers=False)
        return persons[-1].entity.name if persons else None

    def _candidate_says(self, candidate: str, at: int) -> bool:
        # "Rutte said Germany and France back him": a candidate's word about others.
        return any(
            m.entity.name == candidate and 0 <= match.start() - m.end <= 3
            for match in _CLAIMS_VERB.finditer(self.masked, 0, at)
            for m in self.mentions
        )

    def _may_run(self, candidate: str) -> bool:
        # The Secretary General is a national of a member: backing Zelensky is no stance in
        # this race (an unknown name may be anyone's).
        entity = self.entity_named(candidate)
        if entity is None or entity.kind != "person" or not entity.country:
            return True
        return entity.country in self.member_names

    def _about_the_race(self, hit: CueHit, candidate: str) -> bool:
        # A stance toward a candidacy: the sentence or article is about the race, or the
        # person is a contender already, or a backing verb takes the person as its object
        # ("both endorsed Mark Rutte", not "backs the plan" or "backs Rutte's proposal").
        if self.race_wide:
            return True
        if _SOLIDARITY.search(self.masked):
            return False  # "stood behind Fico after the shooting": sympathy, not a candidacy
        if self.known_contender(candidate) or self.memory.in_race:
            return True
        if candidate in (self._group_candidate, self._last_read):  # read as a stance already
            return True
        if hit.cue.voice != "active":
            return hit.cue.voice == "passive" and self._named_object(0, hit.start, candidate)
        return self._named_object(hit.end, min(len(self.masked), hit.end + 60), candidate)

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

    def read(self) -> list[ExtractedClaim]:
        """Every claim of the sentence: stances (with how they were said), candidacy events,
        holdouts named by group statements, and dated milestones."""
        claims: list[ExtractedClaim] = []
        previous: CueHit | None = None
        groups = group_claims(self)
        self._group_candidate = next((c.candidate for c in groups.claims), None)
        for hit in cue_hits(self.masked):
            if hit.cue.stance:
                found = self._stance_claims(hit)
                claims += [
                    c
                    for c in found
                    if c.holder not in groups.holders
                    or c.candidate != self._group_candidate
                    or c.stance == "conditional"
                ]
            else:
                claims += candidacy_claims(self, hit, previous)
            previous = hit
        read_stances = {(c.holder, c.candidate) for c in claims if c.kind == "stance" and c.counts}
        described = [c for c in groups.described if (c.holder, c.candidate) not in read_stances]
        # "Every ally except Hungary … with Budapest saying it still needs guarantees": a holdout
        # that names its terms has reservations.
        terms = {
            (c.holder, c.candidate)
            for c in claims
            if c.kind == "stance" and c.stance == "conditional" and c.counts
        }
        grouped = [c for c in groups.claims if (c.holder, c.candidate) not in terms]
        claims = self._settled(claims + grouped + described)
        if not _NOT_NOMINATED.search(self.masked):
            claims += nomination_backing(claims, self.member_names)
            claims += self._nominations(claims)
        if self.asked:
            claims = [replace(c, modality="asked") if c.kind == "stance" else c for c in claims]
        if not any(c.kind == "stance" for c in claims) and _SIMILAR.search(self.text):
            claims += self._similar_statement()
        claims += self._followers(claims)
        claims += self._milestones()
        return _dedupe(claims)

    def _similar_statement(self) -> list[ExtractedClaim]:
        holders = self.holders_in(0, len(self.text), None)
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
    memory.previous_subject = first_person_later(reader)
    for mention in reader.persons(0, len(reader.text)):
        if mention.entity.name not in memory.article_people:
            memory.article_people.append(mention.entity.name)
    for claim in claims:
        name = claim.candidate
        if name and " " in name and reader.entity_named(name) is None:
            memory.surnames.setdefault(name.split()[-1], name)
            if name not in memory.article_people:
                memory.article_people.append(name)
    # Anyone the article names in full, claim or not ("…a contest with Sweden's Tomas
    # Lindqvist"), may come back by surname alone later in it.
    learned = reader.resolver.learned
    described = described_names(reader.text, reader.mentions, memory.on, learned)
    for sighting in described:
        memory.surnames.setdefault(sighting.name.split()[-1], sighting.name)
    memory.sightings += described
    memory.sightings += contender_sightings(claims, memory.on)
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
    known: WhoIsWho | None = None,
) -> list[ExtractedClaim]:
    """Every claim in an article's sentences, in sentence order (see `read_article`)."""
    return read_article(sentences, article_date, resolver, title, known).claims


def read_article(
    sentences: Sequence[str],
    article_date: date | None,
    resolver: EntityResolver,
    title: str | None = None,
    known: WhoIsWho | None = None,
) -> ArticleReading:
    """Every claim in an article's sentences, in sentence order, and its sightings.

    `title` is read for context only (it sets the candidate in focus); it is not a stored
    sentence, so it yields no claims of its own. `known` is what the archive has learned of
    who is who: `resolver` should already include its people (`LearnedResolvers`); its
    contenders around the article's day settle shared surnames and "the Dane".
    """
    memory = ArticleMemory(on=article_date)
    try:
        return _read_sentences(sentences, memory, resolver, title, known)
    finally:
        # The memory holds the last sentence's reader (for "he" in the next one), which holds
        # the memory: let go of it, so the article is freed without the cycle collector.
        memory.previous_subject = nobody


def _read_sentences(
    sentences: Sequence[str],
    memory: ArticleMemory,
    resolver: EntityResolver,
    title: str | None,
    known: WhoIsWho | None,
) -> ArticleReading:
    article_date = memory.on
    past: set[int] = set()  # readings in the pluperfect ("had opposed")
    if known:
        memory.background = known.contenders_on(article_date, resolver)
    if title:
        reader = SentenceReader(-1, title, memory, resolver)
        memory.headline_people = {m.entity.name for m in reader.persons(0, len(title))}
        _remember(reader, [c for c in reader.read() if c.candidate])
    claims: list[ExtractedClaim] = []
    for idx, text in enumerate(sentences):
        if looks_like_instruction(text):
            continue  # words aimed at a language model are not reporting
        if _TABLE.search(text):
            continue  # a table of sources or figures is not a sentence of reporting
        reader = SentenceReader(idx, text, memory, resolver)
        found = reader.read()
        _remember(reader, found)
        past.update(id(c) for c in found if reader.said_before(c))
        claims += found
    return ArticleReading(_past_ended(claims, past), _folded(memory.sightings))


def _past_ended(claims: list[ExtractedClaim], past: set[int]) -> list[ExtractedClaim]:
    # "Turkey had opposed the nomination": the pluperfect puts a stance before the news the
    # article reports; it is history once the article reports another stance of that holder.
    now = {(c.holder, c.candidate, c.stance) for c in claims if c.counts and id(c) not in past}

    def ended(c: ExtractedClaim) -> bool:
        if id(c) not in past or not c.counts:
            return False
        return any((c.holder, c.candidate) == (h, k) and s != c.stance for h, k, s in now)

    return [replace(c, aspect="ended") if ended(c) else c for c in claims]


def _folded(sightings: list[Sighting]) -> list[Sighting]:
    # One row per distinct sighting of the article, with how often it was made.
    counts: dict[Sighting, int] = {}
    for sighting in sightings:
        counts[sighting] = counts.get(sighting, 0) + 1
    return [replace(s, times=n) for s, n in counts.items()]
