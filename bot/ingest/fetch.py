"""Fetching one URL a user gave: guarded, pinned to the checked address, capped in size and time.

How the connection is pinned: `check_url` resolves the host once; the request is then sent to
the checked IP literal (`http://93.184.216.34:443/path`) with the real `Host` header and, for
https, the real name as TLS SNI (`extensions={"sni_hostname": host}`), which httpcore also
uses to verify the certificate. httpx never sees the host name, so it cannot look it up again.
Redirects are followed by hand, and every hop goes through `check_url` again.

`exchange` is the one redirect loop: `fetch` (a page a user gave) and the watched sources'
conditional requests (`bot.watch.conditional`) both go through it, each with its own headers
and its own reading of the final answer (a 2xx body; or 304, 429 and 503 as well).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

import httpx

from bot.ingest.deadline import Watchdog
from bot.ingest.decoding import ACCEPT_ENCODING, BodyTooLarge, check_encodings, decode_stream
from bot.ingest.netguard import (
    AddressPolicy,
    FetchError,
    FetchHTTPError,
    FetchNetworkError,
    FetchRefused,
    FetchTimeout,
    FetchTooLarge,
    ResolvedTarget,
    check_url,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_REDIRECTS",
    "USER_AGENT",
    "FetchError",
    "FetchHTTPError",
    "FetchNetworkError",
    "FetchRefused",
    "FetchTimeout",
    "FetchTooLarge",
    "Fetched",
    "exchange",
    "fetch",
    "fetched_body",
    "http_error",
    "read_body",
]

USER_AGENT = "natosg/0.1 (+news briefing bot)"
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 10.0
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
)
T = TypeVar("T")
# What the caller makes of the final, non-redirect answer: the response (its body not read
# yet), the checked target it came from, and the overall deadline (time.monotonic()).
Finish = Callable[[httpx.Response, ResolvedTarget, float], T]


@dataclass(frozen=True)
class Fetched:
    """A successful (2xx) response: where it came from and its complete body."""

    url: str
    final_url: str
    status: int
    content_type: str | None  # the media type only, lower case, e.g. "text/html"
    charset: str | None
    body: bytes


def fetch(
    url: str,
    *,
    policy: AddressPolicy,
    max_bytes: int = DEFAULT_MAX_BYTES,
    deadline_s: float = 20.0,
    client: httpx.Client | None = None,
) -> Fetched:
    """GET a URL through the SSRF guard, following up to MAX_REDIRECTS checked redirects.

    Raises a FetchError subclass with a one-line `reason`: FetchRefused (guard),
    FetchTimeout (connect/read timeout or the overall `deadline_s`), FetchTooLarge (body over
    `max_bytes`; never truncated), FetchHTTPError (non-2xx), FetchNetworkError (DNS, TLS,
    connection). A given `client` must not use a proxy (a proxy would resolve the name itself);
    by default a fresh client with `trust_env=False` is used and closed.
    """

    def finish(response: httpx.Response, target: ResolvedTarget, deadline: float) -> Fetched:
        if not 200 <= response.status_code < 300:
            raise http_error(response.status_code, target.url, url)
        return fetched_body(response, url, target, max_bytes, deadline)

    return exchange(url, finish, policy=policy, deadline_s=deadline_s, client=client)


def exchange(
    url: str,
    finish: Finish[T],
    *,
    policy: AddressPolicy,
    deadline_s: float = 20.0,
    headers: Mapping[str, str] | None = None,
    client: httpx.Client | None = None,
) -> T:
    """The one redirect loop every fetch goes through: GET `url`, check every hop (the first
    request and each redirect) with the SSRF guard, send it to the checked address, and hand
    the first answer that is not a redirect to `finish`, within one overall deadline.

    `headers` replace or add to the defaults (User-Agent, Accept; `If-None-Match` for a
    conditional request); Host, Accept-Encoding and Connection are always ours. Raises the
    FetchError subclasses `fetch` documents, and whatever `finish` raises.
    """
    deadline = time.monotonic() + deadline_s
    # One deadline for the whole exchange: the watchdog cuts the connection when it passes,
    # however slowly the server trickles its headers or body.
    watchdog = Watchdog(deadline)
    watchdog.start()
    clock = _Clock(deadline, watchdog, dict(headers or {}))
    try:
        if client is not None:
            answer = _follow(client, url, policy, finish, clock)
        else:
            with httpx.Client(trust_env=False, follow_redirects=False) as own:
                answer = _follow(own, url, policy, finish, clock)
    except FetchError:
        if watchdog.fired:
            raise _overall_timeout(deadline_s) from None
        raise
    finally:
        watchdog.stop()
    if watchdog.fired:  # a cut connection can look like the end of an unsized body
        raise _overall_timeout(deadline_s)
    return answer


def fetched_body(
    response: httpx.Response, url: str, target: ResolvedTarget, max_bytes: int, deadline: float
) -> Fetched:
    """A 2xx answer read in full (under the cap, within the deadline) as a `Fetched`."""
    body = read_body(response, max_bytes, deadline)
    media_type = response.headers.get("content-type", "").split(";", 1)[0].strip()
    return Fetched(
        url=url,
        final_url=target.url,
        status=response.status_code,
        content_type=media_type.lower() or None,
        charset=response.charset_encoding,
        body=body,
    )


@dataclass(frozen=True)
class _Clock:
    """The fetch's deadline, the watchdog that enforces it on the sockets, and the caller's
    request headers."""

    deadline: float
    watchdog: Watchdog
    headers: Mapping[str, str]


def _overall_timeout(deadline_s: float) -> FetchTimeout:
    return FetchTimeout(
        f"the server sent the page too slowly (the overall limit of {deadline_s:g} s was reached)"
    )


def _follow(
    client: httpx.Client, url: str, policy: AddressPolicy, finish: Finish[T], clock: _Clock
) -> T:
    current = url
    last_status = 0
    for hop in range(MAX_REDIRECTS + 1):
        try:
            target = check_url(current, policy)
        except FetchRefused as exc:
            if hop == 0:
                raise
            raise FetchRefused(
                f"the page redirects to {_short(current)}, which is refused: {exc.reason}"
            ) from None
        with _open(client, target, clock) as response:
            if response.status_code in _REDIRECTS:
                location = response.headers.get("location", "").strip()
                if not location:
                    raise FetchHTTPError(
                        f"the server answered HTTP {response.status_code} without a Location",
                        response.status_code,
                        target.url,
                    )
                current = _redirect_target(target, location, response.status_code)
                last_status = response.status_code
                continue
            return finish(response, target, clock.deadline)
    raise FetchHTTPError(f"too many redirects (more than {MAX_REDIRECTS})", last_status, current)


def _redirect_target(target: ResolvedTarget, location: str, status: int) -> str:
    """The absolute URL a Location points to; a malformed one is this input's failure."""
    try:
        # Resolve against the named URL, not the IP literal the request went to.
        return str(httpx.URL(target.url).join(location))
    except (httpx.InvalidURL, ValueError, UnicodeError):
        raise FetchHTTPError(
            f"the server redirected (HTTP {status}) to a malformed address "
            f"({_short(location, 60)!r}); not followed",
            status,
            target.url,
        ) from None


