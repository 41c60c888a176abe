"""`claims [ARTICLE_ID...]`: how each sentence of some articles was read, and why a reading
does or does not count toward a current stance or status."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.citations import CitationBook
from bot.registry import CommandContext
from bot.reply import Line, Reply, Section, error_reply
from records.readings import ArticleHeading, ClaimReading
from storage.claims import article_headings, article_readings, newest_article_ids

DEFAULT_ARTICLES = 5
MAX_ARTICLES = 20
_USAGE = "claims [ARTICLE_ID...]"


def _ids(values: Mapping[str, Any]) -> list[str]:
    raw = values.get("article_ids") or []
    words = raw if isinstance(raw, list) else [raw]
    return [part for word in words for part in str(word).replace(",", " ").split()]


def _what(reading: ClaimReading) -> str:
    """`Hungary opposes Mark Rutte`, `Mark Rutte nominated by Netherlands`, a milestone."""
    if reading.kind == "stance":
        who = reading.holder or reading.aggregate or reading.holder_text or "someone"
        text = f"{who} {reading.stance or 'takes a stance on'} {reading.candidate or '?'}"
        if reading.holdout:
            text += " (holdout)"
        return text
    if reading.kind == "candidacy":
        text = f"{reading.candidate or '?'}: {reading.event or 'candidacy'}"
        return text + (f" by {reading.holder}" if reading.holder else "")
    return reading.description or "a milestone"


def _when(reading: ClaimReading) -> str:
    if reading.event_date is None:
        return "undated"
    if not reading.date_from_text:
        return f"{reading.event_date} (the article's date; the sentence gives none)"
    precision = f", precise to the {reading.date_precision}" if reading.date_precision else ""
    return f"{reading.event_date} ({reading.date_how or 'from the text'}{precision})"


def _why_not(reading: ClaimReading) -> str:
    reasons = [
        reason
        for reason, applies in (
            (reading.polarity, reading.polarity != "affirmed"),
            (reading.modality, reading.modality != "stated"),
            (reading.aspect, reading.aspect != "current"),
        )
        if applies
    ]
    return ", ".join(reasons) or "not a stated, current, affirmed reading"


def _describe(reading: ClaimReading) -> str:
    how = f"{reading.polarity}, {reading.modality}, {reading.aspect}"
    scope = "" if reading.scope == "holder" else f"; scope {reading.scope}"
    counts = "counts" if reading.counts else f"does not count ({_why_not(reading)})"
    return f"→ {_what(reading)} · {how}{scope} · {_when(reading)} · {counts}"


def _reading_json(reading: ClaimReading) -> dict[str, Any]:
    return {
        "claim_id": reading.claim_id,
        "kind": reading.kind,
        "holder": reading.holder,
        "holder_text": reading.holder_text,
        "aggregate": reading.aggregate,
        "relation": reading.stance,
        "event": reading.event,
        "description": reading.description,
        "candidate": reading.candidate,
        "polarity": reading.polarity,
        "modality": reading.modality,
        "aspect": reading.aspect,
        "scope": reading.scope,
        "holdout": reading.holdout,
        "reported": reading.reported,
        "hedged": reading.hedged,
        "grounds": reading.grounds,
        "date": reading.event_date,
        "date_from_text": reading.date_from_text,
        "date_how": reading.date_how,
        "date_precision": reading.date_precision,
        "counts": reading.counts,
    }


def _heading(article: ArticleHeading) -> str:
    parts = [f"#{article.id} {article.title or '(untitled)'}", article.outlet or "unknown outlet"]
    return " · ".join([*parts, article.published or "undated"])


def _article(
    article: ArticleHeading, readings: Sequence[ClaimReading], book: CitationBook
) -> tuple[Section, dict[str, Any]]:
    lines: list[Line] = []
    sentences: list[dict[str, Any]] = []
    by_sentence: dict[int, list[ClaimReading]] = {}
    for reading in readings:
        by_sentence.setdefault(reading.sentence_id, []).append(reading)
    for group in by_sentence.values():
        first = group[0]
        n = book.cite(first)
        lines.append(Line(f"“{first.quote}”", (n,)))
        lines.extend(Line(_describe(reading), (n,)) for reading in group)
        sentences.append(
            {
                "sentence_id": first.sentence_id,
                "idx": first.sentence_idx,
                "quote": first.quote,
                "citation": n,
                "readings": [_reading_json(reading) for reading in group],
            }
        )
    read = len(by_sentence)
    summary = f"{read} of {article.sentence_count} sentences read as claims"
    if not lines:
        lines.append(Line(f"No sentence of this article was read as a claim ({summary})."))
    heading = f"{_heading(article)} ({summary})"
    entry = {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published,
        "source": article.source,
        "sentence_count": article.sentence_count,
        "sentences": sentences,
    }
    return Section(heading, tuple(lines)), entry


def handle_claims(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """Every reading of every sentence of the given articles (default: the newest five)."""
    words = _ids(values)
    bad = [word for word in words if not word.isdigit()]
    if bad:
        return error_reply(
            "claims",
            f"`{bad[0][:40]}` is not an article id: ids are numbers.",
            hint=f"Usage: `{_USAGE}`; `sources` lists the articles with their ids.",
        )
    if len(words) > MAX_ARTICLES:
        return error_reply(
            "claims",
            f"That is {len(words)} articles; I show at most {MAX_ARTICLES} at a time.",
            hint=f"Usage: `{_USAGE}`.",
        )
    asked = list(dict.fromkeys(int(word) for word in words))
    with ctx.archive.session() as session:
        db = session.db
        wanted = asked or newest_article_ids(db, DEFAULT_ARTICLES)
        found = article_headings(db, wanted)
        readings = {article_id: article_readings(db, article_id) for article_id in found}
    unknown = [article_id for article_id in asked if article_id not in found]
    if asked and not found:
        listed = ", ".join(f"#{article_id}" for article_id in unknown)
        return error_reply(
            "claims",
            f"I have no article {listed}.",
            hint="`sources` lists the articles with their ids.",
        )
    if not found:
        return error_reply(
            "claims", "No articles yet.", hint="Add some with `natosg ingest PATH_OR_URL`."
        )
    book = CitationBook()
    sections, entries = [], []
    for article_id in wanted:
        if article_id in found:
            section, entry = _article(found[article_id], readings[article_id], book)
            sections.append(section)
            entries.append(entry)
    note = None
    if unknown:
        note = "No article " + ", ".join(f"#{article_id}" for article_id in unknown) + "."
    return Reply(
        command="claims",
        title=f"How {len(entries)} article{'s were' if len(entries) != 1 else ' was'} read",
        sections=tuple(sections),
        citations=book.citations,
        data={"articles": entries, "unknown_ids": unknown},
        note=note,
    )
