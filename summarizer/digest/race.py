"""The digest's view of the race from stored claims: standing, backers, holdouts, the other
candidates and what is coming. Pure; every bullet cites the claims it states."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from records.claims import ClaimSet, EvidenceRow
from summarizer.digest.parts import Bullet, FactLedger
from summarizer.race.candidates import (
    PAST_STANCE_VERBS,
    STANCE_VERBS,
    STATUS_OF_EVENT,
    CandidateSummary,
    candidacy_events,
    summarise_candidates,
)
from summarizer.race.stances import (
    CandidateStances,
    HolderStance,
    best_evidence,
    claims_about,
    current_stances,
    effective_date,
    independent_sources,
)
from summarizer.text.wording import counted, human_day, short_name

HOLDOUT_STANCES = ("opposes", "conditional", "undecided")
MAX_HOLDER_BULLETS = 12
MAX_STANDING_CITES = 6
MAX_COMING = 5
MAX_CONTENDERS = 3
# A reported tally worth repeating names a number or share ("two-thirds", "18 allies").
_TALLY = re.compile(
    r"\d|\b(?:half|third|quarter|thirds|majority|most|all|dozen|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|twenty|thirty)\b",
    re.IGNORECASE,
)
_LIKELY_VERBS = {
    "supports": "is likely to back",
    "opposes": "is likely to oppose",
    "conditional": "is likely to hold out against",
    "undecided": "may still be undecided on",
}


def stance_fact(holder: str, candidate: str) -> str:
    """The ledger key for a holder's current stance toward a candidate."""
    return f"stance:{holder}:{candidate}"


def status_fact(candidate: str) -> str:
    """The ledger key for a candidate's status."""
    return f"status:{candidate}"


# A digest is read in a minute: past this many, the other candidates are counted, not listed.
MAX_OTHER_CANDIDATES = 10
OUT_OF_THE_RACE = frozenset(
    {
        STATUS_OF_EVENT["withdraws"],
        STATUS_OF_EVENT["denies"],
        STATUS_OF_EVENT["left_office"],
        STATUS_OF_EVENT["other_post"],
    }
)


def stance_phrase(holder: HolderStance, candidate: str) -> str:
    """`United States backs Rutte` (or `Sweden is likely to back Rutte` when hedged)."""
    verbs = _LIKELY_VERBS if holder.hedged else STANCE_VERBS
    return f"{holder.holder} {verbs[holder.stance]} {short_name(candidate)}"


def _disagreement(holder: HolderStance) -> list[EvidenceRow]:
    # Other articles in the current stretch that report a different stance. Most holders
    # have none: the articles agreeing (often thousands) are only gathered when some differ.
    differing = [row for row in holder.history[-1].evidence if row.stance != holder.stance]
    if not differing:
        return []
    agreeing = {row.article_id for row in holder.evidence}
    return [row for row in differing if row.article_id not in agreeing]


def holder_bullet(section: str, holder: HolderStance, candidate: str) -> Bullet:
    """One holder's stance with its date, source count, stated reasons and any disagreement."""
    since = f"since {human_day(holder.since)}" if holder.since else "undated"
    text = f"{stance_phrase(holder, candidate)} ({since}; {counted(holder.sources, 'source')})"
    if holder.grounds:
        text += f"; stated reasons: {'; '.join(holder.grounds[:2])}"
    if holder.changed and holder.previous and holder.previous != holder.stance:
        text += f"; earlier it {PAST_STANCE_VERBS[holder.previous]} {short_name(candidate)}"
    evidence: list[EvidenceRow] = best_evidence(holder.evidence, 2)
    others = _disagreement(holder)
    if others:
        other = others[-1]
        outlet = other.outlet or "another source"
        text += (
            f"; sources disagree: {outlet} reports that {holder.holder} "
            f"{STANCE_VERBS[other.stance or 'supports']} {short_name(candidate)}"
        )
        evidence.append(other)
    return Bullet(section, text + ".", tuple(evidence))


