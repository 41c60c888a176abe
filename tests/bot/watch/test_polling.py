"""Polling watched sources against a local server whose feeds change between polls."""

from __future__ import annotations

import random
from datetime import timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from bot.archive import Archive
from bot.watch.poller import WatchPoller
from storage.articles import article_count
from tests.bot.watch.helpers import (
    LOCAL,
    OFF_TOPIC,
    START,
    Clock,
    article,
    polling,
    race_article,
    reload,
    watch,
)
from tests.fakes.feed_server import FeedServer, Route, feed_server, rss

DAY1 = "Sat, 04 May 2024 05:00:00 GMT"


def _titles(archive: Archive) -> list[str]:
    with archive.session() as session:
        rows = session.db.execute("SELECT title FROM articles ORDER BY id").fetchall()
    return [str(row[0]) for row in rows]


def _count(archive: Archive) -> int:
    with archive.session() as session:
        return article_count(session.db)


@pytest.fixture
def server() -> FeedServer:
    with feed_server() as running:
        yield running  # type: ignore[misc]


@pytest.fixture
def archive(db_path: Path) -> Archive:
    return Archive(db_path)


def test_new_items_are_stored_once_and_an_unchanged_feed_costs_a_304(
    server: FeedServer, archive: Archive
) -> None:
    clock = Clock()
    first = rss(
        ("Germany backs Rutte", server.url("/a1"), DAY1, race_article("Germany")),
        ("Rutte cycles to the palace", server.url("/off"), DAY1, OFF_TOPIC),
    )
    server.set("/feed.xml", Route(first, etag='"v1"'))
    source = watch(archive, "test-feed", server.url("/feed.xml"), START)
    poll = polling(archive, clock)

    report = poll.poll(source)
    assert report.outcome == "new" and len(report.added) == 1 and report.off_topic == 1
    assert _titles(archive) == ["Germany backs Rutte"]  # the off-topic item is never stored

    clock.advance(minutes=30)
    again = poll.poll(reload(archive, "test-feed"))
    assert again.outcome == "not modified" and again.added == ()
    assert server.hits("/feed.xml")[-1]["if-none-match"] == '"v1"'

    second = rss(
        ("France backs Rutte", server.url("/a2"), DAY1, race_article("France")),
        *[("Germany backs Rutte", server.url("/a1"), DAY1, race_article("Germany"))],
        ("Rutte cycles to the palace", server.url("/off"), DAY1, OFF_TOPIC),
    )
    server.set("/feed.xml", Route(second, etag='"v2"'))
    clock.advance(minutes=30)
    third = poll.poll(reload(archive, "test-feed"))
    assert len(third.added) == 1 and third.off_topic == 0  # seen items are not read again
    assert _titles(archive) == ["Germany backs Rutte", "France backs Rutte"]
    stored = reload(archive, "test-feed")
    assert (stored.kept, stored.skipped, stored.kind, stored.etag) == (2, 1, "feed", '"v2"')
    assert stored.last_new_at == clock.now.isoformat(timespec="seconds")
    assert all("natosg" in h["user-agent"] for h in server.hits("/feed.xml"))


def test_a_failing_source_backs_off_and_honours_retry_after(
    server: FeedServer, archive: Archive
) -> None:
    clock = Clock()
    server.set("/broken.xml", Route(b"oops", 500, "text/plain"))
    source = watch(archive, "broken", server.url("/broken.xml"), START, every_s=600)
    poll = polling(archive, clock)
    waits = []
    for _ in range(3):
        report = poll.poll(reload(archive, "broken"))
        assert report.outcome == "failed" and "500" in (report.error or "")
        waits.append(report.next_poll_at - clock.now)
        clock.now = report.next_poll_at
    assert timedelta(minutes=10) <= waits[0] < waits[1] < waits[2]  # doubling, not a loop
    server.set(
        "/broken.xml", Route(b"slow down", 429, "text/plain", headers={"Retry-After": "7200"})
    )
    throttled = poll.poll(reload(archive, "broken"))
    assert throttled.outcome == "throttled"
    assert throttled.next_poll_at - clock.now >= timedelta(hours=2)
    stored = reload(archive, "broken")
    assert stored.errors == 4 and stored.failing_since == START.isoformat(timespec="seconds")
    assert source.id == stored.id


async def test_the_poller_leaves_a_backed_off_source_alone_until_its_time(
    server: FeedServer, archive: Archive
) -> None:
    clock = Clock()
    server.set("/broken.xml", Route(b"oops", 503, "text/plain", headers={"Retry-After": "3600"}))
    watch(archive, "broken", server.url("/broken.xml"), START)
    poller = WatchPoller(archive, LOCAL, clock=clock, rng=random.Random(1))
    (report,) = await poller.poll_due()
    assert report.outcome == "throttled"
    for _ in range(5):
        clock.advance(minutes=10)
        assert await poller.poll_due() == []
    assert len(server.hits("/broken.xml")) == 1


