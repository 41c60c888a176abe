"""The digest's news sections over long articles: the central sentence still leads."""

from __future__ import annotations

from datetime import date

from records.claims import ClaimSet
from records.passages import Passage
from summarizer.digest.build import build_digest
from summarizer.digest.news import LEAD_SENTENCES
from summarizer.digest.parts import DigestInputs

CENTRAL = [
    "Allied leaders will choose the next NATO secretary general at the Washington summit.",
    "The next NATO secretary general will be chosen by allied leaders at the Washington summit.",
    "At the Washington summit allied leaders are to choose the next NATO secretary general.",
    "Allied leaders meet at the Washington summit to choose NATO's next secretary general.",
]
PLACES = ("Gdansk", "Tartu", "Porto", "Bergen")


def _word(n: int) -> str:
    """A made-up word of its own for each number (no two sentences share filler words)."""
    letters = ""
    while True:
        n, digit = divmod(n, 20)
        letters += "bcdfghjklmnpqrstvwxz"[digit] + "aeiou"[digit % 5]
        if not n:
            return letters.capitalize()


def _filler(n: int) -> str:
    return f"{_word(n * 4)} and {_word(n * 4 + 1)} met {_word(n * 4 + 2)} near {_word(n * 4 + 3)}."


def _article(article_id: int, place: str, central: str, length: int) -> list[Passage]:
    texts = [central] + [_filler(article_id * 1000 + i) for i in range(1, length)]
    return [
        Passage(
            sentence_id=article_id * 100 + idx,
            quote=text,
            idx=idx,
            article_id=article_id,
            source=f"{place}.txt",
            outlet=f"{place} Daily",
            title=None,
            published="2024-06-01",
            url=None,
            duplicate_of=None,
        )
        for idx, text in enumerate(texts)
    ]


def test_the_sentence_every_article_echoes_is_the_context_of_long_articles() -> None:
    # Articles far longer than the opening the centrality ranks: the point they share is
    # still what the digest quotes first, with its sources counted.
    length = 3 * LEAD_SENTENCES
    passages = [
        passage
        for n, (place, central) in enumerate(zip(PLACES, CENTRAL, strict=True), start=1)
        for passage in _article(n, place, central, length)
    ]
    inputs = DigestInputs(
        rows=ClaimSet(()),
        passages=passages,
        new_article_ids=frozenset(),
        baseline_latest_id=None,
        today=date(2024, 6, 2),
    )
    context = [bullet for bullet in build_digest(inputs).bullets if bullet.section == "context"]
    assert context
    first = context[0]
    assert first.evidence[0].quote in CENTRAL
    assert first.text.endswith("(4 sources)")
