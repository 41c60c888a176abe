"""`natosg ingest URL`: a page and an RSS feed from a real local server, and a refused URL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.cli_helpers import Cli

PAGE = b"""<html lang="en"><head><title>Allies weigh the succession</title>
<meta property="og:site_name" content="Sample Gazette">
<meta property="article:published_time" content="2024-04-03T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Allies weigh the succession</h1>
<p>Slovakia refused to endorse Mark Rutte's bid for NATO secretary general on Wednesday,
officials in Bratislava said, while other allies urged a quick decision.</p>
<p>Diplomats expect the question to be settled before the summit in Washington in July.</p>
</article><footer>Copyright 2024 Sample Gazette</footer>
<script>alert("not text")</script></body></html>"""


def _feed(base: str) -> bytes:
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Sample feed</title>
<item><title>Allies weigh the succession</title><link>{base}/page</link>
<pubDate>Wed, 03 Apr 2024 09:00:00 GMT</pubDate></item>
<item><title>Metadata trick</title><link>http://169.254.169.254/latest/meta-data/</link></item>
</channel></rss>""".encode()


@pytest.fixture
def server() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/page":
                body, kind = PAGE, "text/html; charset=utf-8"
            elif self.path == "/feed.xml":
                body, kind = _feed(base), "application/rss+xml"
            else:
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_local_addresses_are_refused_by_default(cli: Cli, server: str) -> None:
    result = cli.json("ingest", f"{server}/page")
    assert result["failed"] == 1 and result["added"] == 0
    assert "not a public address" in result["results"][0]["reason"]


def test_page_and_feed_ingest_when_loopback_is_allowed(
    cli: Cli, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NATOSG_FETCH_ALLOW", "127.0.0.1/32")
    page = cli.json("ingest", f"{server}/page")
    assert page["added"] == 1, page
    article = cli.json("sources")["articles"][0]
    assert (article["outlet"], article["published"]) == ("Sample Gazette", "2024-04-03")
    feed = cli.json("ingest", f"{server}/feed.xml")
    statuses = sorted(r["status"] for r in feed["results"])
    assert statuses == ["exists", "failed"], feed
    assert any("169.254.169.254" in (r["source"] or "") for r in feed["results"])
    opponents = {e["holder"] for e in cli.json("who-opposes", "Rutte")["entries"]}
    assert "Slovakia" in opponents
