"""The wording of candidacy events, as regular expressions: weighing, entering, being
nominated, withdrawing, ruling out, being appointed, taking office, leaving another office
and taking another post (see `summarizer.extraction.cues` for the stance cues).

Each cue says where the person of the event is found (`role`):
- `subject`: before the cue, as its subject ("Iohannis quit the race");
- `inside`: named inside the cue ("Ferrer's exit", "with Iohannis out");
- `object`: after the cue ("hands over to Stoltenberg");
- `holder`: a government before the cue acts on the person after it ("Warsaw nominated X");
- `by`: the person before the cue, the government after "by" ("was put forward by Rome").
`own_negation` marks cues whose wording already carries a "not" (a ruling-out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from records.claims import CandidacyEvent
from summarizer.extraction.cues import Cue
from summarizer.extraction.names import UPPER

Role = Literal["subject", "inside", "object", "holder", "by"]

_NAME = rf"(?-i:[{UPPER}][^\W\d_]+)(?:\s+(?-i:[{UPPER}][^\W\d_]+)){{0,3}}"
_POSS = r"(?:'s|’s)"
_RACE = r"(?:the\s+(?:\w+\s+){0,2}(?:race|contest|running)|(?:his|her|their|its)\s+(?:own\s+)?(?:\w+\s+)?(?:bid|candidacy|candidature|campaign))"
_SG = r"(?:secretary[- ]general|NATO\s+(?:chief|job|post)|(?:top|leading)\s+(?:\w+\s+)?(?:job|post)|head\s+of\s+(?:the\s+)?(?:alliance|NATO)|the\s+(?:post|job))"
_OFFICE = (
    r"(?:(?:\w+" + _POSS + r"?\s+){0,3}(?:prime\s+minister|premier|PM|(?:foreign|defen[cs]e|"
    r"finance|deputy\s+prime)\s+minister|minister|(?:party\s+)?leader|president|chancellor|"
    r"head\s+of\s+government|top\s+diplomat))"
)


@dataclass(frozen=True)
class EventCue(Cue):
    """A candidacy cue and where its person is found."""

    role: Role = "subject"
    own_negation: bool = False


def event_cue(
    name: str, regex: str, event: CandidacyEvent, role: Role = "subject", own_negation: bool = False
) -> EventCue:
    """A cue for one kind of candidacy event."""
    return EventCue(name, re.compile(regex, re.IGNORECASE), "self", None, event, role, own_negation)


# Order matters: earlier cues claim their span first.
CANDIDACY_CUES: tuple[EventCue, ...] = (
    # --- another office left, another post taken -------------------------------------------
    event_cue(
        "resigns-as",
        r"\b(?:resign(?:ed|s|ing)?|st(?:ep|eps|epped|epping)\s+down|quit(?:s|ting)?|"
        r"ended\s+(?:nearly\s+|almost\s+|more\s+than\s+)?\w+\s+years|left\s+(?:office\s+)?)"
        r"\s+as\s+" + _OFFICE + r"\b",
        "left_office",
    ),
    event_cue(
        "resignation",
        r"\b(?:announc\w+|hand\w*\s+in|submitt?\w+|tender\w*|offer\w*)\s+(?:his|her)\s+resignation\b|"
        r"\bresign(?:ed|s|ing)?\s+from\s+(?:the\s+)?(?:government|cabinet|(?:his|her)\s+(?:post|job|"
        r"seat))\b",
        "left_office",
    ),
    event_cue(
        "steps-down-for-nato",
        r"\bst(?:ep|eps|epped|epping)\s+down\s+to\s+(?:take\s+up|prepare\s+for|focus\s+on)\s+"
        r"(?:the\s+|his\s+|her\s+)?(?:NATO|new|alliance)",
        "left_office",
    ),
    event_cue(
        "gone-from-office",
        r"\b(?:gone|departed|left)\s+(?:from\s+)?(?:the\s+)?(?:\w+" + _POSS + r"\s+)?(?:\w+\s+)?"
        r"(?:ministry|government|cabinet|premiership|chancellery)\b|\bleft\s+(?:the\s+)?(?:prime\s+"
        r"minister|premier|chancellor|president)(?:'s|’s)?\s+office\b",
        "left_office",
    ),
    event_cue(
        "other-post",
        r"\b(?:(?:EU|European|the\s+bloc)" + _POSS + r"?\s+(?:foreign\s+policy\s+chief|top\s+"
        r"diplomat|high\s+representative|diplomacy)|foreign\s+policy\s+chief|high\s+"
        r"representative|running\s+the\s+bloc" + _POSS + r"\s+diplomacy|commission\s+president)",
        "other_post",
    ),
    # --- taking office ----------------------------------------------------------------------
    event_cue(
        "takes-office",
        r"\b(?:took|takes|take|taking)\s+(?:over|office|charge|the\s+helm|the\s+reins|up\s+"
        r"(?:the\s+|his\s+|her\s+)?(?:post|job|office|role|reins|duties))\b|"
        r"\b(?:start(?:ed|s)?|began|begins)\s+(?:(?:work|his\s+term|her\s+term)\s+)?"
        r"(?:(?:on|this|last)\s+\w+\s+)?as\b"
        r"(?=\s+(?:(?:the|NATO|NATO"
        + _POSS
        + r"|the\s+alliance"
        + _POSS
        + r"|its|new|next)\s+){0,3}"
        r"(?:secretary[- ]general|chief|head|leader)\b)|"
        r"\bfirst\s+day\s+as\b|"
        r"\b(?:assumed|assumes|assume)\s+(?:office|the\s+post|(?:his|her)\s+(?:functions|duties|post))\b|"
        r"\bwill\s+(?:head|lead|run)\b(?=\s+(?:the\s+)?(?:[\w-]+\s+){0,3}(?:alliance|NATO)\s+"
        r"(?:starting|from|as\s+of|on)\b)|"
        r"\bfirst\s+day\s+(?:in\s+office|on\s+the\s+job|in\s+charge|at\s+the\s+helm|at\s+work)\b|"
        r"\b(?:will\s+succeed|succeeds)\b(?=\s+(?-i:["
        + UPPER
        + r"]))|\bstep(?:ped|s)?\s+into\s+(?:the|his|"
        r"her)\s+(?:new\s+)?(?:role|job|post)\b|\bsworn\s+in\s+as\b",
        "takes_office",
    ),
    event_cue("moves-to-nato", r"\bmov(?:es|ed)\s+to\s+NATO\b", "takes_office"),
    event_cue(
        "hands-over-to",
        r"\bhand(?:s|ed|ing)?\s+over\s+(?:\w+\s+){0,2}to\b",
        "takes_office",
        "object",
    ),
    # --- appointment ----------------------------------------------------------------------
    event_cue(
        "appointed-passive",
        r"\b(?:(?:was|were|has\s+been|have\s+been|had\s+been|been|being|is|be)\s+)?(?:formally\s+"
        r"|officially\s+|unanimously\s+)?(?:appointed|named|chosen|selected|elected|confirmed|"
        r"picked|designated)\s+(?:(?:today|yesterday|on\s+\w+day)\s+)?(?:(?:as\s+)?(?:(?:the|NATO|NATO"
        + _POSS
        + r"|the\s+alliance"
        + _POSS
        + r"|its|"
        r"next|new)\s+){0,3}(?:secretary[- ]general|chief|head|leader)|by\s+(?:the\s+)?(?:\d+\s+)?"
        r"(?:allies|allied|NATO|alliance|North\s+Atlantic\s+Council|ambassadors|leaders)|"
        r"(?:at|during)\s+(?:a|the)\s+(?:\w+\s+){0,3}(?:meeting|summit|session)\s+of\s+(?:the\s+)?"
        r"(?:NATO|alliance|allied|North\s+Atlantic|ambassadors|leaders|council)|"
        r"(?=to\s+(?:succeed|replace)\s+(?-i:[" + UPPER + r"]))|"
        r"to\s+serve\s+as\s+(?:\w+\s+){0,3}(?:secretary[- ]general|chief|head))|"
        r"\b(?:was|were|has\s+been|have\s+been|had\s+been|been)\s+(?:formally\s+|officially\s+|"
        r"unanimously\s+)?(?:appointed|chosen|selected|picked|named)\s+to\s+(?:lead|head|run)\s+"
        r"(?:NATO|the\s+alliance)\b|"
        r"\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:formally\s+|officially\s+|"
        r"unanimously\s+)?(?:appointed|chosen|selected)\b(?!\s+(?:\w+\s+){0,2}(?:minister|envoy|"
        r"ambassador|president|commissioner|governor|judge|to\b|as\b))",
        "appointed",
    ),
    event_cue(
        "appoints",
        r"\b(?:appoint(?:ed|s|ing)?|chose|choos(?:es|ing)|nam(?:ed|es|ing)|pick(?:ed|s|ing)|"
        r"select(?:ed|s|ing)|elect(?:ed|s|ing)|confirm(?:ed|s|ing)|agreed\s+on)\b(?=\s+"
        r"(?:[\w'’-]+,?\s+){0,6}?(?:" + _NAME + r"|him|her),?\s+(?:as\s+|to\s+(?:lead|head|run|be|"
        r"succeed|replace)\b|for\s+(?:NATO|the\s+(?:post|job))|(?:their|its|the\s+alliance"
        + _POSS
        + r"|NATO"
        + _POSS
        + r")\s+(?:next|new)\s+(?:secretary[- ]general|chief|leader)\b|"
        r"(?:the\s+)?(?:NATO" + _POSS + r"?\s+|alliance" + _POSS + r"?\s+)?(?:next\s+|new\s+)?"
        r"secretary[- ]general\b))",
        "appointed",
        "holder",
    ),
    event_cue(
        "won-the-post",
        r"\b(?:won|wins|winning)\s+(?:the\s+)?(?:NATO\s+|top\s+)?(?:post|job|race|contest)\b",
        "appointed",
    ),
    event_cue(
        "appointment-of",
        _POSS + r"\s+appointment\s+(?:crowns|caps|ends|completes|concludes|came|comes)\b",
        "appointed",
        "inside",
    ),
    # --- ruling out --------------------------------------------------------------------------
    event_cue(
        "not-ruled-out",
        r"\b(?:(?:has|have|had|did)\s+not|never)\s+(?:\w+ly\s+)?rul(?:ed|e)\s+"
        r"(?:(?:himself|herself|themselves)\s+)?out\b|\bnot\s+ruling\s+out\b",
        "considers",
    ),
    event_cue(
        "rules-out",
        r"\brul(?:ed|es|ing|e)\s+(?:himself|herself|themselves)\s+out\b|"
        r"\brul(?:ed|es|ing|e)\s+out\s+(?:a|any)\s+(?:\w+\s+)?(?:move|bid|run|candidacy)\b|"
        r"\brul(?:ed|es|ing|e)\s+out\s+(?:running|standing)\b|"
        r"\bdecid(?:ed|es)\s+against\s+(?:a|any)\s+(?:\w+\s+)?(?:bid|run)\b",
        "denies",
        own_negation=True,
    ),
    event_cue(
        "not-a-candidate",
        r"\b(?:not|never|n['’]t)\s+(?:be\s+)?(?:a|the)\s+candidate\b|"
        r"\b(?:not|never|n['’]t)\s+(?:be\s+)?(?:seek(?:ing)?|pursu(?:e|ing)|(?:be\s+)?"
        r"run(?:ning)?\s+for|stand(?:ing)?\s+for|in\s+the\s+running)\b|"
        r"\b(?:will|would)\s+not\s+(?:run|stand)\b|\bwon['’]t\s+(?:run|seek|stand)\b|"
        r"\bno\s+intention\s+of\s+(?:running|standing|seeking|bidding)\b|"
        r"\b(?:not|n['’]t)\s+interested\s+in\s+(?:the\s+(?:\w+\s+)?(?:post|job|role)|running|"
        r"leading|heading)\b|\b(?:took|takes|taken|taking)\s+(?:himself|herself)\s+out\s+of\s+"
        r"(?:the\s+running|contention|the\s+race)\b|\bdeclin(?:ed|es|ing)\s+to\s+(?:run|stand|"
        r"seek|enter)\b|"
        # "Neither Støre nor MacKay will seek the post": the negation is in "neither … nor".
        r"\bnor\b(?=\s[^.;]{0,80}?\b(?:will|would|is|are|plans?\s+to|intends?\s+to)\s+"
        r"(?:seek|stand\s+for|run\s+for|be\s+a\s+candidate|enter\s+the\s+race)\b)",
        "denies",
        own_negation=True,
    ),
    # --- withdrawing ---------------------------------------------------------------------
    event_cue(
        "withdraws",
        r"\b(?:withdr(?:ew|aws|awn|awing|aw)|pull(?:ed|s|ing)?\s+out|dropp(?:ed|ing)\s+out|"
        r"drops?\s+out|quit(?:s|ting)?|bow(?:ed|s|ing)?\s+out|st(?:ep|epped|eps|epping)\s+aside|"
        r"st(?:and|ood|ands|anding)\s+aside|abandon(?:ed|s|ing)?|end(?:ed|s|ing)?|"
        r"suspend(?:ed|s|ing)?|leav(?:e|es|ing)|left|exit(?:ed|s|ing)?)\s+(?:from\s+|of\s+)?"
        + _RACE,
        "withdraws",
    ),
    event_cue(
        "withdraws-named",
        r"\b(?:withdr(?:ew|aws|awing)|dropp(?:ed|ing)|drops?)\b(?=\s+" + _NAME + _POSS + r"\s+"
        r"(?:\w+\s+)?(?:candidacy|candidature|nomination|bid)\b)",
        "withdraws",
        "object",
    ),
    event_cue(
        "withdraws-more",
        r"\bwithdr(?:ew|aws|awn|awing)\s+(?:his|her)\s+name\b|\bthr(?:ew|ows|owing)\s+in\s+the\s+"
        r"towel\b|\bconced(?:ed|es|ing)\s+defeat\b|\bno\s+longer\s+(?:(?:a|\w+(?:'s|’s))\s+candidate|in\s+the\s+"
        r"(?:\w+\s+)?(?:race|running)|running)\b",
        "withdraws",
        own_negation=True,
    ),
    event_cue(
        "withdraws-alone",
        r"\b(?:quit|quits|bowed\s+out|bows\s+out|stood\s+aside|stepped\s+aside|stepping\s+aside|"
        r"standing\s+aside|dropped\s+out|pulled\s+out|withdrew)\b(?!\s+(?:as|from|of|his|her|"
        r"its|their|the)\b)",
        "withdraws",
    ),
    event_cue(
        "exit-of",
        _POSS + r"\s+(?:exit|withdrawal)\b(?!\s+(?:from|of)\s+(?:the\s+)?(?:government|"
        r"coalition|ministry|cabinet|EU|treaty))",
        "withdraws",
        "inside",
    ),
    event_cue(
        "with-out",
        r"\bwith\s+" + _NAME + r"\s+(?:now\s+)?(?:out|gone)\b(?!\s+(?:of|from)\b)",
        "withdraws",
        "inside",
    ),
    event_cue(
        "drops-own-candidate",
        r"\b(?:(?:dropp(?:ed|ing)|drops?|withdr(?:ew|aws|awing)|pull(?:ed|s)?)(?=\s+(?:(?:its|their)\s+"
        r"(?:own\s+)?(?:candidate|nominee|\w+\s+"
        r"minister|president|prime\s+minister)\b|(?-i:[A-Z])))|stopp(?:ed|ing)\s+promoting|"
        r"stops?\s+promoting|withdr(?:ew|aws|awing)\s+(?:the\s+candidacy\s+of|its\s+nomination\s+of)\b)",
        "withdraws",
        "object",
    ),
    # --- entering --------------------------------------------------------------------------
    event_cue(
        "declares",
        r"\b(?:announc|declar|launch|submitt|confirm|formaliz|formalis)\w*\s+(?:his|her|their)?"
        r"\s*(?:official\s+|formal\s+)?(?:candidacy|candidature|bid|run|campaign)\b|"
        r"\b(?:entered|enters|joined|joins|entering|joining)\s+the\s+(?:\w+\s+)?(?:race|contest)\b|"
        r"\bthr(?:ew|ows|owing)\s+(?:his|her)\s+hat\b|\bput(?:s|ting)?\s+(?:himself|herself)\s+"
        r"forward\b|\b(?:is|was|am|are|were)\s+(?:now\s+|officially\s+|formally\s+)?(?:running|"
        r"standing)\s+(?:for|to\s+(?:succeed|replace|lead|become|head))\b|\bwill\s+(?:run|stand)\s+for\b|\b(?:is|was|am)\s+(?:a|an\s+official)"
        r"\s+candidate\s+(?:for|to)\b|"
        r"\b(?:confirm|announc|declar)\w*\s+(?:\w+\s+){0,2}?that\s+(?:he|she)\s+(?:is|was|would\s+be)\s+"
        r"(?:a|the)\s+candidate\b",
        "declares",
    ),
    # --- nominating --------------------------------------------------------------------------
    event_cue(
        "nominated-by",
        r"\b(?:has\s+been|have\s+been|had\s+been|was|were|been|is)\s+(?:formally\s+|officially\s+)?"
        r"(?:nominated|proposed|put\s+forward)\b(?=(?:\s+\w+){0,6}\s+by\b)",
        "nominated",
        "by",
    ),
    event_cue(
        "nominates",
        r"\bnominat(?:e|es|ed|ing)\b|\bput(?:s|ting)?\s+forward\b|\bnomination\s+of\b|"
        r"\bformally\s+propos(?:e|es|ed|ing)\b|\bput(?:s|ting)?\s+(?:his|her)\s+name\s+forward\b|"
        r"\b(?:approv|endors|confirm|submitt?)\w*\s+(?=(?:his|her)\s+nomination\b)",
        "nominated",
        "holder",
    ),
    # --- weighing ------------------------------------------------------------------------
    event_cue(
        "considers",
        r"\b(?:consider(?:s|ed|ing)?|mull(?:s|ed|ing)?|weigh(?:s|ed|ing)?|think(?:s|ing)?\s+"
        r"(?:\w+\s+)?about|eye(?:s|ing|d)?)\s+(?:a\s+|an?\s+\w+\s+)?(?:run|bid|candidacy|running|"
        r"standing|move\s+to\s+NATO)\b|\b(?:consider|weigh|mull|ponder)\w*\s+whether\s+to\s+"
        r"(?:run|enter|stand|seek|bid)\b|\btest(?:s|ed|ing)?\s+the\s+waters\b|\bvying\s+for\b",
        "considers",
    ),
    event_cue(
        "wants-the-job",
        "|".join(
            (
                r"\bwould\s+(?:be\s+)?(?:honou?red|happy|glad|delighted|proud|willing|ready|"
                r"available)\s+to\s+(?:lead|serve|run|take|be|stand|head)\b",
                r"\bwould\s+(?:like|love)\s+(?:the\s+job|the\s+post|to\s+(?:lead|run|be|take|head))\b",
                r"\bwould\s+(?:\w+ly\s+)?(?:serve|lead)\b(?!\s+to\b)",
                r"\b(?:is|was|are|am)\s+(?:ready|willing|prepared|available)\s+to\s+(?:run|serve|"
                r"lead|stand|take\s+(?:on|up)|head|offer\s+(?:himself|herself)|put\s+(?:himself|"
                r"herself)\s+forward)\b",
                r"\bwould\s+(?:enter|join)\s+the\s+(?:\w+\s+)?(?:contest|race)\b",
                r"\bwould\s+(?:run|stand)\s+for\b",
                r"\bma(?:kes|ke|king|de)\s+no\s+secret\s+of\b",
                r"\bwants?\s+(?:the\s+(?:NATO\s+|top\s+)?(?:job|post|role)|to\s+(?:lead|run|head)\s+"
                r"(?:NATO|the\s+alliance))\b",
                r"\b(?:is|was|are|am)\s+(?:happy|keen|eager|glad)\s+to\s+(?:serve|lead|run|head|"
                r"stand)\b",
                r"\bopen\s+to\s+(?:the\s+idea|a\s+(?:bid|run)|running|the\s+job|leading|serving|"
                r"heading)\b",
            )
        ),
        "considers",
    ),
    event_cue(
        "interest",
        r"\b(?:express|indicat|signal|show|voic|declar|confirm)\w*\s+(?:\w+\s+){0,2}interest\s+in\b|"
        r"\b(?:is|was|are|were)\s+interested\s+in\b",
        "considers",
    ),
    event_cue(
        "said-yes",
        r"\b(?:said|answered|replied|answer)(?:\s+[\w-]+){0,4}:?\s+[\"“]?yes\b",
        "considers",
    ),
)
