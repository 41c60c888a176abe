"""Slack Block Kit messages for a Reply, kept within Slack's block and text limits.

Pure data: no Slack SDK here. Each message is a header, the sections as mrkdwn, a divider,
the numbered sources and the note; a reply too big for one message continues in more
messages whose header reads "<title> (cont.)".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.render.chunks import (
    defuse_mass_mentions,
    line_pieces,
    one_line,
    pack,
    safe_url,
    split_text,
    split_urls,
    truncate,
)
from bot.reply import Citation, Line, Reply, Section

MAX_BLOCKS = 50
SECTION_LIMIT = 3000
HEADER_LIMIT = 150
CONTEXT_ELEMENTS = 10
CONTEXT_TEXT_LIMIT = 3000
FALLBACK_LIMIT = 3000
QUOTE_LIMIT = 500
HEADING_LIMIT = 300
FIELD_LIMIT = 400
CONTINUED = " (cont.)"

Block = dict[str, Any]


@dataclass(frozen=True)
class SlackMessage:
    """One chat.postMessage payload: notification fallback `text` and Block Kit `blocks`."""

    text: str
    blocks: list[Block]


def escape_mrkdwn(text: str) -> str:
    """Text from a reply made inert for Slack: `&`, `<`, `>` as entities, no mass mentions,
    and every bare URL (in a quoted sentence, say) in inline code, where Slack links nothing.

    Inline code rather than a broken scheme (`hxxps://`): the quote stays the exact stored
    sentence, character for character, and still reads (and copies) as written, while
    showing plainly that it is text from the article, not a link the bot vouches for.
    """
    return "".join(
        f"`{_entities(piece)}`" if is_url else _entities(piece)
        for piece, is_url in split_urls(text)
    )


def _entities(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return defuse_mass_mentions(escaped)


def _measure(text: str) -> int:
    return len(escape_mrkdwn(text))


def _fit(text: str, limit: int) -> str:
    """Escaped text on one line, truncated with "…" so the escaped form fits `limit`."""
    return escape_mrkdwn(truncate(one_line(text), limit, _measure))


def _title(reply: Reply) -> str:
    return one_line(reply.title) or one_line(reply.command) or "natosg"


def _header(title: str, continued: bool = False) -> Block:
    suffix = CONTINUED if continued else ""
    # plain_text is not mrkdwn, so entities would show as typed; angle brackets become
    # look-alikes instead, so no `<!channel>` can ever be read as a mention.
    plain = one_line(title).replace("<", "‹").replace(">", "›")
    text = defuse_mass_mentions(truncate(plain, HEADER_LIMIT - len(suffix))) + suffix
    return {"type": "header", "text": {"type": "plain_text", "text": text, "emoji": True}}


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text, "verbatim": True}}


def _markers(line: Line) -> tuple[str, ...]:
    return tuple(f"[{n}]" for n in line.cites)


def _section_texts(section: Section) -> list[str]:
    """A section's heading and lines packed into mrkdwn texts of at most SECTION_LIMIT."""
    pieces: list[str] = []
    if section.heading and one_line(section.heading):
        pieces.append(f"*{_fit(section.heading, HEADING_LIMIT)}*")
    prefix = "" if section.style == "paragraph" else "• "
    for line in section.lines:
        pieces += line_pieces(line.text, SECTION_LIMIT, escape_mrkdwn, prefix, _markers(line))
    return pack(pieces, SECTION_LIMIT)


def _link(url: str | None, label: str) -> str | None:
    """`<url|label>` with the label escaped, or None when the URL cannot be linked safely."""
    target = safe_url(url, "|<>")
    return f"<{target}|{label}>" if target else None


def _source_entry(citation: Citation) -> str:
    """`[n] <url|outlet> · title · date` (or `[n] outlet · title · date · source`) and the quote."""
    outlet = _fit(citation.outlet or "", FIELD_LIMIT // 4)
    title = _fit(citation.title or "", FIELD_LIMIT)
    date = _fit(citation.published or "", 60)
    link = _link(citation.url, outlet or title or _fit(citation.source, 100) or "link")
    if link:
        parts = [link, title if outlet else "", date]
    else:
        parts = [outlet, title, date, _fit(citation.source, FIELD_LIMIT)]
    entry = f"[{citation.n}] " + " · ".join(part for part in parts if part)
    quote = _fit(citation.quote, QUOTE_LIMIT)
    return f"{entry}\n> {quote}" if quote else entry


def _note_blocks(note: str) -> list[Block]:
    """The note as context blocks of at most CONTEXT_ELEMENTS mrkdwn elements each."""
    parts = [escape_mrkdwn(p) for p in split_text(note, CONTEXT_TEXT_LIMIT, _measure)]
    blocks: list[Block] = []
    for start in range(0, len(parts), CONTEXT_ELEMENTS):
        elements = [
            {"type": "mrkdwn", "text": part} for part in parts[start : start + CONTEXT_ELEMENTS]
        ]
        blocks.append({"type": "context", "elements": elements})
    return blocks


def _body_blocks(reply: Reply) -> list[Block]:
    """Every block after the header, in reading order."""
    blocks = [_section(text) for section in reply.sections for text in _section_texts(section)]
    if reply.citations:
        blocks.append({"type": "divider"})
        entries = [_source_entry(citation) for citation in reply.citations]
        blocks += [_section(text) for text in pack(entries, SECTION_LIMIT)]
    if reply.note:
        blocks += _note_blocks(reply.note)
    return blocks


def _pages(title: str, body: list[Block]) -> list[list[Block]]:
    """Blocks split into messages of at most MAX_BLOCKS, each opened by a header."""
    pages: list[list[Block]] = []
    current = [_header(title)]
    for block in body:
        if len(current) >= MAX_BLOCKS:
            pages.append(current)
            current = [_header(title, continued=True)]
        if block["type"] == "divider" and (len(current) == 1 or len(current) == MAX_BLOCKS - 1):
            continue  # a divider right after a header or at the foot of a page says nothing
        current.append(block)
    pages.append(current)
    return pages


def _fallback(title: str, reply: Reply, first: bool) -> str:
    """Plain notification text: the title, plus the first line on the first message."""
    if not first:
        return _fit(title, FALLBACK_LIMIT - len(CONTINUED)) + CONTINUED
    lines = [line.text for section in reply.sections for line in section.lines]
    first_line = next((one_line(text) for text in lines if one_line(text)), "")
    text = f"{title}\n{first_line}" if first_line else title
    return escape_mrkdwn(truncate(text, FALLBACK_LIMIT, _measure))


def render_slack(reply: Reply) -> list[SlackMessage]:
    """The reply as one or more Slack messages, each within Slack's Block Kit limits."""
    title = _title(reply)
    pages = _pages(title, _body_blocks(reply))
    return [
        SlackMessage(text=_fallback(title, reply, first=index == 0), blocks=blocks)
        for index, blocks in enumerate(pages)
    ]
