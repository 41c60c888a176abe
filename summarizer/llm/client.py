"""A small async client for OpenAI-compatible chat endpoints (OpenAI, Ollama, vLLM, llama.cpp).

One plain ``POST {base_url}/chat/completions`` over httpx, an overall deadline per call, retries
in the official SDK's style, and errors and log lines that never carry the key or the prompt.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from records.usage import Usage

log = logging.getLogger(__name__)

RETRYABLE_STATUSES = frozenset({408, 409, 429})
BODY_SNIPPET_CHARS = 200


@dataclass(frozen=True)
class LLMConfig:
    """Where and how to reach one OpenAI-compatible endpoint (``base_url`` ends in ``/v1``)."""

    base_url: str
    model: str
    api_key: str | None = field(default=None, repr=False)
    deadline_s: float = 60.0
    connect_timeout_s: float = 5.0
    max_retries: int = 2
    max_retry_after_s: float = 60.0


@dataclass(frozen=True)
class ChatMessage:
    """One chat message: ``role`` is ``system``, ``user`` or ``assistant``."""

    role: str
    content: str


@dataclass(frozen=True)
class ChatResult:
    """The assistant's text, the model that answered, token usage and HTTP requests made."""

    text: str
    model: str
    usage: Usage
    attempts: int


class LLMError(Exception):
    """Base of every error the client raises; ``attempts`` is the number of requests made."""

    attempts: int = 0


class LLMConnectionError(LLMError):
    """The endpoint could not be reached (refused, reset, DNS, bad URL)."""


class LLMTimeoutError(LLMError):
    """The call did not finish within the configured deadline."""


class LLMHTTPError(LLMError):
    """The endpoint answered with an error status (kept in ``status``)."""

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


class LLMRateLimitError(LLMHTTPError):
    """HTTP 429: rate limited (still so after the allowed retries)."""


class LLMAuthError(LLMHTTPError):
    """HTTP 401 or 403: the API key is missing, wrong or not allowed this model."""


class LLMResponseError(LLMError):
    """A 2xx answer that is not a usable chat completion (bad JSON, no choices, no content)."""


class _Retryable(Exception):
    """Internal: an attempt failed in a way worth retrying, after ``wait_s`` if given."""

    def __init__(self, error: LLMError, wait_s: float | None) -> None:
        self.error, self.wait_s = error, wait_s


def chat_url(base_url: str) -> str:
    """The chat completions URL for a base URL such as ``http://localhost:11434/v1``."""
    base = base_url.strip().rstrip("/")
    return base if base.endswith("/chat/completions") else f"{base}/chat/completions"


def redact(text: str, secret: str | None) -> str:
    """``text`` with every occurrence of ``secret`` replaced by ``***``."""
    return text.replace(secret, "***") if secret else text


def parse_retry_after(headers: httpx.Headers, *, now: float | None = None) -> float | None:
    """Seconds to wait from ``retry-after-ms`` or ``Retry-After`` (seconds or HTTP date)."""
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        try:
            return max(0.0, float(headers.get(name, "")) * scale)
        except ValueError:
            pass
    try:
        when = parsedate_to_datetime(headers.get("retry-after", ""))
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def backoff_s(retry_index: int) -> float:
    """Jittered exponential backoff: 0.5 s doubling per retry, capped at 8 s, times 0.5-1.5."""
    return min(0.5 * 2.0**retry_index, 8.0) * random.uniform(0.5, 1.5)


