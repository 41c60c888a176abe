"""Text helpers shared by the chat renderers: truncation, word-boundary splitting and packing.

Every helper takes an optional `measure`: the length a raw text will have once rendered
(escaped). Splitting and truncating work on the raw text, so an escape sequence or entity
is never cut in half, while the limit applies to the rendered length.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

ELLIPSIS = "…"

Measure = Callable[[str], int]
Escape = Callable[[str], str]

_MASS_MENTION = re.compile(r"@(everyone|here|channel)\b", re.IGNORECASE)
_SPACE_RUN = re.compile(r"\s+")
# A bare web address as Slack and Discord would turn it into a link, less trailing
# punctuation. A backtick ends it, so the inline code span around it never closes early.
_BARE_URL = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>`]*[^\s<>`.,;:!?'\")\]|]")


def split_urls(text: str) -> list[tuple[str, bool]]:
    """The text in pieces, in order, each flagged True when it is a bare web address.

    Renderers wrap those pieces in inline code: chat clients link-ify bare URLs, and a link
    inside a quoted article sentence would point wherever the article's author chose.
    """
    pieces: list[tuple[str, bool]] = []
    cursor = 0
    for match in _BARE_URL.finditer(text):
        if match.start() > cursor:
            pieces.append((text[cursor : match.start()], False))
        pieces.append((match.group(0), True))
        cursor = match.end()
    if cursor < len(text):
        pieces.append((text[cursor:], False))
    return pieces


def one_line(text: str) -> str:
    """The text with every run of whitespace (newlines included) collapsed to one space."""
    return _SPACE_RUN.sub(" ", text).strip()


def defuse_mass_mentions(text: str) -> str:
    """Insert a zero-width space after "@" in @everyone, @here and @channel so none pings."""
    return _MASS_MENTION.sub("@\u200b\\1", text)


def _longest_prefix(text: str, limit: int, fits: Callable[[str], bool]) -> int:
    """The largest k with `fits(text[:k])`, assuming fits(text[:0]) holds and k is monotone."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(text[:middle]):
            low = middle
        else:
            high = middle - 1
    return low


def truncate(text: str, limit: int, measure: Measure = len) -> str:
    """The text if it measures at most `limit`, else its longest prefix that fits with "…"."""
    if measure(text) <= limit:
        return text
    if limit < len(ELLIPSIS):
        return ""
    size = _longest_prefix(text, limit, lambda p: measure(p.rstrip() + ELLIPSIS) <= limit)
    return text[:size].rstrip() + ELLIPSIS


def _break_at(text: str, size: int) -> int:
    """Where to cut `text` so the first part has at most `size` characters: last space if any."""
    for index in range(min(size, len(text) - 1), 0, -1):
        if text[index].isspace():
            return index
    return size


def split_text(text: str, limit: int, measure: Measure = len) -> list[str]:
    """Cut `text` into non-empty chunks, each measuring at most `limit`, on word boundaries.

    A word longer than the limit is cut where it has to be. Whitespace at the cuts is
    dropped; an empty or blank text gives an empty list.
    """
    if limit < 1:
        raise ValueError(f"limit must be positive, got {limit}")
    chunks: list[str] = []
    rest = text.strip()
    while rest:
        if measure(rest) <= limit:
            chunks.append(rest)
            break
        size = max(1, _longest_prefix(rest, limit, lambda p: measure(p) <= limit))
        cut = _break_at(rest, size)
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return chunks


def pack(pieces: Iterable[str], limit: int, separator: str = "\n") -> list[str]:
    """Join consecutive pieces with `separator` into as few texts of at most `limit` as fit.

    Empty pieces are skipped; a piece longer than the limit is a programming error.
    """
    packed: list[str] = []
    current = ""
    for piece in pieces:
        if not piece:
            continue
        if len(piece) > limit:
            raise ValueError(f"piece of {len(piece)} characters exceeds limit {limit}")
        if current and len(current) + len(separator) + len(piece) <= limit:
            current += separator + piece
        else:
            if current:
                packed.append(current)
            current = piece
    if current:
        packed.append(current)
    return packed


def line_pieces(
    text: str, limit: int, escape: Escape, prefix: str = "", markers: Sequence[str] = ()
) -> list[str]:
    """Render one line as `prefix + escape(text) + " " + markers`, in pieces of at most `limit`.

    `prefix` (a bullet) and `markers` (citation marks such as "[1]") are generated markup
    and are not escaped; the prefix goes on the first piece and the markers, joined, at the
    end of the last. Markers too long to share a piece become pieces of their own.
    """

    def measure(raw: str) -> int:
        return len(escape(raw))

    suffix = " " + "".join(markers) if markers else ""
    tail: list[str] = []
    if len(prefix) + len(suffix) > limit // 2:
        tail = pack(markers, limit, separator="")
        suffix = ""
    body = [escape(part) for part in split_text(text, limit - len(prefix) - len(suffix), measure)]
    if body:
        body[0] = prefix + body[0]
        body[-1] += suffix
    elif suffix:
        body = [prefix + suffix.strip()]
    return body + tail


def _percent(char: str) -> str:
    return "".join(f"%{byte:02X}" for byte in char.encode())


def safe_url(url: str | None, unsafe: str, max_length: int = 1000) -> str | None:
    """An http(s) URL with whitespace and the `unsafe` characters percent-encoded, or None.

    None when there is no URL, it is not http(s), or it is longer than `max_length`.
    """
    if not url:
        return None
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        return None
    encoded = "".join(_percent(char) if char.isspace() or char in unsafe else char for char in url)
    return encoded if len(encoded) <= max_length else None
