"""Candidates and their status, and how the bot says a claim, derived from stored claims
(pure; no SQL). The timeline is in `summarizer.race.timeline`."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from records.claims import ClaimSet, EvidenceRow, Merge
from summarizer.race.stances import by_candidate, effective_date

STATUS_OF_EVENT = {
    "appointed": "appointed",
    "takes_office": "appointed",
    "withdraws": "withdrawn",
    "declares": "declared",
    "nominated": "nominated",
    "considers": "considering",
    "denies": "ruled out",
    "left_office": "left other office",
    "other_post": "not a candidate (took another post)",
}
# A government said it will nominate the person; it has not yet done so.
NOMINATION_ANNOUNCED = "nomination announced"
# Events that end a candidacy unless the person enters the race again later.
_EXITS = ("withdraws", "other_post", "left_office")


@dataclass(frozen=True)
class CandidateSummary:
    """A candidate the articles reveal, their status and when they were first/last seen."""

    name: str
    status: str
    status_evidence: tuple[EvidenceRow, ...]
    first_seen: str | None
    last_seen: str | None
    backers: int


def _latest(events: Sequence[EvidenceRow], *kinds: str) -> str | None:
    days = [effective_date(row) or "" for row in events if row.event in kinds]
    return max(days) if days else None


def _status(events: Sequence[EvidenceRow]) -> tuple[str, tuple[EvidenceRow, ...]]:
    """The furthest stage a candidacy reached, unless a later withdrawal or denial undid it."""
    if not events:
        return "mentioned", ()
    entered = _latest(events, "declares", "nominated")
    left = _latest(events, *_EXITS)
    if _latest(events, "appointed", "takes_office") is not None:
        event = "appointed" if _latest(events, "appointed") is not None else "takes_office"
    elif left is not None and (entered is None or left >= entered):
        # The last way out wins; a withdrawal is the plainest when they fall on one day.
        exits = [row for row in events if row.event in _EXITS and effective_date(row) == left]
        event = min((row.event or "" for row in exits), key=_EXITS.index)
    elif entered is not None:
        event = "declares" if _latest(events, "declares") == entered else "nominated"
    elif (_latest(events, "denies") or "") >= (_latest(events, "considers") or "~"):
        event = "denies"
    else:
        event = "considers"
    evidence = tuple(row for row in reversed(events) if row.event == event)
    return STATUS_OF_EVENT[event], evidence


def _announced_nomination(row: EvidenceRow) -> bool:
    return (
        row.kind == "candidacy"
        and row.event == "nominated"
        and row.modality == "intended"
        and row.polarity == "affirmed"
        and row.aspect == "current"
    )


def _own_government_backs_a_rival(
    name: str, events: Sequence[EvidenceRow], supports: Mapping[Hashable, Iterable[EvidenceRow]]
) -> EvidenceRow | None:
    """The backing of a rival by the government of someone who was weighing a run (a
    `considers` event's holder is the person's own country), when it came after: such a
    person is out of the race. None while that government's latest backing is their own."""
    weighing = [row for row in events if row.event == "considers" and row.holder]
    if not weighing:
        return None
    latest = max(weighing, key=lambda row: effective_date(row) or "")
    since = effective_date(latest) or ""
    later = [
        row for row in supports.get(latest.holder or "", []) if (effective_date(row) or "") >= since
    ]
    if not later:
        return None
    last = max(later, key=lambda row: effective_date(row) or "")
    return last if last.candidate != name else None


def summarise_candidates(rows: ClaimSet) -> list[CandidateSummary]:
    """Every candidate named by a candidacy or stance claim, most-backed first (kept with
    the claims)."""
    return list(rows.cached("candidates", lambda: _ranked(_by_name(rows))))


def candidacy_events(rows: ClaimSet, name: str) -> tuple[EvidenceRow, ...]:
    """The counting candidacy events of one name, in storage's order (gathered with the
    summaries, so no claim is read again)."""
    found = _by_name(rows).get(name)
    return found.tally.events if found is not None else ()


def _ranked(by_name: Mapping[str, _Summary]) -> tuple[CandidateSummary, ...]:
    found = [entry.summary for entry in by_name.values() if entry.summary is not None]
    return tuple(sorted(found, key=lambda s: (-s.backers, s.name)))


@dataclass(frozen=True)
class _Tally:
    """What one name's summary is worked out from, gathered once from its claims (after an
    ingest, from the new claims added to it, so a much-quoted name is not read again)."""

    events: tuple[EvidenceRow, ...]  # counting candidacy events, in storage's order
    announced: tuple[EvidenceRow, ...]  # announced nominations, in storage's order
    backed: bool  # some holder stated a counting stance
    first: str | None
    last: str | None
    backers: frozenset[str]  # holders who stated support

    @classmethod
    def of(cls, claims: Iterable[EvidenceRow]) -> _Tally:
        """The tally of these claims (in storage's order)."""
        events, announced, days, backers = [], [], [], set()
        backed = False
        for row in claims:
            if row.kind == "candidacy" and row.counts:
                events.append(row)
            if _announced_nomination(row):
                announced.append(row)
            if row.kind == "stance" and row.holder:
                backed = backed or row.counts
                if row.stance == "supports":
                    backers.add(row.holder)
            if day := effective_date(row):
                days.append(day)
        return cls(
            tuple(events),
            tuple(announced),
            backed,
            min(days, default=None),
            max(days, default=None),
            frozenset(backers),
        )

    def grown(self, added: Sequence[EvidenceRow], merge: Merge) -> _Tally:
        """This tally with more claims (`merge` puts rows in storage's order)."""
        more = _Tally.of(added)
        firsts = [day for day in (self.first, more.first) if day]
        lasts = [day for day in (self.last, more.last) if day]
        return _Tally(
            merge(self.events, more.events) if more.events else self.events,
            merge(self.announced, more.announced) if more.announced else self.announced,
            self.backed or more.backed,
            min(firsts, default=None),
            max(lasts, default=None),
            self.backers | more.backers,
        )


