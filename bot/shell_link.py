"""A command typed at the shell, answered by the bot that serves the same database.

`natosg run` listens on a Unix socket beside the database (`<database>.sock`, readable and
writable by its owner only). A command that only reads (`SERVED`) typed at the shell is sent
there and answered from the running bot's memory, with its settings: a new process then
imports almost nothing and reads nothing (tens of milliseconds instead of hundreds). When no
bot listens, or it cannot answer, the command runs in its own process as before.

This module is the client's half and the protocol; it imports only the standard library, so
that asking costs nothing when no bot runs. The server's half is `bot/shell_server.py`.

One request per connection: a line of JSON `{"words": [...]}`; one answer: a line of JSON
`{"status": 0 or 1, "output": "..."}` (what the command would have printed, and its exit
status).
"""

from __future__ import annotations

import json
import socket
from collections.abc import Sequence
from pathlib import Path

# The commands a running bot answers for the shell: they read, and their answer does not
# depend on the shell's working directory.
SERVED = frozenset({"who-backs", "who-opposes", "candidates", "timeline", "ask", "digest"})
CONNECT_TIMEOUT_S = 1.0
ANSWER_TIMEOUT_S = 300.0  # a digest written by a model can take minutes
MAX_REQUEST_BYTES = 64 * 1024
MAX_ANSWER_BYTES = 64 * 1024 * 1024


def socket_path(db_path: Path) -> Path:
    """Where the bot serving `db_path` listens."""
    return db_path.with_name(db_path.name + ".sock")


def served(words: Sequence[str]) -> bool:
    """Whether a running bot would answer this command line."""
    return bool(words) and words[0] in SERVED and not {"-h", "--help"} & set(words)


def encode_request(words: Sequence[str]) -> bytes:
    """One request line."""
    return json.dumps({"words": list(words)}).encode() + b"\n"


def decode_request(line: bytes) -> list[str] | None:
    """The words of a request line; None when it is not one."""
    try:
        words = json.loads(line)["words"]
    except (ValueError, TypeError, KeyError):
        return None
    if not isinstance(words, list) or not all(isinstance(word, str) for word in words):
        return None
    return words


def encode_answer(status: int, output: str) -> bytes:
    """One answer line."""
    return json.dumps({"status": status, "output": output}).encode() + b"\n"


def answer_from_running_bot(words: Sequence[str], db_path: Path) -> tuple[int, str] | None:
    """The exit status and output of `words`, answered by the bot serving `db_path`; None
    when the command is not one it serves, no bot listens, or its answer cannot be read
    (then the caller answers in its own process)."""
    if not served(words):
        return None
    path = socket_path(db_path)
    if not path.exists():
        return None
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as link:
            link.settimeout(CONNECT_TIMEOUT_S)
            link.connect(str(path))
            link.settimeout(ANSWER_TIMEOUT_S)
            link.sendall(encode_request(words))
            received = bytearray()
            while not received.endswith(b"\n") and len(received) <= MAX_ANSWER_BYTES:
                chunk = link.recv(1 << 16)
                if not chunk:
                    break
                received += chunk
    except OSError:  # nobody listens (a bot that stopped left the file), or it went away
        return None
    try:
        answer = json.loads(received)
        status, output = int(answer["status"]), answer["output"]
    except (ValueError, TypeError, KeyError):
        return None
    return (status, output) if isinstance(output, str) else None
