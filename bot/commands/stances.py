"""`who-backs NAME` and `who-opposes NAME`: current stances with dated, cited evidence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.archive import RACE_KINDS, Session
from bot.citations import CitationBook
from bot.commands.common import currency_note, human_day, joined, optional_day, resolve_candidate
from bot.race_results import (
    FirmBacker,
    candidate_stances,
    candidate_stances_on,
    cited_rows,
    firm_backers,
)
from bot.registry import CommandContext
from bot.reply import Line, Reply, Section
from records.claims import EvidenceRow
from storage.claims import plain_backers as plain_backers_stored
from summarizer.entities.resolver import EntityResolver
from summarizer.race.candidates import STANCE_VERBS
from summarizer.race.stances import (
    CandidateStances,
    HolderStance,
    PlainBackers,
    best_evidence,
    plain_backers,
)
from summarizer.text.wording import short_name

MAX_QUOTES_PER_HOLDER = 3


def holder_text(holder: HolderStance, candidate: str) -> str:
    """`Hungary opposes Rutte (since 1 March 2024; 3 sources) — grounds: …`."""
    since = f"since {human_day(holder.since)}" if holder.since else "undated"
    parts = [f"{holder.holder} {STANCE_VERBS[holder.stance]} {short_name(candidate)} ({since}"]
    parts.append(f"; {holder.sources} source{'s' if holder.sources != 1 else ''}")
    if holder.hedged:
        parts.append("; hedged: the sources only say it is likely")
    elif holder.reported:
        parts.append("; reported second-hand")
    parts.append(")")
    text = "".join(parts)
    if holder.grounds:
        text += f" — grounds: {'; '.join(holder.grounds)}"
    if holder.changed and holder.previous:
        text += f" — changed: previously {STANCE_VERBS[holder.previous]} {short_name(candidate)}"
    return text


def holder_line(
    holder: HolderStance, candidate: str, book: CitationBook
) -> tuple[Line, dict[str, Any]]:
    """One holder's line with its citations, and its JSON entry."""
    cites = book.cite_all(best_evidence(holder.evidence, MAX_QUOTES_PER_HOLDER))
    text = holder_text(holder, candidate)
    entry = {
        "holder": holder.holder,
        "candidate": candidate,
        "stance": holder.stance,
        "since": holder.since,
        "sources": holder.sources,
        "hedged": holder.hedged,
        "reported": holder.reported,
        "grounds": list(holder.grounds),
        "changed": holder.changed,
        "previous_stance": holder.previous,
        "citations": list(cites),
        "history": [
            {"stance": run.stance, "since": run.since, "until": run.until} for run in holder.history
        ],
    }
    return Line(text, cites), entry


def _aggregate_section(
    stances: CandidateStances, book: CitationBook, wanted: tuple[str, ...]
) -> Section | None:
    rows = [row for row in stances.aggregates if row.stance in wanted]
    if not rows:
        return None
    lines = []
    for row in rows[-3:]:
        day = human_day(row.event_date or row.published)
        lines.append(
            Line(
                f"{row.aggregate} ({STANCE_VERBS[row.stance or 'supports']}; {day})",
                (book.cite(row),),
            )
        )
    return Section("Counts the articles report", tuple(lines))


# The groups each side shows, in order: (heading, stances, hedged or not; None for both).
Groups = tuple[tuple[str, tuple[str, ...], bool | None], ...]
BACKING_GROUPS: Groups = (
    ("Backers", ("supports",), False),
    ("Likely backers", ("supports",), True),
)
OPPOSING_GROUPS: Groups = (
    ("Opposed or blocking", ("opposes",), None),
    ("Holding out (reservations or conditions)", ("conditional",), None),
    ("Undecided", ("undecided",), None),
)
TITLES = {"supports": "Who backs", "opposes": "Who opposes or holds out against"}


@dataclass(frozen=True)
class StanceSections:
    """Where holders stand on one candidate, as cited sections and JSON entries."""

    title: str
    sections: tuple[Section, ...]
    entries: tuple[dict[str, Any], ...]

    @property
    def holders(self) -> tuple[str, ...]:
        """The holders named, in order."""
        return tuple(str(entry["holder"]) for entry in self.entries)


