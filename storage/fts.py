"""The one way user text reaches an FTS5 MATCH: every word quoted, operators added by code."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Tokens as FTS5's unicode61 tokenizer sees them: runs of letters and digits. Everything
# else (quotes, parentheses, @, %, -, *, :) is a separator there, so dropping it here
# loses nothing the index could have matched.
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

MAX_QUERY_TOKENS = 32
MAX_QUERY_GROUPS = 64


def quote_token(token: str) -> str:
    """Quote one token as an FTS5 string (inner quotes doubled), so it is never an operator."""
    return '"' + token.replace('"', '""') + '"'


def fts_phrase(word: str) -> str | None:
    """One word (or a few, as a phrase) from code or user text, quoted; None if unsearchable."""
    tokens = _TOKEN.findall(word.casefold())[:MAX_QUERY_TOKENS]
    return quote_token(" ".join(tokens)) if tokens else None


def fts_any_group(groups: Sequence[Sequence[Sequence[str]]]) -> str | None:
    """A query matching a sentence that holds, for some group, every one of its word sets
    (a word set is held when any of its words is): `(a OR b) AND c OR d AND (e OR f)`.

    Every word is quoted, so `NOT`, `AND (`, a lone quote or emoji are plain words or nothing;
    they can neither raise a syntax error nor change the query's logic. A word set is read for
    its first 32 words and the query for its first 64 groups, so 10 kB of text stays one
    small query. None when no group has a searchable word in every set.
    """
    clauses = []
    for group in groups[:MAX_QUERY_GROUPS]:
        parts = []
        for words in group:
            phrases = list(dict.fromkeys(p for p in map(fts_phrase, words) if p))
            phrases = phrases[:MAX_QUERY_TOKENS]
            if not phrases:
                break
            parts.append(phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")")
        else:
            if parts:
                clauses.append(" AND ".join(parts))
    if not clauses:
        return None
    return " OR ".join(dict.fromkeys(f"({clause})" for clause in clauses))
