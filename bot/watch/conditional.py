"""A conditional GET for polling: `If-None-Match` / `If-Modified-Since`, 304 costs nothing.

The same guard as `bot.ingest.fetch.fetch`: every hop (the first request and each redirect)
goes through `check_url`, the request is sent to the checked address with the real Host
header and TLS server name, the body is capped and the whole exchange has a deadline. It
adds what polling needs: the validators sent and received, and `Retry-After` on 429/503.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import httpx

from bot.ingest.deadline import Watchdog
from bot.ingest.decoding import ACCEPT_ENCODING
from bot.ingest.fetch import USER_AGENT as INGEST_USER_AGENT
from bot.ingest.fetch import Fetched, read_body
from bot.ingest.netguard import (
    AddressPolicy,
    FetchError,
    FetchHTTPError,
    FetchNetworkError,
    FetchRefused,
    FetchTimeout,
    ResolvedTarget,
    check_url,
)

USER_AGENT = f"{INGEST_USER_AGENT} watch; polls politely, honours Retry-After"
MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
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
    deadline = time.monotonic() + deadline_s
    # One deadline for the whole exchange, as for any fetch: the watchdog cuts the socket.
    watchdog = Watchdog(deadline)
    watchdog.start()
    try:
        polled = _poll(url, validators, policy, max_bytes, deadline, watchdog)
    except FetchError:
        if watchdog.fired:
            raise FetchTimeout(f"the source answered too slowly (over {deadline_s:g} s)") from None
        raise
    finally:
        watchdog.stop()
    if watchdog.fired:  # a cut connection can look like the end of an unsized body
        raise FetchTimeout(f"the source answered too slowly (over {deadline_s:g} s)")
    return polled


def _poll(
    url: str,
    validators: Validators,
    policy: AddressPolicy,
    max_bytes: int,
    deadline: float,
    watchdog: Watchdog,
) -> Polled:
    with httpx.Client(trust_env=False, follow_redirects=False) as client:
        current = url
        for hop in range(MAX_REDIRECTS + 1):
            try:
                target = check_url(current, policy)
            except FetchRefused as exc:
                if hop == 0:
                    raise
                raise FetchRefused(f"redirects to a refused address: {exc.reason}") from None
            response = _send(client, target, validators, deadline, watchdog)
            try:
                if response.status_code in _REDIRECTS:
                    location = response.headers.get("location", "").strip()
                    if not location:
                        raise FetchHTTPError("redirect without a Location", 0, target.url)
                    try:
                        current = str(httpx.URL(target.url).join(location))
                    except (httpx.InvalidURL, ValueError, UnicodeError):
                        raise FetchHTTPError("a malformed redirect", 0, target.url) from None
                    continue
                return _answer(response, url, target, validators, max_bytes, deadline)
            except httpx.HTTPError as exc:
                raise FetchNetworkError(f"{target.host_header}: {exc}") from None
            finally:
                response.close()
    raise FetchHTTPError(f"too many redirects (more than {MAX_REDIRECTS})", 0, current)


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
        raise FetchHTTPError(f"the server answered HTTP {status}", status, target.url)
    body = read_body(response, max_bytes, deadline)
    media = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    fetched = Fetched(url, target.url, status, media or None, response.charset_encoding, body)
    kept = Validators(
        etag=response.headers.get("etag") or None,
        last_modified=response.headers.get("last-modified") or None,
    )
    return Polled(fetched, kept)


def _send(
    client: httpx.Client,
    target: ResolvedTarget,
    validators: Validators,
    deadline: float,
    watchdog: Watchdog,
) -> httpx.Response:
    headers = {
        "Host": target.host_header,
        "User-Agent": USER_AGENT,
        "Accept": _ACCEPT,
        "Accept-Encoding": ACCEPT_ENCODING,
        "Connection": "close",
    }
    if validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    extensions: dict[str, object] = {"trace": watchdog.trace}
    if target.scheme == "https":
        extensions["sni_hostname"] = target.host
    last: Exception | None = None
    for address in target.addresses:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        pinned = httpx.URL(target.url).copy_with(host=str(address))
        request = client.build_request(
            "GET",
            pinned,
            headers=headers,
            extensions=extensions,
            timeout=httpx.Timeout(min(10.0, left), connect=min(5.0, left)),
        )
        try:
            return client.send(request, stream=True, follow_redirects=False, auth=None)
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            last = exc
        except httpx.TimeoutException:
            raise FetchTimeout(f"{target.host_header} stopped answering (timed out)") from None
        except httpx.HTTPError as exc:
            raise FetchNetworkError(f"{target.host_header}: {exc}") from None
    if last is None:
        raise FetchTimeout("the server took too long (overall time limit reached)")
    raise FetchNetworkError(f"could not connect to {target.host_header}")
