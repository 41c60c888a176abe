"""Cautious fuzzy look-up of one capitalised word against the names in the data.

Spelling variants from transliteration and translation are mostly sound-alikes ("Callas" for
Kallas, "Pefkur" for Pevkur, "Turkyie" for Turkiye, "Kalas" for Kallas) or a dropped vowel in a
long name ("Hebstreit"). English words one letter away from a name are mostly not ("Better"
is not Bettel, "School" is not Schoof). So a word matches a name on its own only when both
sound the same (equal phonetic skeletons) or, for long names, differ by one vowel; a name
the article already mentioned may also be one plain edit away. Results are cached per word:
the same unknown words recur in every article.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Sequence
from functools import lru_cache

from summarizer.entities.data import Entity
from summarizer.entities.index import FUZZY_MIN_LEN, EntityIndex
from summarizer.entities.text import phrase_keys

_CACHE_LIMIT = 200_000
_VOWELS = frozenset("aeiouy")
_SOUNDS = (
    (re.compile(r"ph"), "f"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"[cq]"), "k"),
    (re.compile(r"(?<=[bcdfgkpt])h"), ""),
    (re.compile(r"ou"), "u"),
    (re.compile(r"y"), "i"),
    (re.compile(r"j"), "i"),
    (re.compile(r"w"), "v"),
    (re.compile(r"v"), "f"),
    (re.compile(r"z"), "s"),
    (re.compile(r"dt"), "t"),
    (re.compile(r"(.)\1+"), r"\1"),
)


@lru_cache(maxsize=65_536)  # the same surnames and capitalised words recur in every article
def skeleton(word: str) -> str:
    """A rough phonetic key of a folded word: "callas" and "kalas" both give "kalas"."""
    for pattern, replacement in _SOUNDS:
        word = pattern.sub(replacement, word)
    return word


def _one_vowel_apart(a: str, b: str) -> bool:
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return len(diff) == 1 and diff[0][0] in _VOWELS and diff[0][1] in _VOWELS
    short, long_ = sorted((a, b), key=len)
    if len(long_) - len(short) != 1:
        return False
    for i, ch in enumerate(long_):
        if long_[:i] + long_[i + 1 :] == short:
            return ch in _VOWELS
    return False


def _one_edit_away(word: str) -> set[str]:
    """The word and every word one letter shorter (a deletion anywhere). Two words at most
    one edit apart (a letter changed, added, dropped, or two neighbours swapped) always share
    one of these."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


@lru_cache(maxsize=65_536)
def signatures(word: str) -> frozenset[str]:
    """Keys under which a word meets every name word it may be a safe misspelling of (see
    `FuzzyMatcher._safe`): one edit apart as written, or as phonetic skeletons (which covers
    the same skeleton and one vowel apart). A superset: each pair found is then checked."""
    return frozenset(
        {f"w:{near}" for near in _one_edit_away(word)}
        | {f"k:{near}" for near in _one_edit_away(skeleton(word))}
    )


class PeopleIndex:
    """The people among a fixed list of entities (one day's contenders), for
    `FuzzyMatcher.match_among`: their name words are found through the matcher's
    `NameWords`, which every list of the matcher shares."""

    def __init__(self, entities: Sequence[Entity], words: NameWords) -> None:
        self.members = frozenset(entities)
        words.add(entity for entity in self.members if entity.kind == "person")
        self._words = words

    def near(self, key: str) -> list[tuple[str, list[Entity]]]:
        """The name words `key` may be a safe misspelling of (still to be checked), with the
        people of this list whose names have them."""
        if not self.members:
            return []
        found = []
        for word, holders in self._words.near(key):
            mine = [person for person in holders if person in self.members]
            if mine:
                found.append((word, mine))
        return found


class NameWords:
    """The words of people's names after the first, by their signatures, with the people
    whose names have them: every person any list of one matcher has held. The contenders of
    a large archive's day run to hundreds, and the next day's are nearly the same people:
    each is indexed once, and a day's list only says who is in it."""

    def __init__(self) -> None:
        self._by_signature: dict[str, set[str]] = {}
        self._holders: dict[str, list[Entity]] = {}
        self._people: set[Entity] = set()

    def add(self, people: Iterable[Entity]) -> None:
        """Index these people (those not indexed yet)."""
        for person in people:
            if person in self._people:
                continue
            self._people.add(person)
            for word in phrase_keys(person.name)[1:]:
                holders = self._holders.get(word)
                if holders is None:
                    holders = self._holders[word] = []
                    for signature in signatures(word):
                        self._by_signature.setdefault(signature, set()).add(word)
                if person not in holders:
                    holders.append(person)

    def near(self, key: str) -> list[tuple[str, list[Entity]]]:
        """Every indexed word sharing a signature with `key`, with the people holding it."""
        words: set[str] = set()
        for signature in signatures(key):
            words |= self._by_signature.get(signature, set())
        return [(word, self._holders[word]) for word in words]


