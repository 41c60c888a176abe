"""The one way user text reaches an FTS5 MATCH: every token quoted, operators added by code."""

from __future__ import annotations

import re

# Tokens as FTS5's unicode61 tokenizer sees them: runs of letters and digits. Everything
# else (quotes, parentheses, @, %, -, *, :) is a separator there, so dropping it here
# loses nothing the index could have matched.
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

MAX_QUERY_TOKENS = 32


def fts_tokens(text: str) -> list[str]:
    """The searchable tokens of `text`, lower-cased, de-duplicated, in order, at most 32."""
    seen: dict[str, None] = {}
    for match in _TOKEN.finditer(text.casefold()):
        seen.setdefault(match.group(0), None)
        if len(seen) >= MAX_QUERY_TOKENS:
            break
    return list(seen)


def quote_token(token: str) -> str:
    """Quote one token as an FTS5 string (inner quotes doubled), so it is never an operator."""
    return '"' + token.replace('"', '""') + '"'


def fts_query(text: str, *, mode: str = "OR") -> str | None:
    """Turn arbitrary user text into a safe FTS5 query, or None when nothing is searchable.

    `mode` joins the quoted tokens with OR (recall, ranked by BM25) or AND (precision).
    `NOT`, `AND (`, a lone quote, emoji or 10 kB of text all become plain quoted tokens or
    nothing; they can neither raise a syntax error nor change the query's logic.
    """
    if mode not in ("OR", "AND"):
        raise ValueError(f"unknown FTS join mode {mode!r}")
    tokens = fts_tokens(text)
    if not tokens:
        return None
    return f" {mode} ".join(quote_token(token) for token in tokens)
