"""`ask QUESTION... [--thread KEY]`: a cited answer from the articles, remembered per thread.

Stance questions go to the stance engine; any other question to retrieval over the stored
sentences (summarizer/answers/ranking.py decides what answers it, or that nothing does). A thread
(a chat thread, or `--thread KEY` on the command line) keeps its turns in SQLite, so "her"
and "and Hungary?" resolve in the next question, even after a restart.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.archive import Session
from bot.briefing.llm import llm_backend
from bot.citations import CitationBook
from bot.commands.common import currency_note, joined
from bot.dispatch import UserError
from bot.registry import CommandContext
from bot.reply import Line, Reply, Section
from records.conversation import TurnFocus
from records.passages import Passage
from storage.db import Database
from storage.search import sentence_total
from storage.threads import (
    MAX_KEY_CHARS,
    NewTurn,
    add_turn,
    find_thread,
    latest_digest_id,
    recent_turns,
)
from summarizer.entities.resolver import EntityResolver
from summarizer.questions.analysis import PriorTurn, Question, analyse_question, as_passages
from summarizer.text.language import guess_language
from summarizer.text.wording import human_day

if TYPE_CHECKING:
    from summarizer.llm.backend import LLMBackend

MAX_QUESTION_CHARS = 2000
NOT_COVERED = "My sources don't cover that."
_EXAMPLE = "For example: `ask who backs Rutte?` or `ask when does Stoltenberg's term end?`"


def _question_text(values: Mapping[str, Any]) -> str:
    text = " ".join(joined(values, "question").split())
    if not text:
        raise UserError("What would you like to know? Ask a question in words.", hint=_EXAMPLE)
    if len(text) > MAX_QUESTION_CHARS:
        raise UserError(
            f"That question is too long for me ({len(text):,} characters; I read questions of "
            f"up to {MAX_QUESTION_CHARS:,}). Please ask it in a sentence or two.",
            hint=_EXAMPLE,
        )
    if not any(ch.isalnum() for ch in text):
        raise UserError("I couldn't find a question in that. Please ask in words.", hint=_EXAMPLE)
    return text


def _thread_key(ctx: CommandContext, values: Mapping[str, Any]) -> str | None:
    key = ctx.thread_key or values.get("thread")
    key = " ".join(str(key or "").split())
    return key[:MAX_KEY_CHARS] or None


def _foreign(text: str) -> bool:
    """Whether a question is plainly not in English (another script, or another language)."""
    letters = [ch for ch in text if ch.isalpha()]
    latin = sum(1 for ch in letters if "LATIN" in unicodedata.name(ch, ""))
    if letters and latin < len(letters) / 2:
        return True
    return guess_language(text) not in (None, "en")


def _source_label(passage: Passage) -> str:
    if passage.outlet:
        return passage.outlet
    return Path(passage.source).name if passage.source else "unknown outlet"


def passage_line(passage: Passage) -> str:
    """ "“The exact sentence.” — Outlet, 6 March 2024" """
    day = human_day(passage.published) if passage.published else "undated"
    return f"“{passage.quote}” — {_source_label(passage)}, {day}"


def _mentioned(resolver: EntityResolver, passages: Sequence[Passage]) -> list[str]:
    people: list[str] = []
    others: list[str] = []
    for passage in passages:
        for mention in resolver.find_mentions(passage.quote):
            target = people if mention.entity.kind == "person" else others
            target.append(mention.entity.name)
    return list(dict.fromkeys(people + others))


def _aliases(resolver: EntityResolver, passages: Sequence[Passage]) -> dict[int, list[str]]:
    """By sentence id, the canonical names of what each passage mentions (on its date), which
    the model may use for "the Dutch prime minister" or "Ankara"."""
    names: dict[int, list[str]] = {}
    for passage in passages:
        try:
            on = date.fromisoformat(passage.published[:10]) if passage.published else None
        except ValueError:
            on = None
        mentions = resolver.find_mentions(passage.quote, on)
        names[passage.sentence_id] = list(dict.fromkeys(m.entity.name for m in mentions))
    return names


class _Answer:
    """What the handler gathers before building the reply and storing the turn."""

    def __init__(self, question: Question) -> None:
        self.question = question
        self.kind = "not_covered"
        self.title = "Not covered"
        self.sections: list[Section] = []
        self.data: dict[str, Any] = {}
        self.focus_names: list[str] = list(question.entities)
        self.sentence_ids: list[int] = []


def _answer_passages(
    session: Session,
    answer: _Answer,
    resolver: EntityResolver,
    book: CitationBook,
    llm: LLMBackend | None = None,
) -> None:
    # Each kind of answer loads its own machinery: a new process answers one question.
    from bot.commands.ask.retrieval import answer_from_passages

    question = answer.question
    selection = answer_from_passages(session, question, resolver)
    answer.data["reason"] = selection.reason
    if not selection.covered:
        lines = [Line(NOT_COVERED)]
        if sentence_total(session.db, session.search_results()) == 0:
            lines.append(Line("No articles are stored yet: add some with `ingest PATH_OR_URL`."))
        elif selection.reason == "vague":
            lines.append(Line("I couldn't make out a question there. " + _EXAMPLE))
        elif _foreign(question.text):
            lines.append(Line("I can only read questions asked in English."))
        answer.sections.append(Section(None, tuple(lines), "paragraph"))
        return
    chosen = [scored.passage for scored in selection.chosen]
    written = None
    if llm is not None:
        # The model's prose and its checks load only when a model is configured.
        from summarizer.answers.prose import write_answer

        written = write_answer(question.text, chosen, llm, aliases=_aliases(resolver, chosen))
    if written is not None and written.sentences:
        cited = tuple(Line(text, book.cite_all(list(items))) for text, items in written.sentences)
        answer.data["backend"] = llm.name if llm else "extractive"
        if written.dropped:
            answer.data["dropped_sentences"] = written.dropped
    else:
        cited = tuple(Line(passage_line(p), (book.cite(p),)) for p in chosen)
        answer.data["backend"] = "extractive"
        if written is not None and written.fallback_reason:
            answer.data["offline_reason"] = written.fallback_reason
    answer.kind, answer.title = "passages", "What the articles say"
    answer.sections.append(Section(None, cited))
    answer.sentence_ids = [p.sentence_id for p in chosen]
    answer.focus_names += _mentioned(resolver, chosen)


def _answer_stance(session: Session, answer: _Answer, book: CitationBook) -> bool:
    from bot.commands.ask.stances import stance_answer

    result = stance_answer(session, answer.question, book)
    answer.title = result.title
    answer.sections += result.sections
    answer.data["entries"] = list(result.entries)
    if not result.answered:
        return False
    answer.kind = "stance"
    answer.sentence_ids = [c.sentence_id for c in book.citations]
    answer.focus_names += list(result.holders)
    return True


def _store(db: Database, ctx: CommandContext, key: str, answer: _Answer, new_thread: bool) -> int:
    question = answer.question
    focus = TurnFocus(
        intent=question.intent,
        stance_filter=question.stance_filter,
        candidate=question.candidate,
        holder=question.holder,
        entities=tuple(dict.fromkeys(answer.focus_names))[:12],
    )
    text = "\n".join(line.text for section in answer.sections for line in section.lines)
    turn = NewTurn(
        question=question.text,
        resolved=question.resolved,
        answer=text,
        answer_kind=answer.kind,
        focus=focus,
        sentence_ids=tuple(answer.sentence_ids),
    )
    now = (ctx.now or datetime.now(UTC)).isoformat(timespec="seconds")
    chat = ctx.surface in ("slack", "discord")
    # A chat thread hangs off the digest the adapter saw it under, else the latest one.
    digest_id = ctx.digest_id or (latest_digest_id(db) if new_thread and chat else None)
    return add_turn(db, key, ctx.surface, ctx.channel, turn, now, digest_id)


def handle_ask(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """Answer a question from the articles, with citations, remembering the thread."""
    text = _question_text(values)
    key = _thread_key(ctx, values)
    resolver = EntityResolver.default()
    with ctx.archive.session() as session:
        db = session.db
        thread = find_thread(db, key, ctx.surface, ctx.channel) if key else None
        turns = recent_turns(db, thread.id) if thread else []
        history = [PriorTurn(turn.resolved, turn.focus) for turn in turns]
        question = analyse_question(text, history, resolver, session.candidate_names())
        book = CitationBook()
        answer = _Answer(question)
        answered = question.intent == "stance" and _answer_stance(session, answer, book)
        if question.intent == "stance" and not answered and question.guessed:
            answer = _Answer(as_passages(question, history, resolver, session.candidate_names()))
            question = answer.question
        if question.intent == "passages":
            _answer_passages(session, answer, resolver, book, llm_backend(ctx.settings, db))
        note = currency_note(db)
        if answer.data.get("offline_reason"):
            note += f" Offline summary ({answer.data['offline_reason']})."
        elif answer.data.get("dropped_sentences"):
            from summarizer.llm.fallback import left_out

            note += f" Written by a language model; {left_out(answer.data['dropped_sentences'])}."
        position = _store(db, ctx, key, answer, thread is None) if key else None
    sections = list(answer.sections)
    if question.resolutions:
        read = "; ".join(f"“{word}” as {name}" for word, name in question.resolutions)
        sections.insert(0, Section(None, (Line(f"(Reading {read}.)"),), "paragraph"))
    return Reply(
        command="ask",
        title=answer.title,
        sections=tuple(sections),
        citations=book.citations,
        note=note,
        data={
            "question": question.text,
            "resolved": question.resolved,
            "thread": key,
            "turn": position,
            "answer_kind": answer.kind,
            "intent": question.intent,
            "candidate": question.candidate,
            "holder": question.holder,
            **answer.data,
        },
    )
