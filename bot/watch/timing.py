"""When a watched source is polled next: its interval with jitter, backoff after errors, and
a restart that spreads overdue sources out instead of fetching them all at once."""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta

DEFAULT_EVERY = timedelta(minutes=30)
MIN_EVERY = timedelta(minutes=1)
MAX_EVERY = timedelta(days=7)
MAX_BACKOFF = timedelta(hours=12)
MIN_BACKOFF = timedelta(minutes=5)
MAX_RETRY_AFTER = timedelta(days=1)
FAILING_REPORTED_AFTER = timedelta(days=1)
JITTER = 0.1  # each poll moves by up to ±10 % of the interval
_EVERY = re.compile(r"\A\s*(\d+)\s*(s|sec|m|min|h|hr|d|day)?s?\s*\Z", re.IGNORECASE)
_UNITS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400, "day": 86400}


class IntervalError(ValueError):
    """An interval such as `30m` could not be read; the message says why."""


def parse_every(text: str | None) -> timedelta:
    """Read `30m`, `2h`, `1d` or `90s` (a bare number is minutes), within sane bounds."""
    if text is None or not str(text).strip():
        return DEFAULT_EVERY
    match = _EVERY.match(str(text))
    if not match:
        raise IntervalError(f"I can't read “{str(text)[:20]}” as an interval; try 30m, 2h or 1d.")
    unit = (match[2] or "m").casefold()
    every = timedelta(seconds=int(match[1]) * _UNITS[unit])
    if not MIN_EVERY <= every <= MAX_EVERY:
        raise IntervalError("The interval must be between 1 minute and 7 days.")
    return every


def describe_every(seconds: int) -> str:
    """`30m`, `2h`, `1d`: an interval as typed."""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def after_success(now: datetime, every: timedelta, rng: random.Random) -> datetime:
    """The next poll after a good one: the interval, moved by a little jitter."""
    return now + every * (1 + rng.uniform(-JITTER, JITTER))


def after_failure(
    now: datetime,
    every: timedelta,
    errors: int,
    rng: random.Random,
    retry_after: timedelta | None = None,
) -> datetime:
    """The next poll after the `errors`-th failure in a row: doubling from the interval (at
    least 5 minutes) up to 12 hours, and never before a server's Retry-After (up to a day)."""
    base = max(every, MIN_BACKOFF)
    delay = min(base * (2 ** max(0, errors - 1)), max(MAX_BACKOFF, every))
    if retry_after is not None:
        delay = max(delay, min(retry_after, MAX_RETRY_AFTER))
    moved: datetime = now + delay * (1 + rng.uniform(0, JITTER))
    return moved


def spread_overdue(
    now: datetime, overdue: list[tuple[int, timedelta]], rng: random.Random, step: timedelta
) -> dict[int, datetime]:
    """New poll times for sources that fell due while the bot was down: one `step` apart
    (within each source's own interval), so a restart never fetches everything at once."""
    spread: dict[int, datetime] = {}
    for position, (watch_id, every) in enumerate(overdue):
        offset = min(step * position, every) + step * rng.uniform(0, 1)
        spread[watch_id] = now + offset
    return spread


def is_failing_long(failing_since: str | None, now: datetime) -> bool:
    """Whether a source has been failing for a day or more."""
    if not failing_since:
        return False
    return now - datetime.fromisoformat(failing_since) >= FAILING_REPORTED_AFTER
