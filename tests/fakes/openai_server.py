"""A fake OpenAI-compatible chat server on 127.0.0.1 for tests: scripted replies, recorded requests.

    with FakeOpenAI() as llm:
        llm.reply("Germany backs Rutte [1].", usage=(120, 9))
        llm.error(429, headers={"Retry-After": "2"})
        config = LLMConfig(base_url=llm.base_url, model="test-model")
        ...
        assert llm.requests[0].json["model"] == "test-model"

Scripted responses are used in order, one per request. When the script is empty, ``default``
(``request_json -> reply text``) answers if given, else the server answers 500.

By default each connection carries one request (HTTP/1.0). ``FakeOpenAI(keep_alive=True)``
speaks HTTP/1.1 and keeps connections open, so ``connections`` shows whether a client reused
its pool and ``open_connections`` whether it closed it.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

JSONObject = dict[str, Any]
DefaultReply = Callable[[JSONObject], str]
CHAT_PATH = "/v1/chat/completions"


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server saw it; header names are lower-cased."""

    method: str
    path: str
    headers: dict[str, str]
    json: Any
    body: bytes = field(repr=False)


@dataclass(frozen=True)
class _Answer:
    status: int
    body: bytes
    headers: Mapping[str, str]


@dataclass(frozen=True)
class _Step:
    """One scripted response: wait ``delay`` seconds, then answer from the request's JSON."""

    answer: Callable[[Any], _Answer]
    delay: float = 0.0


def completion(text: str, *, model: str, usage: tuple[int, int] | None = (10, 5)) -> JSONObject:
    """A chat.completion object as OpenAI returns it (``usage=None`` leaves usage out)."""
    data: JSONObject = {
        "id": f"chatcmpl-fake-{time.monotonic_ns()}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
            }
        ],
    }
    if usage is not None:
        prompt, completion_tokens = usage
        data["usage"] = {
            "prompt_tokens": prompt,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt + completion_tokens,
        }
    return data


def _json_answer(status: int, data: object, headers: Mapping[str, str] | None = None) -> _Answer:
    body = json.dumps(data).encode()
    return _Answer(status, body, {"Content-Type": "application/json", **(headers or {})})


def _error_json(status: int, message: str) -> _Answer:
    kind = "server_error" if status >= 500 else "invalid_request_error"
    return _json_answer(status, {"error": {"message": message, "type": kind, "code": None}})


def _estimate(request_json: dict[str, Any], text: str) -> tuple[int, int]:
    """Token counts as a tokenizer would roughly give them: about four characters a token."""
    messages = request_json.get("messages")
    sent = (
        sum(len(str(m.get("content", ""))) for m in messages if isinstance(m, dict))
        if isinstance(messages, list)
        else 0
    )
    return max(1, sent // 4), max(1, len(text) // 4)


def _model_of(request_json: Any) -> str:
    model = request_json.get("model") if isinstance(request_json, dict) else None
    return model if isinstance(model, str) else "fake-model"


class _Server(ThreadingHTTPServer):
    """A threading server that remembers its handler threads so close() can join them."""

    daemon_threads = True

    def __init__(self, fake: FakeOpenAI, *, keep_alive: bool) -> None:
        super().__init__(("127.0.0.1", 0), _KeepAliveHandler if keep_alive else _Handler)
        self.fake = fake
        self.handler_threads: list[threading.Thread] = []
        self.sockets: list[socket.socket] = []

    def process_request(
        self, request: socket.socket | tuple[bytes, socket.socket], client: Any
    ) -> None:
        """Handle each connection in a daemon thread that ``FakeOpenAI.close`` joins."""
        thread = threading.Thread(
            target=self.process_request_thread, args=(request, client), daemon=True
        )
        self.handler_threads.append(thread)
        if isinstance(request, socket.socket):
            self.sockets.append(request)
        thread.start()

    def hang_up(self) -> None:
        """Shut every connection down, so handlers waiting for a next request end now."""
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    """Records each request and answers with the next scripted step (HTTP/1.0: one per socket)."""

    server: _Server
    timeout = 10.0  # a client that connects and says nothing cannot pin a thread forever

    def do_POST(self) -> None:
        """Answer a POST."""
        self._handle()

    def do_GET(self) -> None:
        """Answer a GET (always 404 unless scripted)."""
        self._handle()

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        try:
            parsed: Any = json.loads(body) if body else None
        except ValueError:
            parsed = None
        request = RecordedRequest(
            method=self.command,
            path=self.path,
            headers={name.lower(): value for name, value in self.headers.items()},
            json=parsed,
            body=body,
        )
        answer = self.server.fake._answer(request)
        if answer is None:  # the server is closing: drop the connection unanswered
            return
        try:
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test): nothing to do


class _KeepAliveHandler(_Handler):
    """HTTP/1.1: the connection stays open for the client's next request."""

    protocol_version = "HTTP/1.1"