@dataclass(frozen=True)
class _Summary:
    """One name's summary (None: not a candidate), the governments whose backing of
    someone else could change it (those of its `considers` events), and its tally."""

    summary: CandidateSummary | None
    weighing: frozenset[str]
    tally: _Tally


def _backing(row: EvidenceRow) -> str | None:
    """The government a stated backing is from (None for any other claim)."""
    if row.kind == "stance" and row.stance == "supports" and row.counts and row.holder:
        return row.holder
    return None


def _by_name(rows: ClaimSet) -> dict[str, _Summary]:
    """Each named person's summary, kept with the claims: after an ingest only the people
    the new claims name, or whose government the new claims say backs someone, are summed
    up again, each from its earlier tally and its new claims."""

    def compute() -> dict[str, _Summary]:
        about = by_candidate(rows)
        supports = rows.parts("backing", _backing)
        found = rows.earlier("candidate_summaries", removals=True)
        tallies: dict[str, _Tally] = {}
        if found is None:
            names: Iterable[Hashable] = about.keys()
            summaries: dict[str, _Summary] = {}
        else:
            summaries = dict(found[0])
            growth = found[1]
            changed = growth.added + growth.removed
            backers = {holder for row in changed if (holder := _backing(row))}
            added: dict[str, list[EvidenceRow]] = {}
            for row in growth.added:
                if row.candidate:
                    added.setdefault(row.candidate, []).append(row)
            # A person some of whose claims are gone is tallied again from those left.
            lost = {row.candidate for row in growth.removed if row.candidate}
            for known, entry in summaries.items():
                if known in lost:
                    continue
                if known in added:
                    tallies[known] = entry.tally.grown(added[known], growth.merge)
                elif entry.weighing & backers:
                    tallies[known] = entry.tally
            names = tallies.keys() | added.keys() | lost
        for name in names:
            claims = about.get(name)
            if not claims:  # every claim about them is gone
                summaries.pop(str(name), None)
                continue
            tally = tallies.get(str(name)) or _Tally.of(claims)
            summaries[str(name)] = _summarise(str(name), claims, tally, supports)
        return summaries

    return rows.cached("candidate_summaries", compute)


def _summarise(
    name: str,
    claims: Sequence[EvidenceRow],
    tally: _Tally,
    supports: Mapping[Hashable, Iterable[EvidenceRow]],
) -> _Summary:
    # Only what is said of this post as a fact makes someone a candidate (an event of the
    # candidacy, or a government's stated backing for the post): a leader who states a
    # stance is a holder, and "may quit" ends nothing.
    events = tally.events
    weighing = frozenset(row.holder for row in events if row.event == "considers" and row.holder)
    if not events and not tally.backed:
        return _Summary(None, weighing, tally)
    status, evidence = _status(events)
    announced = tally.announced
    if status in ("mentioned", STATUS_OF_EVENT["considers"]) and announced:
        # "Romania announced its intention to nominate Iohannis": no nomination yet, but
        # more than weighing a run.
        status, evidence = NOMINATION_ANNOUNCED, (announced[-1],)
    if status == STATUS_OF_EVENT["considers"]:
        rival = _own_government_backs_a_rival(name, events, supports)
        if rival is not None:
            status, evidence = STATUS_OF_EVENT["denies"], (rival,)
    if not evidence:
        evidence = tuple(claims[-1:])
    summary = CandidateSummary(
        name=name,
        status=status,
        status_evidence=evidence,
        first_seen=tally.first,
        last_seen=tally.last,
        backers=len(tally.backers),
    )
    return _Summary(summary, weighing, tally)


# How the bot says each stance: "Hungary opposes Rutte".
STANCE_VERBS = {
    "supports": "backs",
    "opposes": "opposes",
    "conditional": "has reservations about",
    "undecided": "is undecided on",
}
# The same, in the past: "before, Turkey opposed Rutte".
PAST_STANCE_VERBS = {
    "supports": "backed",
    "opposes": "opposed",
    "conditional": "had reservations about",
    "undecided": "was undecided on",
}
_EVENT_TEXT = {
    "declares": "{c} declares a candidacy",
    "considers": "{c} is considering a bid",
    "nominated": "{h} nominates {c}",
    "withdraws": "{c} withdraws",
    "appointed": "{c} is appointed Secretary General",
    "denies": "{c} rules out a candidacy",
    "takes_office": "{c} takes office as Secretary General",
    "left_office": "{c} leaves another office",
    "other_post": "{c} takes another post",
}


def describe_claim(row: EvidenceRow) -> str:
    """A short sentence in the bot's voice for one claim."""
    candidate = row.candidate or "the candidate"
    if row.kind == "stance":
        who = row.holder or row.aggregate or "someone"
        return f"{who} {STANCE_VERBS.get(row.stance or '', 'takes a position on')} {candidate}"
    if row.kind == "candidacy":
        template = _EVENT_TEXT.get(row.event or "", "{c} is mentioned")
        nominator = row.holder or "a government"
        return template.format(c=candidate, h=nominator)
    return row.description or "milestone"
