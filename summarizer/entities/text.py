"""Text primitives for entity matching: folding, tokens with spans, and small word lists.

Names and text are compared as sequences of folded tokens (case- and accent-free), so
"Krisjanis Karins" meets "Krišjānis Kariņš" and "Latvia's Foreign Minister" meets
"latvia foreign minister" (a possessive "'s" is not a token of its own).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

# Letters NFKD does not take apart.
_SPECIAL = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
# "U.S." and "E.U." are one token; otherwise runs of letters and digits.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+")
_APOSTROPHES = frozenset("'’`ʼ´")
# Words that may sit inside an office phrase without changing it ("Dutch caretaker premier").
FILLERS = frozenset({"acting", "caretaker", "outgoing", "interim", "incumbent"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-folded text, for comparing spellings ("Orbán" -> "orban")."""
    lowered = text.casefold().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class Token(NamedTuple):
    """One word of the analysed text, with its span and folded form (a tuple: every word of
    every sentence read is one, and a tuple is the cheapest value to make)."""

    start: int
    end: int
    raw: str
    key: str  # folded, dots removed
    possessive: bool  # followed by "'s" / "’s" (or a bare apostrophe)
    # Whether the word starts with a capital letter (worked out once: the scan of a sentence
    # asks it of every word several times).
    capitalised: bool

    @property
    def acronym(self) -> bool:
        """Whether the word is written in capitals ("US", "U.S.", "NATO")."""
        letters = self.raw.replace(".", "")
        return len(letters) >= 2 and letters.isupper()


@lru_cache(maxsize=65536)  # the same words recur in every sentence
def _token_key(raw: str) -> str:
    return fold(raw).replace(".", "")


_new_token = tuple.__new__  # Token's own constructor, without its keyword handling


def tokenize(text: str) -> list[Token]:
    """The words of `text`, with a possessive "'s" folded into the word before it."""
    # Every sentence of every article is tokenized: the words are made in one pass, and the
    # possessives looked for only in a text with an apostrophe.
    tokens: list[Token] = [
        _new_token(
            Token, (match.start(), match.end(), raw, _token_key(raw), False, raw[:1].isupper())
        )
        for match in _TOKEN.finditer(text)
        for raw in (match.group(),)
    ]
    if _APOSTROPHES.isdisjoint(text):
        return tokens
    kept: list[Token] = []
    for token in tokens:
        start = token.start
        if (
            kept
            and token.raw in ("s", "S")
            and start > 0
            and text[start - 1] in _APOSTROPHES
            and kept[-1].end == start - 1
        ):
            kept[-1] = kept[-1]._replace(possessive=True)
            continue
        kept.append(token)
    # A bare apostrophe after a plural also marks a possessive ("the Netherlands’ leader").
    for i, token in enumerate(kept):
        after = text[token.end : token.end + 1]
        if after and after in _APOSTROPHES and not token.possessive:
            nxt = text[token.end + 1 : token.end + 2]
            if not nxt.isalnum():
                kept[i] = token._replace(possessive=True)
    return kept
    for i, token in enumerate(tokens):
        after = text[token.end : token.end + 1]
        if after and after in _APOSTROPHES and not token.possessive:
            nxt = text[token.end + 1 : token.end + 2]
            if not nxt.isalnum():
                tokens[i] = token._replace(possessive=True)
    return tokens


@lru_cache(maxsize=65_536)  # names are keyed over and over: every person, every sentence
def phrase_keys(phrase: str) -> tuple[str, ...]:
    """The folded token keys of a name or phrase, without fillers and a leading "the"."""
    keys = [t.key for t in tokenize(phrase) if t.key not in FILLERS]
    if len(keys) > 1 and keys[0] == "the":
        keys = keys[1:]
    return tuple(keys)


def phrase_case(phrase: str) -> tuple[str, ...]:
    """How each token of a name must be written in text: "A" capitals, "C" capitalised, "*" any.

    A lowercase word in a name ("von der Leyen", "of") may be written either way.
    """
    rules = []
    tokens = [t for t in tokenize(phrase) if t.key not in FILLERS]
    if len(tokens) > 1 and tokens[0].key == "the":
        tokens = tokens[1:]
    for token in tokens:
        if token.acronym:
            rules.append("A")
        elif token.capitalised:
            rules.append("C")
        else:
            rules.append("*")
    return tuple(rules)


def case_fits(rule: str, token: Token) -> bool:
    """Whether a token of the text is written as a name's token requires."""
    if rule == "A":
        return token.acronym
    if rule == "C":
        return token.capitalised
    return True