def _short(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def http_error(status: int, final_url: str, asked: str) -> FetchHTTPError:
    """The one-line failure for a final answer that is not 2xx (the redirect's end named)."""
    phrase = httpx.codes.get_reason_phrase(status)
    reason = f"the server answered HTTP {status}" + (f" {phrase}" if phrase else "")
    if final_url != asked:
        reason += f" at {_short(final_url)}"
    return FetchHTTPError(reason, status, final_url)


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchTimeout("the server took too long (overall time limit reached)")
    return left


def _timeout(deadline: float) -> httpx.Timeout:
    # Each phase keeps its own limit, but none may outlive the overall deadline.
    left = _remaining(deadline)
    read = min(READ_TIMEOUT_S, left)
    return httpx.Timeout(read, connect=min(CONNECT_TIMEOUT_S, left), pool=min(5.0, left))


def _request(
    client: httpx.Client, target: ResolvedTarget, address: str, clock: _Clock
) -> httpx.Request:
    pinned = httpx.URL(target.url).copy_with(host=address)
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": _ACCEPT,
        **clock.headers,
        "Host": target.host_header,
        # Only what bot.ingest.decoding inflates under the cap; httpx's own decoders are
        # never used (the body is read raw).
        "Accept-Encoding": ACCEPT_ENCODING,
        # No keep-alive: a pooled connection is keyed by IP, and reusing one opened (and
        # certificate-checked) for another host name on the same IP would be wrong.
        "Connection": "close",
    }
    extensions: dict[str, object] = {"trace": clock.watchdog.trace}
    if target.scheme == "https":
        extensions["sni_hostname"] = target.host
    return client.build_request(
        "GET", pinned, headers=headers, extensions=extensions, timeout=_timeout(clock.deadline)
    )


