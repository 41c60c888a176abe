"""The wording of questions: stance verbs, question forms, answer types, recency, and the
few spelling variants and synonyms that let a question's words meet an article's.

Language only; no actor and no stance is named here.
"""

from __future__ import annotations

import re
from typing import Literal

AnswerType = Literal["number", "date", "reason", "place", "person", "demand"]

# --- stance wording ---------------------------------------------------------------------------
SUPPORT = (
    r"(?:back(?:s|ed|ing|ers?)?|support(?:s|ed|ing|ers?)?|endors(?:e|es|ed|ing)|behind|"
    r"in favou?r of|on board(?: with)?|for)"
)
OPPOSE = (
    r"(?:oppos(?:e|es|ed|ing|ition)|against|block(?:s|ed|ing)?|veto(?:es|ed|ing)?|"
    r"object(?:s|ed|ing)?(?: to)?|objections?|resist(?:s|ed|ing)?|reject(?:s|ed|ing)?|"
    r"(?:hold(?:s|ing)?|held) out(?: against| on)?|holdouts?|obstruct(?:s|ed|ing)?|"
    r"reservations?(?: about)?|scepti?cal(?: of| about)?|skeptical(?: of| about)?)"
)
_AUX = r"(?:is|are|was|were|has|have|had|does|do|did|will|would|could|can|might|may)"
_LEAD = r"^(?:(?:and|so|but|ok|okay|also|then|now|well)[, ]+)*"
# "standing behind", "lining up behind", "came out against", "speaking out for"
_PHRASAL = r"(?:(?:\w+ing|come|came|lined|line|spoke|speak)\s+(?:(?:up|out)\s+)?)?"
_SOFT = (
    r"(?:(?:else|still|now|currently|really|actually|already|publicly|officially|openly|not)\s+)*"
)

# "who backs X", "which countries are against her", "who else is on board?", "is anyone
# against her?"
WHO_FORM = re.compile(
    _LEAD
    + r"(?:who(?:'s|’s)?|which\s+(?:\w+\s+){0,2}?"
    + rf"|{_AUX}\s+(?:anyone|anybody|someone|somebody|any\s+\w+|other\s+\w+)(?:\s+else)?)\s*"
    + _SOFT
    + rf"(?:{_AUX}\s+)?"
    + _SOFT
    + r"(?:\w+ly\s+)?"
    + _PHRASAL
    + rf"(?P<verb>{SUPPORT}|{OPPOSE})\b(?P<rest>.*)$"
)
# "is Turkey on board?", "does Berlin support the Dutchman?", "will § block him?"
AUX_FORM = re.compile(_LEAD + rf"{_AUX}\s+(?:the\s+)?§\s+(?P<rest>.*)$")
STANCE_IN_REST = re.compile(rf"\b(?P<verb>{SUPPORT}|{OPPOSE})\b")
# "which candidate does § back?", "whom would § support instead?": one holder on every
# candidate.
HOLDER_WHOM_FORM = re.compile(
    _LEAD
    + r"(?:who|whom|which\s+(?:candidate|contender|one|person|man|woman|nominee)s?)\s+"
    + rf"{_AUX}\s+(?:the\s+)?§\s+"
    + r"(?:[\w'’]+\s+){0,3}?"  # "end up", "say it would", "now"
    + rf"(?P<verb>{SUPPORT}|{OPPOSE})\b"
)
# "when did § back §?", "since when has § supported her?": the stance engine's "since".
WHEN_STANCE_FORM = re.compile(
    _LEAD
    + r"(?:since\s+)?when\s+"
    + rf"{_AUX}\s+(?:the\s+)?§\s+"
    # "when did Turkey stop objecting" asks about a change: retrieval finds the sentence.
    + r"(?:(?!stop|cease|end|drop|lift|give|quit)[\w'’]+\s+){0,2}?"
    + rf"(?P<verb>{SUPPORT}|{OPPOSE})\b"
)
# "is § backed by §?"
PASSIVE_FORM = re.compile(
    _LEAD
    + rf"{_AUX}\s+(?:the\s+)?§\s+"
    + _SOFT
    + r"(?:being\s+)?(?P<verb>backed|supported|endorsed|opposed|blocked|vetoed|rejected)"
    + r"\s+by\s+(?:the\s+)?§"
)
# "where does § stand", "what is §'s position on §", "how does § feel about §"
POSITION_FORM = re.compile(
    _LEAD
    + r"(?:where\s+(?:does|do|did|is|are)\s+(?:the\s+)?§\s+stand"
    + r"|what(?:'s|’s|\s+is|\s+was|\s+are)\s+(?:the\s+)?§(?:'s|’s|')?\s+"
    + r"(?:position|stance|view|line|attitude|take)"
    + r"|how\s+(?:does|do|did)\s+(?:the\s+)?§\s+(?:feel|think)\s+about"
    + r"|what\s+(?:does|do|did)\s+(?:the\s+)?§\s+think\s+(?:of|about))\b"
)
# What may stand around a bare name in a follow-up: "and Hungary?", "what about her?"
ELLIPSIS_LEAD = re.compile(
    r"^(?:(?:and|so|but|ok|okay|also|then|well)[, ]+)*"
    r"(?:(?:what|how)\s+about|what\s+of|and\s+for|same\s+for|how\s+about)?\s*"
)
ELLIPSIS_TAIL = re.compile(r"\s*(?:then|too|as well|now|instead|though)?\s*[?!.]*\s*$")


