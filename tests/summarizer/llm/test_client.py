"""ChatClient against a real fake OpenAI server on 127.0.0.1: answers, retries, errors, secrets."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest

from summarizer.llm.client import (
    ChatClient,
    ChatMessage,
    ChatResult,
    LLMAuthError,
    LLMConfig,
    LLMConnectionError,
    LLMError,
    LLMHTTPError,
    LLMRateLimitError,
    LLMResponseError,
    LLMTimeoutError,
)
from tests.fakes import FakeOpenAI

CANARY = "sk-canary-123"
MODEL = "test-model"
QUESTION = "Who backs Rutte for Secretary General?"
MESSAGES = [ChatMessage("system", "Answer from the passages."), ChatMessage("user", QUESTION)]


class RecordingSleep:
    """A ``sleep`` for ChatClient that records each wait and returns at once."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests to 127.0.0.1 must not go through a proxy set in the environment."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.fixture
def llm() -> Iterator[FakeOpenAI]:
    """A running fake endpoint, closed after the test."""
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def sleeps() -> RecordingSleep:
    """The recorded backoff and Retry-After waits."""
    return RecordingSleep()


def make_config(base_url: str, **overrides: Any) -> LLMConfig:
    """A config for the fake endpoint with the canary key."""
    settings: dict[str, Any] = {"api_key": CANARY, **overrides}
    return LLMConfig(base_url=base_url, model=MODEL, **settings)


async def ask(config: LLMConfig, sleeps: RecordingSleep) -> ChatResult:
    """One complete() call through a fresh client."""
    async with ChatClient(config, sleep=sleeps) as client:
        return await client.complete(MESSAGES, temperature=0.2, max_tokens=50)


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


# -- good answers ------------------------------------------------------------------------------


async def test_good_answer_and_request_as_sent(llm: FakeOpenAI, sleeps: RecordingSleep) -> None:
    llm.reply("Germany backs Rutte [1].", usage=(12, 4))

    result = await ask(make_config(llm.base_url), sleeps)

    assert result.text == "Germany backs Rutte [1]."
    assert result.model == MODEL
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (12, 4)
    assert result.usage.total == 16
    assert result.attempts == 1
    assert sleeps.calls == []
    [request] = llm.requests
    assert request.method == "POST"
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {CANARY}"
    assert request.headers["content-type"] == "application/json"
    assert request.json == {
        "model": MODEL,
        "messages": [
            {"role": "system", "content": "Answer from the passages."},
            {"role": "user", "content": QUESTION},
        ],
        "temperature": 0.2,
        "max_tokens": 50,
    }


async def test_no_key_sends_no_authorization_header(
    llm: FakeOpenAI, sleeps: RecordingSleep
) -> None:
    llm.reply("ok")

    await ask(make_config(llm.base_url, api_key=None), sleeps)

    assert "authorization" not in llm.requests[0].headers


async def test_trailing_slash_in_base_url(llm: FakeOpenAI, sleeps: RecordingSleep) -> None:
    llm.reply("ok")

    result = await ask(make_config(llm.base_url + "/"), sleeps)

    assert result.text == "ok"
    assert llm.requests[0].path == "/v1/chat/completions"


async def test_missing_usage_reads_as_zeros(llm: FakeOpenAI, sleeps: RecordingSleep) -> None:
    llm.reply("ok", usage=None)

    result = await ask(make_config(llm.base_url), sleeps)

    assert (result.usage.prompt_tokens, result.usage.completion_tokens, result.usage.total) == (
        0,
        0,
        0,
    )


# -- retries -----------------------------------------------------------------------------------


async def test_429_honours_retry_after_seconds(llm: FakeOpenAI, sleeps: RecordingSleep) -> None:
    llm.error(429, headers={"Retry-After": "2"}).reply("ok")

    result = await ask(make_config(llm.base_url), sleeps)

    assert result.text == "ok"
    assert result.attempts == 2
    assert sleeps.calls == [2.0]
    assert len(llm.requests) == 2


async def test_retry_after_is_capped(llm: FakeOpenAI, sleeps: RecordingSleep) -> None:
    llm.error(429, headers={"Retry-After": "120"}).reply("ok")

    result = await ask(make_config(llm.base_url, deadline_s=300.0), sleeps)

    assert result.attempts == 2
    assert sleeps.calls == [60.0]


