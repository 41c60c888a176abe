"""The cited daily digest: its sections, in order, built from claims and passages.

Pure: the caller reads claims and passages from storage and stores the result. Every bullet
carries the stored sentences it rests on; a bullet without evidence is never made.
"""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.digest.news import NewsReading, change_bullets, context_bullets
from summarizer.digest.parts import Bullet, DigestInputs, FactLedger, usable
from summarizer.digest.race import RaceView

# Section keys, in the order they are shown, with their headings.
# The state of the race leads (an appointment, or the front-runner with the holdouts named),
# then what changed since the last digest, then what is coming; the details follow.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("standing", "Where the race stands"),
    ("changes", "What changed since the last digest"),
    ("coming", "What is coming"),
    ("backers", "Backers"),
    ("holdouts", "Holdouts and obstacles"),
    ("candidates", "Other candidates"),
    ("context", "Also in the articles"),
)


@dataclass(frozen=True)
class DigestDraft:
    """The digest's bullets, in section order, and how many other candidates it counts
    without listing them."""

    bullets: tuple[Bullet, ...]
    unlisted_candidates: int = 0

    def sections(self) -> list[tuple[str, str, list[Bullet]]]:
        """(key, heading, bullets) for each section that has something to say."""
        grouped: list[tuple[str, str, list[Bullet]]] = []
        for key, heading in SECTIONS:
            chosen = [bullet for bullet in self.bullets if bullet.section == key]
            if chosen:
                grouped.append((key, heading, chosen))
        return grouped


def build_digest(inputs: DigestInputs) -> DigestDraft:
    """Build the digest: the state of the race, what changed, what is coming, then the
    details and the context."""
    ledger = FactLedger()
    reading = NewsReading(inputs.passages, inputs.words)
    race = RaceView.from_rows(inputs.rows, inputs.today)
    bullets: list[Bullet] = []
    bullets += race.standing(ledger)
    bullets += change_bullets(inputs, race, ledger, reading)
    bullets += race.coming(ledger)
    bullets += race.backers(ledger)
    bullets += race.holdouts(ledger)
    others, unlisted = race.other_candidates(ledger)
    bullets += others
    bullets += context_bullets(inputs, ledger, reading)
    return DigestDraft(tuple(usable(bullets)), unlisted)