# Stance wording inside an ordinary question ("why is Turkey holding out?"): one topic, matched
# by any stance word of an article.
STANCE_PHRASE = re.compile(
    r"\b(?:back(?:s|ed|ing|ers?)?|support(?:s|ed|ing|ers?)?|endors(?:e|es|ed|ing|ement)|"
    r"in favou?r of|on board|against|oppos(?:e|es|ed|ing|ition)|block(?:s|ed|ing)?|"
    r"veto(?:es|ed|ing)?|"
    r"object(?:s|ed|ing)?|objections?|resist(?:s|ed|ing)?|reject(?:s|ed|ing)?|"
    r"(?:hold(?:s|ing)?|held) out|holdouts?|obstruct(?:s|ed|ing)?|reservations?|scepti?cal|"
    r"skeptical)\b"
)
SUPPORT_WORDS = tuple("back support endorse endorsement favour favor backer supporter".split())
OPPOSE_WORDS = tuple(
    "oppose opposition block veto object objection reject resist obstacle reservation refuse "
    "sceptical skeptical reassurance guarantee condition against holdout".split()
)


def stance_of_verb(verb: str) -> str:
    """ "supports" or "opposes" for a matched stance word."""
    return "opposes" if re.fullmatch(OPPOSE, verb) else "supports"


# Phrasal verbs of the race, read as one word before a question's words are split ("drop out"
# is "withdraw", not "drop"; "bowed out" is not "bow").
PHRASAL_VERBS = (
    (
        re.compile(
            r"\b(?:pull|drop|bow|step|stand)(?:s|ed|ped|ping|ing)?\s+(?:out|aside|down)\b"
            r"|\bstood\s+(?:aside|down)\b"
        ),
        "withdraw",
    ),
    (re.compile(r"\b(?:hold|holds|holding|held)\s+out\b"), "holdout"),
    (re.compile(r"\b(?:ask|asks|asked|asking)\s+for\b"), "demand"),
)


def join_phrasal_verbs(text: str) -> str:
    """Lower-case question text with each phrasal verb of the race as one word."""
    for pattern, word in PHRASAL_VERBS:
        text = pattern.sub(word, text)
    return text


# --- pronouns ---------------------------------------------------------------------------------
PERSON_PRONOUNS = frozenset("he him his himself she her hers herself".split())
GROUP_PRONOUNS = frozenset("they them their theirs themselves".split())

