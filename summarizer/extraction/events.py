"""Candidacy events read from a sentence: who weighs, enters, is nominated for, withdraws
from, rules out, is appointed to or takes up the post, who leaves another office or takes
another post, and when; with how each is said (a fact, a forecast, a denial, a question)."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING

from records.claims import CandidacyEvent, ExtractedClaim
from summarizer.extraction.claim_dates import claim_date
from summarizer.extraction.clauses import find_clause_end, find_clause_start
from summarizer.extraction.event_cues import EventCue
from summarizer.extraction.event_dates import next_start
from summarizer.extraction.event_modality import Reading, read_event
from summarizer.extraction.event_people import inside, named_people, object_of, subject_of
from summarizer.extraction.modality import PAST_RELATIVE

if TYPE_CHECKING:
    from summarizer.extraction.reader import CueHit, SentenceReader

# A post of this race, as the complement of "appointed … as", "took over as".
_THIS_POST = re.compile(
    r"\b(?:NATO|secretary[- ]general|alliance|allied|the\s+post|the\s+job)\b", re.IGNORECASE
)
# A sentence about the post: the race's own words, or a succession ("to follow Stoltenberg").
_ABOUT_THE_POST = re.compile(
    r"\b(?:NATO|secretary[- ]general|alliance|allie[sd]|the\s+post|the\s+job|in\s+the\s+"
    r"running|follow|succeed|successor|replace|the\s+race|contest)\b",
    re.IGNORECASE,
)
# Another post: an EU, national or party office.
_OTHER_POST = re.compile(
    r"\bas\s+(?:(?:its|the|his|her|their|new|next|\w+"
    r"(?:'s|’s))\s+)*(?:\w+\s+){0,2}"
    r"(?:leader|prime\s+minister|premier|president|chancellor|minister|chair|head\s+of\s+"
    r"(?:the\s+)?(?:party|government|commission)|commissioner|envoy|governor|mayor)\b|"
    r"\b(?:EU|European|Commission|the\s+bloc|United\s+Nations|UN)\b",
    re.IGNORECASE,
)
# Who may appoint a Secretary General.
_APPOINTERS = re.compile(
    r"\b(?:NATO|allies|allied|alliance|North\s+Atlantic\s+Council|ambassadors|summit)\b", re.I
)
_TODAY = re.compile(r"\b(?:this\s+(?:morning|afternoon|evening)|tonight|today)\b", re.IGNORECASE)
_LATER_CLAUSE = re.compile(
    r"\b(?:once|when|before|after|until|while|since|whereas)\b|,\s+(?:which|who|whose)\b", re.I
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_PASSIVE_OR_OWN = re.compile(
    r"\b(?:was|were|been|is|being)\s+(?:formally\s+|officially\s+)?nominated$|"
    r"\b(?:his|her)\s+name\b",
    re.IGNORECASE,
)
_OWN_NAME = re.compile(r"\b(?:his|her)\s+name\b", re.IGNORECASE)
_WOULD_RUN = re.compile(r"\bwould\s+(?:run|stand)\b", re.IGNORECASE)
_ANNOUNCED = re.compile(
    r"\b(?:said|says|announced|confirmed|declared|told\s+\w+)\s+(?:on\s+\w+\s+)?(?:that\s+)?"
    r"(?:he|she)\s+$",
    re.IGNORECASE,
)
_CONDITION_AFTER = re.compile(
    r"\b(?:if|unless|should|provided|as\s+long\s+as|only\s+when)\b", re.IGNORECASE
)
_DENIAL = re.compile(r"\bden(?:ied|ies|y|ying)\b", re.IGNORECASE)
_GOVERNMENT = re.compile(r"\b(?:his|her|its|the)\s+(?:own\s+)?government\b", re.IGNORECASE)
# Events that say something only of this post: they need a sentence about it.
# Events a person does or says of themselves: every person of a joined subject does it.
_OWN_ACTS = frozenset({"declares", "considers", "withdraws", "denies"})
# Between two joined names: "and", "nor", "or", a comma, a possessive country ("nor Canada's").
_JOINED = re.compile(
    r"\s*(?:,|and|nor|or|&|as\s+well\s+as)?\s*(?:,\s*)?(?:and|nor|or)?\s*"
    r"(?:(?-i:[A-Z])[\w-]+(?:'s|’s)\s+)?",
    re.IGNORECASE,
)
_CONJUNCTION = re.compile(r"\b(?:and|nor|or)\b|&|\bas\s+well\s+as\b", re.IGNORECASE)
# Events that put someone into the post: never the one who holds it that day.
_TO_THE_POST = frozenset({"considers", "appointed", "nominated", "declares"})
_OF_THIS_POST = frozenset({"considers", "appointed", "nominated", "declares", "takes_office"})


def candidacy_claims(
    reader: SentenceReader, hit: CueHit, previous: CueHit | None
) -> list[ExtractedClaim]:
    """The candidacy events a cue of `event_cues` reads in the reader's sentence (with, for a
    nomination, the nominating government's support)."""
    cue = hit.cue
    event = cue.event
    if event is None or not isinstance(cue, EventCue):
        return []
    if previous is not None and previous.cue.stance == "opposes" and hit.start - previous.end <= 6:
        return []  # "did not allow the nomination of X" is a block, already a stance.
    clause_start = find_clause_start(reader.masked, hit.start)
    clause_end = find_clause_end(reader.masked, hit.end)
    complement = reader.masked[hit.end : clause_end]
    appointers = _APPOINTERS.search(reader.masked[clause_start : hit.start])
    # "Labour elected Støre as its leader" is another post; "allies picked X as their leader" not.
    by_allies = event == "appointed" and appointers is not None
    names_this_post = _THIS_POST.search(reader.masked, hit.start, hit.end) is not None
    if (
        event in ("appointed", "takes_office", "nominated")
        and not names_this_post  # "winning the NATO post" says which post itself
        and _another_post(complement)
    ):
        event = event if by_allies else "other_post"
    candidate, holder = _people(reader, hit, cue, clause_start, clause_end)
    if candidate is None:
        return []
    if event in _OF_THIS_POST and not _about_this_post(reader, candidate):
        return []
    if event in _TO_THE_POST and _in_the_post(reader, candidate):
        return []  # the sitting Secretary General is not appointed to the post he holds
    event = _announced_run(reader, hit, event, holder, candidate, clause_start)
    if cue.name == "appoints" and not appointers and not _THIS_POST.search(complement):
        return []
    base = _dated(reader, hit, clause_start, clause_end)
    if cue.name == "moves-to-nato" and not base.date_from_text:
        return []  # "the idea of her moving to NATO" is no start; "moves to NATO in October" is
    if _history(reader, clause_start, clause_end, base.date_from_text):
        return []  # "Stoltenberg, NATO's 13th secretary general, took over in 2014"
    event, reading = _how_said(reader, hit, event, candidate, clause_start, base.date_from_text)
    if event == "considers" and holder is None:
        # Whose government a person weighing a run belongs to: once it backs a rival, the
        # person is out (summarizer.race.candidates).
        country = _country_of(reader, candidate)
        holder = (country, "") if country else None
    elif event != "nominated":
        holder = None  # only a nomination has a government that acts
    claim = replace(
        base,
        kind="candidacy",
        event=event,
        candidate=candidate,
        holder=holder[0] if holder else None,
        holder_text=holder[1] or None if holder else None,
        polarity=reading.polarity,
        modality=reading.modality,
        aspect=reading.aspect,
    )
    others = _coordinated(reader, candidate, clause_start) if event in _OWN_ACTS else []
    return [claim, *_nomination_support(claim), *(_for_other(reader, claim, o) for o in others)]


