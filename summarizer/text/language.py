"""A small, dependency-free guess at an article's language from its commonest words."""

from __future__ import annotations

import re

_STOPWORDS_TEXT = {
    "en": "the and of to in is that for with was on as by his her said from",
    "de": "der die und das ist nicht mit den von zu ein eine sich auf dem für",
    "fr": "le la les et des est une pour que dans qui sur pas du au avec",
    "nl": "de het een en van is dat niet op te voor met zijn ook aan",
    "es": "el la los las y de que en un una por con para es del se",
    "it": "il la che di e un una per con non sono del della è gli",
    "ru": "и в не на что с по как это он из за для",
}
_STOPWORDS = {code: frozenset(words.split()) for code, words in _STOPWORDS_TEXT.items()}

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def guess_language(text: str, sample_chars: int = 5000) -> str | None:
    """An ISO 639-1 code, or None when too few common words are found to say."""
    words = _WORD.findall(text[:sample_chars].casefold())
    if len(words) < 8:
        return None
    scores = {
        code: sum(1 for word in words if word in stopwords)
        for code, stopwords in _STOPWORDS.items()
    }
    best = max(scores, key=lambda code: scores[code])
    return best if scores[best] >= max(3, len(words) // 25) else None
