"""Who runs chat completions: the process's one `LLMService`, and the two ways synchronous
code gets a completion (`CompletionRunner`).

A long-running program (`natosg run`) creates one `LLMService` on its event loop: one
`ChatClient`, so one connection pool, shared by every adapter, the scheduler and the console,
and closed at shutdown. Async code awaits `LLMService.complete`. The core is synchronous and
runs in worker threads (`asyncio.to_thread`); it reaches the same client through a
`LoopBoundRunner`, which hands the coroutine to the service's loop and waits for it. A program
with no loop running (the CLI) uses a `FreshLoopRunner`, which runs each completion on a loop
of its own.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

import httpx

from summarizer.llm.client import (
    ChatClient,
    ChatMessage,
    ChatResult,
    LLMConfig,
    LLMError,
    LLMTimeoutError,
)

# How much longer than the client's own deadline a worker thread waits for the loop to answer.
RESULT_GRACE_S = 5.0


class LLMClosedError(LLMError):
    """The LLM service is closed (the program is shutting down); no completion was made."""


class LoopThreadError(RuntimeError):
    """A blocking completion was asked for on the thread that runs the event loop, where
    waiting would stall the loop (or deadlock waiting on itself)."""


class CompletionRunner(Protocol):
    """How synchronous code gets one chat completion from the configured endpoint."""

    @property
    def config(self) -> LLMConfig:
        """The endpoint, model and deadline completions are made with."""
        ...

    def complete(
        self, messages: Sequence[ChatMessage], *, temperature: float = 0.0, max_tokens: int = 800
    ) -> ChatResult:
        """Block until the model answers; raises `LLMError` when the endpoint fails."""
        ...


def _running_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop running in this thread, if any."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class LLMService:
    """One `ChatClient` (one connection pool) for the whole process, bound to the event loop
    that created it. Create it inside that loop, share it, and `await aclose()` at shutdown;
    or use it as ``async with LLMService(config) as service``."""

    def __init__(
        self,
        config: LLMConfig,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        loop = _running_loop()
        if loop is None:
            raise RuntimeError("LLMService must be created inside a running event loop")
        self.loop = loop
        self._client = ChatClient(config, sleep=sleep, transport=transport)
        self._closed = False

    @property
    def config(self) -> LLMConfig:
        """The endpoint, model and deadline of the service's client."""
        return self._client.config

    @property
    def closed(self) -> bool:
        """Whether `aclose` was called."""
        return self._closed

    async def __aenter__(self) -> LLMService:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def complete(
        self, messages: Sequence[ChatMessage], *, temperature: float = 0.0, max_tokens: int = 800
    ) -> ChatResult:
        """Ask the model on the service's own loop; raises `LLMError` when the endpoint fails
        and `LLMClosedError` once the service is closed."""
        if _running_loop() is not self.loop:
            raise RuntimeError(
                "LLMService.complete was awaited on another event loop; from another thread "
                "use LLMService.runner()"
            )
        if self._closed:
            raise LLMClosedError("the LLM service is closed")
        try:
            return await self._client.complete(
                messages, temperature=temperature, max_tokens=max_tokens
            )
        except Exception as exc:
            if self._closed:  # the pool was closed under this call
                raise LLMClosedError("the LLM service closed during the call") from exc
            raise

    def runner(self) -> LoopBoundRunner:
        """The synchronous way in, for code running in a worker thread of this loop."""
        return LoopBoundRunner(self)

    async def aclose(self) -> None:
        """Refuse new calls and close the connection pool (idempotent)."""
        if not self._closed:
            self._closed = True
            await self._client.aclose()


class LoopBoundRunner:
    """Completes on an `LLMService`'s loop for synchronous code in another thread (a worker
    of `asyncio.to_thread`): the coroutine is submitted to that loop and waited for, so every
    call shares the service's connection pool. Never call it on the loop's own thread."""

    def __init__(self, service: LLMService, *, grace_s: float = RESULT_GRACE_S) -> None:
        self.service = service
        self.grace_s = grace_s

    @property
    def config(self) -> LLMConfig:
        """The service's endpoint, model and deadline."""
        return self.service.config

    def complete(
        self, messages: Sequence[ChatMessage], *, temperature: float = 0.0, max_tokens: int = 800
    ) -> ChatResult:
        """Block this thread until the service's loop has the answer."""
        loop = self.service.loop
        if _running_loop() is loop:
            raise LoopThreadError(
                "LoopBoundRunner.complete was called on the event loop's own thread, where "
                "waiting would deadlock: await LLMService.complete there, or run the "
                "synchronous code in a worker thread (asyncio.to_thread)"
            )
        if self.service.closed or loop.is_closed() or not loop.is_running():
            raise LLMClosedError("the LLM service is closed")
        call = self.service.complete(messages, temperature=temperature, max_tokens=max_tokens)
        try:
            future = asyncio.run_coroutine_threadsafe(call, loop)
        except RuntimeError:  # the loop closed since the check above
            call.close()
            raise LLMClosedError("the LLM service is closed") from None
        wait_s = self.config.deadline_s + self.grace_s
        try:
            return future.result(timeout=wait_s)
        except concurrent.futures.CancelledError:  # the loop cancelled it while shutting down
            raise LLMClosedError("the LLM call was cancelled: the service is stopping") from None
        except TimeoutError:
            future.cancel()
            raise LLMTimeoutError(f"no answer from the event loop within {wait_s:g} s") from None


class FreshLoopRunner:
    """Completes on a new event loop per call (`asyncio.run`) with a client of its own: for
    the CLI and other synchronous programs that have no loop running and no `LLMService`."""

    def __init__(
        self, config: LLMConfig, *, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self._config = config
        self._transport = transport

    @property
    def config(self) -> LLMConfig:
        """The endpoint, model and deadline completions are made with."""
        return self._config

    def complete(
        self, messages: Sequence[ChatMessage], *, temperature: float = 0.0, max_tokens: int = 800
    ) -> ChatResult:
        """Run one completion to the end on a loop of its own."""
        if _running_loop() is not None:
            raise LoopThreadError(
                "FreshLoopRunner.complete was called where an event loop is running, which it "
                "would block: give this program an LLMService and use its runner() instead"
            )

        async def run() -> ChatResult:
            async with ChatClient(self._config, transport=self._transport) as client:
                return await client.complete(
                    messages, temperature=temperature, max_tokens=max_tokens
                )

        return asyncio.run(run())
