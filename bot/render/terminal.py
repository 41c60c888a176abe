"""Plain terminal text for a Reply: title, sections, `[n]` markers and the numbered sources."""

from __future__ import annotations

import json
import re
import textwrap

from bot.render.chunks import one_line, truncate
from bot.reply import Citation, Line, Reply

# Control characters (terminal escape sequences among them) that a file name, a header line or
# a sentence could carry: never written to a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# A quote longer than this is shown as its verbatim beginning and "…" (JSON keeps it whole).
QUOTE_LIMIT = 400

WIDTH = 100


def _markers(line: Line) -> str:
    return "".join(f"[{n}]" for n in line.cites)


def _line_text(line: Line) -> str:
    markers = _markers(line)
    return f"{line.text} {markers}" if markers else line.text


def _source_line(citation: Citation) -> str:
    outlet = citation.outlet or "unknown outlet"
    date = citation.published or "undated"
    where = citation.url or citation.source
    title = f" “{citation.title}”" if citation.title else ""
    quote = truncate(one_line(citation.quote), QUOTE_LIMIT)
    return f"[{citation.n}] {outlet},{title} {date} — {where}\n      “{quote}”"


def render_text(reply: Reply) -> str:
    """The reply as wrapped plain text for a terminal."""
    out = [reply.title, "=" * min(len(reply.title), WIDTH)]
    for section in reply.sections:
        if section.heading:
            out += ["", section.heading]
        elif out[-1] != "":
            out.append("")
        for line in section.lines:
            text = _line_text(line)
            if section.style == "bullets":
                out.append(textwrap.fill(text, WIDTH, initial_indent="• ", subsequent_indent="  "))
            else:
                out.append(textwrap.fill(text, WIDTH) if len(text) > WIDTH else text)
    if reply.citations:
        out += ["", "Sources"]
        out += [_source_line(citation) for citation in reply.citations]
    if reply.note:
        out += ["", reply.note]
    return _CONTROL.sub("", "\n".join(out)).rstrip() + "\n"


def render_json(reply: Reply) -> str:
    """The reply as one JSON object (the external contract)."""
    return json.dumps(reply.to_json(), ensure_ascii=False, indent=2)
