"""Two days with a fake clock: three watched sources polled by the WatchPoller and a channel
subscribed to the daily digest; day two's digest is built from what day two's polls brought."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

from bot.archive import Archive
from bot.config import Settings
from bot.reply import Reply
from bot.schedule.scheduler import DigestScheduler
from bot.watch.poller import WatchPoller
from storage.db import open_database
from storage.subscriptions import subscribe
from tests.bot.watch.helpers import LOCAL, OFF_TOPIC, START, Clock, article, race_article, watch
from tests.cli_helpers import chat_core
from tests.fakes.feed_server import FeedServer, Route, feed_server, rss


class RecordingPoster:
    """A channel that keeps what was posted, as an adapter would."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.posts: list[tuple[str, Reply]] = []

    async def post_digest_reply(self, channel: str, reply: Reply) -> str:
        self.posts.append((channel, reply))
        message_id = f"m{len(self.posts)}"
        if not reply.data.get("nothing_new"):
            chat_core(self.settings).remember_digest_post(
                "slack", channel, message_id, digest_id=reply.data.get("digest_id")
            )
        return message_id

    async def find_recent_post(self, channel: str, since: datetime, title: str) -> str | None:
        return None


def _page(*paths: str) -> Route:
    links = "".join(f'<a href="{path}">more</a>' for path in paths)
    return Route(f"<html><body>{links}</body></html>".encode(), content_type="text/html")


def _story(title: str, body: str) -> Route:
    html = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}"
    return Route((html + "</article></body></html>").encode(), content_type="text/html")


def _day_one(server: FeedServer) -> None:
    date = "Sat, 04 May 2024 05:00:00 GMT"
    server.set(
        "/a.xml",
        Route(
            rss(("Germany backs Rutte", server.url("/a1"), date, race_article("Germany"))),
            etag='"a1"',
        ),
    )
    server.set(
        "/b.xml",
        Route(rss(("Rutte cycles to the palace", server.url("/b0"), date, OFF_TOPIC)), etag='"b1"'),
    )
    server.set("/c", _page("/c1"))
    server.set("/c1", _story("Estonia backs Kallas", race_article("Estonia", "Kaja Kallas")))


def _day_two(server: FeedServer) -> None:
    date = "Sun, 05 May 2024 05:00:00 GMT"
    hungary = article(
        "Hungary said on Sunday that it opposes Mark Rutte as the next NATO secretary general.",
        "Budapest said it would block the candidacy of the Dutch prime minister for now.",
    )
    server.set(
        "/b.xml",
        Route(
            rss(
                ("Hungary opposes Rutte", server.url("/b1"), date, hungary),
                ("Rutte cycles to the palace", server.url("/b0"), date, OFF_TOPIC),
            ),
            etag='"b2"',
        ),
    )
    server.set("/c", _page("/c2", "/c1"))
    server.set("/c2", _story("Latvia backs Kallas", race_article("Latvia", "Kaja Kallas")))


def _cited_titles(reply: Reply) -> set[str]:
    return {citation.title or "" for citation in reply.citations}


async def test_day_two_digest_is_built_from_what_the_polls_brought(db_path: Path) -> None:
    settings = Settings(db_path=db_path)
    archive = Archive(db_path)
    clock = Clock(START - timedelta(hours=1))
    db = open_database(db_path)
    try:
        sub, _ = subscribe(db, "slack", "C1", 7, 0, "UTC", "U1", clock.now.isoformat())
    finally:
        db.close()
    poster = RecordingPoster(settings)
    with feed_server() as server:
        _day_one(server)
        for name in ("a", "b"):
            watch(archive, name, server.url(f"/{name}.xml"), START, every_s=6 * 3600)
        watch(archive, "c", server.url("/c"), START, every_s=6 * 3600)
        poller = WatchPoller(archive, LOCAL, clock=clock, rng=random.Random(5))
        digests = DigestScheduler(settings, archive, {"slack": poster}, clock=clock)
        assert await poller.poll_due() == []  # 05:00: nothing due yet
        clock.now = START
        day_one = await poller.poll_due()
        assert sorted(len(r.added) for r in day_one) == [0, 1, 1]
        clock.now = START + timedelta(hours=1)
        assert await digests.deliver(sub.id, "2024-05-04") == "posted"

        _day_two(server)
        polled: list[int] = []
        while clock.now < START + timedelta(days=1):  # polls through the day, as the tick does
            clock.advance(minutes=30)
            polled += [len(r.added) for r in await poller.poll_due()]
        assert sum(polled) == 2  # Hungary (feed b) and Latvia (page c); nothing twice
        assert len(server.hits("/a.xml")) >= 4 and server.hits("/a.xml")[-1]["if-none-match"]
        clock.now = START + timedelta(days=1, hours=1)
        assert await digests.deliver(sub.id, "2024-05-05") == "posted"
    (_, first), (_, second) = poster.posts
    assert {"Germany backs Rutte", "Estonia backs Kallas"} <= _cited_titles(first)
    assert not _cited_titles(first) & {"Hungary opposes Rutte", "Latvia backs Kallas"}
    assert {"Hungary opposes Rutte", "Latvia backs Kallas"} & _cited_titles(second)
    assert "Rutte cycles to the palace" not in _cited_titles(first) | _cited_titles(second)
