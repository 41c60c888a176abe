"""`candidates` and `timeline [NAME]`: who is in the race, and what happened when."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from bot.archive import RACE_KINDS, TIMELINE_KINDS
from bot.citations import CitationBook
from bot.commands.common import currency_note, human_day, joined, resolve_candidate
from bot.registry import Argument, Command, CommandContext
from bot.reply import Line, Reply, Section
from summarizer.race.candidates import build_timeline, summarise_candidates

# A chat message cannot usefully show thousands of events: the newest ones are shown (still
# oldest first) and the reply says how many more there are.
MAX_DATED_EVENTS = 100
MAX_UNDATED_EVENTS = 20


def fold_accents(name: str) -> str:
    """The name without diacritics, case kept (`Kariņš` → `Karins`), for ASCII-only readers."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def handle_candidates(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """Every candidate the articles reveal, with status and first/last seen, cited."""
    with ctx.archive.session() as session:
        db = session.db
        rows = session.claims_of_kind(RACE_KINDS)
        note = currency_note(db)
    book = CitationBook()
    lines, entries = [], []
    for summary in summarise_candidates(rows):
        cites = book.cite_all(list(summary.status_evidence[:2]))
        seen = (
            f"first seen {human_day(summary.first_seen)}, last seen {human_day(summary.last_seen)}"
        )
        backers = (
            f"; {summary.backers} backer{'s' if summary.backers != 1 else ''} named"
            if summary.backers
            else ""
        )
        plain = fold_accents(summary.name)
        shown = summary.name if plain == summary.name else f"{summary.name} ({plain})"
        lines.append(Line(f"{shown}: {summary.status} ({seen}{backers})", cites))
        entries.append(
            {
                "name": summary.name,
                "name_ascii": plain,
                "status": summary.status,
                "first_seen": summary.first_seen,
                "last_seen": summary.last_seen,
                "backers": summary.backers,
                "citations": list(cites),
            }
        )
    sections = (
        (Section(f"Candidates ({len(lines)})", tuple(lines)),)
        if lines
        else (Section(None, (Line("My sources don't name any candidate yet."),), "paragraph"),)
    )
    return Reply(
        command="candidates",
        title="Candidates for NATO Secretary General",
        sections=sections,
        citations=book.citations,
        data={"candidates": entries},
        note=note,
    )


def handle_timeline(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """Dated events, oldest first, each cited; inferred dates marked."""
    query = joined(values, "name")
    with ctx.archive.session() as session:
        db = session.db
        name = resolve_candidate(session, query, "timeline [NAME]") if query.strip() else None
        rows = session.claims_of_kind(TIMELINE_KINDS)
        note = currency_note(db)
    book = CitationBook()
    dated: list[Line] = []
    undated: list[Line] = []
    entries: list[dict[str, Any]] = []
    timeline = build_timeline(rows, name)
    dated_entries = [entry for entry in timeline if entry.day]
    undated_entries = [entry for entry in timeline if not entry.day]
    shown = dated_entries[-MAX_DATED_EVENTS:] + undated_entries[:MAX_UNDATED_EVENTS]
    for entry in shown:
        cites = book.cite_all(list(entry.evidence[:3]))
        day = (
            human_day(entry.day) + (" (date inferred)" if entry.inferred else "")
            if entry.day
            else None
        )
        line = Line(f"{day}: {entry.text}" if day else entry.text, cites)
        (dated if entry.day else undated).append(line)
        entries.append(
            {
                "date": entry.day,
                "date_inferred": entry.inferred,
                "event": entry.text,
                "citations": list(cites),
            }
        )
    left_out = len(timeline) - len(shown)
    if left_out:
        narrow = "" if name else "; `timeline NAME` shows one candidate's"
        note = (
            f"Showing the latest {len(dated)} dated events of {len(dated_entries):,} "
            f"and {len(undated)} undated of {len(undated_entries):,}{narrow}. {note}"
        )
    sections = []
    if dated:
        sections.append(Section("Timeline", tuple(dated)))
    if undated:
        sections.append(Section("Undated", tuple(undated)))
    if not sections:
        sections.append(Section(None, (Line("My sources don't date any event yet."),), "paragraph"))
    return Reply(
        command="timeline",
        title=f"Timeline{' for ' + name if name else ''}",
        sections=tuple(sections),
        citations=book.citations,
        data={"name": name, "events": entries, "total_events": len(timeline)},
        note=note,
    )


CANDIDATES = Command(
    name="candidates",
    summary="Every candidate the articles reveal: status, first and last seen.",
    handler=handle_candidates,
    examples=("candidates",),
)
TIMELINE = Command(
    name="timeline",
    summary="Dated events, oldest first, each cited (optionally for one name).",
    handler=handle_timeline,
    arguments=(
        Argument(
            "name",
            "only events about this candidate",
            variadic=True,
            metavar="NAME",
            autocomplete="candidate",
        ),
    ),
    examples=("timeline", "timeline Iohannis"),
)
