"""Why the language model's text was not used, in the words users read in a reply's note.

A timeout, an error from the endpoint and an answer that could not be verified are different
things to a user: the first two say the model failed, the last says the model answered but
its sentences did not hold up against the sources. Each gets its own sentence here, for
`ask` and for the digest alike.
"""

from __future__ import annotations

from summarizer.llm.client import (
    LLMConnectionError,
    LLMError,
    LLMHTTPError,
    LLMResponseError,
    LLMTimeoutError,
)
from summarizer.text.wording import counted

TIMED_OUT = "the language model did not answer in time"
UNREACHABLE = "the language model could not be reached"
UNREADABLE = "the language model returned an answer that could not be read"
UNAVAILABLE = "the language model was unavailable"
NOTHING_VERIFIED = "the language model wrote nothing we could verify against the sources"


def failure_reason(error: LLMError) -> str:
    """What went wrong with the call, for a user: too slow, an error status, unreachable."""
    if isinstance(error, LLMTimeoutError):
        return TIMED_OUT
    if isinstance(error, LLMHTTPError):
        return f"the language model returned an error, HTTP {error.status}"
    if isinstance(error, LLMConnectionError):
        return UNREACHABLE
    if isinstance(error, LLMResponseError):
        return UNREADABLE
    return UNAVAILABLE  # e.g. the service is shutting down


def too_little_verified(kept: int, dropped: int) -> str:
    """Why a partly verified text was not used: how much of it failed the checks."""
    if kept == 0:
        return NOTHING_VERIFIED
    return (
        "too little of what the language model wrote could be verified against the sources "
        f"({dropped} of {kept + dropped} sentences dropped as unverifiable)"
    )


def left_out(dropped: int) -> str:
    """The clause a model-written reply's note adds when some of its sentences were dropped."""
    verb = "was" if dropped == 1 else "were"
    return f"{counted(dropped, 'sentence')} it wrote {verb} dropped as unverifiable"
