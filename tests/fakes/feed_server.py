"""A small web server on 127.0.0.1 whose feeds and pages a test changes between polls.

Each route has a status, a body, headers and an ETag; a request carrying the route's ETag in
`If-None-Match` gets 304. Every request is recorded (path and headers)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Route:
    """What one path answers."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml"
    etag: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


class FeedServer:
    """Routes by path, the requests seen, and the server's base URL."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        self.base = ""

    def set(self, path: str, route: Route) -> None:
        """Serve `route` at `path` from now on."""
        with self.lock:
            self.routes[path] = route

    def hits(self, path: str) -> list[dict[str, str]]:
        """The headers of every request for `path` so far."""
        with self.lock:
            return [headers for seen, headers in self.requests if seen == path]

    def url(self, path: str) -> str:
        """The absolute URL of `path`."""
        return self.base + path


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with server.lock:
                server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = server.routes.get(self.path, Route(b"not here", 404, "text/plain"))
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.end_headers()
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            if route.etag:
                self.send_header("ETag", route.etag)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


@contextmanager
def feed_server() -> Iterator[FeedServer]:
    """A running FeedServer on a free port of 127.0.0.1."""
    state = FeedServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def rss(*items: tuple[str, str, str, str]) -> bytes:
    """An RSS 2.0 feed of (title, link, date, html content) items."""
    body = "".join(
        f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>"
        f"<content:encoded><![CDATA[{content}]]></content:encoded></item>"
        for title, link, date, content in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Test feed</title>{body}</channel></rss>"
    ).encode()