# --- answer types -----------------------------------------------------------------------------
ANSWER_TYPES: tuple[tuple[AnswerType, re.Pattern[str]], ...] = (
    (
        "number",
        re.compile(
            r"\bhow\s+(?:many|much|old|long|large|big)\b|"
            r"\bwhat\s+(?:percentage|share|proportion|number)\b"
        ),
    ),
    (
        "date",
        re.compile(
            r"^(?:\W*(?:and|so|but)\s+)?when\b|\bwhat\s+(?:day|date|month|year|time)\b|"
            r"\bhow\s+soon\b|\b(?:by|until|till)\s+when\b"
        ),
    ),
    (
        "reason",
        re.compile(r"^(?:\W*(?:and|so|but)\s+)?why\b|\bwhat\s+(?:is|was|are)\s+the\s+reason"),
    ),
    (
        "demand",
        re.compile(
            r"\bwhat\s+(?:did|does|do|has|have|had|is|was|were|are|will|would)\s+"
            r"(?:\w+\s+){1,4}?(?:ask(?:ed|ing)?\s+for|demand\w*|want\w*|seek\w*|sought|"
            r"request\w*|insist\w*\s+on)\b|"
            r"\b(?:what|which)\s+(?:conditions?|demands?|assurances?|guarantees?|terms|"
            r"concessions?|promises?)\b|\bin\s+exchange\s+for\s+what\b|"
            r"\bwhat\s+did\s+(?:\w+\s+){1,4}?(?:get|win|obtain|receive)\b"
        ),
    ),
    (
        "place",
        re.compile(
            r"^(?:\W*(?:and|so|but)\s+)?where\b|"
            r"\bwhich\s+(?:country|countries|city|cities|capital|nation|nations|state|states)\b"
        ),
    ),
    (
        "person",
        re.compile(
            r"^(?:\W*(?:and|so|but)\s+)?(?:who|whom|whose)\b|"
            r"\bwhich\s+(?:person|candidate|leader|politician|minister|official|man|woman)\b"
        ),
    ),
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
DATE_TEXT = re.compile(
    rf"\b(?:{_MONTHS})\b\.?|\b(?:19|20)\d\d\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|"
    r"\b(?:next|last|this|coming)\s+(?:week|month|year|summer|spring|autumn|fall|winter)\b|"
    r"\b(?:end|start|beginning|middle)\s+of\s+(?:the\s+|this\s+|next\s+)?"
    r"(?:week|month|year|summer|spring|autumn|winter)\b|\btomorrow\b|\byesterday\b|"
    r"\b(?:spring|summer|autumn|winter)\b|\b\d{1,2}/\d{1,2}\b",
    re.IGNORECASE,
)
NUMBER_TEXT = re.compile(
    r"\b\d+(?:[.,]\d+)?\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|billion|dozen|half|third|thirds|quarter|majority)\b",
    re.IGNORECASE,
)
# Reason words that say why on their own ("because", "over a scandal", "citing"); "after" and
# "since" may only say when.
STRONG_REASON_TEXT = re.compile(
    r"\b(?:because|due to|owing to|as a result of|citing|cited|in protest|in exchange for|"
    r"on condition that|the reason|reasons|over (?:a|an|the|his|her|its|their)\s+(?:\w+[- ])?"
    r"(?:scandal|row|dispute|affair|controversy|criticism|concerns?|stance|handling|remarks?)|"
    r"scandal|controversy|in retaliation|in response to)\b",
    re.IGNORECASE,
)
REASON_TEXT = re.compile(
    r"\b(?:because|due to|owing to|reason|over|after|since|as a result|concern|fear|feud|"
    r"in exchange for|on condition that|provided that|citing|cited|so that|in order to|"
    r"in protest|in response to|thanks to|until|unless|"
    r"dispute|disagree\w*|demand\w*|sought|seek\w*|reassur\w*|condition\w*|in exchange|"
    r"in return|retaliat\w*|grievance|objection\w*|criticis\w*|worr\w*)\b",
    re.IGNORECASE,
)
DEMAND_TEXT = re.compile(
    r"\b(?:demand\w*|condition\w*|guarantee\w*|assur\w*|reassur\w*|promis\w*|pledg\w*|"
    r"concession\w*|insist\w*|in exchange for|in return for|until|unless|provided that|"
    r"apologi[sz]\w*|wants?|wanted|seek\w*|sought|asked for|asking for|called for|calls for)\b",
    re.IGNORECASE,
)
CAPITALISED_NAME = re.compile(r"(?<=[a-z,;:] )[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+")

# Words that are part of a time phrase when a time unit follows ("last week").
TIME_MODIFIERS = frozenset("last next past coming previous following".split())
TIME_UNITS = frozenset(
    "week weeks month months year years weekend summer spring autumn winter fall day days time "
    "monday tuesday wednesday thursday friday saturday sunday night decade".split()
)

# --- recency ----------------------------------------------------------------------------------
RECENT = re.compile(
    r"\b(?:now|currently|current|latest|still|today|at the moment|at present|these days|"
    r"so far|as of now|any ?more|recent|recently|lately|newest|yet)\b"
)

# --- words that carry no topic of their own in a question --------------------------------------
GENERIC = frozenset(
    """
    what whats which who whom whose when where why how many much does do did is are was were be
    tell know think mean happen happened happening news latest now currently current still today
    anything something thing things any some please could would can explain me us you your our
    we i my let give show update info information detail details going go get got ok okay hi
    hello thanks thank really actually yet also again about lately recently recent moment present
    days far else kind sort way ever
    """.split()
)
# Verbs that carry little of a question's topic ("why was X given little chance?", "what did X
# get?"): dropped when the question has another topical word.
LIGHT_VERBS = frozenset(
    "get gets got gotten give gives gave given giving make makes made take takes took taken "
    "put puts have has had having set sets".split()
)

# --- spelling variants and a few synonyms --------------------------------------------------------
_SPELLINGS = (
    ("ence", "ense"),
    ("our", "or"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ising", "izing"),
    ("isation", "ization"),
    ("yse", "yze"),
    ("tre", "ter"),
    ("ogue", "og"),
)
_SYNONYM_GROUPS = (
    "back support endorse endorsement backing",
    "oppose opposition block veto object objection reject resist|hold out|held out|holdout",
    "ask asked seek sought demand request want",
    "demand condition conditions assurance guarantee promise pledge reassurance concession",
    "quit withdraw withdrew withdrawn withdrawal exit|pull out|pulled out|drop out|dropped out|"
    "bow out|bowed out|step aside|stepped aside|stand down|abandon",
    "race contest competition",
    "appoint appointment name named select selection choose chose chosen pick elect",
    "end conclude expire finish",
    "replace succeed successor",
    "nominate nominee",
    "lead head chief leader",
    "win secure clinch",
    "target goal benchmark",
    "meet reach achieve",
    "candidate contender candidacy nominee bid",
    "job post position role",
    "ally allies member",
    "spending expenditure",
    "reservation concern doubt",
    "frontrunner favourite favorite",
    "appoint elect choose select pick",
    "lift drop stop",
    "settle resolve",
    "decide decision",
    "depend hinge rest|according to|based on",
    "priority priorities aim agenda plan goal",
)
# Irregular forms a stemmer does not join ("met" is not "meet").
_IRREGULAR = (
    "meet met",
    "seek sought",
    "win won",
    "tell told",
    "lead led",
    "choose chose chosen",
    "hold held",
    "take took taken",
    "give gave given",
    "send sent",
    "go went gone",
    "make made",
    "speak spoke spoken",
    "leave left",
    "stand stood",
    "keep kept",
    "run ran",
    "begin began begun",
    "become became",
    "think thought",
    "bring brought",
    "write wrote written",
    "see saw seen",
    "know knew known",
    "find found",
    "get got gotten",
    "fall fell fallen",
    "rise rose risen",
    "buy bought",
    "pay paid",
    "lose lost",
    "break broke broken",
    "drive drove driven",
    "fight fought",
    "catch caught",
    "teach taught",
    "fly flew flown",
    "draw drew drawn",
    "grow grew grown",
    "throw threw thrown",
)
_SYNONYMS: dict[str, tuple[str, ...]] = {}
for _group in _SYNONYM_GROUPS:
    # Words split on spaces; "|" separates phrases of several words ("pull out").
    _head, *_phrases = _group.split("|")
    _words = (*_head.split(), *_phrases)
    for _word in _words:
        _SYNONYMS[_word] = tuple(dict.fromkeys(_SYNONYMS.get(_word, ()) + _words))


for _group in _IRREGULAR:
    _words = tuple(_group.split())
    for _word in _words:
        _SYNONYMS[_word] = tuple(dict.fromkeys(_SYNONYMS.get(_word, ()) + _words))


_SUFFIXES = ("ing", "ed", "es", "s", "ment", "ments", "ion", "ions", "al", "als")


def _base(word: str) -> str:
    """The word as listed among the synonyms: "quitting" → "quit", "objections" → "object"."""
    if word in _SYNONYMS:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            undoubled = stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else stem
            for candidate in (stem, stem + "e", undoubled):
                if candidate in _SYNONYMS:
                    return candidate
    return word


def word_variants(word: str) -> tuple[str, ...]:
    """The word, its British/American spelling and its few synonyms (no duplicates)."""
    found = [word]
    for left, right in _SPELLINGS:
        for a, b in ((left, right), (right, left)):
            if word.endswith(a) and len(word) > len(a) + 2:
                found.append(word[: -len(a)] + b)
    found += _SYNONYMS.get(_base(word), ())
    return tuple(dict.fromkeys(found))
