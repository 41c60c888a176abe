"""LLMService and the two runners against a real fake OpenAI server on 127.0.0.1: async
callers and worker threads share one connection pool on the owning loop; the CLI runs a loop
per call; blocking on the loop's own thread is refused; shutdown closes the pool."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from summarizer.llm.client import ChatMessage, ChatResult, LLMAuthError, LLMConfig
from summarizer.llm.service import (
    FreshLoopRunner,
    LLMClosedError,
    LLMService,
    LoopBoundRunner,
    LoopThreadError,
)
from tests.fakes import FakeOpenAI

MESSAGES = [ChatMessage("system", "Answer from the passages."), ChatMessage("user", "Who?")]


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests to 127.0.0.1 must not go through a proxy set in the environment."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.fixture
def llm() -> Iterator[FakeOpenAI]:
    """A fake endpoint that keeps connections alive, so pool reuse is visible."""
    with FakeOpenAI(keep_alive=True) as server:
        yield server


def make_config(base_url: str, **overrides: Any) -> LLMConfig:
    """A config for the fake endpoint."""
    return LLMConfig(base_url=base_url, model="test-model", api_key="sk-test", **overrides)


def eventually(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    """Whether ``condition`` becomes true within ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


# -- the service on its loop -------------------------------------------------------------------


async def test_an_async_caller_awaits_the_service(llm: FakeOpenAI) -> None:
    llm.reply("Germany backs Rutte [1].", usage=(12, 6))
    async with LLMService(make_config(llm.base_url)) as service:
        result = await service.complete(MESSAGES, max_tokens=300)

    assert result.text == "Germany backs Rutte [1]."
    assert result.usage.prompt_tokens == 12
    assert llm.requests[0].json["max_tokens"] == 300


async def test_a_worker_thread_completes_on_the_owning_loop_over_the_same_pool(
    llm: FakeOpenAI,
) -> None:
    llm.reply("from the loop").reply("from a worker thread")
    async with LLMService(make_config(llm.base_url)) as service:
        first = await service.complete(MESSAGES)
        second = await asyncio.to_thread(service.runner().complete, MESSAGES)

    assert (first.text, second.text) == ("from the loop", "from a worker thread")
    assert len(llm.requests) == 2
    assert llm.connections == 1  # both requests went over the service's one connection


async def test_concurrent_worker_threads_share_the_service(llm: FakeOpenAI) -> None:
    llm.default = lambda request: "ok"
    async with LLMService(make_config(llm.base_url)) as service:
        runner = service.runner()
        results = await asyncio.gather(
            *(asyncio.to_thread(runner.complete, MESSAGES) for _ in range(4))
        )
        again = await asyncio.to_thread(runner.complete, MESSAGES)

    assert [r.text for r in [*results, again]] == ["ok"] * 5
    assert llm.connections <= 4  # the last call reused a pooled connection


async def test_typed_errors_reach_the_worker_thread(llm: FakeOpenAI) -> None:
    llm.error(401)
    async with LLMService(make_config(llm.base_url)) as service:
        with pytest.raises(LLMAuthError) as caught:
            await asyncio.to_thread(service.runner().complete, MESSAGES)

    assert caught.value.status == 401 and "sk-test" not in str(caught.value)


async def test_the_loop_bound_runner_refuses_the_loop_thread(llm: FakeOpenAI) -> None:
    async with LLMService(make_config(llm.base_url)) as service:
        with pytest.raises(LoopThreadError, match="deadlock"):
            service.runner().complete(MESSAGES)

    assert llm.requests == []


def test_the_service_needs_a_running_loop(llm: FakeOpenAI) -> None:
    with pytest.raises(RuntimeError, match="running event loop"):
        LLMService(make_config(llm.base_url))


async def test_the_service_refuses_another_loop(llm: FakeOpenAI) -> None:
    async with LLMService(make_config(llm.base_url)) as service:

        def elsewhere() -> ChatResult:
            return asyncio.run(service.complete(MESSAGES))

        with pytest.raises(RuntimeError, match="another event loop"):
            await asyncio.to_thread(elsewhere)

    assert llm.requests == []


# -- shutdown ----------------------------------------------------------------------------------


async def test_closing_the_service_closes_its_pool_and_refuses_new_calls(
    llm: FakeOpenAI,
) -> None:
    llm.reply("kept alive")
    service = LLMService(make_config(llm.base_url))
    await service.complete(MESSAGES)
    assert llm.open_connections == 1

    await service.aclose()
    await service.aclose()  # twice is harmless

    assert service.closed
    assert await asyncio.to_thread(eventually, lambda: llm.open_connections == 0)
    with pytest.raises(LLMClosedError):
        await service.complete(MESSAGES)
    with pytest.raises(LLMClosedError):
        await asyncio.to_thread(service.runner().complete, MESSAGES)
    assert len(llm.requests) == 1


async def test_a_call_in_flight_when_the_service_closes_ends_as_an_llm_error(
    llm: FakeOpenAI,
) -> None:
    llm.hang(30)
    service = LLMService(make_config(llm.base_url, deadline_s=20))
    call = asyncio.create_task(service.complete(MESSAGES))
    while not llm.requests:
        await asyncio.sleep(0.02)

    await service.aclose()

    with pytest.raises(LLMClosedError):
        await asyncio.wait_for(call, timeout=5)


async def test_a_worker_waiting_when_the_loop_cancels_its_call_gets_an_llm_error(
    llm: FakeOpenAI,
) -> None:
    llm.hang(30)
    service = LLMService(make_config(llm.base_url, deadline_s=20))
    runner = LoopBoundRunner(service)
    waiting = asyncio.ensure_future(asyncio.to_thread(runner.complete, MESSAGES))
    while not llm.requests:
        await asyncio.sleep(0.02)
    calls = [
        task
        for task in asyncio.all_tasks()
        if task is not asyncio.current_task() and task is not waiting
    ]
    for task in calls:
        task.cancel()

    with pytest.raises(LLMClosedError, match="cancelled"):
        await asyncio.wait_for(waiting, timeout=5)
    await service.aclose()


# -- the CLI: a loop per call ------------------------------------------------------------------


def test_the_fresh_loop_runner_works_with_no_loop(llm: FakeOpenAI) -> None:
    llm.reply("one").reply("two")
    runner = FreshLoopRunner(make_config(llm.base_url))

    texts = [runner.complete(MESSAGES).text, runner.complete(MESSAGES, max_tokens=50).text]

    assert texts == ["one", "two"]
    assert [r.json["max_tokens"] for r in llm.requests] == [800, 50]
    assert eventually(lambda: llm.open_connections == 0)  # each call closed its own client


def test_the_fresh_loop_runner_works_in_a_plain_thread(llm: FakeOpenAI) -> None:
    llm.reply("from a worker thread")
    results: list[ChatResult] = []
    runner = FreshLoopRunner(make_config(llm.base_url))
    worker = threading.Thread(target=lambda: results.append(runner.complete(MESSAGES)))

    worker.start()
    worker.join(timeout=10)

    assert [r.text for r in results] == ["from a worker thread"]


async def test_the_fresh_loop_runner_refuses_a_running_loop(llm: FakeOpenAI) -> None:
    with pytest.raises(LoopThreadError, match="event loop is running"):
        FreshLoopRunner(make_config(llm.base_url)).complete(MESSAGES)

    assert llm.requests == []
