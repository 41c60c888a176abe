"""What runs inside an article's write transaction after it is stored (claims extraction)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.ingest.pipeline import ArticleHook


def article_hooks() -> Sequence[ArticleHook]:
    """The hooks every ingest runs; stance extraction registers here."""
    return ()
