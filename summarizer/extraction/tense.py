"""The tense a date is said in: "will meet on Tuesday" and "steps down in October" lie ahead,
"met on Tuesday" and "quit in May" lie behind."""

from __future__ import annotations

import re

_WORD = re.compile(r"[\w'’]+")
_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\b(?:who|whose|which|that)\b")
_FUTURE = frozenset(
    "will shall 'll ’ll won't won’t upcoming scheduled slated due planned next coming".split()
)
# "to" points ahead only after these: "is set to step down", "plans to nominate".
_FUTURE_TO = frozenset(
    "set due expected scheduled slated going about poised plans plan planning intends "
    "intend hopes hope wants want is are am".split()
)
_PAST = frozenset(
    "was were had did has have ago said told quit took gave made won stood left met came went "
    "ran put sent spoke wrote broke began chose held kept lost saw thought withdrew became "
    "drew fell got knew led rose threw bid sought brought caught".split()
)
_NOT_PAST = frozenset("need speed feed indeed embed red bed shed seed proceed".split())
# Present-tense verbs of a scheduled event: "takes over in October", "whose term ends in May".
_SCHEDULED = frozenset(
    "takes steps leaves ends expires begins starts moves hands meets opens convenes hosts "
    "runs retires becomes assumes succeeds gathers holds votes decides arrives travels "
    "visits heads returns take step leave end expire begin start move meet open convene "
    "host run retire become assume succeed gather hold vote decide".split()
)
_WINDOW = 12


def _verdict(words: list[str], backwards: bool) -> bool | None:
    """True (ahead), False (behind) or None (undecided) from words nearest the date first."""
    for i, word in enumerate(words):
        if word in _FUTURE:
            return True
        j = i + 1 if backwards else i - 1
        if word == "to" and 0 <= j < len(words) and words[j] in _FUTURE_TO:
            return True
        past = word in _PAST or (word.endswith("ed") and len(word) > 4 and word not in _NOT_PAST)
        if past and backwards and j < len(words) and words[j] == "be":
            continue  # "will be held": a participle, the tense is further back
        if past:
            return False
        if word in _SCHEDULED:
            return True
    return None


def said_ahead(sentence: str, start: int, end: int) -> bool:
    """Whether the date written at `start`:`end` of `sentence` is said in the future tense.

    Reads the date's own clause: the nearest tense-bearing word before the date decides
    ("said on Tuesday it will …" is past), else the nearest after it; a present-tense verb
    of a scheduled event ("takes over in October") points ahead. Undecided means past.
    """
    clause_start = 0
    for match in _CLAUSE_BREAK.finditer(sentence, 0, start):
        clause_start = match.end() if match.group(0)[0] in ",;:()—–" else match.start()
    following = _CLAUSE_BREAK.search(sentence, end)
    clause_end = following.start() if following else len(sentence)
    before = [w.casefold() for w in _WORD.findall(sentence[clause_start:start])]
    after = [w.casefold() for w in _WORD.findall(sentence[end:clause_end])]
    verdict = _verdict(before[::-1][:_WINDOW], backwards=True)
    if verdict is None:
        verdict = _verdict(after[:_WINDOW], backwards=False)
    return bool(verdict)
