"""`candidates` and `timeline [NAME]`: who is in the race, and what happened when."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

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
    TimelineEntry,
    candidate_entries,
    candidates_now,
    cited_rows,
    timeline_entries,
    timeline_now,
)
from bot.registry import CommandContext
from bot.reply import Line, Reply, Section
from records.claims import EvidenceRow
from summarizer.entities.resolver import EntityResolver
from summarizer.race.timeline import select_events


def fold_accents(name: str) -> str:
    """The name without diacritics, case kept (`Kariņš` → `Karins`), for ASCII-only readers."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def handle_candidates(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """Every candidate the articles reveal, with status and first/last seen, cited."""
    with ctx.archive.session() as session:
        summaries = candidate_entries(session)
        cited = cited_rows(session, summaries)
        if cited is None:  # the archive changed since: as it is now
            summaries = candidates_now(session)
            cited = cited_rows(session, summaries) or {}
        note = currency_note(session.db)
    book = CitationBook()
    lines, entries = [], []
    for summary in summaries:
        cites = book.cite_all(_rows(cited, summary.evidence_ids))
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


def _event_line(
    event: TimelineEntry, cited: Mapping[int, EvidenceRow], book: CitationBook
) -> tuple[Line, dict[str, Any]]:
    cites = book.cite_all(_rows(cited, event.evidence_ids))
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

        def chosen_from(events: list[TimelineEntry]) -> list[TimelineEntry]:
            return select_events(
                events,
                name=name,
                holder=holder,
                since=since.isoformat() if since else None,
                until=until.isoformat() if until else None,
            )

        chosen = chosen_from(timeline_entries(session))
        pages = max(1, -(-len(chosen) // PAGE_SIZE))
        if page > pages:
            raise UserError(f"There are only {pages} page{'s' if pages != 1 else ''} of events.")
        shown = chosen[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        cited = cited_rows(session, shown)
        if cited is None:  # the archive changed since: as it is now
            chosen = chosen_from(timeline_now(session))
            shown = chosen[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
            cited = cited_rows(session, shown) or {}
        note = currency_note(session.db)
    pages = max(1, -(-len(chosen) // PAGE_SIZE))
    book = CitationBook()
    lines, entries = [], []
    for event in shown:
        line, entry = _event_line(event, cited, book)
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
