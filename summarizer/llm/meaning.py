"""What a sentence claims, read closely enough to compare a model's sentence with its sources.

A sentence is read as the names it mentions, the numbers and quantifiers it uses, and the
race events it states: who backs, opposes (blocks, holds out), withdraws, is a candidate or
is appointed, each with its polarity ("refuses to back", "no longer opposes") and whether it
is asserted or only conditional, predicted or asked. Paraphrases map to one event ("endorse"
and "throw its weight behind" are support; "quit" and "pull out" are withdrawal), so the
words may differ while the meaning must not. Pure functions over strings; no state.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Phrases that end a stance ("dropped its objections", "withdrew its support") are read first
# so their verbs are not also read as a candidate's withdrawal.
_OBJECT = r"(?:objections?|opposition|vetos?|vetoes|blockade|block|resistance|reservations)"
_END_OPPOSE = re.compile(
    r"\b(?:drop\w*|lift\w*|withdr[ae]w\w*|end(?:s|ed|ing)?|abandon\w*|gave up|give up|"
    r"giving up|set aside|waiv\w*|remov\w*)\s+(?:(?:its|their|his|her|the|all)\s+)?"
    + _OBJECT
    + r"\b"
)
_END_SUPPORT = re.compile(
    r"\b(?:withdr[ae]w\w*|pull\w*|drop\w*|end(?:s|ed|ing)?)\s+(?:(?:its|their|his|her|the)\s+)?"
    r"(?:support|backing|endorsement)\b"
)
# Read before single words; "" marks words that are no event ("holding back" is not "back").
_PHRASES = (
    ("end_oppose", _END_OPPOSE),
    ("end_support", _END_SUPPORT),
    ("", re.compile(r"\b(?:hold\w*|held|pull\w*|step\w*) back\b|\bback(?:ed)? down\b")),
)
_TRIGGERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "support",
        re.compile(
            r"\b(?:back(?:s|ed|ing|ers?)?|support(?:s|ed|ing|ers?)?|endors\w*|favou?r(?:s|ed|ing)?|"
            r"champion\w*|weight behind|rall\w* behind)\b"
        ),
    ),
    (
        "oppose",
        re.compile(
            r"\b(?:oppos\w*|object(?:s|ed|ing|ions?)?|block(?:s|ed|ing)?|veto\w*|holdouts?|"
            r"hold(?:s|ing)? out|held out|resist\w*|reservations)\b"
        ),
    ),
    (
        "withdraw",
        re.compile(
            r"\b(?:withdr[ae]w\w*|quit(?:s|ting)?|pull\w* out|dropp?\w* out|bow\w* out|"
            r"step\w* (?:aside|down)|rul\w* (?:himself|herself|themselves|itself) out|"
            r"(?:left|leav\w*|exit\w*|quit) the (?:race|contest)|"
            r"(?:abandon\w*|end\w*|drop\w*|g[ai]ve up|giving up) (?:\w+(?:'s)? ){0,2}"
            r"(?:bid|candidacy))\b"
        ),
    ),
    (
        "appoint",
        re.compile(
            r"\b(?:appoint\w*|named (?:\w+(?:'s)? ){0,3}(?:secretary|chief|head|successor)|"
            r"select\w*|chos[e]n?|choose\w*|pick\w*|tak\w* office|took office|tak\w* over|"
            r"took over|succe(?:ed\w*|ssor)|secured? the (?:post|job|top job|role))\b"
        ),
    ),
    (
        "candidacy",
        re.compile(
            r"\b(?:candidac\w*|candidates?|contenders?|run(?:s|ning)? for|ran for|bids?|"
            r"nominat\w*|(?:enter\w*|join\w*|in) the (?:race|contest)|put\w* forward|"
            r"declar\w* (?:his|her|its) candidacy)\b"
        ),
    ),
)
_NEGATORS = frozenset(
    "not never no nor refuse refuses refused refusing decline declines declined declining "
    "withheld withhold withholds withholding unlikely denied denies deny denying short "
    "failed fails fail without against".split()
)
_REFUSALS = frozenset(
    "refuse refuses refused refusing decline declines declined declining withheld withhold "
    "withholds withholding".split()
)
_NEGATOR_PHRASES = re.compile(r"\byet to\b|\bhold\w* back\b|\bheld back\b")
_MODALS = frozenset(
    "if unless provided providing could might may expected expect expects likely unlikely "
    "possible possibly potential considering consider considers weighing poised "
    "would-be hopes hoping close considered seen".split()
)
_CLAUSE_BREAK = re.compile(r";|:|\s—\s|,?\s+(?:while|whereas|but)\s+|,\s+and\s+")
_NEW_SUBJECT = re.compile(r"\b(?:and|as|while|whereas|but|so)\s+(?:the\s+)?[A-Z]")
_QUANTIFIERS = frozenset("all every each unanimous unanimously none entire whole".split())
_NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_TIMES = {"twice": "2", "thrice": "3"}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_NAME = re.compile(r"\b[A-Z][\w'’.-]*[A-Za-z](?:\s+[A-Z][\w'’.-]*[A-Za-z])*")
# Capitalised words that are grammar or titles, not names.
NOT_NAMES = frozenset(
    "the a an in on at by for from with without and but or nor so yet as if while after before "
    "since until its it their they this that these those there here he she his her we our "
    "meanwhile however also still both neither either several some many most other others "
    "secretary general nato alliance allies president prime minister premier chancellor "
    "foreign defence defense ambassador ambassadors leader mr mrs ms dr".split()
)
_DEMONYMS = frozenset(
    {
        ("dutch", "netherlands"),
        ("french", "france"),
        ("danish", "denmark"),
        ("danes", "denmark"),
        ("spanish", "spain"),
        ("turkish", "turkey"),
        ("turkish", "turkiye"),
        ("turkey", "turkiye"),
        ("ankara", "turkey"),
        ("greek", "greece"),
        ("norwegian", "norway"),
        ("finnish", "finland"),
        ("polish", "poland"),
        ("czech", "czechia"),
        ("swedish", "sweden"),
        ("british", "britain"),
        ("britain", "united kingdom"),
        ("uk", "britain"),
        ("us", "united states"),
        ("u.s", "united states"),
        ("american", "united states"),
        ("nato", "alliance"),
    }
)


def fold(text: str) -> str:
    """Lower case without accents, curly apostrophes made straight."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Event:
    """One race event a clause states: its kind, polarity, mood and who is named before it."""

    kind: str  # support, oppose, end_oppose, end_support, withdraw, appoint, candidacy
    negated: bool
    refused: bool  # negated by an act ("refuses to back", "withholds support"), not a fact
    hedged: bool  # conditional, predicted, possible or asked: not stated as a fact
    actors: tuple[str, ...]  # folded name words of the clause before the event (or after "by")
    clause_names: tuple[str, ...]  # folded name words of the clause from the previous event on


