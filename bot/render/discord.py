"""Discord messages with embeds for a Reply, kept within Discord's embed and message limits.

Pure data: no discord.py here. One embed per section chunk (the first titled with the
reply's title), then "Sources" embeds, the note in the footer of the last embed; embeds
are grouped into as many messages as the 10-embed and 6000-character limits require.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.render.chunks import (
    defuse_mass_mentions,
    line_pieces,
    one_line,
    pack,
    safe_url,
    split_urls,
    truncate,
)
from bot.reply import Citation, Line, Reply, Section

MAX_EMBEDS = 10
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FOOTER_LIMIT = 2048
TOTAL_LIMIT = 6000
QUOTE_LIMIT = 300
FIELD_LIMIT = 400
CONTINUED = " (cont.)"

Embed = dict[str, Any]

_INLINE_MARKUP = re.compile(r"([\\*_~`|\[\]])")
_LINE_START_MARKUP = re.compile(r"(?m)^(\s*)([>#-])")
_USER_MENTION = re.compile(r"<([@#])")


@dataclass(frozen=True)
class DiscordMessage:
    """One message payload: plain `content` and Discord embed objects."""

    content: str
    embeds: list[Embed]


def escape_markdown(text: str) -> str:
    """Text from a reply made inert for Discord: markdown, masked links and mentions, and
    every bare URL in inline code (Discord links nothing there; the quote stays exact,
    see `bot.render.slack.escape_mrkdwn`). Inside code nothing is backslash-escaped, since
    Discord would show the backslashes."""
    escaped = "".join(
        f"`{defuse_mass_mentions(piece)}`" if is_url else _escape_inline(piece)
        for piece, is_url in split_urls(text)
    )
    # Only at a line's start, which a URL (never containing a line break) cannot straddle.
    return _LINE_START_MARKUP.sub(r"\1\\\2", escaped)


def _escape_inline(text: str) -> str:
    escaped = _INLINE_MARKUP.sub(r"\\\1", text)
    escaped = _USER_MENTION.sub("<\u200b\\1", escaped)
    return defuse_mass_mentions(escaped)


def _measure(text: str) -> int:
    return len(escape_markdown(text))


def _fit(text: str, limit: int) -> str:
    """Escaped text on one line, truncated with "…" so the escaped form fits `limit`."""
    return escape_markdown(truncate(one_line(text), limit, _measure))


def _title(reply: Reply) -> str:
    return one_line(reply.title) or one_line(reply.command) or "natosg"


def _embed_title(raw: str, continued: bool) -> str:
    suffix = CONTINUED if continued else ""
    return _fit(raw, TITLE_LIMIT - len(suffix)) + suffix


def _embed(title: str | None, description: str | None) -> Embed:
    embed: Embed = {}
    if title:
        embed["title"] = title
    if description:
        embed["description"] = description
    return embed


def _markers(line: Line) -> tuple[str, ...]:
    return tuple(f"[{n}]" for n in line.cites)


def _descriptions(section: Section, bold_heading: bool) -> list[str]:
    """A section's lines (and, if asked, its heading in bold) packed into descriptions."""
    pieces: list[str] = []
    if bold_heading and section.heading and one_line(section.heading):
        pieces.append(f"**{_fit(section.heading, TITLE_LIMIT)}**")
    prefix = "" if section.style == "paragraph" else "• "
    for line in section.lines:
        pieces += line_pieces(line.text, DESCRIPTION_LIMIT, escape_markdown, prefix, _markers(line))
    return pack(pieces, DESCRIPTION_LIMIT)


def _titled_embeds(raw_title: str | None, descriptions: list[str]) -> list[Embed]:
    """One embed per description; the 2nd and later carry the title with "(cont.)"."""
    return [
        _embed(_embed_title(raw_title, index > 0) if raw_title else None, description)
        for index, description in enumerate(descriptions)
    ]


def _section_embeds(reply: Reply) -> list[Embed]:
    """The first section under the reply's title (always present), then one embed per chunk."""
    first = _descriptions(reply.sections[0], bold_heading=True) if reply.sections else []
    embeds = _titled_embeds(_title(reply), first or [""])
    for section in reply.sections[1:]:
        embeds += _titled_embeds(section.heading, _descriptions(section, bold_heading=False))
    return embeds


def _source_entry(citation: Citation) -> str:
    """`[n] [outlet — title](url) · date` (or `[n] outlet — title · date · source`) and quote."""
    label = " — ".join(
        part
        for part in (_fit(citation.outlet or "", 100), _fit(citation.title or "", FIELD_LIMIT))
        if part
    )
    date = _fit(citation.published or "", 60)
    url = safe_url(citation.url, "()[]<>|@")
    if url:
        label = label or _fit(citation.source, 100) or "link"
        parts = [f"[{label}]({url})", date]
    else:
        parts = [label, date, _fit(citation.source, FIELD_LIMIT)]
    entry = f"[{citation.n}] " + " · ".join(part for part in parts if part)
    quote = _fit(citation.quote, QUOTE_LIMIT)
    return f"{entry}\n> {quote}" if quote else entry


def _embed_size(embed: Embed) -> int:
    """The characters Discord counts towards the 6000 total of a message."""
    size = len(embed.get("title", "")) + len(embed.get("description", ""))
    size += sum(len(field["name"]) + len(field["value"]) for field in embed.get("fields", []))
    size += len(embed.get("footer", {}).get("text", ""))
    return size + len(embed.get("author", {}).get("name", ""))


def _footer_measure(text: str) -> int:
    return len(defuse_mass_mentions(text))


def _add_note(embeds: list[Embed], note: str) -> None:
    """Put the note in the last embed's footer, or in a footer-only embed if it won't fit."""
    text = defuse_mass_mentions(truncate(note.strip(), FOOTER_LIMIT, _footer_measure))
    if not text:
        return
    if _embed_size(embeds[-1]) + len(text) > TOTAL_LIMIT:
        embeds.append({})
    embeds[-1]["footer"] = {"text": text}


def _group(embeds: list[Embed]) -> list[list[Embed]]:
    """Embeds in order, grouped so no group breaks the 10-embed or 6000-character limit."""
    groups: list[list[Embed]] = [[]]
    total = 0
    for embed in embeds:
        size = _embed_size(embed)
        if groups[-1] and (len(groups[-1]) >= MAX_EMBEDS or total + size > TOTAL_LIMIT):
            groups.append([])
            total = 0
        groups[-1].append(embed)
        total += size
    return groups


def render_discord(reply: Reply) -> list[DiscordMessage]:
    """The reply as one or more Discord messages, each within Discord's embed limits."""
    embeds = _section_embeds(reply)
    if reply.citations:
        entries = [_source_entry(citation) for citation in reply.citations]
        embeds += _titled_embeds("Sources", pack(entries, DESCRIPTION_LIMIT))
    if reply.note:
        _add_note(embeds, reply.note)
    continued = f"*{_fit(_title(reply), 200)}{CONTINUED}*"
    return [
        DiscordMessage(content="" if index == 0 else continued, embeds=group)
        for index, group in enumerate(_group(embeds))
    ]
