"""The wording of support, opposition and candidacy, as regular expressions.

Each cue says what it means (a stance or a candidacy event) and where its parts sit:
- `active`: HOLDER … cue … CANDIDATE ("Ankara is dropping its objections to Rutte");
- `passive`: CANDIDATE … cue … HOLDER ("Rutte is also supported by Scholz");
- `evaluative`: CANDIDATE … cue, the holder being the speaker ("Rutte would be an
  excellent choice, Kirby said");
- `self`: the candidate is the subject of a candidacy event ("Iohannis quit the race").
Only the wording lives here; reader.py and events.py decide who and whom.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from records.claims import CandidacyEvent, Stance
from summarizer.extraction.names import UPPER

Voice = Literal["active", "passive", "evaluative", "self"]

_DET = r"(?:(?:its|their|his|her|our|the|a|an|full|strong|firm|public|clear|formal|official|"
_DET += r"unequivocal|broad|wholehearted|early|strongest|total|own|last|remaining|lingering|"
_DET += r"final|earlier|previous|initial|long-standing|longstanding)\s+)*"
_SUPPORT_NOUN = r"(?:support|backing|endorsement|blessing|approval)"
_OBJECTION = (
    r"(?:objections?|veto|opposition|block(?:ade)?|resistance|reservations|hold-?out|obstruction)"
)
_NEG = r"(?:not|n't|cannot|never|no\s+longer|unable\s+to|refus(?:e|es|ed|ing)\s+to|"
_NEG += r"declin(?:e|es|ed|ing)\s+to)"


@dataclass(frozen=True)
class Cue:
    """One pattern: its meaning and where holder and candidate are found around it."""

    name: str
    pattern: re.Pattern[str]
    voice: Voice
    stance: Stance | None = None
    event: CandidacyEvent | None = None


def cue(
    name: str,
    regex: str,
    voice: Voice,
    stance: Stance | None = None,
    event: CandidacyEvent | None = None,
) -> Cue:
    return Cue(name, re.compile(regex, re.IGNORECASE), voice, stance, event)


# Order matters: earlier cues claim their span first (reversals before plain objections,
# refusals before plain support).
STANCE_CUES: tuple[Cue, ...] = (
    cue(
        # "withdrew its threat to veto him": no longer threatening, not yet consenting.
        "threat-dropped",
        r"\b(?:withdr(?:aw|aws|ew|awn|awing)|drop(?:s|ped|ping)?|lift(?:s|ed|ing)?|"
        r"abandon(?:s|ed|ing)?)\s+(?:its|their|his|her)\s+threats?\s+(?:to|of\s+a)\s+veto\b",
        "active",
        stance="undecided",
    ),
    cue(
        "weighing",
        r"\b(?:(?:is|are|was|were|remains?)\s+(?:still\s+)?(?:weighing|non-?committal)|"
        r"neither\s+(?:backed|endorsed|supported)\s+nor\s+(?:rejected|opposed)|"
        r"(?:has|have|had)\s+not\s+(?:yet\s+)?made\s+up\s+(?:its|their|his|her)\s+mind)\b",
        "active",
        stance="undecided",
    ),
    cue(
        "reversal",
        r"\b(?:drop(?:s|ped|ping)?|lift(?:s|ed|ing)?|withdr(?:aw|aws|ew|awn|awing)|"
        r"abandon(?:s|ed|ing)?|end(?:s|ed|ing)?|remov(?:e|es|ed|ing)|set(?:s|ting)?\s+aside|"
        r"overc(?:ome|ame)|waive[sd]?)\s+(?:(?:weeks|months|years|days)\s+of\s+)?"
        + _DET
        + _OBJECTION,
        "active",
        stance="supports",
    ),
    cue(
        "no-longer-opposes",
        r"\bno\s+longer\s+(?:oppos(?:e|es)|block(?:s)?|object(?:s)?\s+to|stand(?:s)?\s+in\s+the\s+way)",
        "active",
        stance="supports",
    ),
    cue(
        "not-in-the-way",
        r"\b(?:not|n't|never)\s+(?:\w+\s+)?(?:stand|get)\s+in\s+(?:the|his|her|its)\s+way\s+of\b",
        "active",
        stance="supports",
    ),
    cue(
        "acquiesce",
        r"\b(?:not|n't|never)\s+(?:\w+\s+)?(?:oppose|object\s+to)\b",
        "active",
        stance="conditional",
    ),
    cue(
        "refusal",
        r"\b"
        + _NEG
        + r"\s+(?:\w+ly\s+|be\s+|yet\s+)*(?:to\s+)?(?:support|back|endors|allow|accept)(?:s|ed|e|es|ing)?\b",
        "active",
        stance="opposes",
    ),
    cue(
        "not-allow",
        r"\b(?:did|does|do|would|will)\s+not\s+(?:allow|permit|accept)\b",
        "active",
        stance="opposes",
    ),
    cue(
        "block",
        r"\b(?:block(?:s|ed|ing)?|veto(?:es|ed|ing)?|torpedo(?:es|ed|ing)?|stymie[sd]?|obstruct(?:s|ed|ing)?)\b",
        "active",
        stance="opposes",
    ),
    cue(
        "passive-oppose",
        r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+|also\s+|still\s+)*(?:opposed|rejected|blocked|vetoed)\s+by\b",
        "passive",
        stance="opposes",
    ),
    cue(
        "look-unfavourably",
        r"\blook(?:s|ed|ing)?\s+(?:unfavou?rably|dimly|askance|coldly|coolly)\s+(?:on|at|upon)\b",
        "active",
        stance="opposes",
    ),
    cue("reject", r"\breject(?:s|ed|ing)?\b", "active", stance="opposes"),
    cue(
        "oppose",
        r"\b(?:oppos(?:e|es|ed|ing)|object(?:s|ed|ing)?\s+to|(?:are|is|was|were|remain|remains)\s+(?:firmly\s+|still\s+)?against)\b",
        "active",
        stance="opposes",
    ),
    cue(
        "obstacle",
        r"\b(?:emerged\s+as|(?:is|are|was|were|remain|remains|be|become|became|been)(?:\s+\w+){0,3}?)\s+"
        r"(?:(?:one|some)\s+of\s+(?:the|those)\s+)?(?:\w+\s+){0,2}(?:obstacles?|holdouts?|hold-outs?|hurdles?|stumbling\s+blocks?|spoilers?)\b",
        "active",
        stance="opposes",
    ),
    cue(
        "obstacle-from",
        r"\b(?:challenges?|opposition|resistance|objections?|obstacles?)\s+from\b",
        "passive",
        stance="opposes",
    ),
    cue(
        "reservations",
        r"\b(?:express(?:es|ed|ing)?|voic(?:e|es|ed|ing)|ha[sd]|have|rais(?:e|es|ed|ing)|harbou?r(?:s|ed|ing)?)\s+(?:\w+\s+){0,2}(?:reservations|doubts|concerns)\b",
        "active",
        stance="conditional",
    ),
    cue(
        "reassurances",
        r"\b(?:s(?:ought|eek|eeks|eeking)|want(?:s|ed)?|demand(?:s|ed|ing)?|ask(?:s|ed|ing)?\s+for|insist(?:s|ed)?\s+on|wait(?:s|ed|ing)?\s+for|"
        r"needs?|needed|requires?|required)\s+(?:\w+\s+){0,2}(?:reassurances?|guarantees?|assurances?|concessions?|commitments?)\b|"
        # "insisting that the Dane first set out how he would defend the north-east"
        r"\binsist(?:s|ed|ing)?\s+that\b(?=[^.;]{0,60}\bfirst\b)",
        "active",
        stance="conditional",
    ),
    cue(
        "undecided",
        r"\b(?:undecided|(?:has|have|had)\s+(?:still\s+)?not\s+(?:yet\s+|still\s+)?(?:decided|made\s+up)|"
        r"yet\s+to\s+(?:decide|take\s+a\s+(?:position|stance)))\b",
        "active",
        stance="undecided",
    ),
    cue(
        "sceptical",
        r"\b(?:is|are|was|were|remains?|remained|sounded|appears?)\s+(?:\w+\s+)?"
        r"(?:sceptical|skeptical|lukewarm|cool|unenthusiastic)\s+(?:about|of|on|towards?)\b",
        "active",
        stance="conditional",
    ),
    cue(
        "against",
        r"\b(?:c(?:a|o)me(?:s)?|spoke|speaks?|campaign(?:s|ed)?|lobb(?:y|ies|ied))\s+(?:out\s+)?against\b",
        "active",
        stance="opposes",
    ),
    cue(
        "welcome-choice",
        r"\bwelcom(?:e|es|ed|ing)\s+(?:the\s+)?(?:choice|appointment|selection|nomination|candidacy)\s+of\b|"
        r"\bwelcom(?:e|es|ed|ing)\b(?=\s+(?-i:["
        + UPPER
        + r"])[\w-]+(?:'s|’s)\s+(?:appointment|selection|"
        r"nomination|candidacy)\b)|\bconverg(?:e|es|ed|ing)\s+on\b",
        "active",
        stance="supports",
    ),
    cue(
        "withhold",
        r"\bwithh(?:o|e)ld(?:s|ing)?\s+" + _DET + _SUPPORT_NOUN,
        "active",
        stance="undecided",
    ),
    cue(
        "sceptic",
        r"\b(?:as|is|are|was|were|remains?|remained)\s+(?:the\s+|a\s+|an\s+)?(?:most\s+)?(?:\w+\s+)?"
        r"(?:sceptics?|skeptics?|doubters?)\b",
        "active",
        stance="conditional",
    ),
    cue(
        "depends-on",
        r"\b(?:would|will|could)\s+depend\s+on\s+whether\b",
        "active",
        stance="conditional",
    ),
    cue(
        "undecided-between",
        r"\b(?:yet\s+to\s+(?:choose|pick)|(?:has|have|had)\s+not\s+(?:yet\s+)?(?:chosen|picked|taken\s+"
        r"(?:its|their|a)\s+(?:final\s+)?decision))\b",
        "active",
        stance="undecided",
    ),
    cue(
        "regarded-as-choice",
        r"\b(?:is|are|was|were)\s+(?:\w+ly\s+)?(?:regarded|seen|viewed|considered)\s+by\b",
        "passive",
        stance="supports",
    ),
    cue(
        "passive-support",
        r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+|also\s+|now\s+|already\s+)*(?:supported|backed|endorsed|favou?red)\s+by\b",
        "passive",
        stance="supports",
    ),
    cue(
        "has-support-of",
        r"\b(?:has|have|had|secured|won|wins|gained|garnered|enjoys?|enjoyed|received|receives|got|with)\s+"
        r"(?:\w+\s+){0,2}"
        + _DET
        + _SUPPORT_NOUN
        + r"(?:\s+for\s+(?:the\s+|his\s+|her\s+)?(?:[\w'’-]+\s+){0,2}?(?:post|job|bid|candidacy|role))?"
        + r"\s+(?:of|from)\b",
        "passive",
        stance="supports",
    ),
    cue(
        # "Lykkegaard had their full backing, the Nordic governments said": the holder is whoever
        # the possessive stands for, the one who speaks.
        "possessed-support",
        r"\b(?:has|have|had|enjoys?|enjoyed|retains?|retained|keeps|kept)\s+(?:its|their|our)\s+"
        r"(?:(?:full|firm|strong|total|unanimous|complete|unwavering|continued)\s+)*"
        + _SUPPORT_NOUN
        + r"\b(?!\s+(?:of|from)\b)",
        "evaluative",
        stance="supports",
    ),
    cue(
        # "agreed that the Danish prime minister was their preferred choice": the speakers'.
        "possessive-choice",
        r"\b(?:is|was|are|were|remains?|remained)\s+(?:their|its|our)\s+(?:\w+\s+)?"
        r"(?:preferred|favou?red|favou?rite|first)\s+(?:choice|candidate|pick)\b",
        "evaluative",
        stance="supports",
    ),
    cue(
        # "Greece has turned to Carvalho", "switched its support to the Dane".
        "turn-to",
        r"\b(?:turn(?:s|ed|ing)?|switch(?:es|ed|ing)?|shift(?:s|ed|ing)?|swung|swing(?:s|ing)?)\s+"
        r"(?:(?:its|their|his|her)\s+(?:support|backing|hopes|allegiance)\s+)?to\b(?=\s+(?:the\s+)?"
        r"(?-i:[" + UPPER + r"]))",
        "active",
        stance="supports",
    ),
    cue(
        "let-take",
        r"\b(?:agree[sd]?|decided|ready|willing|prepared)\s+to\s+let\b(?=\s+(?:[\w'’-]+\s+){1,4}?"
        r"(?:take|have|lead|become|run)\b)",
        "active",
        stance="supports",
    ),
    cue(
        "supporter-of",
        r"\b(?:an?\s+|the\s+)?(?:\w+\s+)?(?:supporter|backer|champion|proponent)s?\s+of\b",
        "active",
        stance="supports",
    ),
    cue("camp", r"\bbelong(?:s|ed)?\s+to\s+\w+(?:'s|’s)\s+camp\b", "active", stance="supports"),
    cue(
        "announce-support",
        r"\b(?:announc|declar|express|confirm|voic|pledg|offer|giv|lend|reiterat|signal|underlin|reaffirm|stat)\w*\s+"
        + _DET
        + _SUPPORT_NOUN
        + r"(?:\s+(?:for|of|to|behind)\b|(?=\s+(?:earlier|on|last|this|yesterday|too|as\s+well)\b|[,.;]))",
        "active",
        stance="supports",
    ),
    cue(
        "on-behalf",
        r"\b(?:lobb\w+|sound\w*\s+out|campaign\w*|canvass\w*|work\w*\s+the\s+phones)\s+"
        r"(?:[\w'’-]+\s+){0,3}?on\s+(?:(?:his|her)\s+behalf|behalf\s+of)\b",
        "active",
        stance="supports",
    ),
    cue(
        "throw-behind",
        r"\b(?:thr(?:ew|ow|ows|owing|own)|put(?:s|ting)?|l(?:ined|ine|ining)\s+up|rall(?:y|ied|ies|ying))\s+"
        + _DET
        + r"(?:weight|support|backing)?\s*behind\b",
        "active",
        stance="supports",
    ),
    cue(
        "behind",
        r"\b(?:is|are|was|were|stood|stands|stand|remains?|remained|be|been|being|swung|swing|swings|"
        r"fell|fall|falls|lined\s+up|line\s+up)\s+(?:\w+ly\s+|both\s+|all\s+|also\s+|now\s+|still\s+|"
        r"squarely\s+|four-square\s+|in\s+)*behind\b",
        "active",
        stance="supports",
    ),
    cue(
        "into-line",
        # Spelt out word by word (not "f[ae]ll"), so that the cue gate finds words it needs.
        r"\b(?:(?:fall|fell)(?:s|en)?|falling|(?:came|come)s?\s+round|coming\s+round"
        r"|join(?:s|ed|ing)?\s+the\s+consensus)"
        r"\s+(?:into\s+line|to|behind|for)?\b",
        "active",
        stance="supports",
    ),
    cue(
        "hold-out-for",
        r"\b(?:hold(?:s|ing)?|held)\s+out\s+for\b",
        "active",
        stance="supports",
    ),
    cue(
        "lobby-for",
        r"\b(?:lobb(?:y|ies|ied|ying)|push(?:es|ed|ing)?|campaign(?:s|ed|ing)?|press(?:es|ed|ing)?)\s+"
        r"(?:hard\s+|strongly\s+|openly\s+)?for\b",
        "active",
        stance="supports",
    ),
    cue(
        "come-out-for",
        r"\bc(?:a|o)me(?:s)?\s+out\s+(?:strongly\s+)?(?:for|in\s+favou?r\s+of|in\s+support\s+of)\b",
        "active",
        stance="supports",
    ),
    cue(
        "want-to-lead",
        r"\b(?:want(?:s|ed)?|would\s+like\s+to\s+see|wish(?:es|ed)?\s+to\s+see|would\s+like)\b"
        r"(?=\s+(?!to\b)(?:[\w'’.,-]+\s+){1,8}?(?:to\s+)?(?:run|lead|head|succeed|take\s+over|take\s+the\s+helm|"
        r"become|be\s+the\s+next)\b)",
        "active",
        stance="supports",
    ),
    cue(
        "consent",
        r"\b(?:g[ai]ve|gives|giving|grant(?:s|ed)?)\s+(?:its|their|his|her|the)\s+(?:formal\s+|final\s+)?"
        r"(?:consent|assent|blessing|nod|approval)\b|\bsign(?:s|ed)?\s+(?:off\s+on|on\s+to)\b",
        "active",
        stance="supports",
    ),
    cue(
        "preference",
        r"\b(?:preference|preferred\s+candidate|favou?rite|first\s+choice)\s+(?:remains|is|was|would\s+be)\b|"
        r"\bvote\s+(?:would|will)\s+go\s+to\b",
        "active",
        stance="supports",
    ),
    cue(
        "green-light",
        r"\b(?:g[ai]ve|gives|giving)\s+(?:the\s+)?green\s+light\b",
        "active",
        stance="supports",
    ),
    cue(
        "agree-to-back",
        r"\bagree[sd]?\s+to\s+(?:back|support|endorse)\b",
        "active",
        stance="supports",
    ),
    cue(
        "support-verb",
        r"\b(?:support(?:s|ed|ing)?|back(?:s|ed|ing)?|endors(?:e|es|ed|ing)|favou?r(?:s|ed|ing)?|"
        r"prefer(?:s|red|ring)?|"
        r"champion(?:s|ed|ing)?|sid(?:e|es|ed|ing)\s+with|(?<=would\s)(?:accept|live\s+with)|(?<=could\s)(?:accept|live\s+with)|"
        r"(?<=can\s)(?:accept|live\s+with))\b",
        "active",
        stance="supports",
    ),
    cue(
        "possessive-support",
        r"(?:'s|’s|s'|s’)\s+" + _DET + r"(?:" + _SUPPORT_NOUN + r"|nod|consent|assent)\b",
        "active",
        stance="supports",
    ),
    cue(
        "preferred-candidate",
        r"(?:'s|’s|s'|s’)\s+(?:preferred|favou?red|favou?rite)\s+(?:candidate|choice|pick)\b",
        "evaluative",
        stance="supports",
    ),
    cue(
        "would-be-excellent",
        r"\b(?:would|will)\s+(?:make|be)\s+(?:an?\s+)?(?:excellent|outstanding|great|good|strong|ideal|fine|superb|worthy)\s+"
        r"(?:\w+\s+){0,3}?(?:choice|candidate|secretary[- ]general|head|leader|chief|successor)\b",
        "evaluative",
        stance="supports",
    ),
    cue(
        "praise-candidate",
        r"\b(?:an?\s+|the\s+)?[\"“]?(?:top|outstanding|excellent|ideal|perfect|best)[\"”]?\s+[\"“]?candidate\b",
        "evaluative",
        stance="supports",
    ),
)