def stance(event: Event) -> str:
    """The event as a plain claim: S backs, H does not back, R refuses to back (holds out),
    O opposes, N does not oppose; other kinds keep their name, "not " prefixed when negated."""
    kind, negated = event.kind, event.negated
    if kind == "support":
        return ("R" if event.refused else "H") if negated else "S"
    if kind == "oppose":
        return "N" if negated else "O"
    if kind == "end_oppose":
        return "O" if negated else "N"
    if kind == "end_support":
        return "S" if negated else "H"
    return f"not {kind}" if negated else kind


# What a cited passage's claim lets the sentence claim besides itself: backing implies not
# opposing; refusing to back (holding out) is reported as opposition and the other way round;
# either implies not backing. Merely not backing ("has not endorsed") implies no more.
_IMPLIED = frozenset({("O", "R"), ("R", "O"), ("O", "H"), ("R", "H"), ("S", "N")})


def name_words(text: str, *, skip_first: Iterable[str] = ()) -> list[str]:
    """The capitalised words of `text` that may be names (folded, possessives removed).

    `skip_first` lists folded words that are grammar when they open the sentence."""
    skipped = set(skip_first)
    words: list[str] = []
    for match in _NAME.finditer(text):
        for index, word in enumerate(match.group(0).split()):
            bare = re.sub(r"['’]s$", "", word.strip(".")).strip("’'")
            folded = fold(bare)
            if folded in NOT_NAMES or (match.start() == 0 and index == 0 and folded in skipped):
                continue
            if len(bare) > 1:
                words.append(folded)
    return words


def numbers(text: str) -> set[str]:
    """The numbers in `text`, digits or words ("three" is "3"), without thousands commas."""
    found = {n.replace(",", "") for n in _NUMBER.findall(text)}
    found |= {_NUMBER_WORDS[w] for w in _WORD.findall(fold(text)) if w in _NUMBER_WORDS}
    found |= {_TIMES[w] for w in _WORD.findall(fold(text)) if w in _TIMES}
    return found


def quantifiers(text: str) -> set[str]:
    """The sweeping quantifiers ("all", "every", "unanimously") `text` uses; a distributive
    "all" after the names it sums up ("Britain and France all back…") is not one."""
    found = set()
    for match in re.finditer(r"[A-Za-z]+", text):
        word = match.group(0).lower()
        if word not in _QUANTIFIERS:
            continue
        previous = re.findall(r"[A-Za-z]+", text[: match.start()])[-1:]
        if (
            word == "all"
            and previous
            and (previous[0][0].isupper() or previous[0].lower() in {"they", "we", "them", "these"})
        ):
            continue
        found.add(word)
    return found


def name_is_in(word: str, haystack: str) -> bool:
    """Whether a folded name word appears in the folded haystack, as itself, its stem
    ("Slovakia" in "Slovak"), or its country or demonym ("Dutch" for "Netherlands")."""
    if len(word) <= 3:  # "US", "EU": as a word of its own, not inside "must"
        if re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", haystack):
            return True
    elif word in haystack:
        return True
    if len(word) >= 6 and word[: max(5, len(word) - 2)] in haystack:
        return True
    return any((word == a and b in haystack) or (word == b and a in haystack) for a, b in _DEMONYMS)


