"""fetch() against real HTTP(S) servers on 127.0.0.1: guard, pinning, redirects, caps."""

from __future__ import annotations

import gzip
import shutil
import socket
import ssl
import subprocess
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.ingest.fetch import (
    USER_AGENT,
    FetchError,
    FetchHTTPError,
    FetchNetworkError,
    FetchRefused,
    FetchTimeout,
    FetchTooLarge,
    fetch,
)
from bot.ingest.netguard import AddressPolicy
from bot.ingest.pipeline import Ingestor
from storage.db import Database

LOCAL = AddressPolicy.from_env("127.0.0.1/32")
LONG_ARTICLE = (
    "<html><head><title>Race</title></head><body><article>"
    + "<p>Mark Rutte is backed by Germany for the post of NATO Secretary General.</p>" * 12
    + "</article></body></html>"
).encode()
ARTICLE = b"<html><body><article><p>Rutte is backed by Germany.</p></article></body></html>"
SMALL_CAP = 1024


@dataclass
class Seen:
    """What the server saw: one (path, headers) per request, and TLS server names."""

    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    sni: list[str | None] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)


def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes = b"", **headers: str) -> None:
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _redirect(location: str) -> Callable[[BaseHTTPRequestHandler], None]:
    return lambda handler: _send(handler, 302, Location=location)


