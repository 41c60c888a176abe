"""One overall deadline for a fetch: connect, headers and body together.

httpx's timeouts are per operation: a read timeout restarts with every byte, so a server
that sends a header byte every half second is never cut. The watchdog learns each
connection's socket from httpcore's `trace` extension, and when the deadline passes it
shuts the socket down, which wakes any blocked read at once. The fetcher then asks `fired`
and reports a timeout, whatever error (or early end of body) the shutdown produced.
"""

from __future__ import annotations

import socket
import threading
import time
from contextlib import suppress
from typing import Any

_CONNECTED = frozenset({"connection.connect_tcp.complete", "connection.start_tls.complete"})


class Watchdog:
    """Shuts the fetch's connections down at `deadline` (a time.monotonic() value)."""

    def __init__(self, deadline: float) -> None:
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._fired = threading.Event()
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._fire)
        self._timer.daemon = True

    @property
    def fired(self) -> bool:
        """Whether the deadline passed and the connections were cut."""
        return self._fired.is_set()

    def start(self) -> None:
        """Start counting down."""
        self._timer.start()

    def stop(self) -> None:
        """Stop the countdown (the fetch is over); forget the connections."""
        self._timer.cancel()
        with self._lock:
            self._sockets.clear()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's trace hook: remember every socket a request opens."""
        if event not in _CONNECTED:
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if not isinstance(sock, socket.socket):
            return
        with self._lock:
            self._sockets.append(sock)
            late = self._fired.is_set()
        if late:
            _cut(sock)

    def _fire(self) -> None:
        with self._lock:
            self._fired.set()
            sockets = list(self._sockets)
        for sock in sockets:
            _cut(sock)


def _cut(sock: socket.socket) -> None:
    # shutdown, not close: it wakes a recv blocked in another thread; httpx closes later.
    with suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