class FakeOpenAI:
    """A real OpenAI-compatible HTTP server on 127.0.0.1 (port 0) with a script of responses.

    Use it as a context manager, or call ``start()`` and ``close()``. ``base_url`` is what an
    OpenAI client takes (``http://127.0.0.1:PORT/v1``); ``requests`` lists every request seen.
    """

    def __init__(self, default: DefaultReply | None = None, *, keep_alive: bool = False) -> None:
        self.default = default
        self.keep_alive = keep_alive
        self.requests: list[RecordedRequest] = []
        self._script: deque[_Step] = deque()
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> FakeOpenAI:
        """Bind to a free port on 127.0.0.1 and serve in a daemon thread."""
        if self._server is None:
            self._server = _Server(self, keep_alive=self.keep_alive)
            self._thread = threading.Thread(
                target=self._server.serve_forever,
                kwargs={"poll_interval": 0.05},
                name="FakeOpenAI",
                daemon=True,
            )
            self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving, cut short any hang in progress and join every thread."""
        server, self._server = self._server, None
        if server is None:
            return
        self._closing.set()
        server.shutdown()
        server.server_close()
        server.hang_up()
        for thread in [self._thread, *server.handler_threads]:
            if thread is not None:
                thread.join(timeout=5)

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def port(self) -> int:
        """The port the server listens on."""
        if self._server is None:
            raise RuntimeError("FakeOpenAI is not running")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """The base URL to give an OpenAI-compatible client."""
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def connections(self) -> int:
        """How many connections clients have opened so far."""
        return len(self._server.handler_threads) if self._server else 0

    @property
    def open_connections(self) -> int:
        """How many connections are still being served (kept alive or mid-request)."""
        threads = self._server.handler_threads if self._server else []
        return sum(thread.is_alive() for thread in threads)

    # -- script ------------------------------------------------------------------------------

    def reply(
        self,
        text: str,
        *,
        usage: tuple[int, int] | None = (10, 5),
        model: str | None = None,
    ) -> FakeOpenAI:
        """Queue a 200 chat.completion of ``text`` (model: the request's unless given)."""

        def answer(request_json: Any) -> _Answer:
            chosen = model or _model_of(request_json)
            return _json_answer(200, completion(text, model=chosen, usage=usage))

        self._push(_Step(answer))
        return self

    def error(
        self, status: int, body: str | None = None, headers: Mapping[str, str] | None = None
    ) -> FakeOpenAI:
        """Queue an error status: ``body`` verbatim, or an OpenAI-style error JSON if omitted."""
        payload = body.encode() if body is not None else _error_json(status, "fake error").body
        answer = _Answer(status, payload, {"Content-Type": "application/json", **(headers or {})})
        self._push(_Step(lambda _req: answer))
        return self

    def raw(
        self,
        status: int,
        body_text: str,
        *,
        content_type: str = "application/json",
        headers: Mapping[str, str] | None = None,
    ) -> FakeOpenAI:
        """Queue a response with exactly ``body_text`` (for malformed or unusual answers)."""
        answer = _Answer(
            status, body_text.encode(), {"Content-Type": content_type, **(headers or {})}
        )
        self._push(_Step(lambda _req: answer))
        return self

    def hang(self, seconds: float, text: str = "too late") -> FakeOpenAI:
        """Queue a reply that is sent only after ``seconds`` (cut short when the server closes)."""
        self._push(
            _Step(
                lambda req: _json_answer(200, completion(text, model=_model_of(req))),
                delay=seconds,
            )
        )
        return self

    @property
    def pending(self) -> int:
        """How many scripted responses have not been used yet."""
        with self._lock:
            return len(self._script)

    def _push(self, step: _Step) -> None:
        with self._lock:
            self._script.append(step)

    # -- serving (called from handler threads) -----------------------------------------------

    def _answer(self, request: RecordedRequest) -> _Answer | None:
        """Record ``request`` and produce its answer, or None if the server closed meanwhile."""
        with self._lock:
            self.requests.append(request)
            step = self._script.popleft() if self._script else None
        if step is not None:
            if step.delay > 0 and self._closing.wait(step.delay):
                return None
            return step.answer(request.json)
        if request.method != "POST" or request.path.rstrip("/") != CHAT_PATH:
            return _error_json(404, f"no route for {request.method} {request.path}")
        if not isinstance(request.json, dict):
            return _error_json(400, "request body is not a JSON object")
        if self.default is None:
            return _error_json(500, "FakeOpenAI: the script ran out and no default is set")
        try:
            text = self.default(request.json)
        except Exception as exc:  # a broken test script should fail loudly, not hang the client
            return _error_json(500, f"FakeOpenAI: default raised {type(exc).__name__}: {exc}")
        return _json_answer(
            200,
            completion(text, model=_model_of(request.json), usage=_estimate(request.json, text)),
        )
