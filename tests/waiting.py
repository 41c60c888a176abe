"""Waiting for something to happen, instead of sleeping and hoping it has.

A test that sleeps and then checks that nothing happened passes when the work was merely
slow. These wait for a positive event (a call reached a fake server, a log record or a row
appeared) and fail with a clear message when it does not come in time; only then does the
test count what happened.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

import pytest

POLL_S = 0.01


def wait_until(check: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    """Block until `check()` holds; fail after `timeout` seconds, naming `what` was awaited."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:g} s waiting for {what}", pytrace=False)
        time.sleep(POLL_S)


async def eventually(check: Callable[[], bool], what: str, timeout: float = 5.0) -> None:
    """Let the event loop run until `check()` holds; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:g} s waiting for {what}", pytrace=False)
        await asyncio.sleep(POLL_S)


def logged(caplog: pytest.LogCaptureFixture, logger: str, *words: str) -> list[logging.LogRecord]:
    """The records `logger` wrote so far whose message holds every one of `words`."""
    return [
        record
        for record in caplog.records
        if record.name == logger and all(word in record.getMessage() for word in words)
    ]
