"""The changes in a race worth telling a channel at once: a government switching its stance,
and a candidacy event (entering, being nominated, withdrawing, being appointed, taking
office). Pure, over stored claims; each change has a stable key, so it is told only once."""

from __future__ import annotations

from dataclasses import dataclass

from records.claims import ClaimSet, EvidenceRow
from summarizer.race.candidates import PAST_STANCE_VERBS, STANCE_VERBS, describe_claim
from summarizer.race.stances import claims_about as _about
from summarizer.race.stances import current_stances, effective_date
from summarizer.text.wording import human_day, short_name

ALERT_EVENTS = ("declares", "nominated", "withdraws", "appointed", "takes_office")
MAX_EVIDENCE = 2


@dataclass(frozen=True)
class RaceChange:
    """One change: its key, how the bot says it, the claims behind it, and the first article
    that reported it (a channel hears only of changes reported after it subscribed)."""

    key: str
    text: str
    evidence: tuple[EvidenceRow, ...]
    first_article_id: int


def _first_reported(rows: tuple[EvidenceRow, ...]) -> tuple[EvidenceRow, ...]:
    return tuple(sorted(rows, key=lambda row: row.article_id)[:MAX_EVIDENCE])


def _switches(rows: ClaimSet) -> list[RaceChange]:
    changes = []
    candidates = sorted({row.candidate for row in rows if row.kind == "stance" and row.candidate})
    for candidate in candidates:
        for holder in current_stances(candidate, _about(rows, candidate)).holders:
            for before, after in zip(holder.history, holder.history[1:], strict=False):
                if not after.evidence or after.stance == before.stance:
                    continue
                since = f" (since {human_day(after.since)})" if after.since else ""
                text = (
                    f"{holder.holder} now {STANCE_VERBS[after.stance]} "
                    f"{short_name(candidate)}{since}; before, it "
                    f"{PAST_STANCE_VERBS[before.stance]} {short_name(candidate)}"
                )
                key = f"stance:{holder.holder}:{candidate}:{after.stance}:{after.since}"
                evidence = _first_reported(after.evidence)
                changes.append(RaceChange(key, text + ".", evidence, evidence[0].article_id))
    return changes


def _events(rows: ClaimSet) -> list[RaceChange]:
    grouped: dict[tuple[str, str], list[EvidenceRow]] = {}
    for row in rows:
        if row.kind == "candidacy" and row.counts and row.candidate and row.event in ALERT_EVENTS:
            grouped.setdefault((row.event or "", row.candidate), []).append(row)
    changes = []
    for (event, candidate), found in grouped.items():
        evidence = _first_reported(tuple(found))
        day = effective_date(evidence[0])
        text = describe_claim(evidence[0]) + (f" ({human_day(day)})" if day else "")
        key = f"event:{event}:{candidate}"
        changes.append(RaceChange(key, text + ".", evidence, evidence[0].article_id))
    return changes


def race_changes(rows: ClaimSet) -> list[RaceChange]:
    """Every switch of stance and every candidacy event in these claims, in the order they
    were first reported (kept with the claims)."""
    return list(
        rows.cached(
            "race_changes",
            lambda: tuple(
                sorted(_switches(rows) + _events(rows), key=lambda c: (c.first_article_id, c.key))
            ),
        )
    )
