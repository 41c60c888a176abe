"""Stance questions inside `ask` ("who backs her?", "is Turkey on board?", "and Hungary?"),
answered from the stance engine with dated, cited lines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.archive import Session
from bot.citations import CitationBook
from bot.commands.stances import holder_line
from bot.reply import Line, Section
from summarizer.questions.analysis import Question
from summarizer.race.candidates import STANCE_VERBS
from summarizer.race.stances import CandidateStances, current_stances
from summarizer.text.wording import human_day

MAX_QUOTES_PER_HOLDER = 2
MAX_AGGREGATES = 3
_GROUPS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "supports": (("Backers", ("supports",)),),
    "opposes": (
        ("Opposed or blocking", ("opposes",)),
        ("Holding out (reservations or conditions)", ("conditional",)),
        ("Undecided", ("undecided",)),
    ),
}
_GROUPS["any"] = _GROUPS["supports"] + _GROUPS["opposes"]


@dataclass(frozen=True)
class StanceAnswer:
    """The sections of a stance answer, its entries and the names it brought into focus."""

    title: str
    sections: tuple[Section, ...]
    entries: tuple[dict[str, Any], ...]
    holders: tuple[str, ...]

    @property
    def answered(self) -> bool:
        """Whether anything cited was said."""
        return bool(self.entries) or any(line.cites for s in self.sections for line in s.lines)


def _aggregates(stances: CandidateStances, wanted: tuple[str, ...], book: CitationBook) -> Section:
    rows = [row for row in stances.aggregates if row.stance in wanted][-MAX_AGGREGATES:]
    lines = tuple(
        Line(
            f"{row.aggregate} ({STANCE_VERBS[row.stance or 'supports']}; "
            f"{human_day(row.event_date or row.published)})",
            (book.cite(row),),
        )
        for row in rows
    )
    return Section("Counts the articles report", lines)


def _about_candidate(
    candidate: str, stances: CandidateStances, wanted: str, book: CitationBook
) -> StanceAnswer:
    sections: list[Section] = []
    entries: list[dict[str, Any]] = []
    holders: list[str] = []
    for heading, stance_names in _GROUPS.get(wanted, _GROUPS["any"]):
        chosen = stances.with_stance(*stance_names)
        lines = []
        for holder in chosen:
            line, entry = holder_line(holder, candidate, book)
            lines.append(line)
            entries.append(entry)
            holders.append(holder.holder)
        if lines:
            sections.append(Section(f"{heading} ({len(lines)})", tuple(lines)))
    all_stances = tuple(s for _, names in _GROUPS.get(wanted, _GROUPS["any"]) for s in names)
    counts = _aggregates(stances, all_stances, book)
    if counts.lines:
        sections.append(counts)
    titles = {"supports": "Who backs", "opposes": "Who opposes or holds out against"}
    title = f"{titles.get(wanted, 'Where the allies stand on')} {candidate}"
    if not sections:
        verb = {"supports": "backs", "opposes": "opposes"}.get(wanted, "has taken a stance on")
        message = f"My sources don't name anyone who {verb} {candidate}."
        sections.append(Section(None, (Line(message),), "paragraph"))
    return StanceAnswer(title, tuple(sections), tuple(entries), tuple(holders))


def stance_answer(session: Session, question: Question, book: CitationBook) -> StanceAnswer:
    """Answer a stance question: one holder on one candidate, one holder on every candidate,
    or every holder on one candidate (filtered to backers or opponents when asked)."""
    holder, candidate = question.holder, question.candidate
    names = [candidate] if candidate else session.candidate_names()
    per_candidate = [
        (name, current_stances(name, session.claims_about(name, ["stance"]))) for name in names
    ]
    if holder is None and candidate is not None:
        return _about_candidate(
            candidate, per_candidate[0][1], question.stance_filter or "any", book
        )
    lines: list[Line] = []
    entries: list[dict[str, Any]] = []
    for name, stances in per_candidate:
        for found in stances.holders:
            if found.holder == holder:
                line, entry = holder_line(found, name, book)
                lines.append(line)
                entries.append(entry)
    if candidate:
        title = f"Where {holder} stands on {candidate}"
        missing = f"My sources don't say where {holder} stands on {candidate}."
    else:
        title = f"Where {holder} stands on the candidates"
        missing = f"My sources don't say where {holder} stands on any candidate."
    if not lines:
        return StanceAnswer(title, (Section(None, (Line(missing),), "paragraph"),), (), ())
    return StanceAnswer(title, (Section(None, tuple(lines)),), tuple(entries), (str(holder),))
