"""What the watch tests share: a settable clock, race and off-topic article bodies, watches."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.archive import Archive
from bot.ingest.netguard import AddressPolicy
from bot.watch.polling import WatchPolling
from storage.watches import Watch, add_watch, find_watch

LOCAL = AddressPolicy.from_env("127.0.0.1/32")
START = datetime(2024, 5, 4, 6, 0, tzinfo=UTC)
FILLER = (
    "Officials spoke to reporters after the meeting in Brussels. "
    "The talks lasted most of the afternoon and ended without a press conference. "
    "Further meetings are planned for the coming weeks, according to the schedule. "
)


@dataclass
class Clock:
    """A clock the test moves by hand."""

    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move the clock forward."""
        self.now += timedelta(**delta)


def article(*sentences: str) -> str:
    """An HTML article body long enough to be the article itself in a feed entry."""
    paragraphs = "".join(f"<p>{sentence}</p>" for sentence in sentences)
    return paragraphs + f"<p>{FILLER}</p><p>{FILLER}</p><p>{FILLER}</p>"


def race_article(backer: str, candidate: str = "Mark Rutte") -> str:
    """A body about the race: a government backing a candidate."""
    return article(
        f"{backer} said on Friday that it supports {candidate} as the next NATO secretary general.",
        "The race to succeed Jens Stoltenberg is entering its final weeks, "
        f"{backer} officials said.",
    )


OFF_TOPIC = article(
    "Mark Rutte arrived at the royal palace by bicycle for the king's birthday.",
    "Photos of the Dutch prime minister were widely shared on social media.",
)


def watch(archive: Archive, name: str, url: str, when: datetime, every_s: int = 1800) -> Watch:
    """Add a watch whose first poll is due at `when`."""
    with archive.session() as session:
        made = add_watch(session.db, name, url, every_s, "U1", when.isoformat(timespec="seconds"))
    assert made is not None
    return made


def reload(archive: Archive, name: str) -> Watch:
    """A watch as stored now."""
    with archive.session() as session:
        found = find_watch(session.db, name)
    assert found is not None
    return found


def polling(archive: Archive, clock: Clock) -> WatchPolling:
    """A poller for tests: the local policy, the test clock, fixed jitter."""
    return WatchPolling(archive, LOCAL, clock=clock, rng=random.Random(7))
