"""A conditional GET for polling: `If-None-Match` / `If-Modified-Since`, 304 costs nothing.

It goes through the one redirect loop of `bot.ingest.fetch.exchange`, so it has the same
guard as any fetch: every hop (the first request and each redirect) goes through
`check_url`, the request is sent to the checked address with the real Host header and TLS
server name, the body is capped while decoding and the whole exchange has one deadline. It
adds what polling needs: the validators sent and received, and `Retry-After` on 429/503.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import httpx

from bot.ingest.fetch import USER_AGENT as INGEST_USER_AGENT
from bot.ingest.fetch import Fetched, exchange, fetched_body, http_error
from bot.ingest.netguard import AddressPolicy, FetchHTTPError, ResolvedTarget

USER_AGENT = f"{INGEST_USER_AGENT} watch; polls politely, honours Retry-After"
_ACCEPT = (
    "application/rss+xml,application/atom+xml,application/xml;q=0.9,"
    "text/html;q=0.8,text/plain;q=0.5,*/*;q=0.1"
)


class FetchThrottled(FetchHTTPError):
    """The server asked us to slow down (429 or 503); `retry_after_s` when it said how long."""

    def __init__(self, reason: str, status: int, url: str, retry_after_s: float | None) -> None:
        super().__init__(reason, status, url)
        self.retry_after_s = retry_after_s


@dataclass(frozen=True)
class Validators:
    """What the server said identifies the version we have."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Polled:
    """A poll's answer: the body when changed (None on 304) and the validators to keep."""

    fetched: Fetched | None
    validators: Validators

    @property
    def not_modified(self) -> bool:
        """Whether the server answered 304 Not Modified."""
        return self.fetched is None


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date)."""
    text = (value or "").strip()
    if not text:
        return None
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text).timestamp()
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when - (time.time() if now is None else now))


def conditional_fetch(
    url: str,
    validators: Validators,
    *,
    policy: AddressPolicy,
    max_bytes: int,
    deadline_s: float = 20.0,
) -> Polled:
    """GET `url` with the validators, through the SSRF guard on every hop.

    Raises the fetch errors of `bot.ingest.fetch` (FetchRefused for a refused address or
    redirect), and FetchThrottled for 429/503."""
    headers = {"User-Agent": USER_AGENT, "Accept": _ACCEPT}
    if validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified

    def finish(response: httpx.Response, target: ResolvedTarget, deadline: float) -> Polled:
        return _answer(response, url, target, validators, max_bytes, deadline)

    return exchange(url, finish, policy=policy, deadline_s=deadline_s, headers=headers)


def _answer(
    response: httpx.Response,
    url: str,
    target: ResolvedTarget,
    validators: Validators,
    max_bytes: int,
    deadline: float,
) -> Polled:
    status = response.status_code
    if status == 304:
        return Polled(None, validators)
    if status in (429, 503):
        wait = retry_after_seconds(response.headers.get("retry-after"))
        asked = f" and asked us to wait {wait:.0f} s" if wait is not None else ""
        reason = f"the server answered HTTP {status}{asked}"
        raise FetchThrottled(reason, status, target.url, wait)
    if not 200 <= status < 300:
        raise http_error(status, target.url, url)
    fetched = fetched_body(response, url, target, max_bytes, deadline)
    kept = Validators(
        etag=response.headers.get("etag") or None,
        last_modified=response.headers.get("last-modified") or None,
    )
    return Polled(fetched, kept)
