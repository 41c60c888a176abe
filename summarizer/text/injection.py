"""Recognising text that talks to a language model instead of reporting news.

Articles are untrusted. A sentence that gives orders to an assistant ("ignore previous
instructions…") is never sent to a model, never quoted in a digest or an answer, and never
repeated. This is one layer; the real defence is that every output sentence is verified
against the passages it cites.
"""

from __future__ import annotations

import re

from summarizer.text.gate import GatedPattern

_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+|the\s+|your\s+|these\s+|"
    r"those\s+)?(?:previous|prior|above|earlier|preceding|system|original|safety)?\s*"
    r"(?:instructions?|prompts?|rules|directions|guidelines|messages?|context)\b"
    r"|\b(?:system|developer)\s+(?:prompt|message|instructions?)\b"
    r"|\byou\s+are\s+(?:now\s+)?(?:an?\s+)?(?:ai|assistant|language\s+model|chat\s*bot|llm|gpt)\b"
    r"|\b(?:as\s+an?\s+)?(?:ai|language)\s+model,?\s+(?:you|i)\s+(?:must|should|will)\b"
    r"|\b(?:respond|reply|answer|output|print|say|write)\s+(?:only|exactly|just)\b"
    r"|\bnew\s+instructions?\s*:"
    r"|\[/?(?:inst|system)\]|<\|(?:im_start|im_end|system|endoftext)\|>"
    r"|\bjailbreak\b|\bdo\s+anything\s+now\b"
    # Addressed to a machine reader or to the reader's readers, not reporting news.
    r"|\b(?:note|message|instructions?|memo)\s+(?:to|for)\s+(?:the\s+|any\s+|all\s+)?"
    r"(?:ai|a\.i\.|assistants?|summari[sz]ers?|bots?|chat\s*bots?|language\s+models?|llms?|"
    r"models?|crawlers?)\b"
    r"|\b(?:tell|inform|remind|assure)\s+(?:your|the|all)\s+(?:readers|users|audience|"
    r"subscribers|viewers)\b"
    r"|\b(?:summari[sz]ers?|chat\s*bots?|ai\s+(?:models?|systems?|assistants?|tools?)|"
    r"language\s+models?|llms?)\s+(?:should|must|shall|need\s+to|are\s+to)\b"
    r"|\bif\s+you\s+are\s+(?:an?\s+)?(?:ai|a\s+language\s+model|bot|assistant|llm)\b",
    re.IGNORECASE,
)


# Searched in every sentence stored: skipped where none of its words occur (most of them).
_INSTRUCTION_GATED = GatedPattern(_INSTRUCTION)


def looks_like_instruction(text: str) -> bool:
    """Whether a sentence addresses a language model (a prompt-injection attempt)."""
    return _INSTRUCTION_GATED.found(text)