async def test_retry_after_as_http_date(llm: FakeOpenAI, sleeps: RecordingSleep) -> None:
    when = datetime.now(UTC) + timedelta(seconds=5)
    llm.error(503, headers={"Retry-After": format_datetime(when, usegmt=True)}).reply("ok")

    result = await ask(make_config(llm.base_url), sleeps)

    assert result.attempts == 2
    [wait] = sleeps.calls
    assert 2.0 <= wait <= 5.0


async def test_5xx_then_success_after_two_backoffs(llm: FakeOpenAI, sleeps: RecordingSleep) -> None:
    llm.error(500).error(503).reply("ok")

    result = await ask(make_config(llm.base_url), sleeps)

    assert result.text == "ok"
    assert result.attempts == 3
    assert len(llm.requests) == 3
    first, second = sleeps.calls
    assert 0.25 <= first <= 0.75
    assert 0.5 <= second <= 1.5


async def test_three_500s_raise_http_error(llm: FakeOpenAI, sleeps: RecordingSleep) -> None:
    llm.error(500).error(500).error(500).reply("never sent")

    with pytest.raises(LLMHTTPError) as caught:
        await ask(make_config(llm.base_url), sleeps)

    assert caught.value.status == 500
    assert caught.value.attempts == 3
    assert len(llm.requests) == 3
    assert len(sleeps.calls) == 2


async def test_persistent_429_raises_rate_limit_error(
    llm: FakeOpenAI, sleeps: RecordingSleep
) -> None:
    for _ in range(3):
        llm.error(429, headers={"Retry-After": "1"})

    with pytest.raises(LLMRateLimitError) as caught:
        await ask(make_config(llm.base_url), sleeps)

    assert caught.value.status == 429
    assert sleeps.calls == [1.0, 1.0]


async def test_wait_past_the_deadline_is_not_taken(llm: FakeOpenAI, sleeps: RecordingSleep) -> None:
    llm.error(429, headers={"Retry-After": "30"}).reply("too late to ask")

    with pytest.raises(LLMRateLimitError):
        await ask(make_config(llm.base_url, deadline_s=5.0), sleeps)

    assert sleeps.calls == []
    assert len(llm.requests) == 1


# -- errors that are not retried ---------------------------------------------------------------


@pytest.mark.parametrize("status", [401, 403])
async def test_auth_error_is_not_retried(
    llm: FakeOpenAI, sleeps: RecordingSleep, status: int
) -> None:
    llm.error(status).reply("never sent")

    with pytest.raises(LLMAuthError) as caught:
        await ask(make_config(llm.base_url), sleeps)

    assert caught.value.status == status
    assert len(llm.requests) == 1
    assert sleeps.calls == []


async def test_400_is_not_retried(llm: FakeOpenAI, sleeps: RecordingSleep) -> None:
    llm.error(400, body='{"error": {"message": "max_tokens is too large"}}').reply("never sent")

    with pytest.raises(LLMHTTPError) as caught:
        await ask(make_config(llm.base_url), sleeps)

    assert type(caught.value) is LLMHTTPError
    assert caught.value.status == 400
    assert "max_tokens is too large" in str(caught.value)
    assert len(llm.requests) == 1


async def test_error_body_is_cut_to_200_characters(llm: FakeOpenAI, sleeps: RecordingSleep) -> None:
    llm.error(400, body="x" * 5000)

    with pytest.raises(LLMHTTPError) as caught:
        await ask(make_config(llm.base_url), sleeps)

    assert str(caught.value).count("x") == 200


async def test_malformed_json_is_a_response_error(llm: FakeOpenAI, sleeps: RecordingSleep) -> None:
    llm.raw(200, '{"choices": [').reply("never sent")

    with pytest.raises(LLMResponseError):
        await ask(make_config(llm.base_url), sleeps)

    assert len(llm.requests) == 1


@pytest.mark.parametrize(
    "body",
    [
        '{"id": "x", "object": "chat.completion", "model": "m"}',
        '{"choices": []}',
        '{"choices": [{"message": {"role": "assistant", "content": ""}}]}',
        '{"choices": [{"message": {"role": "assistant", "content": null}}]}',
        '["not", "an", "object"]',
    ],
)
async def test_unusable_completion_is_a_response_error(
    llm: FakeOpenAI, sleeps: RecordingSleep, body: str
) -> None:
    llm.raw(200, body)

    with pytest.raises(LLMResponseError):
        await ask(make_config(llm.base_url), sleeps)


