"""Each holder's stance day by day, worked out in one pass, is the stance the claims up to
that day give (`StanceIndex.at`), on any evidence: mixed stances on one day, hedged and
reported statements, grounds, near-duplicates, undated claims and reported counts."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from records.claims import EvidenceRow
from summarizer.race.stance_days import aggregates_on, stance_days, stances_on
from summarizer.race.stances import HolderStance, StanceIndex, best_evidence
from tests.summarizer.race.test_candidates import _ROW

CANDIDATE = "Ana Invented"
FIRST = date(2030, 1, 1)
QUOTED = 3


def _random_rows(rnd: random.Random) -> list[EvidenceRow]:
    rows = []
    for n in range(rnd.randint(0, 60)):
        article = rnd.randint(1, 15)
        day = (FIRST + timedelta(days=rnd.randint(0, 12))).isoformat()
        undated = rnd.random() < 0.1
        rows.append(
            replace(
                _ROW,
                claim_id=n + 1,
                kind="stance",
                candidate=CANDIDATE,
                holder=None
                if rnd.random() < 0.1
                else rnd.choice(["Atlantis", "Borduria", "Syldavia"]),
                aggregate="most allies",
                stance=rnd.choice(["supports", "supports", "opposes", "conditional", "undecided"]),
                hedged=rnd.random() < 0.3,
                reported=rnd.random() < 0.4,
                grounds=rnd.choice([None, None, "the budget", "the east"]),
                article_id=article,
                duplicate_of=article - 1 if article > 10 else None,
                event_date=None if undated or rnd.random() < 0.5 else day,
                published=None if undated else day,
                counts=rnd.random() < 0.9,
            )
        )
    return rows


def _as_the_index_gives(holder: HolderStance) -> tuple[object, ...]:
    quoted = {row.claim_id for row in best_evidence(holder.evidence, QUOTED)}
    quoted.update(row.claim_id for row in holder.evidence[:1])
    return (
        holder.holder,
        holder.stance,
        holder.since,
        holder.sources,
        holder.hedged,
        holder.reported,
        holder.grounds,
        holder.previous,
        tuple((run.stance, run.since, run.until) for run in holder.history),
        tuple(row.claim_id for row in holder.evidence if row.claim_id in quoted),
    )


def test_every_state_is_the_stance_the_claims_up_to_its_day_give() -> None:
    rnd = random.Random(11)
    for _ in range(300):
        index = StanceIndex.build(CANDIDATE, _random_rows(rnd))
        days = stance_days(index, QUOTED)
        tracks = {track.holder: track for track in days.holders}
        for offset in range(-1, 15):
            as_of = FIRST + timedelta(days=offset)
            expected = index.at(as_of)
            found = [tuple(stance) for stance in stances_on(days, as_of.isoformat())]
            assert found == [_as_the_index_gives(h) for h in expected.holders], (as_of, tracks)
            counted = [i for _, i in aggregates_on(days, as_of.isoformat())]
            assert counted == [row.claim_id for row in expected.aggregates]