_RaceParts = tuple[
    tuple[CandidateSummary, ...],
    dict[str, CandidateStances],
    tuple[EvidenceRow, ...],
    dict[str, tuple[EvidenceRow, ...]],
]


def _race_parts(rows: ClaimSet) -> _RaceParts:
    summaries = tuple(summarise_candidates(rows))
    # Each candidate's claims as a subset kept with the claims (the timeline's too): after an
    # ingest, a candidate the new claims do not name keeps its stances as they were.
    about = {s.name: claims_about(rows, s.name) for s in summaries}
    stances = {name: current_stances(name, found) for name, found in about.items()}
    events = tuple(rows.subset(("kind", "event"), lambda row: row.kind == "event"))
    offices = {
        name: tuple(r for r in candidacy_events(rows, name) if r.event == "takes_office")
        for name in about
    }
    return summaries, stances, events, offices


@dataclass(frozen=True)
class RaceView:
    """Every candidate's stances and status as the claims stand."""

    today: date
    summaries: tuple[CandidateSummary, ...]
    stances: dict[str, CandidateStances]
    events: tuple[EvidenceRow, ...]
    taking_office: dict[str, tuple[EvidenceRow, ...]]  # per candidate: when they take office

    @classmethod
    def from_rows(cls, rows: ClaimSet, today: date) -> RaceView:
        """Work out the race from every stance, candidacy and event claim."""
        summaries, stances, events, offices = rows.cached("race_view", lambda: _race_parts(rows))
        return cls(today, summaries, stances, events, offices)

    def backers_of(self, candidate: str, *, hedged: bool | None = False) -> list[HolderStance]:
        """A candidate's current backers (firm ones by default)."""
        chosen = self.stances[candidate].with_stance("supports")
        return [h for h in chosen if hedged is None or h.hedged == hedged]

    @cached_property
    def _backer_counts(self) -> dict[str, tuple[int, int]]:
        # Per candidate: firm backers, backers of any kind. Ranking the candidates asks for
        # these over and over, and an archive names hundreds of people as running.
        counts = {}
        for summary in self.summaries:
            every = self.stances[summary.name].with_stance("supports")
            counts[summary.name] = (sum(not h.hedged for h in every), len(every))
        return counts

    def holdouts_of(self, candidate: str) -> list[HolderStance]:
        """Holders who oppose, hold out or are undecided."""
        return self.stances[candidate].with_stance(*HOLDOUT_STANCES)

    @cached_property
    def front_runner(self) -> str | None:
        """The candidate with the most firm backers (then most backers of any kind)."""
        counts = self._backer_counts
        ranked = sorted(
            ((*counts[s.name], s.name) for s in self.summaries),
            key=lambda item: (-item[0], -item[1], item[2]),
        )
        return ranked[0][2] if ranked and ranked[0][1] > 0 else None

    def summary(self, candidate: str) -> CandidateSummary | None:
        """The status summary of one candidate."""
        return next((s for s in self.summaries if s.name == candidate), None)

    @property
    def appointed(self) -> CandidateSummary | None:
        """The candidate the articles say was appointed, if any (the latest such)."""
        chosen = [s for s in self.summaries if s.status == "appointed" and s.status_evidence]
        return max(chosen, key=lambda s: effective_date(s.status_evidence[0]) or "", default=None)

    def _appointment(self, summary: CandidateSummary, ledger: FactLedger) -> list[Bullet]:
        row = summary.status_evidence[0]
        day = effective_date(row)
        text = f"{summary.name} was appointed Secretary General" + (
            f" ({human_day(day)})" if day else ""
        )
        evidence = [row]
        office = sorted(
            self.taking_office.get(summary.name, ()), key=lambda r: effective_date(r) or ""
        )
        dated = [r for r in office if effective_date(r)]
        if dated:
            start = effective_date(dated[-1]) or ""
            taken = start <= self.today.isoformat()
            text += f"; {'took' if taken else 'takes'} office on {human_day(start)}"
            evidence.append(dated[-1])
        bullet = Bullet("standing", text + ".", tuple(evidence))
        return [ledger.record(bullet, status_fact(summary.name))]

    def _holdout_names(self, candidate: str) -> str:
        """`Hungary (conditions: …), Slovakia`: the named holdouts with their stated grounds."""
        named = []
        for holder in self.holdouts_of(candidate):
            grounds = f" ({'; '.join(holder.grounds)})" if holder.grounds else ""
            named.append(holder.holder + grounds)
        return ", ".join(named)

    def standing(self, ledger: FactLedger) -> list[Bullet]:
        """An appointment and when the new Secretary General takes office; else the
        front-runner, the count of backers, the named holdouts with their conditions, and
        reported tallies."""
        appointed = self.appointed
        if appointed is not None:
            return self._appointment(appointed, ledger)
        leader = self.front_runner
        if leader is None:
            return []
        firm = self.backers_of(leader)
        likely = self.backers_of(leader, hedged=True)
        holdouts = self.holdouts_of(leader)
        status = self.summary(leader)
        parts = [f"{leader}"]
        if status and status.status not in ("mentioned", "considering"):
            parts.append(f" ({status.status})")
        parts.append(f" leads with {counted(len(firm), 'backer')} named in the articles")
        if likely:
            parts.append(f" and {len(likely)} more likely")
        if holdouts:
            verb = "holds" if len(holdouts) == 1 else "hold"
            parts.append(f"; {len(holdouts)} {verb} out: {self._holdout_names(leader)}")
        evidence = [best_evidence(h.evidence, 1)[0] for h in firm + likely + holdouts if h.evidence]
        evidence = evidence[:MAX_STANDING_CITES]
        if status and status.status_evidence:
            evidence.insert(0, status.status_evidence[0])
        bullets = [ledger.record(Bullet("standing", "".join(parts) + ".", tuple(evidence)))]
        bullets += self._tallies(leader, ledger)
        return bullets

    def _tallies(self, candidate: str, ledger: FactLedger) -> list[Bullet]:
        rows = [
            row
            for row in self.stances[candidate].aggregates
            if row.aggregate and _TALLY.search(row.aggregate) and row.stance == "supports"
        ]
        latest = sorted(rows, key=lambda row: effective_date(row) or "")[-1:]
        bullets = []
        for row in latest:
            text = (
                f"Reported tally: {row.aggregate} back {short_name(candidate)} "
                f"({row.outlet or 'one source'}, {human_day(effective_date(row))})."
            )
            bullets.append(ledger.record(Bullet("standing", text, (row,)), f"tally:{candidate}"))
        return bullets

    def contenders(self) -> list[str]:
        """The front-runner, then any rival with at least half as many firm backers (or as
        many): the candidates whose backers and holdouts the digest spells out one by one."""
        leader = self.front_runner
        if leader is None:
            return []
        counts = self._backer_counts
        leading = counts[leader][0]
        bar = max(2, leading / 2)
        rivals = [
            s.name
            for s in self.summaries
            if s.name != leader
            # as strong as the front-runner: a tie names both, however few backers
            and (counts[s.name][0] >= bar or counts[s.name][0] == leading)
        ]
        return [leader, *rivals][:MAX_CONTENDERS]

    def backers(self, ledger: FactLedger) -> list[Bullet]:
        """One bullet per backer of each candidate, front-runner first."""
        bullets = []
        for name in self.contenders():
            holders = [
                h
                for h in self.backers_of(name, hedged=None)
                if ledger.is_new(stance_fact(h.holder, name))
            ]
            bullets += self._holder_bullets("backers", name, holders, ledger)
        return bullets

    def holdouts(self, ledger: FactLedger) -> list[Bullet]:
        """Who opposes, blocks or holds out, with their stated reasons."""
        bullets = []
        for name in self.contenders():
            holders = [
                h for h in self.holdouts_of(name) if ledger.is_new(stance_fact(h.holder, name))
            ]
            bullets += self._holder_bullets("holdouts", name, holders, ledger)
        return bullets

    def _holder_bullets(
        self, section: str, candidate: str, holders: list[HolderStance], ledger: FactLedger
    ) -> list[Bullet]:
        shown, rest = holders[:MAX_HOLDER_BULLETS], holders[MAX_HOLDER_BULLETS:]
        bullets = [
            ledger.record(holder_bullet(section, h, candidate), stance_fact(h.holder, candidate))
            for h in shown
        ]
        if rest:
            names = ", ".join(h.holder for h in rest)
            verb = "Also backing" if section == "backers" else "Also holding out against"
            bullet = Bullet(
                section,
                f"{verb} {short_name(candidate)}: {names}.",
                tuple(h.evidence[0] for h in rest if h.evidence),
            )
            facts = [stance_fact(h.holder, candidate) for h in rest]
            bullets.append(ledger.record(bullet, *facts))
        return bullets

    def other_candidates(self, ledger: FactLedger) -> tuple[list[Bullet], int]:
        """The other candidates with a known status, and how they entered or left: those
        still in the race (most backed first), then those out of it (latest news first), up
        to MAX_OTHER_CANDIDATES; and how many more there are (`candidates` lists them all)."""
        chosen = [
            summary
            for summary in self.summaries
            if summary.name != self.front_runner
            and summary.status != "mentioned"
            and summary.status_evidence
            and ledger.is_new(status_fact(summary.name))
        ]
        in_race = [s for s in chosen if s.status not in OUT_OF_THE_RACE]
        out = sorted(
            (s for s in chosen if s.status in OUT_OF_THE_RACE),
            key=lambda s: effective_date(s.status_evidence[0]) or "",
            reverse=True,
        )
        shown = (in_race + out)[:MAX_OTHER_CANDIDATES]
        bullets = [
            ledger.record(
                Bullet("candidates", self._status_text(s), s.status_evidence[:2]),
                status_fact(s.name),
            )
            for s in shown
        ]
        return bullets, len(chosen) - len(shown)

    def _status_text(self, summary: CandidateSummary) -> str:
        row = summary.status_evidence[0]
        day = human_day(effective_date(row)) if effective_date(row) else "undated"
        name = summary.name
        texts = {
            "nominated": f"{name}: nominated{' by ' + row.holder if row.holder else ''} ({day})",
            "declared": f"{name}: declared a candidacy ({day})",
            "considering": f"{name}: reported to be considering a bid (latest report {day})",
            "withdrawn": f"{name}: withdrew from the race ({day})",
            "appointed": f"{name}: appointed Secretary General ({day})",
            "not declared": f"{name}: has not declared a candidacy ({day})",
        }
        text = texts.get(summary.status, f"{name}: {summary.status} ({day})")
        firm = self.backers_of(name)
        if firm:
            text += f"; {counted(len(firm), 'backer')} named"
        return text + "."

    def coming(self, ledger: FactLedger) -> list[Bullet]:
        """Dated milestones after today, soonest first; conflicting dates are flagged."""
        by_event: dict[str, list[EvidenceRow]] = {}
        today = self.today.isoformat()
        for row in self.events:
            day = effective_date(row)
            if day and day > today and row.description:
                by_event.setdefault(row.description, []).append(row)
        ordered = sorted(
            by_event.items(), key=lambda item: min(effective_date(r) or "" for r in item[1])
        )
        bullets = []
        for description, rows in ordered[:MAX_COMING]:
            days = sorted({effective_date(row) or "" for row in rows})
            text = f"{human_day(days[0])}: {description}"
            sources = independent_sources(rows)
            if sources > 1:
                text += f" ({counted(sources, 'source')})"
            evidence = best_evidence(rows, 2)
            if len(days) > 1:
                text += f"; sources disagree on the date: {' or '.join(map(human_day, days))}"
                evidence = [next(r for r in rows if effective_date(r) == d) for d in days[:3]]
            bullet = Bullet("coming", text + ".", tuple(evidence))
            bullets.append(ledger.record(bullet, f"event:{description}"))
        return bullets
