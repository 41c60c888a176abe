"""`sources`: the stored articles, where they came from, and which overlap."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.registry import CommandContext
from bot.reply import Line, Reply, Section
from storage.articles import ArticleSummary, list_articles

_HOW = {
    "front_matter": "from its metadata",
    "html_meta": "from the page metadata",
    "feed": "from the feed",
    "header": "from its header",
    "dateline": "from its dateline",
    "inferred": "inferred from the text",
    "unknown": "date unknown",
}


def _describe(article: ArticleSummary) -> str:
    date = article.published or "undated"
    how = _HOW.get(article.published_how, article.published_how)
    parts = [
        f"#{article.id} {article.title or '(untitled)'}",
        f"{article.outlet or 'unknown outlet'}",
        f"{date} ({how})" if article.published else how,
        f"{article.sentence_count} sentences",
        article.source,
    ]
    if article.duplicate_of:
        parts.append(f"near-duplicate of #{article.duplicate_of}")
    overlaps = [
        f"#{link.other_id}" for link in article.links if link.other_id != article.duplicate_of
    ]
    if overlaps:
        parts.append("shares passages with " + ", ".join(overlaps))
    return " · ".join(parts)


def _as_json(article: ArticleSummary) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "source_kind": article.source_kind,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "published_how": article.published_how,
        "date_inferred": article.published_how in ("inferred", "unknown"),
        "language": article.language,
        "ingested_at": article.ingested_at,
        "sentence_count": article.sentence_count,
        "duplicate_of": article.duplicate_of,
        "links": [
            {
                "article_id": link.other_id,
                "kind": link.kind,
                "shared_shingles": link.shared,
                "containment": link.containment,
            }
            for link in article.links
        ],
    }


def handle_sources(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """List every stored article."""
    with ctx.archive.session() as session:
        db = session.db
        articles = list_articles(db)
    if not articles:
        return Reply(
            command="sources",
            title="No articles yet",
            sections=(
                Section(None, (Line("Add some with `natosg ingest PATH_OR_URL`."),), "paragraph"),
            ),
            data={"articles": []},
        )
    return Reply(
        command="sources",
        title=f"Sources ({len(articles)} article{'s' if len(articles) != 1 else ''})",
        sections=(Section(None, tuple(Line(_describe(article)) for article in articles)),),
        data={"articles": [_as_json(article) for article in articles]},
    )
