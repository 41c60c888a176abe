"""HTML markup found where plain text was expected: detected by content, never by a file's
extension, and reduced to its text so that no tag reaches a sentence or a quote."""

from __future__ import annotations

import html
import re

# Element names an article's markup uses; a `<word>` that is none of these is left alone
# ("<Rutte>" in a forum post is not markup).
_ELEMENTS = (
    "a|abbr|article|aside|b|blockquote|body|br|button|caption|cite|code|dd|div|dl|dt|em|"
    "figcaption|figure|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|label|li|"
    "link|main|meta|nav|noscript|ol|option|p|picture|pre|q|s|script|section|select|small|"
    "source|span|strong|style|sub|sup|svg|table|tbody|td|template|textarea|tfoot|th|thead|"
    "time|title|tr|u|ul|video"
)
_TAG = re.compile(rf"</?(?:{_ELEMENTS})(?:\s[^<>]*)?/?>", re.IGNORECASE)
_PAGE = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_HIDDEN = re.compile(
    r"<(script|style|noscript|template|svg|head)\b[^>]*>.*?</\1\s*>|<!--.*?-->",
    re.IGNORECASE | re.DOTALL,
)
_BLOCK = re.compile(
    r"</?(?:p|div|article|section|header|footer|main|aside|nav|blockquote|figure|figcaption|"
    r"h[1-6]|li|ul|ol|dl|dt|dd|table|tr|pre|title)\b[^<>]*>|<br\s*/?>|<hr\s*/?>",
    re.IGNORECASE,
)
_ANY_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
_MIN_TAGS = 2
_PAGE_START = 2000


def looks_like_html(text: str) -> bool:
    """Whether `text` carries HTML markup: a page's skeleton, or at least two tags of real
    HTML elements."""
    if _PAGE.search(text):
        return True
    tags = _TAG.finditer(text)
    return sum(1 for _, _tag in zip(range(_MIN_TAGS), tags, strict=False)) >= _MIN_TAGS


def is_whole_page(text: str) -> bool:
    """Whether `text` is a whole HTML page: a doctype, `<html>`, `<head>` or `<body>` near
    its start (prose that merely mentions `<html>` further down is not a page)."""
    return _PAGE.search(text, 0, _PAGE_START) is not None


def strip_markup(text: str) -> str:
    """The text of some HTML: scripts, styles and comments dropped, block elements turned
    into paragraph breaks, every other tag removed, entities decoded."""
    body = _HIDDEN.sub(" ", text)
    body = _BLOCK.sub("\n\n", body)
    body = _ANY_TAG.sub("", body)
    body = html.unescape(body).replace("\xa0", " ")
    body = re.sub(r"[ \t]+", " ", body)
    body = re.sub(r" *\n *", "\n", body)
    return re.sub(r"\n{3,}", "\n\n", body).strip()
