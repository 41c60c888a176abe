"""Shared-passage detection between articles by word shingles.

Two articles that share runs of six or more words (a story re-run or partly copied by
another outlet) are linked so that corroboration can later count them as one source.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

SHINGLE_WORDS = 6
# A shingle held by this many articles is a stock phrase, not a shared passage.
COMMON_SHINGLE_CAP = 25
# Linking thresholds: a few shared runs are an overlap; most of the smaller text shared is
# a near-duplicate (the same story re-run).
MIN_SHARED_SHINGLES = 3
NEAR_DUPLICATE_CONTAINMENT = 0.6

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class OverlapVerdict:
    """How two articles relate: `overlap` or `near_duplicate`, with the evidence."""

    kind: str
    shared: int
    containment: float


def shingle_hashes(text: str) -> set[int]:
    """Signed 64-bit hashes of every run of six consecutive words (case-folded)."""
    words = _WORD.findall(text.casefold())
    hashes: set[int] = set()
    for i in range(len(words) - SHINGLE_WORDS + 1):
        digest = hashlib.blake2b(
            " ".join(words[i : i + SHINGLE_WORDS]).encode(), digest_size=8
        ).digest()
        hashes.add(int.from_bytes(digest, "big", signed=True))
    return hashes


def judge_overlap(shared: int, size_a: int, size_b: int) -> OverlapVerdict | None:
    """Decide whether `shared` common shingles make two articles related, and how."""
    if shared < MIN_SHARED_SHINGLES or min(size_a, size_b) == 0:
        return None
    containment = shared / min(size_a, size_b)
    kind = "near_duplicate" if containment >= NEAR_DUPLICATE_CONTAINMENT else "overlap"
    return OverlapVerdict(kind=kind, shared=shared, containment=round(containment, 4))
