"""The candidates command's statuses against the status phrases of a facts file.

A facts file says how a candidacy ended in an analyst's words ("withdrawn", "out of the race",
"not a candidate (EU post)"); the bot says it in its own status vocabulary. This table says
which of the bot's statuses agree with each phrase; it holds vocabulary, no fact of a race.
Extend it when the bot learns new statuses.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from summarizer.entities.resolver import fold

# Statuses in which the bot lists someone as running for the post.
RUNNING = frozenset({"declared", "nominated", "appointed"})
# A phrase (normalised) -> the bot's statuses (normalised) that agree with it.
AGREEING = MappingProxyType(
    {
        "appointed": frozenset({"appointed"}),
        "withdrawn": frozenset({"withdrawn"}),
        "out of the race": frozenset(
            {"withdrawn", "not declared", "ruled out", "out of the race", "left other office"}
        ),
        "not a candidate": frozenset(
            {"not declared", "ruled out", "not a candidate", "other post"}
        ),
    }
)


def normalise(status: str) -> str:
    """Folded, without a parenthesised remark, `_` and `-` read as spaces."""
    text = re.sub(r"\([^)]*\)", " ", fold(status))
    return " ".join(re.sub(r"[_-]", " ", text).split())


def agrees(expected: str, got: str | None) -> bool:
    """Whether the bot's status `got` says what the facts' phrase `expected` says."""
    if got is None:
        return False
    wanted = normalise(expected)
    return normalise(got) in AGREEING.get(wanted, frozenset({wanted}))


def is_running(status: str | None) -> bool:
    """Whether the bot lists someone with this status as running for the post."""
    return status is not None and normalise(status) in RUNNING
