"""How a stance was said: polarity, modality and aspect of one stance reading.

A reading is the stance a cue expresses plus the way the sentence frames it: a question, a
denial, a commentator's forecast, a requirement of the rules, a hypothetical, a condition
that is a demand (which makes the stance "reservations") or one that is not yet met, a past
stance since ended. Only the wording around the cue is read here; who holds the stance and
toward whom is decided by the sentence reader.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from records.claims import Aspect, Modality, Polarity, Stance

QUESTION_START = re.compile(
    r"^\s*(?:will|would|can|could|is|are|does|do|did|should|has|have|who|which|whether)\b",
    re.IGNORECASE,
)
_DENIED = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|dismiss(?:es|ed|ing)?|rebuff(?:s|ed)?|rejected\s+(?:reports|claims|"
    r"suggestions))\b(?:\s+[\w'’-]+){0,4}?\s+(?:that|reports?|claims?|suggestions?)\b",
    re.IGNORECASE,
)
_PREDICTED = re.compile(
    r"\b(?:(?:is|are|was|were)\s+(?:widely\s+|also\s+)?expected\s+to|expects?\s+\w+\s+to|"
    r"expected\s+\w+\s+to|predict(?:s|ed|ing)?|forecasts?|will\s+likely|"
    r"(?:is|are|was|were)\s+(?:\w+\s+)?(?:likely|poised|set|unlikely)\s+to|"
    r"fair\s+chance|analysts?|commentators?|columnists?|observers?|pundits?|think\s+tank)\b",
    re.IGNORECASE,
)
_OPEN_QUESTION = re.compile(
    r"\b(?:whether|unclear|uncertain|not\s+(?:yet\s+)?clear|(?:which|whom)\s+(?:\w+\s+){0,2}to)\b",
    re.IGNORECASE,
)
_TERMS_FOR = re.compile(
    r"\b(?:conditions?|terms|price|demands?|requirements?|preconditions?)\s+for\s+$", re.IGNORECASE
)
_REQUIRED = re.compile(
    r"\b(?:needs?|require[sd]?|must\s+(?:win|secure|obtain|get))\b(?:\s+[\w'’-]+){0,3}\s*$",
    re.IGNORECASE,
)
# A modal right before the stance verb: "could support", "would have liked", "might back".
_MODAL = re.compile(
    r"\b(?:would|could|might|may|should)\s+(?:still\s+|also\s+|well\s+|not\s+|have\s+been\s+"
    r"\w+\s+to\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
_SUBORDINATE = re.compile(
    r"\b(?:before|until|unless|if|whether|without|instead\s+of|in\s+exchange\s+for)\s+"
    r"(?:[\w'’-]+\s+){0,1}(?:(?:will|would|can|could|is\s+ready\s+to|agrees\s+to)\s+)?$",
    re.IGNORECASE,
)
# Someone reports the decision: "Ankara said it would back Rutte" is an announced intention.
_ANNOUNCED = re.compile(
    r"\b(?:said|says|saying|announced|confirmed|told|telling|stated|declared|indicated|signalled|"
    r"signaled|made\s+clear|promised|pledged|decided|wrote|added)\b[^.;]{0,100}?\s+"
    r"(?:\w+\s+){0,4}would\s+(?:(?:now|also|too|instead|still|then|rather|gladly|happily|"
    r"certainly|definitely)\s+)?$",
    re.IGNORECASE,
)
_CONDITION = re.compile(
    r"\b(?:only\s+if|if|provided(?:\s+that)?|providing|on\s+(?:the\s+)?condition\s+that|"
    r"on\s+(?:one|two|three|certain|some)\s+conditions?|as\s+long\s+as|so\s+long\s+as|once|unless|"
    r"only\s+when|in\s+return\s+for|should\s+(?:he|she|they|it)|depend(?:s|ed|ing)?\s+on)\b"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)
# A condition that is a stage of the race, not a demand on the candidate: "if she runs",
# "once Poland has notified allies", "only if the Pole left the race".
RACE_STEP = re.compile(
    r"\b(?:runs?|ran|running|enters?|entered|stands?|decides?\s+to\s+run|decided\s+to\s+run|"
    r"left\s+the\s+race|leaves\s+the\s+race|quits?|withdr\w+|pulls?\s+out|pulled\s+out|"
    r"st(?:ood|ands?)\s+(?:down|aside)|step(?:s|ped)?\s+(?:down|aside)|bow(?:s|ed)?\s+out|"
    r"drop(?:s|ped)?\s+out|"
    r"notif\w+|declares?|declared|is\s+chosen|fields?|formally\s+(?:enters|entered)|"
    r"(?:is|are|was|were)\s+(?:nominated|appointed))\b",
    re.IGNORECASE,
)
# A condition that holds now: "for as long as he remains in the race".
_STANDING = re.compile(r"\b(?:as|so)\s+long\s+as\s+\w+\s+(?:remains|stays|is)\b", re.IGNORECASE)
# "Poland, which had nominated him, …": background about the holder, not news.
PAST_RELATIVE = re.compile(
    r"\b(?:which|who)\s+had\s+(?:(?:long|earlier|once|previously|initially|first|\w+ly)\s+)*$",
    re.IGNORECASE,
)
_HAD_BEFORE = re.compile(
    r"\bhad\s+(?:(?:long|earlier|once|previously|initially|first|\w+ly)\s+)*$", re.IGNORECASE
)
_PAST_PERFECT = re.compile(
    r"\bhad\s+(?:(?:long|earlier|once|previously|initially|first|for\s+\w+|\w+ly)\s+)*"
    r"(?:been|\w+ed|\w+en|led|held|fought)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reading:
    """How one stance cue is meant in its sentence."""

    stance: Stance
    polarity: Polarity = "affirmed"
    modality: Modality = "stated"
    aspect: Aspect = "current"
    past_perfect: bool = False  # "which had backed …": ended if the holder moved on


def is_question(sentence: str) -> bool:
    """Whether the sentence asks rather than tells."""
    stripped = sentence.strip().rstrip("\"”’' ")
    return stripped.endswith("?")


def read_modality(
    sentence: str,
    clause_start: int,
    hit_start: int,
    hit_end: int,
    stance: Stance,
    reversal: bool = False,
    countries_at: Sequence[int] = (),
) -> Reading:
    """The reading of a stance cue found at `hit_start:hit_end` of `sentence`.

    `clause_start` is where the cue's clause begins; the framing words are looked for in the
    clause and just before it, the condition after the cue. `reversal` marks a cue that
    ends an objection ("lift its veto"): put off or conditional, the objection stands.
    `countries_at` are the offsets of country names: a condition whose subject is another
    country ("if Denmark did") is no demand.
    """
    before = sentence[:hit_start]
    clause_before = sentence[clause_start:hit_start]
    after = sentence[hit_end:]
    segment = clause_before.rsplit(",", 1)[-1]  # "which had backed X, now supports Y"
    past = bool(_PAST_PERFECT.search(segment) or _HAD_BEFORE.search(before))
    if is_question(sentence):
        return Reading(stance, modality="asked")
    if _DENIED.search(before):
        return Reading(stance, modality="denied")
    if _PREDICTED.search(before):
        return Reading(stance, modality="predicted")
    if _OPEN_QUESTION.search(clause_before):
        return Reading(stance, modality="asked")  # "it is unclear whether the Baltics back him"
    if _TERMS_FOR.search(before):
        return Reading("conditional")  # "laid out his conditions for backing Rutte"
    if _REQUIRED.search(clause_before):
        return Reading(stance, modality="required")
    if reversal and (_SUBORDINATE.search(before) or _MODAL.search(before)):
        # "before it will lift its objection": the objection stands.
        return Reading("opposes")
    condition = _CONDITION.search(after)
    if condition and _STANDING.search(condition.group(0)):
        return Reading(stance, past_perfect=past)
    modal = _MODAL.search(before)
    if condition and stance == "supports":
        rest = hit_end + condition.start("rest")
        by_another = any(rest <= at <= rest + 12 for at in countries_at)
        if by_another or RACE_STEP.search(condition.group("rest")[:120]):
            # "if Denmark did", "if she runs": a step of the race, not a demand on anyone
            return Reading(stance, modality="conditional")
        return Reading("conditional")  # a demand: support only on terms
    if condition and modal and stance in ("opposes", "conditional"):
        return Reading(stance, modality="conditional")
    if _SUBORDINATE.search(before):
        return Reading(stance, modality="hypothetical")
    if modal and not _ANNOUNCED.search(before):
        if stance == "supports" and re.search(r"\b(?:could|might|may)\b", modal.group(0), re.I):
            return Reading(stance, modality="hypothetical")
        if re.search(r"\bhave\s+been\b|\bwould\s+have\b", modal.group(0), re.IGNORECASE):
            return Reading(stance, modality="hypothetical")
        if stance == "supports":
            return Reading(stance, modality="hypothetical")
    return Reading(stance, past_perfect=past)