def clauses(text: str) -> list[str]:
    """`text` cut where it turns to another subject ("; ", ", while", ", but", ", and")."""
    return [part for part in _CLAUSE_BREAK.split(text) if part.strip()]


def _modal_words(raw: str) -> set[str]:
    """The hedging words of a raw stretch of text ("May" the month is not one)."""
    return {w.lower() for w in re.findall(r"[A-Za-z-]+", raw) if w.lower() in _MODALS} - (
        {"may"} if "May" in raw and "may" not in raw else set()
    )


def _event_at(
    clause: str, folded: str, span: tuple[int, int, str], skip_first: Iterable[str]
) -> Event:
    start, end, kind = span
    before = _WORD.findall(folded[:start])
    window = before[-5:]
    negated = bool(set(window) & _NEGATORS or _NEGATOR_PHRASES.search(" ".join(window)))
    negated = negated or bool({"denied", "denies", "deny"} & set(before))
    refused = bool(set(window) & _REFUSALS) or bool(
        re.search(r"\bh[oe]ld\w* back\b", " ".join(window))
    )
    raw_start, raw_end = _raw_offset(clause, folded, start), _raw_offset(clause, folded, end)
    after_raw = clause[raw_end:]
    hedged = bool(_modal_words(clause[:raw_start]) or _modal_words(" ".join(after_raw.split()[:4])))
    if "by" in folded[end:].split()[:2]:  # "is backed by Sweden": the actors follow
        actors = name_words(after_raw)
    else:
        actors = name_words(clause[:raw_start], skip_first=skip_first)
    names = tuple(name_words(clause, skip_first=skip_first))
    return Event(kind, negated, refused, hedged, tuple(actors), names)


def _events_of_clause(clause: str, skip_first: Iterable[str], asked: bool) -> list[Event]:
    folded = fold(clause)
    spans: list[tuple[int, int, str]] = []
    for kind, pattern in _PHRASES:
        spans += [(m.start(), m.end(), kind) for m in pattern.finditer(folded)]
    for kind, pattern in _TRIGGERS:
        for m in pattern.finditer(folded):
            if not any(s <= m.start() < e or m.start() <= s < m.end() for s, e, _ in spans):
                spans.append((m.start(), m.end(), kind))
    conditional = asked or bool(
        set(_WORD.findall(folded)) & {"if", "unless", "provided", "providing"}
    )
    found: list[Event] = []
    previous_end = 0
    for span in sorted(s for s in spans if s[2]):
        event = _event_at(clause, folded, span, skip_first)
        names = event.clause_names
        # "Romania nominated Iohannis and Bulgaria backs Rutte": a new subject after an
        # earlier event starts this event's scope, so who backs is not Romania.
        between = clause[
            _raw_offset(clause, folded, previous_end) : _raw_offset(clause, folded, span[0])
        ]
        turn = [m.start() for m in _NEW_SUBJECT.finditer(between)] if previous_end else []
        if turn:
            start = _raw_offset(clause, folded, previous_end) + turn[-1]
            names = tuple(name_words(clause[start:]))
        hedged = event.hedged or conditional
        found.append(Event(event.kind, event.negated, event.refused, hedged, event.actors, names))
        previous_end = span[1]
    return found


def _raw_offset(raw: str, folded: str, index: int) -> int:
    """The offset in `raw` matching `index` in its folded form (same length unless folding
    changed it, then proportionally)."""
    if len(raw) == len(folded):
        return index
    return round(index * len(raw) / max(len(folded), 1))


def events(text: str, skip_first: Iterable[str] = ()) -> list[Event]:
    """The race events `text` states, clause by clause."""
    asked = text.rstrip().endswith("?")
    skip = tuple(skip_first)
    found: list[Event] = []
    text = re.sub(r"(?i)\bwon['’]t\b", "will not", text)
    text = re.sub(r"(?i)\bcan['’]t\b", "can not", text)
    text = re.sub(r"(?i)n['’]t\b", " not", text)
    for index, clause in enumerate(clauses(text)):
        found += _events_of_clause(clause.strip(), skip if index == 0 else (), asked)
    return found


def _implies(have: str, want: str) -> bool:
    return have == want or (have, want) in _IMPLIED


def event_supported(claimed: Event, sources: Sequence[Event], extra_names: str) -> bool:
    """Whether a source event backs the claimed one: the same claim (or one it implies),
    stated as firmly, about someone the source clause names."""
    want = stance(claimed)
    for source in sources:
        if not _implies(stance(source), want):
            continue
        if source.hedged and not claimed.hedged:
            continue
        named = " ".join(source.clause_names) + " " + extra_names
        if claimed.actors and not any(name_is_in(a, named) for a in claimed.actors):
            continue
        return True
    return False