class FuzzyMatcher:
    """Finds the name a misspelt word most likely stands for, or nothing."""

    def __init__(self, index: EntityIndex) -> None:
        self.index = index
        self._cache: dict[str, tuple[tuple[str, float], ...]] = {}
        self._pairs: dict[tuple[str, str], float | None] = {}
        # The list last asked for: an article's sentences all come with the same tuple of
        # the day's contenders, hundreds of names long in a large archive.
        self._last_people: tuple[Sequence[Entity], PeopleIndex] | None = None
        self._name_words = NameWords()

    def _candidates(self, key: str) -> tuple[tuple[str, float], ...]:
        found = self._cache.get(key)
        if found is None:
            # rapidfuzz is imported where a word is first guessed at, not by every command
            # that only looks names up (about 9 ms of a new process's start).
            from rapidfuzz import process
            from rapidfuzz.distance import OSA

            choices = self.index.fuzzy_by_length.get(len(key), [])
            ranked = process.extract(key, choices, scorer=OSA.distance, limit=4, score_cutoff=2)
            found = tuple((str(choice), float(distance)) for choice, distance, _ in ranked)
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[key] = found
        return found

    def _safe(self, key: str, word: str, distance: float, known: bool) -> bool:
        shortest = min(len(key), len(word))
        a, b = skeleton(key), skeleton(word)
        if a == b or (shortest >= 8 and _one_vowel_apart(a, b)):
            return True
        return known and shortest >= 6 and distance <= 1

    def _misspelt(self, key: str, word: str) -> float | None:
        """How alike a word and a known person's name word are (0..100), when the word is
        safely a misspelling of it; None otherwise. Kept per pair: every capitalised word of
        every sentence is held against every person the article or the day names."""
        pair = (key, word)
        if pair in self._pairs:
            return self._pairs[pair]
        from rapidfuzz import fuzz
        from rapidfuzz.distance import OSA

        distance = OSA.distance(key, word)
        score = (
            float(fuzz.ratio(key, word))
            if distance and self._safe(key, word, distance, True)
            else None
        )
        if len(self._pairs) >= _CACHE_LIMIT:
            self._pairs.clear()
        self._pairs[pair] = score
        return score

    def match_among(
        self, key: str, people: Sequence[Entity], more: PeopleIndex | None = None
    ) -> tuple[Entity, float] | None:
        """A misspelt surname of one of these people (the article's), or of those in `more`
        (the contenders of the day), even one two people share: "Rasmusen" in a 2009 story is
        the Rasmussen who was running."""
        if len(key) < FUZZY_MIN_LEN or key in self.index.not_names:
            return None
        found: dict[Entity, float] = {}
        for person in people:
            for word in phrase_keys(person.name)[1:]:
                self._score(key, word, person, found)
        if more is not None:
            for word, holders in more.near(key):
                for person in holders:
                    self._score(key, word, person, found)
        if len(found) != 1:
            return None
        return next(iter(found.items()))

    def _score(self, key: str, word: str, person: Entity, found: dict[Entity, float]) -> None:
        score = self._misspelt(key, word)
        if score is not None:
            found[person] = max(found.get(person, 0.0), score)

    def people_index(self, people: Sequence[Entity]) -> PeopleIndex:
        """These people, for `match_among`. Each person is indexed once for every list
        (`NameWords`), so a list's own index only says who is in it; the same tuple of the
        day's contenders comes with every sentence of an article, and its index is made once."""
        last = self._last_people
        if last is not None and last[0] is people and isinstance(people, tuple):
            return last[1]  # the very tuple of the last sentence
        index = PeopleIndex(people, self._name_words)
        self._last_people = (people, index)
        return index

    def match(self, key: str, known: Container[Entity]) -> tuple[Entity, float] | None:
        """The entity a folded word names, with a 0..100 score, if the match is safe."""
        if len(key) < FUZZY_MIN_LEN or key in self.index.not_names:
            return None
        from rapidfuzz import fuzz

        names: dict[str, float] = {}
        for word, distance in self._candidates(key):
            for name in self.index.fuzzy_vocab[word]:
                if self._safe(key, word, distance, self.index.entities[name] in known):
                    names[name] = max(names.get(name, 0.0), float(fuzz.ratio(key, word)))
        if len(names) != 1:
            return None  # nothing safe, or two names equally plausible: do not guess
        name, score = names.popitem()
        return self.index.entities[name], score
