"""The article memory and the parts of one sentence every reading step shares: the cue
hits found in it, its mentions, and the state a sentence reader carries."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from records.claims import ExtractedClaim
from records.people import Sighting
from summarizer.entities.resolver import Entity, EntityResolver, Mention
from summarizer.extraction.context_cues import ACADEMIC_TITLE
from summarizer.extraction.cues import STANCE_CUES, Cue
from summarizer.extraction.event_cues import CANDIDACY_CUES
from summarizer.text.gate import PatternGate

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


class NamesSoFar:
    """Names in the order the article established them: what it had established after any
    earlier count of them is still known (`first`)."""

    def __init__(self) -> None:
        self._names: dict[str, None] = {}

    def add(self, name: str) -> None:
        """Establish one name."""
        self._names.setdefault(name, None)

    def update(self, names: Iterable[str]) -> None:
        """Establish these names, in order."""
        for name in names:
            self._names.setdefault(name, None)

    def first(self, count: int) -> list[str]:
        """The first `count` names established: all there were when there were `count`."""
        return list(islice(self._names, count))

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def nobody() -> str | None:
    """No one: the subject before an article's first sentence."""
    return None


@dataclass
class ArticleMemory:
    """What earlier sentences of the same article established."""

    on: date | None
    context: list[Entity] = field(default_factory=list)
    focus: str | None = None
    established: NamesSoFar = field(default_factory=NamesSoFar)
    last_holders: list[tuple[str, str]] = field(default_factory=list)
    last_stance_claims: list[ExtractedClaim] = field(default_factory=list)
    in_race: bool = False  # some sentence so far was about the race
    headline_people: set[str] = field(default_factory=set)
    article_people: list[str] = field(default_factory=list)  # persons in order of mention
    surnames: dict[str, str] = field(default_factory=dict)  # of unknown people named in full
    # The first person the last sentence named, for "he"/"she" (extraction.event_people):
    # worked out only when a sentence asks, which few do.
    previous_subject: Callable[[], str | None] = nobody
    # The archive's contenders around the article's day (after the article's own context).
    background: tuple[Entity, ...] = ()
    # What the article says of who people are, for the archive (summarizer/entities/learned).
    sightings: list[Sighting] = field(default_factory=list)


@dataclass(frozen=True)
class CueHit:
    """A cue found in a sentence, with its span."""

    cue: Cue
    start: int
    end: int


class ReaderState:
    """What a sentence reader knows about its sentence; the reading steps share it."""

    idx: int
    text: str
    masked: str
    memory: ArticleMemory
    on: date | None
    resolver: EntityResolver
    mentions: list[Mention]
    race: bool  # race wording strong enough for a candidacy event
    asked: bool
    member_names: frozenset[str]
    _read_candidates: set[str]

    # Asked of the few sentences that say something (each is a search of the sentence).
    @property
    def race_wide(self) -> bool:
        """Race wording enough for a stance."""
        raise NotImplementedError

    @property
    def reported(self) -> bool:
        """Whether the sentence reports what others say ("according to", "reportedly")."""
        raise NotImplementedError

    @property
    def hedged(self) -> bool:
        """Whether the sentence hedges ("likely", "may", "expected to")."""
        raise NotImplementedError


# Quotation marks around a few words ("she was 'seriously thinking' about running"): blanked so
# that the quoted phrase reads as the wording it is. A longer quote is speech and keeps its
# marks, which end a clause (summarizer/extraction/clauses.py).
_SHORT_QUOTE = re.compile(r"(?<!\w)(['‘\"“])((?:[\w-]+\s+){0,3}[\w-]+)(['’\"”])(?!\w)")


def masked_text(text: str) -> str:
    """The sentence with academic titles and quotation marks blanked out, offsets kept."""
    # Blank academic titles out so "Candidate of Political Sciences" is not a candidacy,
    # keeping offsets aligned with the original sentence.
    masked = ACADEMIC_TITLE.sub(lambda m: " " * len(m.group(0)), text)
    return _SHORT_QUOTE.sub(lambda m: f" {m.group(2)} ", masked)


ALL_CUES: tuple[Cue, ...] = (*STANCE_CUES, *CANDIDACY_CUES)
# Rules out, from the words a sentence lacks, the cues that cannot match it (most of them).
CUE_GATE = PatternGate([cue.pattern for cue in ALL_CUES])


def cue_hits(text: str) -> list[CueHit]:
    """Every stance and candidacy cue in the text. Where two overlap, the longer wording wins
    (it says more: "weighing a run" over "weighing"); on equal length, the earlier cue."""
    found = [
        (match.end() - match.start(), order, CueHit(ALL_CUES[order], match.start(), match.end()))
        for order in CUE_GATE.possible(text)
        for match in ALL_CUES[order].pattern.finditer(text)
    ]
    taken: list[tuple[int, int]] = []
    hits = []
    for _, _, hit in sorted(found, key=lambda item: (-item[0], item[1])):
        if any(hit.start < end and start < hit.end for start, end in taken):
            continue
        taken.append((hit.start, hit.end))
        hits.append(hit)
    return sorted(hits, key=lambda hit: hit.start)


def within(mentions: Sequence[Mention], start: int, end: int) -> list[Mention]:
    """The mentions inside a span."""
    return [m for m in mentions if m.start >= start and m.end <= end]


def is_incumbent(text: str, mention: Mention) -> bool:
    """Whether the mention names the sitting Secretary General ("succeed Stoltenberg")."""
    before = text[max(0, mention.start - 60) : mention.start]
    return bool(_INCUMBENT.search(before) or _INCUMBENT_AFTER.match(text[mention.end :]))
