"""Names in a question, however it is typed, and the words that name an entity in articles.

Questions are typed carelessly ("is turkey on board", "who backs callas"), so the resolver's
case-aware reading of the text is combined with a case-blind one; a short lower-case word such
as "us" is never read as a name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from summarizer.entities.resolver import Entity, EntityResolver
from summarizer.entities.scan import SentenceScan
from summarizer.entities.text import phrase_keys, tokenize

# Lower-case words that are also aliases ("us", "it" for Italy's code); only their capitalised
# or all-capitals spelling names an entity in a question.
_AMBIGUOUS_LOWER = frozenset(
    "us it in me we or no so is as am an at be do go he if my of on to up".split()
)
_MAX_WORDS_PER_ENTITY = 10
# Words of long official names that name nothing on their own.
_NOT_NAME_WORDS = frozenset(
    "the and for republic kingdom united states union federation democratic people peoples "
    "socialist islamic state government".split()
)


@dataclass(frozen=True)
class Named:
    """A span of the question that names an entity."""

    start: int
    end: int
    text: str
    entity: Entity


def _overlaps(start: int, end: int, taken: list[Named]) -> bool:
    return any(start < other.end and other.start < end for other in taken)


def question_mentions(resolver: EntityResolver, text: str) -> list[Named]:
    """The entities a question names, in order, without overlaps."""
    found = [
        Named(m.start, m.end, m.text, m.entity)
        for m in resolver.find_mentions(text)
        if m.how != "fuzzy" or m.score >= 85
    ]
    scan = SentenceScan(resolver.index, None, text, None, [], ignore_case=True)
    for hit in scan.run():
        first, last = scan.tokens[hit.first], scan.tokens[hit.last]
        raw = text[first.start : last.end]
        if hit.first == hit.last and raw.casefold() in _AMBIGUOUS_LOWER and not raw.isupper():
            continue
        if not _overlaps(first.start, last.end, found):
            found.append(Named(first.start, last.end, raw, hit.entity))
    # Demonyms on their own: "Russian experts", "the Hungarians".
    for token in tokenize(text):
        if len(token.key) < 4 or _overlaps(token.start, token.end, found):
            continue
        for key in (token.key, token.key[:-1] if token.key.endswith("s") else ""):
            owners = resolver.index.adjectives.get((key,)) if len(key) >= 4 else None
            entity = resolver.entity(owners[0][0]) if owners else None
            if owners and len({name for name, _ in owners}) == 1 and entity is not None:
                found.append(Named(token.start, token.end, token.raw, entity))
                break
    return sorted(found, key=lambda named: named.start)


def name_words(resolver: EntityResolver, text: str) -> tuple[str, ...]:
    """The words of a mention that are names themselves ("Turkish" in "the Turkish
    government", not "government"), folded."""
    index = resolver.index
    return tuple(
        t.key
        for t in tokenize(text)
        if len(t.key) > 2 and (t.key in index.name_tokens or (t.key,) in index.adjectives)
    )


def search_words(resolver: EntityResolver, name: str) -> tuple[str, ...]:
    """Words that name an entity in running text: its distinctive name words, aliases,
    demonyms and capitals (never a word of two letters, which would match "us" or "it")."""
    return _search_words(resolver, name)


@lru_cache(maxsize=4096)
def _search_words(resolver: EntityResolver, name: str) -> tuple[str, ...]:
    data = resolver.index.data
    phrases: list[str] = [name]
    for country in data.countries:
        if country.entity.name == name:
            phrases += [*country.aliases, *country.demonyms, *country.capitals]
    for body in data.bodies:
        if body.entity.name == name:
            phrases += list(body.aliases)
    for person in data.persons:
        if person.entity.name == name:
            phrases += list(person.aliases)
    entity = resolver.entity(name)
    words: list[str] = []
    for phrase in phrases:
        keys = [key for key in phrase_keys(phrase) if key.isalnum() and len(key) > 2]
        keys = [key for key in keys if key not in _NOT_NAME_WORDS]
        if not keys:
            continue
        # A person's surname, a country's one-word alias; a long name only as a last resort.
        if len(keys) == 1:
            words.append(keys[0])
        elif entity is not None and entity.kind == "person":
            words.append(keys[-1])
    if not words:
        words = [key for key in phrase_keys(name) if key.isalnum() and len(key) > 2]
    return tuple(list(dict.fromkeys(words))[:_MAX_WORDS_PER_ENTITY])
