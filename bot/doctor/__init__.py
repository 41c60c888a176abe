"""`natosg doctor`'s checks, one module per thing a deployment needs: the database
(`database`), Slack (`slack`), Discord (`discord`) and the language model (`model`).

Each check talks to the real service with a short timeout and returns `Check`s: whether it
passed and one line saying what was found and, when it failed, what to fix and where. No line
ever holds a token or a key, nor an exception's text (which could quote one). This package
uses plain HTTP (httpx), never a chat SDK: commands may not import one.
"""

from __future__ import annotations

from dataclasses import dataclass

CHECK_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class Check:
    """One finding: `ok`, and a line naming what was checked and, if not ok, what to fix."""

    ok: bool
    text: str


def passed(text: str) -> Check:
    """A check that passed."""
    return Check(True, text)


def failed(text: str) -> Check:
    """A check that failed; `text` says what to fix."""
    return Check(False, text)
