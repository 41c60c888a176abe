"""`candidates` and `timeline [NAME]`: who is in the race, and what happened when."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any, Protocol, TypeVar

from bot.citations import CitationBook
from bot.commands.common import (
    currency_note,
    human_day,
    joined,
    optional_day,
    resolve_candidate,
)
from bot.dispatch import UserError
from bot.race_results import (
    CITED_PER_ENTRY,
    candidate_entries,
    candidates_in_memory,
    candidates_now,
    cited_rows,
    timeline_entries,
    timeline_in_memory,
    timeline_now,
)
from bot.registry import CommandContext
from bot.reply import Line, Reply, Section
from records.claims import EvidenceRow
from summarizer.entities.resolver import EntityResolver
from summarizer.race.timeline import Placed, select_events

P = TypeVar("P", bound=Placed)


def fold_accents(name: str) -> str:
    """The name without diacritics, case kept (`Kariņš` → `Karins`), for ASCII-only readers."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def handle_candidates(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """Every candidate the articles reveal, with status and first/last seen, cited."""
    with ctx.archive.session() as session:
        live = candidates_in_memory(session)
        listed: list[tuple[CandidateLine, list[EvidenceRow]]]
        if live is not None:
            listed = [(s, list(s.status_evidence[:CITED_PER_ENTRY])) for s in live]
        else:
            kept = candidate_entries(session)
            cited = cited_rows(session, kept)
            if cited is None:  # the archive changed since: as it is now
                kept = candidates_now(session)
                cited = cited_rows(session, kept) or {}
            listed = [(entry, _rows(cited, entry.evidence_ids)) for entry in kept]
        note = currency_note(session.db)
    book = CitationBook()
    lines, entries = [], []
    for summary, quoted in listed:
        cites = book.cite_all(quoted)
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


PAGE_SIZE = 50


def _holder(query: str) -> str:
    """The canonical holder for `--holder` (a country, a leader's country, a capital)."""
    match = EntityResolver.default().resolve_name(query)
    if match.entity is None:
        hint = f"Did you mean {', '.join(match.suggestions)}?" if match.suggestions else None
        raise UserError(f"I don't know a government called “{query.strip()[:60]}”.", hint=hint)
    return match.entity.speaks_for(None) or match.entity.name


def _page(values: Mapping[str, Any]) -> int:
    raw = str(values.get("page") or "1").strip()
    if not raw.isdigit() or int(raw) < 1:
        raise UserError(f"`{raw[:20]}` is not a page number.", hint="Use --page 2, --page 3, …")
    return int(raw)


def _rows(cited: Mapping[int, EvidenceRow], ids: Sequence[int]) -> list[EvidenceRow]:
    return [cited[claim_id] for claim_id in ids if claim_id in cited]


class CandidateLine(Protocol):
    """What a line of `candidates` shows of one candidate (kept or computed here)."""

    @property
    def name(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def first_seen(self) -> str | None: ...
    @property
    def last_seen(self) -> str | None: ...
    @property
    def backers(self) -> int: ...


class EventLine(Protocol):
    """What a line of `timeline` shows of one event (kept or computed here)."""

    @property
    def day(self) -> str | None: ...
    @property
    def inferred(self) -> bool: ...
    @property
    def text(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def candidate(self) -> str | None: ...
    @property
    def holder(self) -> str | None: ...
    @property
    def sources(self) -> int: ...


def _event_line(
    event: EventLine, quoted: Sequence[EvidenceRow], book: CitationBook
) -> tuple[Line, dict[str, Any]]:
    cites = book.cite_all(quoted)
    day = (
        human_day(event.day) + (" (date inferred)" if event.inferred else "")
        if event.day
        else "Undated"
    )
    sources = event.sources
    counted_sources = f" ({sources} sources)" if sources > 1 else ""
    line = Line(f"{day}: {event.text}{counted_sources}", cites)
    entry = {
        "date": event.day,
        "date_inferred": event.inferred,
        "event": event.text,
        "kind": event.kind,
        "candidate": event.candidate,
        "holder": event.holder,
        "sources": sources,
        "citations": list(cites),
    }
    return line, entry


def handle_timeline(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """What happened, oldest first, each event once with its independent sources and its
    earliest report cited; per candidate or holder, within days, page by page."""
    query = joined(values, "name")
    since, until = optional_day(values, "since"), optional_day(values, "until")
    page = _page(values)
    with ctx.archive.session() as session:
        name = resolve_candidate(session, query, "timeline [NAME]") if query.strip() else None
        holder = _holder(str(values["holder"])) if values.get("holder") else None

        def chosen_from(events: Sequence[P]) -> list[P]:
            return select_events(
                events,
                name=name,
                holder=holder,
                since=since.isoformat() if since else None,
                until=until.isoformat() if until else None,
            )

        def page_of(events: Sequence[P]) -> list[P]:
            pages = max(1, -(-len(events) // PAGE_SIZE))
            if page > pages:
                plural = "s" if pages != 1 else ""
                raise UserError(f"There are only {pages} page{plural} of events.")
            return list(events[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])

        live = timeline_in_memory(session)
        chosen: Sequence[EventLine]
        listed_events: list[tuple[EventLine, list[EvidenceRow]]]
        if live is not None:
            chosen = live_chosen = chosen_from(live)
            listed_events = [
                (event, list(event.evidence[:CITED_PER_ENTRY])) for event in page_of(live_chosen)
            ]
        else:
            kept_chosen = chosen_from(timeline_entries(session))
            kept_shown = page_of(kept_chosen)
            cited = cited_rows(session, kept_shown)
            if cited is None:  # the archive changed since: as it is now
                kept_chosen = chosen_from(timeline_now(session))
                kept_shown = kept_chosen[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
                cited = cited_rows(session, kept_shown) or {}
            chosen = kept_chosen
            listed_events = [(event, _rows(cited, event.evidence_ids)) for event in kept_shown]
        note = currency_note(session.db)
    pages = max(1, -(-len(chosen) // PAGE_SIZE))
    book = CitationBook()
    lines, entries = [], []
    for event, quoted in listed_events:
        line, entry = _event_line(event, quoted, book)
        lines.append(line)
        entries.append(entry)
    if pages > 1:
        note = (
            f"Page {page} of {pages} ({len(chosen):,} events; `--page {min(page + 1, pages)}` "
            f"for more, `--since`/`--until` to narrow). {note}"
        )
    about = " for " + " and ".join(x for x in (name, holder) if x) if (name or holder) else ""
    sections = (
        (Section("Timeline", tuple(lines)),)
        if lines
        else (Section(None, (Line("My sources don't report any event there yet."),), "paragraph"),)
    )
    return Reply(
        command="timeline",
        title=f"Timeline{about}",
        sections=sections,
        citations=book.citations,
        data={
            "name": name,
            "holder": holder,
            "events": entries,
            "total_events": len(chosen),
            "page": page,
            "pages": pages,
        },
        note=note,
    )