def test_a_redirect_to_a_private_address_is_refused(server: FeedServer, archive: Archive) -> None:
    clock = Clock()
    location = "http://169.254.169.254/latest/meta-data/"
    server.set("/moved.xml", Route(b"", 302, "text/plain", headers={"Location": location}))
    watch(archive, "moved", server.url("/moved.xml"), START)
    report = polling(archive, clock).poll(reload(archive, "moved"))
    assert report.outcome == "failed" and "refused" in (report.error or "")
    assert "169.254.169.254" in (reload(archive, "moved").last_error or "")
    assert _count(archive) == 0


def test_a_page_is_reread_and_its_new_same_site_links_followed(
    server: FeedServer, archive: Archive
) -> None:
    clock = Clock()

    def page(*paths: str) -> Route:
        links = "".join(f'<a href="{p}">story</a>' for p in paths)
        links += '<a href="https://elsewhere.example/x">elsewhere</a>'
        return Route(f"<html><body>{links}</body></html>".encode(), content_type="text/html")

    def story(title: str, body: str) -> Route:
        html = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}"
        return Route((html + "</article></body></html>").encode(), content_type="text/html")

    server.set("/news", page("/s1", "/s2"))
    server.set("/s1", story("Italy backs Rutte", race_article("Italy")))
    server.set("/s2", story("Rutte on a bicycle", OFF_TOPIC))
    watch(archive, "page", server.url("/news"), START)
    poll = polling(archive, clock)
    first = poll.poll(reload(archive, "page"))
    assert (len(first.added), first.off_topic) == (1, 1)
    server.set("/news", page("/s3", "/s1", "/s2"))
    server.set("/s3", story("Spain backs Rutte", race_article("Spain")))
    second = poll.poll(reload(archive, "page"))
    assert len(second.added) == 1 and second.off_topic == 0
    assert len(server.hits("/s1")) == 1 and len(server.hits("/s3")) == 1
    assert reload(archive, "page").kind == "page"


def test_items_over_the_cap_wait_for_the_next_poll(server: FeedServer, archive: Archive) -> None:
    clock = Clock()
    backers = ["Spain", "Italy", "Greece", "Portugal", "Belgium"]
    items = [(f"{b} backs Rutte", server.url(f"/{b}"), DAY1, race_article(b)) for b in backers]
    server.set("/feed.xml", Route(rss(*items)))
    watch(archive, "big", server.url("/feed.xml"), START)
    poll = polling(archive, clock)
    poll.limits = type(poll.limits)(max_items=2)
    first = poll.poll(reload(archive, "big"))
    assert len(first.added) == 2 and first.left_for_later == 3
    assert len(poll.poll(reload(archive, "big")).added) == 2


async def test_a_restart_resumes_without_a_burst(server: FeedServer, archive: Archive) -> None:
    clock = Clock()
    server.set("/feed.xml", Route(rss(), etag='"e"'))
    for n in range(3):  # fell due while the bot was down
        watch(archive, f"due{n}", server.url(f"/feed.xml?{n}"), START - timedelta(hours=3))
    later = watch(archive, "later", server.url("/feed.xml?later"), START + timedelta(minutes=20))
    poller = WatchPoller(archive, LOCAL, clock=clock, rng=random.Random(3), tick=timedelta(hours=1))
    try:
        spread = await poller.start()
        assert await poller.poll_due() == []  # nothing fetched at the moment of the restart
    finally:
        await poller.close()
    times = sorted(spread.values())
    assert len(times) == 3 and all(t > START for t in times)
    assert all(b - a >= timedelta(minutes=1) for a, b in pairwise(times))
    assert reload(archive, "later").next_poll_at == later.next_poll_at
    assert server.requests == []
    clock.now = times[0]
    assert len(await poller.poll_due()) == 1


def test_the_article_is_read_with_its_claims(server: FeedServer, archive: Archive) -> None:
    clock = Clock()
    body = article(
        "Poland said on Friday that it supports Kaja Kallas as the next NATO secretary general."
    )
    server.set("/feed.xml", Route(rss(("Poland backs Kallas", server.url("/p"), DAY1, body))))
    watch(archive, "claims", server.url("/feed.xml"), START)
    assert len(polling(archive, clock).poll(reload(archive, "claims")).added) == 1
    with archive.session() as session:
        rows = session.db.execute("SELECT holder, candidate, stance FROM claims").fetchall()
    assert ("Poland", "Kaja Kallas", "supports") in [tuple(r) for r in rows]


def test_an_unreadable_item_is_tried_three_times_then_given_up(
    server: FeedServer, archive: Archive
) -> None:
    clock = Clock()
    teaser = "<p>Short teaser.</p>"
    server.set("/feed.xml", Route(rss(("Teaser", server.url("/missing"), DAY1, teaser))))
    watch(archive, "teasers", server.url("/feed.xml"), START)
    poll = polling(archive, clock)
    errors = [poll.poll(reload(archive, "teasers")).item_errors for _ in range(4)]
    assert errors == [1, 1, 1, 0]
    assert len(server.hits("/missing")) == 3
