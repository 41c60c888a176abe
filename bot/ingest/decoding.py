"""Decoding a response body's Content-Encoding with the size cap applied while decoding.

httpx inflates each received chunk in one call, so 300 compressed bytes (or a few stacked
`gzip` layers) can become gigabytes before anyone counts them. Here every layer inflates at
most CHUNK_BYTES per call, and decoding stops the moment the output passes the cap. At most
MAX_ENCODINGS layers are accepted; only gzip and deflate are asked for and understood.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

from bot.ingest.netguard import FetchNetworkError

ACCEPT_ENCODING = "gzip, deflate"
MAX_ENCODINGS = 2
CHUNK_BYTES = 64 * 1024
_IDENTITY = frozenset({"", "identity"})
_GZIP = frozenset({"gzip", "x-gzip"})


class BodyTooLarge(Exception):
    """The decoded body passed the cap (raised while decoding, before it is held)."""


class _Inflater:
    """One compression layer, inflated in bounded steps; data after its end is ignored."""

    def __init__(self, encoding: str, limit: int) -> None:
        self._encoding = encoding
        # gzip: the gzip header; deflate: zlib-wrapped, or raw as some servers send it.
        self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS if encoding in _GZIP else 0)
        self._sniffed = encoding in _GZIP
        self._limit = limit
        self._produced = 0

    def _sniff(self, data: bytes) -> None:
        if not self._sniffed and data:
            self._sniffed = True
            # A zlib stream starts with a header whose 16-bit value is a multiple of 31.
            header = int.from_bytes(data[:2], "big")
            wrapped = len(data) >= 2 and (data[0] & 0x0F) == 8 and header % 31 == 0
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)

    def feed(self, data: bytes) -> Iterator[bytes]:
        """The inflated output of `data`, in pieces of at most CHUNK_BYTES."""
        self._sniff(data)
        pending = data
        while not self._zlib.eof:
            try:
                out = self._zlib.decompress(pending, CHUNK_BYTES)
            except zlib.error:
                raise FetchNetworkError(
                    f"the page's {self._encoding} compression is corrupt"
                ) from None
            pending = self._zlib.unconsumed_tail
            if out:
                self._produced += len(out)
                if self._produced > self._limit:
                    raise BodyTooLarge
                yield out
            if not pending and len(out) < CHUNK_BYTES:
                return  # all input used and nothing left buffered


def _layers(header: str) -> list[str]:
    names = [part.strip().lower() for part in header.split(",")]
    return [name for name in names if name not in _IDENTITY]


def check_encodings(header: str) -> list[str]:
    """The content codings of a Content-Encoding value, in the order they were applied.

    Raises FetchNetworkError for more than MAX_ENCODINGS layers or an unknown coding.
    """
    layers = _layers(header)
    if len(layers) > MAX_ENCODINGS:
        raise FetchNetworkError(
            f"the page is compressed {len(layers)} times over (at most {MAX_ENCODINGS} "
            "layers are read); not fetched"
        )
    for name in layers:
        if name not in _GZIP and name != "deflate":
            raise FetchNetworkError(f"the page uses the unsupported compression `{name[:40]}`")
    return layers


def decode_stream(raw: Iterable[bytes], layers: list[str], max_bytes: int) -> Iterator[bytes]:
    """Undo `layers` over the raw body chunks, never producing more than `max_bytes` in all.

    Every layer, inner ones included, is capped (an inner layer's output is the compressed
    form of the next, so a fair one is never much larger than the page), and so are the
    raw bytes received. Raises BodyTooLarge
    once past the cap; nothing beyond it is ever held in memory.
    """
    # Decoding runs in the reverse order of encoding: the last applied comes off first.
    stages = [_Inflater(name, 2 * max_bytes + CHUNK_BYTES) for name in reversed(layers)]
    produced = received = 0
    for chunk in raw:
        received += len(chunk)  # the bytes on the wire are capped too (junk after an end)
        if received > max_bytes:
            raise BodyTooLarge
        for piece in _through(chunk, stages):
            produced += len(piece)
            if produced > max_bytes:
                raise BodyTooLarge
            yield piece


def _through(chunk: bytes, stages: list[_Inflater]) -> Iterator[bytes]:
    if not stages:
        if chunk:
            yield chunk
        return
    for piece in stages[0].feed(chunk):
        yield from _through(piece, stages[1:])
