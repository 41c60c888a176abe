"""The digest's prose written by a language model from the extractive draft's own evidence.

For each section the model sees its notes (the extractive bullets, already verified) and the
numbered passages they cite, and writes a few sentences. Only sentences that
pass `grounding.verify` are kept, each citing the stored sentences behind its numbers; a
section the model fails keeps its extractive bullets, and when too little survives, or the
endpoint fails, the whole digest stays extractive and says why.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass

from summarizer.digest.build import DigestDraft
from summarizer.digest.parts import Bullet, Evidence
from summarizer.digest.written import WrittenDigest
from summarizer.llm.backend import LLMBackend
from summarizer.llm.client import ChatMessage, LLMError
from summarizer.llm.fallback import failure_reason, too_little_verified
from summarizer.llm.grounding import SYSTEM_PROMPT, Passage, check, number_passages, passage_block

log = logging.getLogger(__name__)

MAX_SENTENCES_PER_SECTION = 4
# Below this share of sections rewritten, the prose would be a patchwork: stay extractive.
MIN_SECTION_SHARE = 0.5
_SECTION_MARK = re.compile(r"^\s*#{1,3}\s*([a-z_]+)\s*$")


def _passages(bullets: list[Bullet]) -> list[Passage]:
    evidence: dict[int, Evidence] = {}
    for bullet in bullets:
        for item in bullet.evidence:
            evidence.setdefault(item.sentence_id, item)
    return number_passages(
        (e.sentence_id, e.quote, e.outlet, e.published) for e in evidence.values()
    )


def _prompt(
    key: str, heading: str, bullets: list[Bullet], passages: list[Passage]
) -> list[ChatMessage]:
    number_of = {p.sentence_id: p.number for p in passages}
    lines = [
        f"Write the section '{heading}' of today's briefing in at most "
        f"{MAX_SENTENCES_PER_SECTION} sentences, from its notes and the passages they cite.",
        "",
        f"## {key}",
    ]
    for bullet in bullets:
        numbers = "".join(f"[{number_of[i]}]" for i in bullet.sentence_ids if i in number_of)
        lines.append(f"- note: {bullet.text} {numbers}")
    # The data markers must be unforgeable by an article, yet stable so the cache can hit.
    digest = hashlib.sha256("\n".join(p.text for p in passages).encode("utf-8")).hexdigest()
    block = passage_block(passages, nonce=digest[:12])
    return [
        ChatMessage("system", SYSTEM_PROMPT),
        ChatMessage("user", "\n".join(lines) + "\n\n" + block),
    ]


def _section_text(output: str, key: str) -> str:
    # The model may repeat the "## key" line or leave it out; drop any heading it writes.
    return "\n".join(line for line in output.splitlines() if not _SECTION_MARK.match(line))


@dataclass(frozen=True)
class _Section:
    """A section in the model's words (None when nothing it wrote verifies), and how many of
    its sentences were kept and dropped."""

    bullets: list[Bullet] | None
    kept: int
    dropped: int


def _rewrite_section(
    key: str, heading: str, originals: list[Bullet], backend: LLMBackend
) -> _Section:
    """The section in the model's words where they verify."""
    passages = _passages(originals)
    if not passages:
        return _Section(None, 0, 0)
    output = backend.complete(_prompt(key, heading, originals, passages), purpose="digest").text
    evidence = {item.sentence_id: item for bullet in originals for item in bullet.evidence}
    by_number = {p.number: p for p in passages}
    # A section's own notes may back its sentences (counts and dates we derived and verified).
    notes = {
        p.number: [b.text for b in originals if p.sentence_id in b.sentence_ids] for p in passages
    }
    verdict = check(_section_text(output, key), passages, aliases=notes)
    if not verdict.kept:
        return _Section(None, 0, verdict.dropped)
    bullets = [
        Bullet(key, s.text, tuple(evidence[by_number[n].sentence_id] for n in s.cites))
        for s in verdict.kept[:MAX_SENTENCES_PER_SECTION]
    ]
    return _Section(bullets, len(verdict.kept), verdict.dropped)


def write_digest(draft: DigestDraft, backend: LLMBackend) -> WrittenDigest:
    """The draft rewritten by the model section by section where its sentences verify.

    One call per section, each cached on its own notes and passages, so a day's cost follows
    what changed, not the size of the archive.
    """
    sections = draft.sections()
    if not sections:
        return WrittenDigest(draft, "extractive", None)
    bullets: list[Bullet] = []
    rewritten = kept = dropped = 0
    for key, heading, originals in sections:
        try:
            written = _rewrite_section(key, heading, originals, backend)
        except LLMError as exc:
            log.warning("language model unavailable for the digest (%s); using extractive", exc)
            return WrittenDigest(draft, "extractive", failure_reason(exc))
        rewritten += written.bullets is not None
        kept, dropped = kept + written.kept, dropped + written.dropped
        bullets += written.bullets if written.bullets is not None else originals
    if rewritten < MIN_SECTION_SHARE * len(sections):
        log.warning(
            "too little of the model's digest verified (%d of %d sections)",
            rewritten,
            len(sections),
        )
        return WrittenDigest(draft, "extractive", too_little_verified(kept, dropped), dropped)
    rewritten_draft = DigestDraft(tuple(bullets), draft.unlisted_candidates)
    return WrittenDigest(rewritten_draft, backend.name, None, dropped)