async def test_hang_past_deadline_times_out_quickly(sleeps: RecordingSleep) -> None:
    with FakeOpenAI() as llm:
        llm.hang(30.0)
        started = time.monotonic()

        with pytest.raises(LLMTimeoutError) as caught:
            await ask(make_config(llm.base_url, deadline_s=0.5), sleeps)

        elapsed = time.monotonic() - started
        closing = time.monotonic()
    assert 0.4 <= elapsed < 3.0
    assert caught.value.attempts == 1
    assert time.monotonic() - closing < 2.0, "closing the fake must cut the hang short"


async def test_closed_port_is_a_connection_error(sleeps: RecordingSleep) -> None:
    config = make_config(f"http://127.0.0.1:{free_port()}/v1")

    with pytest.raises(LLMConnectionError) as caught:
        await ask(config, sleeps)

    assert caught.value.attempts == 3
    assert len(sleeps.calls) == 2


async def test_script_ran_out_is_a_500(llm: FakeOpenAI, sleeps: RecordingSleep) -> None:
    with pytest.raises(LLMHTTPError, match="script ran out"):
        await ask(make_config(llm.base_url, max_retries=0), sleeps)


async def test_default_reply_scripts_the_model_from_the_prompt(sleeps: RecordingSleep) -> None:
    def echo(request: dict[str, Any]) -> str:
        return "echo: " + str(request["messages"][-1]["content"])

    with FakeOpenAI(default=echo) as llm:
        result = await ask(make_config(llm.base_url), sleeps)

    assert result.text == f"echo: {QUESTION}"


# -- secrets and logs --------------------------------------------------------------------------


def _script_key_echo(llm: FakeOpenAI, case: str) -> str:
    """Script an error whose body echoes the key, as OpenAI's 401 does; return the base URL."""
    echoed = f'{{"error": {{"message": "Incorrect API key provided: {CANARY}."}}}}'
    if case == "401":
        llm.error(401, body=echoed)
    elif case == "500":
        for _ in range(3):
            llm.error(500, body=echoed)
    elif case == "malformed":
        llm.raw(200, f"<html>proxy error for Bearer {CANARY}</html>")
    elif case == "timeout":
        llm.hang(30.0)
    elif case == "closed":
        return f"http://127.0.0.1:{free_port()}/v1"
    return llm.base_url


@pytest.mark.parametrize("case", ["401", "500", "malformed", "timeout", "closed"])
async def test_api_key_never_leaks(
    llm: FakeOpenAI, sleeps: RecordingSleep, caplog: pytest.LogCaptureFixture, case: str
) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "summarizer.llm.client"):
        caplog.set_level(logging.DEBUG, logger=name)
    config = make_config(_script_key_echo(llm, case), deadline_s=0.5 if case == "timeout" else 60)

    with pytest.raises(LLMError) as caught:
        await ask(config, sleeps)

    assert CANARY not in str(caught.value)
    assert CANARY not in repr(caught.value)
    assert CANARY not in repr(config)
    assert CANARY not in caplog.text
    assert QUESTION not in caplog.text
    assert caplog.records, "the attempts should be logged"
    if case in ("401", "500", "malformed"):
        assert "***" in str(caught.value)


async def test_one_info_line_per_attempt(
    llm: FakeOpenAI, sleeps: RecordingSleep, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="summarizer.llm.client")
    llm.error(503).reply("ok", usage=(7, 3))

    await ask(make_config(llm.base_url), sleeps)

    lines = [r for r in caplog.records if r.name == "summarizer.llm.client"]
    assert [r.levelno for r in lines] == [logging.INFO, logging.INFO]
    first, second = (r.getMessage() for r in lines)
    assert "attempt=1" in first and "status=503" in first
    assert "attempt=2" in second and "status=200" in second
    assert "prompt_tokens=7" in second and "completion_tokens=3" in second
    assert MODEL in second


async def test_client_can_be_reused_for_several_calls(
    llm: FakeOpenAI, sleeps: RecordingSleep
) -> None:
    llm.reply("one").reply("two")

    async with ChatClient(make_config(llm.base_url), sleep=sleeps) as client:
        texts = [(await client.complete(MESSAGES)).text for _ in range(2)]

    assert texts == ["one", "two"]


async def test_fake_server_leaves_no_threads_behind(sleeps: RecordingSleep) -> None:
    before = set(threading.enumerate())
    with FakeOpenAI() as llm:
        llm.reply("ok").hang(30.0)
        await ask(make_config(llm.base_url), sleeps)
        with pytest.raises(LLMTimeoutError):
            await ask(make_config(llm.base_url, deadline_s=0.3), sleeps)

    assert set(threading.enumerate()) - before == set()
