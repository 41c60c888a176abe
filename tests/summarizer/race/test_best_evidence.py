"""The quotes a stance line shows: the most direct statements first, one per article,
newest first among equally direct ones, however many rows a holder has."""

from __future__ import annotations

import random
from dataclasses import replace

from records.claims import EvidenceRow
from summarizer.race.stances import best_evidence
from tests.summarizer.race.test_candidates import _ROW


def _by_the_rule(evidence: list[EvidenceRow], limit: int) -> list[EvidenceRow]:
    # The rule spelt out: rank by directness keeping the given order, then the first row
    # of each article.
    ranked = sorted(evidence, key=lambda row: (row.hedged, row.reported))
    firsts = {}
    for row in ranked:
        firsts.setdefault(row.article_id, row)
    return list(firsts.values())[:limit]


def _row(n: int, article: int, *, hedged: bool = False, reported: bool = False) -> EvidenceRow:
    return replace(_ROW, claim_id=n, article_id=article, hedged=hedged, reported=reported)


def test_a_direct_statement_outranks_a_newer_report_and_each_article_is_quoted_once() -> None:
    newest_first = [
        _row(5, 50, reported=True),
        _row(4, 40, hedged=True),
        _row(3, 30),
        _row(2, 30),  # the same article again
        _row(1, 10),
    ]
    assert [r.claim_id for r in best_evidence(newest_first, 3)] == [3, 1, 5]
    assert [r.claim_id for r in best_evidence(newest_first, 10)] == [3, 1, 5, 4]
    assert best_evidence(newest_first, 0) == []


def test_the_quotes_follow_the_rule_on_any_evidence() -> None:
    rnd = random.Random(7)
    for _ in range(500):
        evidence = [
            _row(i, rnd.randint(1, 9), hedged=rnd.random() < 0.3, reported=rnd.random() < 0.4)
            for i in range(rnd.randint(0, 40))
        ]
        for limit in (1, 2, 3, 6, 50):
            assert best_evidence(evidence, limit) == _by_the_rule(evidence, limit)