def _for_other(reader: SentenceReader, claim: ExtractedClaim, person: str) -> ExtractedClaim:
    # The same act by another person of a joined subject; a person weighing a run is tied to
    # their own government, not the first person's.
    country = _country_of(reader, person) if claim.event == "considers" else None
    return replace(claim, candidate=person, holder=country, holder_text=None)


def _coordinated(reader: SentenceReader, candidate: str, start: int) -> list[str]:
    """Others joined to the person in one subject: "Neither Norway's Støre nor Canada's MacKay
    will seek the post", "Kallas and Kariņš both stood aside"."""
    people = named_people(reader, start, len(reader.masked))
    at = next((i for i, p in enumerate(people) if p.name == candidate), None)
    if at is None:
        return []
    chain = [people[at]]
    for before in reversed(people[:at]):
        if not _JOINED.fullmatch(reader.masked, before.end, chain[0].start):
            break
        chain.insert(0, before)
    for after in people[at + 1 :]:
        if not _JOINED.fullmatch(reader.masked, chain[-1].end, after.start):
            break
        chain.append(after)
    gaps = [reader.masked[a.end : b.start] for a, b in pairwise(chain)]
    if not any(_CONJUNCTION.search(gap) for gap in gaps):
        return []  # "to follow Stoltenberg, Estonia's Kallas said yes": a comma joins nothing
    return [p.name for p in chain if p.name != candidate]


