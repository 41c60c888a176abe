"""What a digest build hands on to be stored: the draft, who wrote it, and why the model's
text was not used (its own module, so storing an extractive digest never loads the model
client)."""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.digest.build import DigestDraft


@dataclass(frozen=True)
class WrittenDigest:
    """The digest to store, the backend that wrote it, why it fell back (if it did), and how
    many of the model's sentences were dropped as unverifiable."""

    draft: DigestDraft
    backend: str
    fallback_reason: str | None
    dropped: int = 0
