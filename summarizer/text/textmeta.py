"""What a plain-text article says about itself: title, date, outlet, and its clean body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from summarizer.text.cleaning import clean_body, extract_outlet_hints, is_caption
from summarizer.text.published import find_timestamps, infer_published, parse_date_header
from summarizer.text.sentences import split_sentences

TITLE_MAX = 100
_HEADLINE_MAX = 160
# `Title: …` / `Outlet: …` lines heading a file (a common hand-made or exported format).
_FIELD = re.compile(r"^[ \t]*([A-Za-z][A-Za-z ]{1,18}?)[ \t]*:[ \t]*(\S.*?)[ \t]*$")
_FIELD_KEYS = {
    "title": "title",
    "headline": "title",
    "outlet": "outlet",
    "source": "outlet",
    "publisher": "outlet",
    "publication": "outlet",
    "author": None,
    "by": None,
    "byline": None,
    "url": None,
    "link": None,
}
_DATE_KEYS = frozenset({"date", "published", "updated", "posted", "dated"})


@dataclass(frozen=True)
class TextMeta:
    """Metadata read from a plain-text article, and the cleaned body."""

    title: str | None
    published: date | None
    published_how: str  # "header" | "dateline" | "inferred" | "unknown"
    outlet: str | None
    body: str  # clean_body output, without the headline when the first line was one


def _is_headline(paragraph: str) -> bool:
    words = paragraph.split()
    return (
        len(paragraph) < _HEADLINE_MAX
        and len(words) >= 3
        and not paragraph.rstrip("\"”’'»)").endswith((".", ",", ";", ":"))
        and not is_caption(paragraph)
    )


def shorten_title(sentence: str, limit: int = TITLE_MAX) -> str:
    """A title from a sentence: as is when it fits, else cut at a word boundary with "…"."""
    text = " ".join(sentence.split())
    if len(text) <= limit:
        return text[:-1] if text.endswith(".") and not text.endswith("..") else text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return re.sub(r"[\s,;:–—-]+$", "", cut) + "…"


def _is_label(paragraph: str) -> bool:
    # A section name above the headline ("World", "Global Affairs"): not prose, not a title.
    return len(paragraph) < 30 and len(paragraph.split()) <= 2 and paragraph[-1:].isalnum()


def _title_and_body(body: str) -> tuple[str | None, str]:
    paragraphs = body.split("\n\n")
    while len(paragraphs) > 1 and _is_label(paragraphs[0]):
        paragraphs.pop(0)
    body = "\n\n".join(paragraphs)
    if len(paragraphs) > 1 and _is_headline(paragraphs[0]):
        return paragraphs[0], "\n\n".join(paragraphs[1:])
    sentences = split_sentences(body)
    return (shorten_title(sentences[0].text) if sentences else None), body


def front_matter(raw: str) -> tuple[dict[str, str], str]:
    """`Title:`, `Outlet:`/`Source:`, `Author:` and `URL:` lines at the top of a file, and
    the text without them (date lines stay for the date reader)."""
    fields: dict[str, str] = {}
    kept: list[str] = []
    lines = raw.split("\n")
    index = 0
    for index, line in enumerate(lines):  # noqa: B007 - index is used after the loop
        match = _FIELD.match(line)
        key = match.group(1).strip().casefold() if match else None
        if match is None or key is None or (key not in _FIELD_KEYS and key not in _DATE_KEYS):
            break
        field = _FIELD_KEYS.get(key)
        if key in _DATE_KEYS:
            kept.append(line)
        elif field:
            fields.setdefault(field, match.group(2))
    else:
        index = len(lines)
    if not fields:
        return {}, raw
    return fields, "\n".join(kept + lines[index:])


def read_plain_text(raw: str) -> TextMeta:
    """Read a plain-text article: its stated or inferred date, outlet, title and clean body.

    The date comes from a `date …` header or a dateline, else is inferred from the dates in
    the prose or from machine timestamps in the raw text; the title is the first line when
    it reads as a headline (and is then removed from the body), else the shortened first
    sentence.
    """
    fields, raw = front_matter(raw)
    published, how, text = parse_date_header(raw)
    body = clean_body(text)
    if published is None:
        published = infer_published(body)
        if published is None:
            # Image names such as `2024 02 22T113613Z …` date a page whose prose does not.
            stamps = find_timestamps(raw)
            published = stamps[-1] if stamps else None
        how = "inferred" if published is not None else "unknown"
    if "title" in fields:
        title: str | None = shorten_title(fields["title"], _HEADLINE_MAX)
    else:
        title, body = _title_and_body(body)
    return TextMeta(
        title=title,
        published=published,
        published_how=how,
        outlet=fields.get("outlet") or extract_outlet_hints(raw),
        body=body,
    )