@dataclass(frozen=True)
class RivalBacker:
    """A government that backs another candidate and has taken no stance on this one: it has
    not backed this one yet, so it holds out (the analyst's reading of "backs the rival")."""

    rival: str
    holder: str
    since: str | None
    evidence: tuple[EvidenceRow, ...]  # the quotes to show


def rival_backers(
    session: Session, candidate: str, stances: CandidateStances, as_of: date | None
) -> list[RivalBacker]:
    """Governments firmly backing a weaker rival (fewer firm backers than `candidate`), with
    no stance on `candidate`: holding out for their own choice. Backers of a stronger rival
    are not listed against every lesser candidate."""
    named = {holder.holder for holder in stances.holders}
    own = len([h for h in stances.with_stance("supports") if not h.hedged])
    if as_of is None:
        kept = _rivals_as_kept(session, candidate, named, own)
        if kept is not None:
            return kept
    resolver = EntityResolver.default()
    found: dict[str, RivalBacker] = {}
    # A rival's firm backers are among those who backed it in plain words by then: a rival
    # none of whom could be listed here is not read at all.
    plain = _plain_backers(session)
    limit = as_of.isoformat() if as_of else None

    def could_list(holder: str, first: str | None) -> bool:
        in_time = limit is None or (first is not None and first <= limit)
        return in_time and holder not in named and _is_country(resolver, holder)

    for rival in session.candidate_names():
        if rival == candidate or not any(
            could_list(holder, first) for holder, first in plain.get(rival, {}).items()
        ):
            continue
        theirs = stances_as_of(session, rival, as_of)
        firm = [h for h in theirs.with_stance("supports") if not h.hedged]
        if len(firm) >= own:
            continue  # a rival at least as strong: its backers are not this race's holdouts
        for holder in firm:
            entity = resolver.entity(holder.holder)
            if holder.holder in named or entity is None:
                continue
            if entity.kind == "country":
                quotes = tuple(best_evidence(holder.evidence, MAX_QUOTES_PER_HOLDER))
                found.setdefault(
                    holder.holder, RivalBacker(rival, holder.holder, holder.since, quotes)
                )
    return sorted(found.values(), key=lambda r: r.holder)


def stances_as_of(session: Session, candidate: str, as_of: date | None) -> CandidateStances:
    """Every holder's stance toward `candidate` as of a day (None: the latest evidence); a new
    process reads both from kept answers (`bot/race_results.py`)."""
    if as_of is None:
        return candidate_stances(session, candidate)
    return candidate_stances_on(session, candidate, as_of)


def _plain_backers(session: Session) -> PlainBackers:
    """Who backed each candidate in plain words, and from when: from the claims this process
    holds (extended after an ingest), else one SQL aggregate, kept for this revision."""
    if session.holds_claims():
        return plain_backers(session.claims_of_kind(RACE_KINDS))
    derived = session.derived()
    if derived is None:
        return plain_backers_stored(session.db)
    found: PlainBackers = derived.get("plain_backers", lambda: plain_backers_stored(session.db))
    return found


def _is_country(resolver: EntityResolver, holder: str) -> bool:
    entity = resolver.entity(holder)
    return entity is not None and entity.kind == "country"


def _rivals_as_kept(
    session: Session, candidate: str, named: set[str], own: int
) -> list[RivalBacker] | None:
    """`rival_backers` as of the latest evidence, from the firm backers kept for this
    revision (None when a claim they cite is gone: the archive changed just now)."""
    resolver = EntityResolver.default()
    chosen: dict[str, tuple[str, FirmBacker]] = {}
    for rival, firm in firm_backers(session).items():
        if rival == candidate or len(firm) >= own:
            continue
        for backer in firm:
            entity = resolver.entity(backer.holder)
            if backer.holder in named or entity is None or entity.kind != "country":
                continue
            chosen.setdefault(backer.holder, (rival, backer))
    rows = cited_rows(session, [backer for _, backer in chosen.values()])
    if rows is None:
        return None
    return sorted(
        (
            RivalBacker(rival, b.holder, b.since, tuple(rows[i] for i in b.evidence_ids))
            for rival, b in chosen.values()
        ),
        key=lambda r: r.holder,
    )


