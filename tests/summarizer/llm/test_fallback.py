"""The words a user reads when the model's text was not used, or only partly."""

from __future__ import annotations

import pytest

from summarizer.llm.client import (
    LLMAuthError,
    LLMConnectionError,
    LLMError,
    LLMHTTPError,
    LLMResponseError,
    LLMTimeoutError,
)
from summarizer.llm.fallback import failure_reason, left_out, too_little_verified
from summarizer.llm.service import LLMClosedError


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (LLMTimeoutError("slow"), "the language model did not answer in time"),
        (LLMHTTPError("boom", status=500), "the language model returned an error, HTTP 500"),
        (LLMAuthError("key", status=401), "the language model returned an error, HTTP 401"),
        (LLMConnectionError("refused"), "the language model could not be reached"),
        (
            LLMResponseError("{not json"),
            "the language model returned an answer that could not be read",
        ),
        (LLMClosedError("closing"), "the language model was unavailable"),
    ],
)
def test_each_failure_has_its_own_reason(error: LLMError, reason: str) -> None:
    assert failure_reason(error) == reason


def test_unverifiable_text_is_told_apart_from_a_failure() -> None:
    assert too_little_verified(0, 5) == (
        "the language model wrote nothing we could verify against the sources"
    )
    assert too_little_verified(1, 4) == (
        "too little of what the language model wrote could be verified against the sources "
        "(4 of 5 sentences dropped as unverifiable)"
    )
    assert left_out(1) == "1 sentence it wrote was dropped as unverifiable"
    assert left_out(3) == "3 sentences it wrote were dropped as unverifiable"
