"""The language-model backend: one completion, served from the cache when the same model
was already asked the same thing, with every call's tokens recorded.

The completion itself is made by an injected `CompletionRunner` (the process's `LLMService`
in a long-running bot, a loop per call in the CLI). Whoever calls it must be ready for
`LLMError`: the extractive backend is the fallback.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from records.usage import Usage
from summarizer.llm.client import ChatMessage, LLMConfig, redact
from summarizer.llm.service import CompletionRunner

DEFAULT_MODEL = "gpt-4o-mini"


class CompletionCache(Protocol):
    """Where completions are kept, keyed by a hash of model and messages."""

    def get(self, key: str) -> str | None:
        """The stored completion for this key, if any."""
        ...

    def put(self, key: str, model: str, text: str, usage: Usage) -> None:
        """Store a completion and the tokens it cost."""
        ...


class CallLog(Protocol):
    """Where every call's outcome and token use is recorded."""

    def record(self, model: str, purpose: str, usage: Usage, *, cached: bool, error: str) -> None:
        """Record one call ("" for no error)."""
        ...


def cache_key(model: str, messages: Sequence[ChatMessage]) -> str:
    """A stable hash of what was asked of which model."""
    payload = json.dumps(
        [model, [(m.role, m.content) for m in messages]], ensure_ascii=False, sort_keys=True
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Completion:
    """A model's text, what it cost, and whether it came from the cache."""

    text: str
    usage: Usage
    cached: bool


@dataclass
class LLMBackend:
    """A way to run completions with its cache and call log (both optional)."""

    runner: CompletionRunner
    cache: CompletionCache | None = None
    log: CallLog | None = None
    calls: list[Completion] = field(default_factory=list)

    @property
    def config(self) -> LLMConfig:
        """The endpoint and model the runner completes with."""
        return self.runner.config

    @property
    def name(self) -> str:
        """How digests built by this backend are labelled: `openai:<model>`."""
        return f"openai:{self.config.model}"

    def complete(
        self, messages: Sequence[ChatMessage], *, purpose: str, max_tokens: int = 900
    ) -> Completion:
        """Ask the model (or the cache). Raises `LLMError` when the endpoint fails."""
        key = cache_key(self.config.model, messages)
        hit = self.cache.get(key) if self.cache else None
        if hit is not None:
            completion = Completion(hit, Usage(0, 0), cached=True)
        else:
            try:
                result = self.runner.complete(messages, max_tokens=max_tokens)
            except Exception as exc:
                if self.log:
                    self.log.record(
                        self.config.model,
                        purpose,
                        Usage(0, 0),
                        cached=False,
                        error=type(exc).__name__,
                    )
                raise
            # An endpoint that echoes the key back must not get it cached or shown.
            text = redact(result.text, self.config.api_key)
            completion = Completion(text, result.usage, cached=False)
            if self.cache:
                self.cache.put(key, self.config.model, text, result.usage)
        if self.log:
            self.log.record(
                self.config.model, purpose, completion.usage, cached=completion.cached, error=""
            )
        self.calls.append(completion)
        return completion
