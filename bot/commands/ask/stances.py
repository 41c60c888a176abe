"""Stance questions inside `ask` ("who backs her?", "is Turkey on board?", "and Hungary?"),
answered from the stance engine with dated, cited lines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.archive import Session
from bot.citations import CitationBook
from bot.commands.stances import (
    RivalBacker,
    holder_line,
    rival_backers,
    stance_sections,
    stances_as_of,
)
from bot.reply import Line, Section
from records.claims import EvidenceRow
from summarizer.questions.analysis import Question
from summarizer.race.stances import CandidateStances, current_stances


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


def _about_candidate(
    candidate: str,
    stances: CandidateStances,
    wanted: str,
    book: CitationBook,
    rivals: Sequence[RivalBacker] = (),
) -> StanceAnswer:
    answer = stance_sections(candidate, stances, wanted, book, rivals)
    return StanceAnswer(answer.title, answer.sections, answer.entries, answer.holders)


def stance_answer(session: Session, question: Question, book: CitationBook) -> StanceAnswer:
    """Answer a stance question: one holder on one candidate, one holder on every candidate,
    or every holder on one candidate (filtered to backers or opponents when asked)."""
    holder, candidate = question.holder, question.candidate
    names = [candidate] if candidate else session.candidate_names()
    if holder is None and candidate is not None:
        wanted = question.stance_filter or "any"
        stances = stances_as_of(session, candidate, question.as_of)
        rivals = (
            rival_backers(session, candidate, stances, question.as_of)
            if wanted != "supports"
            else []
        )
        return _about_candidate(candidate, stances, wanted, book, rivals)
    # One holder's stance on a candidate rests on that holder's claims alone.
    made: dict[str | None, list[EvidenceRow]] = {}
    for row in session.claims_by_holder(holder, ["stance"]) if holder else ():
        made.setdefault(row.candidate, []).append(row)
    lines: list[Line] = []
    entries: list[dict[str, Any]] = []
    for name in names:
        for found in current_stances(name, made.get(name, ()), question.as_of).holders:
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