def _trickle(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.send_header("Content-Length", "40")
    handler.end_headers()
    seen: Seen = handler.server.seen  # type: ignore[attr-defined]
    for _ in range(40):
        if seen.stop.wait(0.5):
            return
        try:
            handler.wfile.write(b"x")
            handler.wfile.flush()
        except OSError:
            return  # the client hung up, as it should


def _trickle_headers(handler: BaseHTTPRequestHandler) -> None:
    # One header byte every 0.5 s for 6 s, then a complete answer: each read succeeds well
    # inside the read timeout, so only an overall deadline can cut it.
    seen: Seen = handler.server.seen  # type: ignore[attr-defined]
    handler.close_connection = True
    try:
        handler.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        handler.wfile.flush()
        for _ in range(12):
            if seen.stop.wait(0.5):
                return
            handler.wfile.write(b"a")
            handler.wfile.flush()
        handler.wfile.write(b"\r\nContent-Length: 4\r\nConnection: close\r\n\r\nlate")
        handler.wfile.flush()
    except OSError:
        return  # the client hung up, as it should


def _stall(handler: BaseHTTPRequestHandler) -> None:
    seen: Seen = handler.server.seen  # type: ignore[attr-defined]
    if not seen.stop.wait(4):
        with suppress(OSError):
            _send(handler, 200, b"late")


def _unsized(handler: BaseHTTPRequestHandler) -> None:
    # No Content-Length: the body ends when the connection closes, so only counting stops it.
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.send_header("Connection", "close")
    handler.end_headers()
    handler.close_connection = True
    try:
        for _ in range(8):
            handler.wfile.write(b"y" * 512)
    except OSError:
        return


def _gzip_bomb(handler: BaseHTTPRequestHandler) -> None:
    _send(handler, 200, gzip.compress(b"\0" * (SMALL_CAP * 64)), Content_Encoding="gzip")


def _raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


def _zeros_gzip(size: int) -> bytes:
    """gzip of `size` zero bytes, built in pieces so the test never holds `size` bytes."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    piece = b"\0" * (1 << 20)
    parts = [packer.compress(piece) for _ in range(size >> 20)]
    return b"".join([*parts, packer.flush()])


# 64 MB of zeros behind two gzip layers: a few hundred bytes on the wire.
STACKED_BOMB = gzip.compress(_zeros_gzip(64 << 20))
TRIPLE = gzip.compress(gzip.compress(gzip.compress(ARTICLE)))
DOUBLE = gzip.compress(zlib.compress(ARTICLE))


ROUTES: dict[str, Callable[[BaseHTTPRequestHandler], None]] = {
    "/long-article": lambda h: _send(h, 200, LONG_ARTICLE, Content_Type="text/html"),
    "/article": lambda h: _send(h, 200, ARTICLE, Content_Type="text/html; charset=utf-8"),
    "/echo": lambda h: _send(h, 200, "\n".join(f"{k}: {v}" for k, v in h.headers.items()).encode()),
    "/to-article": _redirect("/article"),
    "/to-metadata": _redirect("http://169.254.169.254/latest/meta-data/"),
    "/to-private": _redirect("http://10.0.0.1/"),
    "/to-file": _redirect("file:///etc/passwd"),
    "/to-userinfo": _redirect("http://user:pass@127.0.0.1/"),
    "/no-location": lambda h: _send(h, 302),
    "/bad-location": _redirect("http://[::1"),
    "/idna-location": _redirect("http://xn--/"),
    "/hyphen-location": _redirect("http://xn--zz-/"),
    "/missing": lambda h: _send(h, 404, b"gone"),
    "/broken": lambda h: _send(h, 500, b"oops"),
    "/big": lambda h: _send(h, 200, b"z" * (SMALL_CAP + 1)),
    "/unsized": _unsized,
    "/bomb": _gzip_bomb,
    "/stacked-bomb": lambda h: _send(h, 200, STACKED_BOMB, Content_Encoding="gzip, gzip"),
    "/triple": lambda h: _send(h, 200, TRIPLE, Content_Encoding="gzip, gzip, gzip"),
    "/double": lambda h: _send(h, 200, DOUBLE, Content_Encoding="deflate, gzip"),
    "/raw-deflate": lambda h: _send(h, 200, _raw_deflate(ARTICLE), Content_Encoding="deflate"),
    "/brotli": lambda h: _send(h, 200, b"xx", Content_Encoding="br"),
    "/trickle": _trickle,
    "/stall": _stall,
    "/trickle-headers": _trickle_headers,
}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        seen: Seen = self.server.seen  # type: ignore[attr-defined]
        seen.requests.append((self.path, dict(self.headers.items())))
        path = self.path.split("?", 1)[0]
        if path.startswith("/loop/"):
            number = int(path.rsplit("/", 1)[1])
            _send(self, 302, Location=f"/loop/{number + 1}")
            return
        route = ROUTES.get(path)
        if route is None:
            _send(self, 404)
        else:
            route(self)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""


@dataclass
class Server:
    """A running local server: its port and what it saw."""

    port: int
    seen: Seen

    def url(self, path: str, host: str = "127.0.0.1", scheme: str = "http") -> str:
        return f"{scheme}://{host}:{self.port}{path}"


@contextmanager
def _serve(wrap: Callable[[socket.socket], socket.socket] | None = None) -> Iterator[Server]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    seen = Seen()
    httpd.seen = seen  # type: ignore[attr-defined]
    if wrap is not None:
        httpd.socket = wrap(httpd.socket)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield Server(port=httpd.server_address[1], seen=seen)
    finally:
        seen.stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def server() -> Iterator[Server]:
    """A plain HTTP server on 127.0.0.1 with the routes above."""
    with _serve() as running:
        yield running


@dataclass
class FakeDNS:
    """Names under `.example` resolve from `table`; every lookup of one is recorded."""

    table: dict[str, list[str]] = field(default_factory=dict)
    lookups: list[str] = field(default_factory=list)


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> FakeDNS:
    """A resolver for `.example` names, installed as socket.getaddrinfo.

    IP literals still go to the real getaddrinfo (which answers them without any query);
    no test here looks up another name, so no DNS query leaves the machine.
    """
    dns = FakeDNS()
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if not name.endswith(".example"):
            return real(host, port, *args, **kwargs)
        dns.lookups.append(name)
        if name not in dns.table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, int(port or 0)))
            for address in dns.table[name]
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return dns


# --- the guard in front of the fetcher -------------------------------------------------------


def test_loopback_is_refused_by_default_and_nothing_is_sent(server: Server) -> None:
    with pytest.raises(FetchRefused, match="loopback"):
        fetch(server.url("/article"), policy=AddressPolicy())
    assert server.seen.requests == []


def test_loopback_is_fetched_when_allowed(server: Server) -> None:
    fetched = fetch(server.url("/article"), policy=LOCAL)
    assert fetched.status == 200
    assert fetched.body == ARTICLE
    assert fetched.content_type == "text/html"
    assert fetched.charset == "utf-8"
    assert fetched.final_url == fetched.url == server.url("/article")
    headers = server.seen.requests[0][1]
    assert headers["User-Agent"] == USER_AGENT


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/to-metadata", "169.254.169.254 is not a public address (link-local)"),
        ("/to-private", "10.0.0.1 is not a public address (private)"),
        ("/to-file", "only http and https"),
        ("/to-userinfo", "user name or password"),
    ],
)
def test_redirects_to_forbidden_targets_are_refused_even_with_loopback_allowed(
    server: Server, path: str, words: str
) -> None:
    with pytest.raises(FetchRefused) as caught:
        fetch(server.url(path), policy=LOCAL)
    assert words in caught.value.reason
    assert caught.value.reason.startswith("the page redirects to ")
    assert "\n" not in caught.value.reason
    assert [seen_path for seen_path, _ in server.seen.requests] == [path]


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://127.0.0.1/", "gopher://127.0.0.1:70/", "http://u:p@127.0.0.1/"],
)
def test_other_schemes_and_credentials_are_refused(url: str) -> None:
    with pytest.raises(FetchRefused):
        fetch(url, policy=LOCAL)


# --- pinning: the connection goes to the address that was checked ----------------------------


def test_named_host_is_looked_up_once_and_keeps_its_host_header(
    server: Server, fake_dns: FakeDNS
) -> None:
    fake_dns.table["news.example"] = ["127.0.0.1"]
    fetched = fetch(server.url("/echo", host="news.example"), policy=LOCAL)
    assert f"Host: news.example:{server.port}" in fetched.body.decode()
    assert fetched.final_url == server.url("/echo", host="news.example")
    # One lookup by the guard; httpx connected to the IP literal and did not ask again.
    assert fake_dns.lookups == ["news.example"]


def test_a_name_with_any_non_public_address_is_refused(server: Server, fake_dns: FakeDNS) -> None:
    fake_dns.table["rebind.example"] = ["127.0.0.1", "10.0.0.1"]
    with pytest.raises(FetchRefused, match=r"rebind\.example \(10\.0\.0\.1\)"):
        fetch(server.url("/article", host="rebind.example"), policy=LOCAL)
    assert server.seen.requests == []


def test_unknown_name_is_a_network_error(fake_dns: FakeDNS) -> None:
    with pytest.raises(FetchNetworkError, match="DNS lookup failed"):
        fetch("http://nowhere.example/", policy=LOCAL)


def test_relative_redirect_is_followed_and_rechecked(server: Server, fake_dns: FakeDNS) -> None:
    fake_dns.table["news.example"] = ["127.0.0.1"]
    fetched = fetch(server.url("/to-article", host="news.example"), policy=LOCAL)
    assert fetched.body == ARTICLE
    assert fetched.final_url == server.url("/article", host="news.example")
    assert fake_dns.lookups == ["news.example", "news.example"]  # once per hop


def _make_certificate(folder: Path, name: str) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-keyout", str(key), "-out", str(cert), "-subj", f"/CN={name}"),
            *("-addext", f"subjectAltName=DNS:{name}"),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    """An HTTPS server for `secure.example` (self-signed) that records the SNI it receives."""
    cert, key = _make_certificate(tmp_path, "secure.example")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    names: list[str | None] = []
    context.sni_callback = lambda _sock, name, _ctx: names.append(name)
    with _serve(lambda sock: context.wrap_socket(sock, server_side=True)) as running:
        running.seen.sni = names
        yield running, cert


def test_https_is_pinned_to_the_ip_but_verified_and_sni_named_for_the_host(
    tls_server: tuple[Server, Path], fake_dns: FakeDNS
) -> None:
    server, cert = tls_server
    fake_dns.table["secure.example"] = ["127.0.0.1"]
    trusting = ssl.create_default_context(cafile=str(cert))
    with httpx.Client(verify=trusting, trust_env=False) as client:
        fetched = fetch(
            server.url("/echo", host="secure.example", scheme="https"), policy=LOCAL, client=client
        )
        assert f"Host: secure.example:{server.port}" in fetched.body.decode()
        assert server.seen.sni == ["secure.example"]
        assert fake_dns.lookups == ["secure.example"]
        # The certificate names secure.example, not 127.0.0.1: asking by IP must fail, which
        # shows the check above really verified the name.
        with pytest.raises(FetchNetworkError, match="secure connection"):
            fetch(server.url("/echo", scheme="https"), policy=LOCAL, client=client)


# --- status, size and time -------------------------------------------------------------------


@pytest.mark.parametrize(("path", "status"), [("/missing", 404), ("/broken", 500)])
def test_error_statuses_raise_a_clear_http_error(server: Server, path: str, status: int) -> None:
    with pytest.raises(FetchHTTPError) as caught:
        fetch(server.url(path), policy=LOCAL)
    assert caught.value.status == status
    phrase = "Not Found" if status == 404 else "Internal Server Error"
    assert caught.value.reason == f"the server answered HTTP {status} {phrase}"


def test_redirect_loops_stop_after_five_hops(server: Server) -> None:
    with pytest.raises(FetchHTTPError, match="too many redirects"):
        fetch(server.url("/loop/0"), policy=LOCAL)
    assert len(server.seen.requests) == 6  # the first request and five redirects


def test_redirect_without_location_is_an_http_error(server: Server) -> None:
    with pytest.raises(FetchHTTPError, match="without a Location"):
        fetch(server.url("/no-location"), policy=LOCAL)


@pytest.mark.parametrize("path", ["/big", "/unsized", "/bomb"])
def test_bodies_over_the_cap_are_refused_not_truncated(server: Server, path: str) -> None:
    with pytest.raises(FetchTooLarge, match="larger than"):
        fetch(server.url(path), policy=LOCAL, max_bytes=SMALL_CAP)


def test_body_at_the_cap_is_accepted(server: Server) -> None:
    fetched = fetch(server.url("/big"), policy=LOCAL, max_bytes=SMALL_CAP + 1)
    assert len(fetched.body) == SMALL_CAP + 1


def test_trickling_server_is_cut_at_the_deadline(server: Server) -> None:
    started = time.monotonic()
    with pytest.raises(FetchTimeout) as caught:
        fetch(server.url("/trickle"), policy=LOCAL, deadline_s=1.5)
    elapsed = time.monotonic() - started
    assert 1.4 <= elapsed < 3.0
    assert "too slowly" in caught.value.reason


def test_silent_server_is_cut_by_the_deadline_not_the_read_timeout(server: Server) -> None:
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        fetch(server.url("/stall"), policy=LOCAL, deadline_s=1.0)
    assert time.monotonic() - started < 2.5


def test_refused_connection_is_a_network_error() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchNetworkError, match="could not connect") as caught:
        fetch(f"http://127.0.0.1:{port}/", policy=LOCAL)
    assert isinstance(caught.value, FetchError)
    assert "Traceback" not in caught.value.reason


def test_stacked_gzip_bomb_is_stopped_while_decoding_not_after(server: Server) -> None:
    # Attack: ~300 bytes that inflate to 64 MB through two gzip layers. Decoding whole
    # chunks first (httpx's own decoders) holds all 64 MB before the cap is looked at.
    assert len(STACKED_BOMB) < 1024
    tracemalloc.start()
    try:
        with pytest.raises(FetchTooLarge, match="larger than"):
            fetch(server.url("/stacked-bomb"), policy=LOCAL, max_bytes=SMALL_CAP * 64)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20  # never near the 64 MB the body inflates to


def test_more_than_two_stacked_encodings_are_refused(server: Server) -> None:
    with pytest.raises(FetchNetworkError, match="compressed 3 times over"):
        fetch(server.url("/triple"), policy=LOCAL)


@pytest.mark.parametrize("path", ["/double", "/raw-deflate"])
def test_fair_compressed_pages_are_decoded(server: Server, path: str) -> None:
    assert fetch(server.url(path), policy=LOCAL).body == ARTICLE
    assert server.seen.requests[-1][1]["Accept-Encoding"] == "gzip, deflate"


def test_unknown_encoding_is_a_clear_error(server: Server) -> None:
    with pytest.raises(FetchNetworkError, match="unsupported compression `br`"):
        fetch(server.url("/brotli"), policy=LOCAL)


def test_trickled_headers_are_cut_at_the_overall_deadline(server: Server) -> None:
    # Attack: a header byte every 0.5 s; per-read timeouts restart on every byte.
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match="too slowly"):
        fetch(server.url("/trickle-headers"), policy=LOCAL, deadline_s=1.5)
    assert time.monotonic() - started < 3.0


def test_trickled_headers_over_tls_are_cut_at_the_overall_deadline(
    tls_server: tuple[Server, Path], fake_dns: FakeDNS
) -> None:
    server, cert = tls_server
    fake_dns.table["secure.example"] = ["127.0.0.1"]
    trusting = ssl.create_default_context(cafile=str(cert))
    url = server.url("/trickle-headers", host="secure.example", scheme="https")
    started = time.monotonic()
    with (
        httpx.Client(verify=trusting, trust_env=False) as client,
        pytest.raises(FetchTimeout, match="too slowly"),
    ):
        fetch(url, policy=LOCAL, client=client, deadline_s=1.5)
    assert time.monotonic() - started < 3.0


def test_a_fetch_inside_the_deadline_is_not_cut_afterwards(server: Server) -> None:
    fetched = fetch(server.url("/unsized"), policy=LOCAL, deadline_s=1.0)
    time.sleep(1.2)  # the watchdog was stopped: nothing fires after the fetch
    assert len(fetched.body) == 8 * 512


@pytest.mark.parametrize("path", ["/bad-location", "/idna-location", "/hyphen-location"])
def test_malformed_location_is_a_clear_fetch_error(server: Server, path: str) -> None:
    with pytest.raises(FetchError, match=r"redirect.* malformed"):
        fetch(server.url(path), policy=LOCAL)


def test_malformed_location_fails_one_input_and_the_ingest_goes_on(
    server: Server, db: Database
) -> None:
    # Attack: one URL whose redirect cannot be parsed, before a good one; it used to end the
    # whole ingest with an uncaught error, skipping the rest and reporting nothing.
    ingestor = Ingestor(db, policy=LOCAL, parallel=False)
    given = [server.url("/idna-location"), server.url("/long-article")]
    results = ingestor.ingest(given)
    assert [result.status for result in results] == ["failed", "added"]
    assert results[0].reason is not None and "malformed address" in results[0].reason


def test_a_watched_source_gets_the_same_guards_as_any_fetch(server: Server) -> None:
    # Polling a watched source goes through its own conditional request, which must not be
    # a way round the decoded-size cap or the one overall deadline.
    from bot.watch.conditional import Validators, conditional_fetch

    tracemalloc.start()
    try:
        with pytest.raises(FetchTooLarge):
            conditional_fetch(
                server.url("/stacked-bomb"), Validators(), policy=LOCAL, max_bytes=SMALL_CAP * 64
            )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        conditional_fetch(
            server.url("/trickle-headers"),
            Validators(),
            policy=LOCAL,
            max_bytes=SMALL_CAP,
            deadline_s=1.5,
        )
    assert time.monotonic() - started < 4.0