# --- word lists (language, not actors) ------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Nouns after a country adjective that make it the state acting ("the Turkish government").
# Multi-word nouns are kept as phrases.
STATE_NOUNS = (
    "government",
    "federal government",
    "cabinet",
    "administration",
    "authorities",
    "officials",
    "official",
    "diplomats",
    "diplomat",
    "delegation",
    "side",
    "leadership",
    "leaders",
    "regime",
    "presidency",
    "presidential office",
    "presidential administration",
    "foreign ministry",
    "ministry of foreign affairs",
    "foreign office",
    "federal foreign office",
    "defence ministry",
    "defense ministry",
    "ministry of defence",
    "ministry of defense",
    "embassy",
    "ambassador",
    "envoy",
    "representative",
    "representatives",
    "mission",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "administration spokesperson",
    "administration spokesman",
    "administration spokeswoman",
    "national security council",
    "security council",
    "parliament",
    "state",
    "negotiators",
    "counterpart",
    "counterparts",
    "statement",
)
# Nouns after a country adjective that name one person ("the Dutch politician").
PERSON_NOUNS = ("politician", "statesman", "stateswoman", "leader", "candidate")
# Before a capital: it names a place ("in Brussels", "at the White House").
PLACE_BEFORE = _words(
    "in at inside outside near around across throughout via visit visited visiting visits "
    "based held hosted within"
)
# Prepositions that name a place only after a word of motion ("the path to Brussels"), and an
# actor otherwise ("loyalty to Washington", "support from Berlin").
MOTION_PREPOSITIONS = _words("to into towards toward from for")
MOTION_WORDS = _words(
    "path road way route trip trips journey visit visits visitor visitors guest guests travel "
    "travels traveled travelled traveling travelling flew fly flies flying flight flights "
    "went go goes going came come comes coming return returned returns returning back move "
    "moved moves moving arrive arrived arrives arriving head headed heading left leave "
    "leaving departed bound sent send delivered shipped invited invitation relocated summoned "
    "commute drive drove ride train trains"
)
# "the streets of Moscow", "the mayor of Kyiv": a place.
PLACE_OWNERS = _words(
    "streets street outskirts centre center mayor residents people city suburbs heart skies "
    "citizens university airport embassy map"
)
# After a capital or seat: it names a place or event ("the Washington summit", "London-based").
PLACE_AFTER = _words(
    "summit summits meeting meetings talks conference forum format process agreement "
    "agreements accord accords declaration communique treaty pact memorandum protocol charter "
    "consensus airport region oblast metro mayor city street streets office bureau "
    "correspondent based born residents court police marathon university stock exchange time "
    "gathering event ceremony session round negotiations visit trip hotel zoo club station "
    "suburb district area lawn grounds walls tour visitor visitors attack bombing tribunal "
    "initiative briefing"
)
# Before an office or person phrase: someone other than the holder on the day.
OTHER_TIME = _words(
    "former ex previous past late next future then would potential possible prospective"
)
# Before an office: some holder or other ("a German government spokesperson"), still the state.
INDEFINITE = _words("a an another any every each no one whichever")
# Verbs that may follow "the Estonian" when it names a person ("the Estonian said").
SPEECH_VERBS = _words(
    "said says added told stated argued noted is was has had will would could may might wants "
    "wanted hopes hoped"
)
# Words that cannot follow an adjective inside a noun phrase: after "the Norwegian" they show
# that the word stood for a person ("signed off on the Norwegian without fuss").
AFTER_A_NOUN = _words(
    "without with for on in at as who whom whose which that than by from after "
    "before over since because despite against into to of instead too also again now then yet "
    "either already later first only if unless when"
)
# Capitalised words that never start a person's name (sentence openers, titles, months).
NOT_NAME_STARTS = _words(
    "the a an on in at and but or for he she it we they this that gen general mr mrs ms dr "
    "prof january february march april may june july august september october november "
    "december monday tuesday wednesday thursday friday saturday sunday nato"
)
# Capitalised words that may stand before a surname without being a first name.
TITLE_WORDS = _words(
    "president minister chancellor premier prime secretary spokesman spokesperson spokeswoman "
    "king queen pm general gen mr mrs ms dr sir lord lady dame ambassador envoy commissioner "
    "deputy vice senator governor chief coordinator adviser advisor leader candidate "
    "counterpart director head chairman chair foreign defence defense finance former comrade "
    "madam herr frau monsieur madame taoiseach diplomat"
)