def _how_said(
    reader: SentenceReader,
    hit: CueHit,
    event: CandidacyEvent,
    candidate: str,
    clause_start: int,
    dated: bool,
) -> tuple[CandidacyEvent, Reading]:
    """How the event is said, and the event itself when a denial makes it another one."""
    cue = hit.cue
    own_negation = isinstance(cue, EventCue) and cue.own_negation
    reading = read_event(
        reader.masked, hit.start, hit.end, clause_start, event, own_negation, dated
    )
    own_denial = event in ("declares", "considers") and _denied_by(reader, hit, candidate)
    if reading.modality == "denied" and own_denial:
        return "denies", Reading()  # "Rasmussen denied he was a candidate"
    if PAST_RELATIVE.search(reader.masked, 0, hit.start):
        return event, Reading(aspect="ended")  # "Poland, which had nominated him, said …"
    future = reader.masked[hit.start : hit.end].lower().startswith("will")
    if event == "takes_office" and future and not dated:
        return event, Reading(modality="predicted")
    return event, reading


def _announced_run(
    reader: SentenceReader,
    hit: CueHit,
    event: CandidacyEvent,
    holder: tuple[str, str] | None,
    candidate: str,
    clause_start: int,
) -> CandidacyEvent:
    """A declaration read where the wording looked like weighing or a nomination: "said he
    would run for the post" with no condition, "put his name forward" with no government."""
    cue_text = reader.masked[hit.start : hit.end]
    before = reader.masked[: hit.start]
    if event == "considers" and _WOULD_RUN.search(cue_text) and _ANNOUNCED.search(before):
        condition = _CONDITION_AFTER.search(reader.masked, hit.end, hit.end + 80)
        return event if condition else "declares"
    if event == "nominated" and holder is None and _OWN_NAME.search(cue_text):
        named = any(p.name == candidate for p in named_people(reader, clause_start, hit.start))
        return "declares" if named else event
    return event


def _denied_by(reader: SentenceReader, hit: CueHit, candidate: str) -> bool:
    """Whether the person of the event is the one who denies it."""
    denial = _DENIAL.search(reader.masked, 0, hit.start)
    if denial is None:
        return False
    people = named_people(reader, 0, denial.start())
    return bool(people) and people[-1].name == candidate


def _dated(reader: SentenceReader, hit: CueHit, start: int, end: int) -> ExtractedClaim:
    # A date written in the event's own clause ("…; he will take office on 2 October") is
    # its date; else one written before it ("said on Tuesday that …"), else the article's.
    base = reader.base(hit)
    # A date in a clause of its own after the cue ("… once his tenure ends in October") is
    # that clause's date.
    later = _LATER_CLAUSE.search(reader.masked, hit.end, end)
    end = later.start() if later else end
    # "Iohannis, who had announced his bid in March, quit on Thursday": the stretch after the
    # last comma before the cue first.
    comma = reader.masked.rfind(",", start, hit.start)
    stretches = [(reader.text[start:end], start), (reader.text[:end], 0)]
    if comma > start:
        stretches.insert(0, (reader.text[comma:end], comma))
    for text, offset in stretches:
        resolved = claim_date(text, hit.start - offset, reader.on)
        day = resolved.day
        if resolved.from_text and day is not None:
            if hit.cue.event == "takes_office":
                day = next_start(text, day, reader.on)
            return replace(
                base,
                event_date=day,
                date_from_text=True,
                date_how=resolved.how,
                date_precision=resolved.precision,
            )
        if _TODAY.search(text):
            return replace(base, event_date=reader.on, date_from_text=reader.on is not None)
    return replace(base, event_date=reader.on, date_from_text=False)