class ChatClient:
    """Async chat client; use as ``async with ChatClient(config) as client``."""

    def __init__(
        self,
        config: LLMConfig,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.config = config
        self._sleep = sleep
        self._url = chat_url(config.base_url)
        self._http = httpx.AsyncClient(transport=transport, follow_redirects=False)

    async def __aenter__(self) -> ChatClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the underlying connection pool."""
        await self._http.aclose()

    async def complete(
        self, messages: Sequence[ChatMessage], *, temperature: float = 0.0, max_tokens: int = 800
    ) -> ChatResult:
        """Send ``messages`` and return the first choice's text, retrying within the deadline."""
        cfg = self.config
        body = {
            "model": cfg.model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "temperature": temperature,
            "max_tokens": max_tokens,
        }
        auth = {"Authorization": f"Bearer {cfg.api_key}"} if cfg.api_key else {}
        headers = {"Accept": "application/json", **auth}
        loop = asyncio.get_running_loop()
        deadline = loop.time() + cfg.deadline_s
        attempts = 0
        try:
            try:
                async with asyncio.timeout_at(deadline):
                    while True:
                        attempts += 1
                        try:
                            return await self._attempt(body, headers, attempts, deadline)
                        except _Retryable as failure:
                            hint = failure.wait_s
                            wait = backoff_s(attempts - 1) if hint is None else hint
                            wait = min(wait, cfg.max_retry_after_s)
                            if attempts > cfg.max_retries or loop.time() + wait >= deadline:
                                raise failure.error from None
                            await self._sleep(wait)
            except TimeoutError:
                log.info("llm model=%s attempt=%d status=timeout", cfg.model, attempts)
                raise LLMTimeoutError(f"LLM call timed out after {cfg.deadline_s:g} s") from None
        except LLMError as failed:
            failed.attempts = attempts
            raise

    async def _attempt(
        self, body: dict[str, Any], headers: dict[str, str], attempt: int, deadline: float
    ) -> ChatResult:
        """Make one request; raise ``_Retryable`` or a final ``LLMError`` on failure."""
        model = self.config.model
        remaining = max(deadline - asyncio.get_running_loop().time(), 0.001)
        timeout = httpx.Timeout(remaining, connect=min(self.config.connect_timeout_s, remaining))
        try:
            response = await self._http.post(self._url, json=body, headers=headers, timeout=timeout)
        except (httpx.TransportError, httpx.InvalidURL) as exc:
            log.info("llm model=%s attempt=%d status=%s", model, attempt, type(exc).__name__)
            raise self._transport_failure(exc) from None
        status = response.status_code
        if not 200 <= status < 300:
            log.info("llm model=%s attempt=%d status=%d", model, attempt, status)
            error = self._http_error(response)
            if status in RETRYABLE_STATUSES or status >= 500:
                raise _Retryable(error, parse_retry_after(response.headers))
            raise error
        try:
            result = self._parse(response, attempt)
        except LLMResponseError:
            log.info("llm model=%s attempt=%d status=%d unusable answer", model, attempt, status)
            raise
        usage = result.usage
        log.info(
            "llm model=%s attempt=%d status=%d prompt_tokens=%d completion_tokens=%d",
            *(result.model, attempt, status, usage.prompt_tokens, usage.completion_tokens),
        )
        return result

    def _transport_failure(self, exc: Exception) -> Exception:
        """The error for a failed request: read/write timeouts end the call, others retry."""
        if isinstance(exc, httpx.TimeoutException) and not isinstance(exc, httpx.ConnectTimeout):
            return LLMTimeoutError(f"LLM call timed out ({type(exc).__name__})")
        detail = redact(str(exc), self.config.api_key)[:BODY_SNIPPET_CHARS]
        error = LLMConnectionError(f"cannot reach LLM endpoint: {type(exc).__name__}: {detail}")
        if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
            return error
        return _Retryable(error, None)

    def _http_error(self, response: httpx.Response) -> LLMHTTPError:
        status = response.status_code
        snippet = self._snippet(response.text)
        message = f"LLM endpoint answered HTTP {status}" + (f": {snippet}" if snippet else "")
        kind = {429: LLMRateLimitError, 401: LLMAuthError, 403: LLMAuthError}.get(status)
        return (kind or LLMHTTPError)(message, status=status)

    def _snippet(self, text: str) -> str:
        """The first 200 characters of a body, on one line, with the API key redacted."""
        return " ".join(redact(text, self.config.api_key).split())[:BODY_SNIPPET_CHARS]

    def _parse(self, response: httpx.Response, attempt: int) -> ChatResult:
        """Read a chat.completion body defensively (servers differ in what they send)."""
        try:
            data = json.loads(response.content)
        except (ValueError, UnicodeDecodeError):
            raise LLMResponseError(f"LLM answer not JSON: {self._snippet(response.text)}") from None
        if not isinstance(data, dict):
            raise LLMResponseError("LLM answer is not a JSON object")
        choices = data.get("choices")
        if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
            raise LLMResponseError("LLM answer has no choices")
        message = choices[0].get("message")
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, list):  # content parts: [{"type": "text", "text": ...}]
            content = "".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
        if not isinstance(content, str) or not content.strip():
            raise LLMResponseError("LLM answer has empty content")
        model = data.get("model")
        model = model if isinstance(model, str) and model else self.config.model
        raw = data.get("usage")
        usage = Usage(_count(raw, "prompt_tokens"), _count(raw, "completion_tokens"))
        return ChatResult(content, model, usage, attempt)


def _count(raw: object, key: str) -> int:
    """One token count from a response's ``usage`` object; missing or malformed gives zero."""
    value = raw.get(key) if isinstance(raw, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
