"""A watched source's conditional request goes through the one redirect loop every fetch uses:
its validators travel on every hop, a 304 at the end of a redirect costs nothing, and every hop
meets the same address guard and redirect limit as `natosg ingest URL`."""

from __future__ import annotations

import pytest

from bot.ingest.fetch import MAX_REDIRECTS, fetch
from bot.ingest.netguard import FetchError, FetchHTTPError, FetchRefused
from bot.watch.conditional import USER_AGENT, FetchThrottled, Validators, conditional_fetch
from tests.bot.watch.helpers import LOCAL
from tests.fakes.feed_server import FeedServer, Route, feed_server, rss


@pytest.fixture
def server() -> FeedServer:
    with feed_server() as running:
        yield running  # type: ignore[misc]


def _moved(to: str, status: int = 301) -> Route:
    return Route(b"", status, "text/plain", headers={"Location": to})


def test_validators_go_on_every_hop_and_a_304_after_a_redirect_is_not_modified(
    server: FeedServer,
) -> None:
    server.set("/old.xml", _moved("/new.xml"))
    server.set("/new.xml", Route(rss(), etag='"v1"', headers={"Last-Modified": "Sat, 04 May"}))
    first = conditional_fetch(server.url("/old.xml"), Validators(), policy=LOCAL, max_bytes=1 << 20)
    assert first.fetched is not None and first.fetched.final_url == server.url("/new.xml")
    assert first.validators == Validators('"v1"', "Sat, 04 May")

    again = conditional_fetch(
        server.url("/old.xml"), first.validators, policy=LOCAL, max_bytes=1 << 20
    )
    assert again.not_modified and again.validators == first.validators
    for path in ("/old.xml", "/new.xml"):
        headers = server.hits(path)[-1]
        assert headers["if-none-match"] == '"v1"'
        assert headers["if-modified-since"] == "Sat, 04 May"
        assert headers["user-agent"] == USER_AGENT
        assert headers["host"] == server.base.removeprefix("http://")


def test_a_redirect_to_a_refused_address_fails_as_it_does_for_any_fetch(
    server: FeedServer,
) -> None:
    server.set("/hop1", _moved("/hop2", 302))
    server.set("/hop2", _moved("http://169.254.169.254/latest/meta-data/", 307))
    with pytest.raises(FetchRefused) as polled:
        conditional_fetch(server.url("/hop1"), Validators(), policy=LOCAL, max_bytes=1 << 20)
    with pytest.raises(FetchRefused) as fetched:
        fetch(server.url("/hop1"), policy=LOCAL)
    assert polled.value.reason == fetched.value.reason
    assert "169.254.169.254" in polled.value.reason
    assert len(server.hits("/hop2")) == 2  # the guard stopped the third hop both times


def test_an_endless_redirect_stops_at_the_same_limit(server: FeedServer) -> None:
    for n in range(10):
        server.set(f"/r{n}", _moved(f"/r{n + 1}"))
    with pytest.raises(FetchHTTPError, match="too many redirects"):
        conditional_fetch(server.url("/r0"), Validators(), policy=LOCAL, max_bytes=1 << 20)
    assert len(server.hits(f"/r{MAX_REDIRECTS}")) == 1
    assert server.hits(f"/r{MAX_REDIRECTS + 1}") == []


def test_throttling_and_errors_at_the_end_of_a_redirect(server: FeedServer) -> None:
    server.set("/busy", _moved("/busy2"))
    server.set("/busy2", Route(b"later", 429, "text/plain", headers={"Retry-After": "120"}))
    with pytest.raises(FetchThrottled) as throttled:
        conditional_fetch(server.url("/busy"), Validators(), policy=LOCAL, max_bytes=1 << 20)
    assert throttled.value.retry_after_s == 120.0
    server.set("/gone", _moved("/gone2"))
    server.set("/gone2", Route(b"gone", 410, "text/plain"))
    with pytest.raises(FetchError, match="HTTP 410") as failed:
        conditional_fetch(server.url("/gone"), Validators(), policy=LOCAL, max_bytes=1 << 20)
    assert not isinstance(failed.value, FetchThrottled)
