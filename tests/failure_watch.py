"""A crashed command fails the test that ran it, even though the user got a polite reply.

`bot.dispatch.run_invocation` answers a handler that raised with "something went wrong on my
side" and marks the reply with `failure` (the exception's type name). A user must see that
line, but a test that checks only "a reply came back" would stay green. So every test runs
with a `FailureWatch` around the real dispatcher (the autouse fixture `internal_failures`,
wired in tests/conftest.py): every reply it gives, from the test's own thread, a worker thread
or an adapter's event loop, is looked at, and one with `failure` set fails the test.

A test that means to check the polite reply opts out with `@pytest.mark.internal_failure` and
asserts the flag itself (the `internal_failures` fixture lists what the watch saw). Commands
run in a child process are outside the watch: read their `--json` reply with
`tests.cli_helpers.json_reply`, which checks the flag the same way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator, Iterator

import pytest

from bot import dispatch
from bot.parsing import Invocation
from bot.registry import CommandContext, Registry
from bot.reply import Reply

MARKER = "internal_failure"
RunInvocation = Callable[[Invocation, CommandContext, Registry], Reply]
WATCH = pytest.StashKey["FailureWatch"]()


class FailureWatch:
    """Remembers every reply the dispatcher marked as an internal failure."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: list[Reply] = []
        self._reported = 0

    def wrap(self, run: RunInvocation) -> RunInvocation:
        """The dispatcher `run`, reporting its failed replies to this watch."""

        def watched(invocation: Invocation, ctx: CommandContext, registry: Registry) -> Reply:
            reply = run(invocation, ctx, registry)
            self.observe(reply)
            return reply

        return watched

    def observe(self, reply: Reply) -> None:
        """Look at one reply; remember it if the bot failed to answer."""
        if reply.failure is not None:
            with self._lock:
                self._seen.append(reply)

    @property
    def failures(self) -> list[Reply]:
        """Every failed reply seen so far, oldest first."""
        with self._lock:
            return list(self._seen)

    def take_new(self) -> list[Reply]:
        """The failed replies not handed out by an earlier call."""
        with self._lock:
            new = self._seen[self._reported :]
            self._reported = len(self._seen)
        return new

    def check(self) -> None:
        """Fail the current test for failed replies not reported yet."""
        new = self.take_new()
        if new:
            pytest.fail(describe(new), pytrace=False)


def describe(failures: list[Reply]) -> str:
    """Why the test fails, naming each crashed command and the exception type."""
    listed = ", ".join(f"`{reply.command}` raised {reply.failure}" for reply in failures)
    return (
        f"a command crashed inside the bot ({listed}) and the user was told 'something went "
        f"wrong'; the traceback is in the captured log. Mark the test "
        f"@pytest.mark.{MARKER} if that reply is what it checks."
    )


def pytest_configure(config: pytest.Config) -> None:
    """Register the opt-out marker."""
    config.addinivalue_line(
        "markers",
        f"{MARKER}: the test expects a command to crash and checks the polite reply itself",
    )


@pytest.fixture(autouse=True)
def internal_failures(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FailureWatch]:
    """The watch on this test's dispatcher; failures left over at teardown fail it too."""
    watch = FailureWatch()
    monkeypatch.setattr(dispatch, "run_invocation", watch.wrap(dispatch.run_invocation))
    request.node.stash[WATCH] = watch
    yield watch
    if request.node.get_closest_marker(MARKER) is None:
        watch.check()  # replies given after the test body returned (background tasks)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """Fail the test itself, not only its teardown, when its commands crashed. When the test
    failed anyway, the crashes are added to its report rather than hiding its own error."""
    watch = item.stash.get(WATCH, None)
    if watch is None or item.get_closest_marker(MARKER) is not None:
        yield
        return
    try:
        yield
    except BaseException:
        new = watch.take_new()
        if new:
            item.add_report_section("call", "crashed commands", describe(new))
        raise
    watch.check()