def _history(reader: SentenceReader, start: int, end: int, dated: bool) -> bool:
    # A background fact of an earlier race: a bare year two or more years before the article.
    if dated or reader.on is None:
        return False
    years = [int(year) for year in _YEAR.findall(reader.masked, start, end)]
    return any(year <= reader.on.year - 2 for year in years)


def _another_post(complement: str) -> bool:
    found = _OTHER_POST.search(complement)
    return found is not None and not _THIS_POST.search(complement[: found.end() + 20])


def _in_the_post(reader: SentenceReader, candidate: str) -> bool:
    entity = reader.entity_named(candidate)
    held = [o for o in (entity.offices if entity else ()) if reader.on and o.held_on(reader.on)]
    return any(o.of == "NATO" and o.role == "secretary_general" for o in held)


def _about_this_post(reader: SentenceReader, candidate: str) -> bool:
    # The sentence or the article is about the post, or the person is known to be running
    # (in this article, or around this day in the archive): "Stoltenberg was appointed".
    in_clause = _ABOUT_THE_POST.search(reader.masked)
    if reader.race or reader.memory.in_race or in_clause is not None:
        return True
    return reader.known_contender(candidate)


def _people(
    reader: SentenceReader, hit: CueHit, cue: EventCue, clause_start: int, clause_end: int
) -> tuple[str | None, tuple[str, str] | None]:
    """The person of the event and, for a nomination, the government that makes it."""
    if cue.role == "inside":
        return inside(reader, hit.start, hit.end), None
    if cue.role == "object":
        return object_of(reader, hit.end, clause_end), None
    if cue.role == "holder":
        candidate = object_of(reader, hit.end, clause_end)
        around = reader.masked[max(0, hit.start - 30) : hit.end]
        if candidate is None and _PASSIVE_OR_OWN.search(around):
            # "Iohannis was nominated on Friday", "Sikorski put his name forward"
            candidate = subject_of(reader, clause_start, hit.start)
        return candidate, _nominator(reader, clause_start, hit.start, candidate)
    candidate = subject_of(reader, clause_start, hit.start)
    if cue.role == "by":
        return candidate, _nominator(reader, hit.end, clause_end, candidate)
    return candidate, None


def _nominator(
    reader: SentenceReader, start: int, end: int, candidate: str | None
) -> tuple[str, str] | None:
    """The government in a stretch of the sentence ("Warsaw", "his government")."""
    holders, _ = reader.resolve_holders(start, end, candidate)
    countries = [h for h in holders if h[0] != candidate]
    if countries:
        return countries[0]
    government = _GOVERNMENT.search(reader.masked, start, end)
    if government and candidate:
        country = _country_of(reader, candidate)
        if country:
            return country, government.group(0)
    return None


def _country_of(reader: SentenceReader, name: str) -> str | None:
    """The country of a person: from the entity data, else from the title that introduces
    a person the entity data does not know ("Belgian Foreign Minister Sofie Vermeulen")."""
    for mention in reader.mentions:
        if mention.entity.name == name and mention.entity.country:
            return mention.entity.country
    for person in named_people(reader, 0, len(reader.text)):
        if person.name != name:
            continue
        for mention in reader.mentions:
            if 0 <= person.start - mention.end <= 2 and mention.entity.kind == "country":
                return mention.entity.name
    for entity in reader.memory.context:
        if entity.name == name and entity.country:
            return entity.country
    return None


def _nomination_support(claim: ExtractedClaim) -> list[ExtractedClaim]:
    # Every nomination, made or announced, is the nominating government's support.
    if claim.event != "nominated" or not claim.holder or claim.polarity != "affirmed":
        return []
    if claim.modality not in ("stated", "intended") or claim.aspect != "current":
        return []
    return [replace(claim, kind="stance", stance="supports", event=None, modality="stated")]
