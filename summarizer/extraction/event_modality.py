"""How a candidacy event is said: as a fact, denied, negated, asked, predicted, intended,
hypothetical or as something that held once and no longer does ("had briefly considered")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from records.claims import Aspect, CandidacyEvent, Modality, Polarity

_DENIED = re.compile(
    r"\b(?:den(?:ied|ies|y|ying)|dismiss(?:ed|es|ing)|reject(?:ed|s|ing)|refut(?:ed|es|ing))\s+"
    r"(?:\w+\s+){0,3}?(?:reports?|suggestions?|claims?|rumou?rs?|speculation|that)\b|"
    r"\bden(?:ied|ies|y|ying)\s+(?:he|she)\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"\b(?:not|n['’]t|never|no\s+longer|no|nor)\s+(?:\w+\s+){0,2}$|"
    r"\bno\s+(?:pressure|plans?|intention|sign|question)\b",
    re.IGNORECASE,
)
_HAD_ONCE = re.compile(
    r"\b(?:had\s+(?:\w+ly\s+)?|once\s+|earlier\s+|previously\s+|briefly\s+)$", re.IGNORECASE
)
_CONDITION = re.compile(
    r"\b(?:if|unless|whether|should\s+\w+\s+decide|were\s+(?:he|she|it)\s+to|in\s+case|"
    r"the\s+moment|(?:idea|prospect|possibility|talk|speculation)\s+(?:of|that|about))\b",
    re.IGNORECASE,
)
_MAY = re.compile(r"\b(?:may|might|could|can)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_WOULD = re.compile(r"\b(?:would|should)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_WILL = re.compile(r"\b(?:will|shall|['’]ll)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_PREDICTED = re.compile(
    r"\b(?:expected|set|poised|likely|tipped|about|going|slated|seen\s+as\s+likely|due|"
    r"unlikely)\s+to\s+(?:\w+\s+){0,2}$|\bunder\s+(?:\w+\s+){0,2}pressure\s+to\s+(?:\w+\s+)?$|"
    r"\b(?:urged|called\s+on|asked|pressed|calls?\s+for)\s+(?:\w+\s+){0,3}to\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_DUE = re.compile(r"\b(?:due|is|are|was)\s+to\s+(?:\w+\s+){0,1}$", re.IGNORECASE)
_INTENDED = re.compile(
    r"\b(?:intends?|intention|plans?|planning|aims?|wants?|hopes?|seeks?|agreed|"
    r"ready|prepared|willing|preparing)\s+to\s+(?:\w+\s+){0,2}$|"
    r"(?<!decision\s)(?<!decided\s)\bto\s+(?:\w+ly\s+)?$|"
    # "supports appointing X", "favours naming her": what someone wants done, not the act.
    r"\b(?:supports?|supported|backs?|backed|favou?rs?|favou?red|endorses?|endorsed|"
    r"proposes?|proposed|urges?|urged|advocates?|advocated)\s+$",
    re.IGNORECASE,
)
_AGREED_TO = re.compile(r"\bagreed\s+(?:\w+ly\s+)?to\s+$", re.IGNORECASE)
_WHETHER = re.compile(r"\bwhether\b", re.IGNORECASE)
_GERUND = re.compile(r"[A-Za-z]+ing\b")
_HOW = re.compile(r"\b(?:how|what|why|where)\s+(?:he|she|they|it)\s+(?:\w+\s+)?$", re.I)
_BEFORE = re.compile(r"\b(?:before|until|instead\s+of)\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Reading:
    """How an event was said; `counts` as for claims."""

    polarity: Polarity = "affirmed"
    modality: Modality = "stated"
    aspect: Aspect = "current"


def read_event(
    masked: str,
    start: int,
    end: int,
    window_start: int,
    event: CandidacyEvent,
    own_negation: bool,
    dated: bool,
) -> Reading:
    """How the event whose cue spans `start`..`end` of the sentence is said; `window_start`
    is where its clause (or its subject) begins, `dated` whether the text gives its date."""
    before = masked[window_start:start]
    after = masked[end:]
    if masked.rstrip().endswith("?"):
        return Reading(modality="asked")
    if not masked[:start].strip() and _GERUND.match(masked, start):
        return Reading(modality="hypothetical")  # "Leaving the race now would earn him …"
    if _HOW.search(before):
        return Reading(modality="hypothetical")  # "talks about how he would lead NATO"
    if _DENIED.search(masked[:start]):
        return Reading(modality="denied")
    if not own_negation and _NEGATED.search(before):
        return Reading(polarity="negated")
    if event == "considers":
        if _WHETHER.search(before[-40:]):
            return Reading(modality="asked")  # "asked whether she would like the job"
        ended = _HAD_ONCE.search(before)
        return Reading(aspect="ended") if ended else Reading()
    if _CONDITION.search(before) or _MAY.search(before) or _BEFORE.search(before):
        return Reading(modality="hypothetical")
    if event == "takes_office":
        return _future_start(before, dated)
    if _PREDICTED.search(before):
        return Reading(modality="predicted")
    if event == "nominated":
        if _CONDITION.search(after[:80]):
            return Reading(modality="conditional")
        if _WOULD.search(before) or _WILL.search(before) or _INTENDED.search(before):
            return Reading(modality="intended")
        return Reading()
    if not own_negation and _WOULD.search(before):
        return Reading(modality="hypothetical")
    if event == "appointed" and _AGREED_TO.search(before):
        return Reading()  # "leaders agreed unanimously to appoint him": the decision itself
    if _INTENDED.search(before) and event in ("withdraws", "appointed", "left_office"):
        return Reading(modality="intended")
    if _WILL.search(before) and event in ("withdraws", "appointed", "left_office"):
        return Reading(modality="predicted")
    return Reading()


def _future_start(before: str, dated: bool) -> Reading:
    # "He will take up the post on 1 October": a start date set by an appointment already made
    # counts; "expected to take over" or a start with no date is a forecast.
    if _DUE.search(before) and not _PREDICTED.search(before.replace("due to", "")):
        return Reading() if dated else Reading(modality="predicted")
    if _PREDICTED.search(before) or _WOULD.search(before):
        return Reading(modality="predicted")
    if _INTENDED.search(before):
        return Reading(modality="intended")
    if _WILL.search(before) and not dated:
        return Reading(modality="predicted")
    return Reading()