@contextmanager
def _open(client: httpx.Client, target: ResolvedTarget, clock: _Clock) -> Iterator[httpx.Response]:
    """Send to the first checked address that accepts a connection; close when done."""
    response: httpx.Response | None = None
    last_error: FetchError | None = None
    for address in target.addresses:
        request = _request(client, target, str(address), clock)
        try:
            # auth=None: a caller's client credentials must never go to a user's URL.
            response = client.send(request, stream=True, follow_redirects=False, auth=None)
            break
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            last_error = _map_error(exc, target)  # try the host's next address
        except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
            # httpx reads a redirect's Location while sending; a malformed one (a bad IDNA
            # label, say) would otherwise escape as a non-fetch error and end the ingest.
            raise FetchHTTPError(
                f"{target.host_header} redirected to a malformed address ({_detail(exc)}); "
                "not followed",
                0,
                target.url,
            ) from None
        except httpx.HTTPError as exc:
            raise _map_error(exc, target) from None
    if response is None:
        assert last_error is not None  # the target always has at least one address
        raise last_error
    try:
        yield response
    except httpx.HTTPError as exc:
        raise _map_error(exc, target) from None
    finally:
        response.close()


def read_body(response: httpx.Response, max_bytes: int, deadline: float) -> bytes:
    """A streamed response's body, decoded in bounded steps with the cap counted on decoded
    bytes (a compression bomb stops at the cap), within the deadline."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(max_bytes)
    layers = check_encodings(response.headers.get("content-encoding", ""))
    chunks: list[bytes] = []
    # The raw bytes are decoded here, in bounded steps, so the cap counts decoded bytes
    # while decoding: a compression bomb stops at the cap, not after inflating.
    try:
        for chunk in decode_stream(response.iter_raw(), layers, max_bytes):
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise FetchTimeout(
                    "the server sent the page too slowly (overall time limit reached)"
                )
    except BodyTooLarge:
        raise _too_large(max_bytes) from None
    return b"".join(chunks)


def _too_large(max_bytes: int) -> FetchTooLarge:
    if max_bytes >= 1_048_576:
        limit = f"{max_bytes / 1_048_576:.3g} MB"
    elif max_bytes >= 1024:
        limit = f"{max_bytes / 1024:.3g} kB"
    else:
        limit = f"{max_bytes} bytes"
    return FetchTooLarge(f"the page is larger than the {limit} limit; not fetched")


def _map_error(exc: httpx.HTTPError, target: ResolvedTarget) -> FetchError:
    where = target.host_header
    if isinstance(exc, httpx.ConnectTimeout):
        return FetchTimeout(f"could not connect to {where} in time")
    if isinstance(exc, httpx.TimeoutException):
        return FetchTimeout(f"{where} stopped answering (timed out)")
    if isinstance(exc, httpx.ConnectError):
        detail = _detail(exc)
        if "ssl" in detail.lower() or "certificate" in detail.lower():
            return FetchNetworkError(f"secure connection to {where} failed ({detail})")
        return FetchNetworkError(f"could not connect to {where} ({detail})")
    if isinstance(exc, httpx.RemoteProtocolError) and "location header" in str(exc):
        return FetchNetworkError(f"{where} redirected to a malformed address; not followed")
    if isinstance(exc, httpx.DecodingError):
        return FetchNetworkError(f"{where} sent a body that could not be decoded")
    return FetchNetworkError(f"the connection to {where} failed ({_detail(exc)})")


def _detail(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return _short(text, 120)
