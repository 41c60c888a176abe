"""An answer to a question written by a language model from the passages retrieval chose.

The model sees the question and those passages (numbered, as data) and may only restate
them; every sentence it writes is verified against what it cites, and when nothing verifies
or the endpoint fails the extractive answer (the quoted sentences) stands.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from records.passages import Passage as StoredPassage
from summarizer.llm.backend import LLMBackend
from summarizer.llm.client import ChatMessage, LLMError
from summarizer.llm.fallback import NOTHING_VERIFIED, failure_reason
from summarizer.llm.grounding import SYSTEM_PROMPT, check, number_passages, passage_block

log = logging.getLogger(__name__)

MAX_SENTENCES = 3


@dataclass(frozen=True)
class WrittenAnswer:
    """The model's verified sentences, each with the stored passages it cites, how many of
    its sentences were dropped as unverifiable, and, when none is left to show, why the
    quoted sentences stand instead (a timeout, an error, nothing verifiable)."""

    sentences: tuple[tuple[str, tuple[StoredPassage, ...]], ...]
    dropped: int = 0
    fallback_reason: str | None = None


def _messages(question: str, block: str) -> list[ChatMessage]:
    # The question is user text: it goes in its own marked block, after the data.
    task = (
        f"Answer the question below in one to {MAX_SENTENCES} short sentences, using only the "
        "passages, most relevant first, each sentence ending with its passage numbers."
    )
    return [
        ChatMessage("system", SYSTEM_PROMPT),
        ChatMessage("user", f"{task}\n\n{block}\n\nQuestion (from a user): {question[:500]}"),
    ]


def write_answer(
    question: str,
    chosen: Sequence[StoredPassage],
    backend: LLMBackend,
    *,
    aliases: Mapping[int, Sequence[str]] | None = None,
) -> WrittenAnswer | None:
    """The model's answer; without sentences (and with the reason) when the call fails or
    nothing it wrote verifies. None when no passage could be sent, so nothing was asked.

    `aliases` gives, by sentence id, canonical names of the entities a passage mentions
    ("Mark Rutte" for "the Dutch prime minister"), which a sentence may use instead."""
    passages = number_passages((p.sentence_id, p.quote, p.outlet, p.published) for p in chosen)
    if not passages:
        return None
    by_id = {p.sentence_id: p for p in chosen}
    digest = hashlib.sha256("\n".join(p.text for p in passages).encode("utf-8")).hexdigest()
    try:
        output = backend.complete(
            _messages(question, passage_block(passages, nonce=digest[:12])),
            purpose="answer",
            max_tokens=300,
        ).text
    except LLMError as exc:
        log.warning("language model unavailable for an answer (%s)", exc)
        return WrittenAnswer((), fallback_reason=failure_reason(exc))
    numbered = {p.number: by_id[p.sentence_id] for p in passages}
    by_number = {p.number: list((aliases or {}).get(p.sentence_id, ())) for p in passages}
    verdict = check(output, passages, aliases=by_number)
    if not verdict.kept:
        log.warning("none of the model's %d answer sentences verified", verdict.dropped)
        return WrittenAnswer((), verdict.dropped, NOTHING_VERIFIED)
    kept = verdict.kept[:MAX_SENTENCES]
    sentences = tuple((s.text, tuple(numbered[n] for n in s.cites)) for s in kept)
    return WrittenAnswer(sentences, verdict.dropped)
