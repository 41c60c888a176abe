"""The pieces a digest is made of: bullets, their evidence, the inputs and the fact ledger."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from records.claims import ClaimSet, EvidenceRow
from records.passages import Passage
from summarizer.text.centrality import WordsMemo

Evidence = EvidenceRow | Passage


@dataclass(frozen=True)
class Bullet:
    """One statement of the digest and the evidence it rests on (never empty)."""

    section: str
    text: str
    evidence: tuple[Evidence, ...]

    @property
    def sentence_ids(self) -> tuple[int, ...]:
        """The cited sentences, without repeats, in order."""
        return tuple(dict.fromkeys(item.sentence_id for item in self.evidence))


@dataclass(frozen=True)
class DigestInputs:
    """What a digest is built from.

    `rows` are every stance, candidacy and event claim; `passages` the sentences of the recent
    and new articles; `baseline_latest_id` the newest article the previous digest covered
    (None when there is no previous digest).
    """

    rows: ClaimSet
    passages: Sequence[Passage]
    new_article_ids: frozenset[int]
    baseline_latest_id: int | None
    today: date
    words: WordsMemo | None = None  # the content words of sentences read before, if kept


@dataclass
class FactLedger:
    """Remembers which facts and sentences the digest has stated, so none is said twice."""

    facts: set[str] = field(default_factory=set)
    sentences: set[int] = field(default_factory=set)
    texts: list[str] = field(default_factory=list)

    def is_new(self, *facts: str) -> bool:
        """Whether none of these facts has been stated yet."""
        return not any(fact in self.facts for fact in facts)

    def record(self, bullet: Bullet, *facts: str) -> Bullet:
        """Note a bullet's facts and sentences as stated; returns the bullet."""
        self.facts.update(facts)
        self.sentences.update(bullet.sentence_ids)
        self.texts.extend(item.quote for item in bullet.evidence)
        return bullet


def usable(bullets: Iterable[Bullet]) -> list[Bullet]:
    """Drop any bullet that lost its evidence: no citation, no statement."""
    return [bullet for bullet in bullets if bullet.evidence and bullet.text.strip()]
