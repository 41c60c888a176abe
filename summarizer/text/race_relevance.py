"""Whether a text is about the race for NATO Secretary General, scored from its sentences.

A watched feed brings everything its outlet publishes; only the race is kept. The score
reads the body sentence by sentence: race wording that stands alone ("the race to succeed
Stoltenberg", "the next secretary general"), the office named together with succession
wording ("backs Rutte for secretary general"), and NATO named together with a candidacy word.
The office alone (the holder speaking about spending) is NATO news, not the race; a
candidate's name alone (a prime minister's domestic politics) is not the race either. The
headline counts for little: a text is kept only when its body carries the race, and only
when it names NATO at all (the race to succeed a UN chief or a party leader is another race).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KEEP_AT = 2  # the total score at which a text is about the race
BODY_AT = 2  # the least of that which must come from the body
STRONG, PAIRED, WEAK = 3, 2, 1
HEADLINE_WEIGHT = 0.5

_SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(A-Z0-9])|\n+")

_STRONG = re.compile(
    r"\brace (?:to|for) (?:lead|head|run|succeed|become|replace|be (?:the )?next|the top)"
    r"|\bnext (?:nato )?secretar(?:y|ies)[- ]general"
    r"|\b(?:nato|alliance)[’']s next (?:leader|chief|head|secretary)"
    r"|\bnext (?:nato|alliance) (?:chief|leader|head|boss)"
    r"|\bnext head of (?:nato|the alliance)"
    r"|\bsuccessor (?:to|for|of) (?:jens |mark )?(?:stoltenberg|rutte|rasmussen)"
    r"|\b(?:stoltenberg|rutte|rasmussen)[’']s (?:successor|replacement|job)"
    r"|\bsucceed(?:s|ed|ing)? (?:jens |mark )?(?:stoltenberg|rutte|rasmussen)"
    r"|\bsecretar(?:y|ies)[- ]general (?:race|contest|nomination|selection|succession|vacancy)"
    r"|\b(?:nato|alliance)[’']s top (?:job|post|civilian (?:job|post))"
    r"|\btop (?:job|post|civilian (?:job|post)) (?:at|in|of) (?:nato|the alliance)"
    r"|\b(?:candidates?|candidacy|bid|contenders?|front-?runners?|favou?rites?) "
    r"(?:\w+ ){0,3}(?:to (?:lead|head|run) (?:nato|the alliance)"
    r"|for (?:the )?(?:nato|alliance)[’']?s? (?:top|leadership|chief|secretary))"
)
_OFFICE = re.compile(
    r"\bsecretar(?:y|ies)[- ]general"
    r"|\bnato (?:chief|boss|head|leader|leadership|helm)\b"
    r"|\bhead of (?:nato|the alliance)\b|\bhelm of (?:nato|the alliance)\b"
    r"|\blead(?:ing)? (?:nato|the alliance)\b|\b(?:run|head) (?:nato|the alliance)\b"
    r"|\btop (?:nato )?(?:job|post)\b"
)
_SUCCESSION = re.compile(
    r"\bsucce(?:ed|eds|eded|eding|ssor|ssion)\b|\breplac(?:e|es|ed|ing|ement)\b"
    r"|(?<!arms )\brace\b|\bbids?\b|\bcandida(?:te|tes|cy|ture)\b|\bcontenders?\b"
    r"|\bfront-?runners?\b|\bnominat|\bappoint|\bin the running\b|\bshortlist"
    r"|\bendors|\bback(?:s|ed|ing)? (?:\w+ ){0,3}(?:for|as)\b|\bpick(?:s|ed|ing)?\b"
    r"|\bsupport(?:s|ed|ing)? (?:\w+ ){0,3}(?:for|as)\b|\bconsensus\b|\bveto"
    r"|\b(?:term|mandate)\b.{0,40}\b(?:ends|expires|runs out|was extended|is extended)"
    r"|\bextend\w* (?:[\w']+ ){0,3}(?:term|mandate)\b|\bextension\b|\bstep(?:s|ping)? down\b"
    r"|\bselect(?:ion|ed)?\b|\bchoos(?:e|ing)\b|\bchosen\b|\bobjections?\b|\bblock(?:s|ed|ing)?\b"
    r"|\bhold-?outs?\b|\bcampaign|\blobby|\bwithdr[ae]w|\bpull(?:s|ed)? out\b|\bhat in the ring\b"
)
_NATO = re.compile(r"\bnato\b|\bthe alliance\b|\bnorth atlantic\b")
# The text is about NATO at all: the alliance, a past or present holder, or the office
# named with no other organisation beside it.
_NATO_CONTEXT = re.compile(
    r"\bnato\b|\balliance\b|\bnorth atlantic\b|\bstoltenberg\b|\brasmussen\b"
)
_OTHER_BODY = re.compile(
    r"\bunited nations\b|\bun\b|\bguterres\b|\bcommonwealth\b|\bopec\b|\bosce\b"
    r"|\bcouncil of europe\b|\bparty\b|\bunion\b"
)
_CANDIDACY = re.compile(
    r"\bsucce(?:ed|eds|eded|eding|ssor)\b|\bcandida(?:te|tes|cy|ture)\b|\bcontenders?\b"
    r"|\bfront-?runners?\b|\bin the running\b|\bshortlist"
)


@dataclass(frozen=True)
class Relevance:
    """A text's race score, how much came from its body, and whether it is kept."""

    score: float
    body_score: float
    keep: bool
    reasons: tuple[str, ...]


def _sentence_score(sentence: str) -> tuple[int, str | None]:
    text = sentence.casefold().replace("\u2019", "'")
    if _STRONG.search(text):
        return STRONG, "race wording"
    if _OFFICE.search(text) and _SUCCESSION.search(text):
        return PAIRED, "the office with succession wording"
    if _NATO.search(text) and _CANDIDACY.search(text):
        return WEAK, "NATO with a candidacy word"
    return 0, None


def split_sentences(text: str) -> list[str]:
    """A rough split into sentences (enough for scoring, not for citing)."""
    return [part.strip() for part in _SENTENCE.split(text) if part and part.strip()]


def race_relevance(body: str, title: str | None = None) -> Relevance:
    """Score a text (its body, and its headline at half weight) for the race."""
    body_score = 0.0
    reasons: list[str] = []
    for sentence in split_sentences(body):
        points, reason = _sentence_score(sentence)
        body_score += points
        if reason and reason not in reasons:
            reasons.append(reason)
    title_score = _sentence_score(title)[0] * HEADLINE_WEIGHT if title else 0.0
    score = body_score + title_score
    whole = f"{title or ''} {body}".casefold()
    about_nato = bool(_NATO_CONTEXT.search(whole)) or (
        bool(_OFFICE.search(whole)) and not _OTHER_BODY.search(whole)
    )
    keep = about_nato and body_score >= BODY_AT and score >= KEEP_AT
    return Relevance(score=score, body_score=body_score, keep=keep, reasons=tuple(reasons))
