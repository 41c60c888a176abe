"""LLMBackend with an injected runner: it asks the runner, caches and logs, and passes typed
errors on (the callers fall back to the extractive text)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pytest

from records.usage import Usage
from summarizer.llm.backend import LLMBackend
from summarizer.llm.client import ChatMessage, ChatResult, LLMConfig, LLMError, LLMTimeoutError

MESSAGES = [ChatMessage("user", "Who backs Rutte?")]
CONFIG = LLMConfig(base_url="http://127.0.0.1:9/v1", model="test-model")


@dataclass
class ScriptedRunner:
    """A CompletionRunner that answers from a script (a text, or an error to raise)."""

    script: list[str | LLMError]
    config: LLMConfig = CONFIG
    asked: list[int] = field(default_factory=list)

    def complete(
        self, messages: Sequence[ChatMessage], *, temperature: float = 0.0, max_tokens: int = 800
    ) -> ChatResult:
        self.asked.append(max_tokens)
        step = self.script.pop(0)
        if isinstance(step, LLMError):
            raise step
        return ChatResult(step, self.config.model, Usage(7, 3), attempts=1)


@dataclass
class DictCache:
    """A CompletionCache in a dict."""

    texts: dict[str, str] = field(default_factory=dict)

    def get(self, key: str) -> str | None:
        return self.texts.get(key)

    def put(self, key: str, model: str, text: str, usage: Usage) -> None:
        self.texts[key] = text


@dataclass
class ListLog:
    """A CallLog in a list of (purpose, cached, error)."""

    calls: list[tuple[str, bool, str]] = field(default_factory=list)

    def record(self, model: str, purpose: str, usage: Usage, *, cached: bool, error: str) -> None:
        self.calls.append((purpose, cached, error))


def test_the_backend_asks_its_runner_once_and_then_the_cache() -> None:
    runner, log = ScriptedRunner(["Germany backs Rutte [1]."]), ListLog()
    backend = LLMBackend(runner, cache=DictCache(), log=log)

    first = backend.complete(MESSAGES, purpose="answer", max_tokens=300)
    second = backend.complete(MESSAGES, purpose="answer", max_tokens=300)

    assert (first.text, first.cached, second.text, second.cached) == (
        "Germany backs Rutte [1].",
        False,
        "Germany backs Rutte [1].",
        True,
    )
    assert runner.asked == [300]
    assert log.calls == [("answer", False, ""), ("answer", True, "")]
    assert backend.name == "openai:test-model" and backend.config is runner.config


def test_a_failed_call_is_logged_by_type_and_raised_uncached() -> None:
    cache, log = DictCache(), ListLog()
    backend = LLMBackend(ScriptedRunner([LLMTimeoutError("slow")]), cache=cache, log=log)

    with pytest.raises(LLMTimeoutError):
        backend.complete(MESSAGES, purpose="digest")

    assert log.calls == [("digest", False, "LLMTimeoutError")]
    assert cache.texts == {} and backend.calls == []