def _rival_section(
    candidate: str, rivals: Sequence[RivalBacker], book: CitationBook
) -> tuple[Section, list[dict[str, Any]]]:
    lines, entries = [], []
    for backer in rivals:
        since = f"since {human_day(backer.since)}" if backer.since else "undated"
        cites = book.cite_all(list(backer.evidence))
        lines.append(
            Line(
                f"{backer.holder} backs {short_name(backer.rival)} instead ({since}), "
                f"so it has not backed {short_name(candidate)}",
                cites,
            )
        )
        entries.append(
            {
                "holder": backer.holder,
                "candidate": candidate,
                "stance": "backs_rival",
                "rival": backer.rival,
                "since": backer.since,
                "citations": list(cites),
            }
        )
    return Section(f"Backing another candidate ({len(lines)})", tuple(lines)), entries


def stance_sections(
    candidate: str,
    stances: CandidateStances,
    side: str,
    book: CitationBook,
    rivals: Sequence[RivalBacker] = (),
) -> StanceSections:
    """The one answer to "who backs / opposes X" (`side`: supports, opposes or any), shared
    by `who-backs`, `who-opposes` and stance questions in `ask`. `rivals` (governments backing
    another candidate) are listed among those holding out."""
    short = short_name(candidate)
    groups = {
        "supports": BACKING_GROUPS,
        "opposes": OPPOSING_GROUPS,
    }.get(side, BACKING_GROUPS + OPPOSING_GROUPS)
    sections: list[Section] = []
    entries: list[dict[str, Any]] = []
    for heading, wanted, hedged in groups:
        chosen = [h for h in stances.with_stance(*wanted) if hedged is None or h.hedged == hedged]
        if not chosen:
            continue
        lines = []
        for holder in chosen:
            line, entry = holder_line(holder, candidate, book)
            lines.append(line)
            entries.append(entry)
        sections.append(Section(f"{heading} ({len(chosen)})", tuple(lines)))
    if rivals and side != "supports":
        section, rival_entries = _rival_section(candidate, rivals, book)
        sections.append(section)
        entries += rival_entries
    switched = [
        h
        for h in stances.holders
        if h.changed
        and (h.previous == "supports") != (h.stance == "supports")
        and (side != "supports" or h.previous == "supports")
        and (side != "opposes" or h.previous != "supports")
    ]
    if switched:
        lines = [
            Line(
                f"{h.holder} previously {STANCE_VERBS[h.previous or 'supports']} {short}; "
                f"since {human_day(h.since)} {STANCE_VERBS[h.stance]} {short}",
                book.cite_all(list(h.evidence[:1])),
            )
            for h in switched
        ]
        sections.append(Section("Switched", tuple(lines)))
    counted = {
        "supports": ("supports",),
        "opposes": ("opposes", "conditional"),
    }.get(side, ("supports", "opposes", "conditional"))
    aggregates = _aggregate_section(stances, book, counted)
    if aggregates:
        sections.append(aggregates)
    if not sections:
        verb = {"supports": "backs", "opposes": "opposes"}.get(side, "has taken a stance on")
        message = f"My sources don't name anyone who {verb} {candidate}."
        sections.append(Section(None, (Line(message),), "paragraph"))
    title = f"{TITLES.get(side, 'Where the allies stand on')} {candidate}"
    return StanceSections(title, tuple(sections), tuple(entries))


def _stance_reply(ctx: CommandContext, values: Mapping[str, Any], command: str) -> Reply:
    usage = f"{command} NAME [--as-of DATE]"
    as_of = optional_day(values)
    with ctx.archive.session() as session:
        db = session.db
        candidate = resolve_candidate(session, joined(values, "name"), usage)
        note = currency_note(db, as_of)
        stances = stances_as_of(session, candidate, as_of)
        side = "supports" if command == "who-backs" else "opposes"
        rivals = rival_backers(session, candidate, stances, as_of) if side == "opposes" else []
    book = CitationBook()
    answer = stance_sections(candidate, stances, side, book, rivals)
    return Reply(
        command=command,
        title=answer.title,
        sections=answer.sections,
        citations=book.citations,
        data={
            "candidate": candidate,
            "as_of": as_of.isoformat() if as_of else None,
            "entries": list(answer.entries),
        },
        note=note,
    )


def handle_who_backs(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """Who supports a candidate now, with dated evidence; who switched."""
    return _stance_reply(ctx, values, "who-backs")


def handle_who_opposes(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """Who opposes, blocks or holds out against a candidate, and on what grounds."""
    return _stance_reply(ctx, values, "who-opposes")
