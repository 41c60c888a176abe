"""Understanding a question asked in a thread: what it asks, about whom, and what it means
given the turns before it ("her" after a question about Kallas; "and Hungary?" after a
stance question about Rutte).

Pure: the caller passes the resolver, the known candidates and the thread's earlier turns.
Stance questions ("who backs X", "is Turkey on board?", "where does Berlin stand?") are
answered from the stance engine; every other question by retrieval over the sentences.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace

from records.conversation import TurnFocus
from summarizer.entities.resolver import Entity, EntityResolver
from summarizer.questions.as_of import question_day
from summarizer.questions.context import resolve_pronouns
from summarizer.questions.model import CONTEXT_TURNS, Concept, PriorTurn, Question, shape
from summarizer.questions.names import Named, question_mentions
from summarizer.questions.topics import topical_question
from summarizer.questions.words import (
    AUX_FORM,
    ELLIPSIS_LEAD,
    ELLIPSIS_TAIL,
    HOLDER_WHOM_FORM,
    PASSIVE_FORM,
    POSITION_FORM,
    STANCE_IN_REST,
    WHEN_STANCE_FORM,
    WHO_FORM,
    stance_of_verb,
)
from summarizer.text.centrality import content_words

__all__ = ["Concept", "PriorTurn", "Question", "analyse_question", "as_passages", "holder_name"]


def holder_name(entity: Entity) -> str:
    """Whose stance a named actor states: a minister speaks for their country."""
    return entity.speaks_for(None)


def _is_candidate(entity: Entity, candidates: Collection[str]) -> bool:
    return entity.kind == "person" and entity.name in candidates


def _elliptic(text: str, named: Sequence[Named]) -> bool:
    """Whether the question is nothing but names: "and Hungary?", "what about her?"."""
    if not named:
        return False
    form = shape(text, named)
    rest = ELLIPSIS_TAIL.sub("", ELLIPSIS_LEAD.sub("", form, count=1))
    return re.fullmatch(r"(?:the\s+)?§(?:\s*(?:,|and|or)\s*(?:the\s+)?§)*", rest) is not None


def analyse_question(
    text: str,
    history: Sequence[PriorTurn],
    resolver: EntityResolver,
    candidates: Collection[str],
) -> Question:
    """What a question asks, with pronouns and ellipsis resolved from the earlier turns."""
    asked = " ".join(text.split())
    resolved, resolutions = resolve_pronouns(asked, history, resolver)
    named = question_mentions(resolver, resolved)
    base = Question(
        text=asked,
        resolved=resolved,
        intent="passages",
        entities=tuple(dict.fromkeys(n.entity.name for n in named)),
        resolutions=resolutions,
        as_of=question_day(asked),
    )
    if _elliptic(resolved, named):
        follow = _follow_up(base, named, history, resolver, candidates)
        if follow is not None:
            return follow
    stance = _stance(base, named, history, candidates)
    if stance is not None:
        return stance
    return topical_question(base, named, history, resolver, candidates)


def _follow_up(
    base: Question,
    named: Sequence[Named],
    history: Sequence[PriorTurn],
    resolver: EntityResolver,
    candidates: Collection[str],
) -> Question | None:
    people = [n.entity for n in named if _is_candidate(n.entity, candidates)]
    holders = [n.entity for n in named if not _is_candidate(n.entity, candidates)]
    previous = history[-1] if history else None
    if previous is None or previous.focus.intent == "stance":
        focus = previous.focus if previous else TurnFocus("stance", "any")
        candidate = people[0].name if people else focus.candidate
        # A new holder replaces the old one; "and Kallas?" after "is Turkey on board with
        # Rutte?" keeps Turkey and asks about Kallas.
        holder = holder_name(holders[0]) if holders else focus.holder
        if candidate is None and holder is None:
            return None
        wanted = "any" if holder else (focus.stance_filter or "any")
        return replace(
            base,
            intent="stance",
            stance_filter=wanted,
            candidate=candidate,
            holder=holder,
            resolved=_stance_wording(wanted, candidate, holder),
            entities=tuple(dict.fromkeys(x for x in (candidate, holder) if x)),
            guessed=previous is None,
        )
    # An ordinary question before: ask it again about the new name.
    rewritten = _substitute(previous.resolved, named[0], resolver)
    again = analyse_question(rewritten, [], resolver, candidates)
    return replace(again, text=base.text, resolutions=base.resolutions, vague=False)


def _substitute(previous: str, new: Named, resolver: EntityResolver) -> str:
    """The previous question with its last name of the same kind replaced by the new one."""
    same_kind = [
        n
        for n in question_mentions(resolver, previous)
        if (n.entity.kind == "person") == (new.entity.kind == "person")
    ]
    if not same_kind:
        return f"{previous.rstrip(' ?.!')} {new.entity.name}?"
    old = same_kind[-1]
    return previous[: old.start] + new.entity.name + previous[old.end :]


def _stance_wording(wanted: str, candidate: str | None, holder: str | None) -> str:
    if holder and candidate:
        return f"Where does {holder} stand on {candidate}?"
    if holder:
        return f"Where does {holder} stand on the candidates?"
    verb = {"supports": "backs", "opposes": "opposes"}.get(wanted)
    return f"Who {verb} {candidate}?" if verb else f"Where do the allies stand on {candidate}?"


def _stance(
    base: Question,
    named: Sequence[Named],
    history: Sequence[PriorTurn],
    candidates: Collection[str],
) -> Question | None:
    form = shape(base.resolved, named)
    focus_candidate = next(
        (t.focus.candidate for t in reversed(history[-CONTEXT_TURNS:]) if t.focus.candidate),
        None,
    )
    people = [n.entity for n in named if n.entity.kind == "person"]
    when = WHEN_STANCE_FORM.match(form)
    if when and named and not _is_candidate(named[0].entity, candidates):
        # "When did Turkey back Rutte?": the stance line says since when, cited.
        others = [e for e in people if e.name != named[0].entity.name]
        return replace(
            base,
            intent="stance",
            stance_filter=stance_of_verb(when.group("verb")),
            candidate=others[0].name if others else focus_candidate,
            holder=holder_name(named[0].entity),
        )
    whom = HOLDER_WHOM_FORM.match(form)
    if whom and named and not _is_candidate(named[0].entity, candidates):
        # "Whom would Hungary back instead of Rutte?": where the holder stands on each one.
        return replace(
            base,
            intent="stance",
            stance_filter=stance_of_verb(whom.group("verb")),
            candidate=None,
            holder=holder_name(named[0].entity),
        )
    if match := WHO_FORM.match(form):
        rest_words = [w for w in content_words(match.group("rest")) if w != "§"]
        candidate = people[0].name if people else None
        if candidate is None and not rest_words and "§" not in match.group("rest"):
            candidate = focus_candidate
        if candidate is None:
            return None
        wanted = stance_of_verb(match.group("verb"))
        return replace(base, intent="stance", stance_filter=wanted, candidate=candidate)
    if PASSIVE_FORM.match(form) and len(named) >= 2 and named[0].entity.kind == "person":
        return replace(
            base,
            intent="stance",
            stance_filter="any",
            candidate=named[0].entity.name,
            holder=holder_name(named[1].entity),
        )
    subject: Entity | None = None
    if (match := AUX_FORM.match(form)) and STANCE_IN_REST.search(match.group("rest")):
        subject = named[0].entity if named else None
    elif POSITION_FORM.match(form) and named:
        subject = named[0].entity
    if subject is None or _is_candidate(subject, candidates):
        return None
    others = [e for e in people if e.name != subject.name]
    candidate = others[0].name if others else (focus_candidate if len(named) == 1 else None)
    return replace(
        base,
        intent="stance",
        stance_filter="any",
        candidate=candidate,
        holder=holder_name(subject),
    )


def as_passages(
    question: Question,
    history: Sequence[PriorTurn],
    resolver: EntityResolver,
    candidates: Collection[str] = (),
) -> Question:
    """The same question read as an ordinary one, for when the stance engine has nothing
    ("what about Ukraine?" where Ukraine took no stance: what do the articles say of it?)."""
    resolved, resolutions = resolve_pronouns(question.text, history, resolver)
    named = question_mentions(resolver, resolved)
    base = Question(
        text=question.text,
        resolved=resolved,
        intent="passages",
        entities=tuple(dict.fromkeys(n.entity.name for n in named)),
        resolutions=resolutions,
    )
    return topical_question(base, named, history, resolver, candidates)
