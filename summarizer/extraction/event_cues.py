"""The wording of candidacy events, as regular expressions: entering, weighing, ruling out,
withdrawing, being nominated or appointed (see `summarizer.extraction.cues` for the voices)."""

from __future__ import annotations

from summarizer.extraction.cues import Cue, cue

CANDIDACY_CUES: tuple[Cue, ...] = (
    cue(
        "appointed",
        r"\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:formally\s+|officially\s+|unanimously\s+)?(?:appointed|named|chosen|selected|elected|confirmed)\s+(?:as\s+)?(?:the\s+)?(?:next\s+|new\s+)?(?:NATO(?:'s|’s)?\s+)?(?:secretary[- ]general|head|chief|leader)",
        "self",
        event="appointed",
    ),
    cue(
        "withdraws",
        r"\b(?:withdr(?:ew|aws|awn|awing)|pull(?:ed|s|ing)?\s+out|dropp(?:ed|ing)\s+out|drops\s+out|quit(?:s|ting)?|bow(?:ed|s|ing)?\s+out|st(?:ep|epped|eps)\s+aside|abandon(?:ed|s|ing)?|end(?:ed|s|ing)?|suspend(?:ed|s|ing)?)\s+(?:from\s+)?(?:the\s+race|(?:his|her|their)\s+(?:bid|candidacy|candidature|campaign))",
        "self",
        event="withdraws",
    ),
    cue(
        "rules-out",
        r"\bruled?\s+(?:himself|herself)\s+out\b|\bruling\s+(?:himself|herself)\s+out\b",
        "self",
        event="denies",
    ),
    cue(
        "not-declared",
        r"\b(?:has|have|had)\s+not\s+(?:\w+ly\s+)?(?:declared|entered|announced|confirmed)\b|\bnot\s+(?:\w+ly\s+)?(?:pursuing|seeking|running\s+for)\b",
        "self",
        event="denies",
    ),
    cue(
        "declares",
        r"\b(?:announc|declar|launch|submitt|confirm|formaliz|formalis)\w*\s+(?:his|her|their|its)?\s*(?:official\s+|formal\s+)?(?:candidacy|candidature|bid|run)\b|\b(?:entered|enters|joined|joins|entering)\s+the\s+race\b|\bthr(?:ew|ows)\s+(?:his|her)\s+hat\b|\bput(?:s|ting)?\s+(?:himself|herself)\s+forward\b",
        "self",
        event="declares",
    ),
    cue(
        "official-candidate",
        r"\b(?:the\s+)?(?:only|sole|first|official)\s+(?:official\s+)?candidate\b",
        "self",
        event="declares",
    ),
    cue("nominate", r"\bnominat(?:e|es|ed|ing)\b", "active", event="nominated"),
    cue("nomination-of", r"\bnomination\s+of\b", "active", event="nominated"),
    cue(
        "interest",
        r"\b(?:express|indicat|signal|show|voic|declar)\w*\s+(?:\w+\s+){0,2}interest\s+in\b|\b(?:is|was|are|were)\s+interested\s+in\b",
        "self",
        event="considers",
    ),
    cue(
        "considers",
        r"\b(?:consider(?:s|ed|ing)?|mull(?:s|ed|ing)?|weigh(?:s|ed|ing)?)\s+(?:a\s+)?(?:run|bid|candidacy|running)\b|\btest(?:s|ed|ing)?\s+the\s+waters\b|\bvying\s+for\b|\bin\s+the\s+running\b",
        "self",
        event="considers",
    ),
    cue(
        "contender",
        r"\b(?:contenders?|frontrunner|front-runner|favou?rite|possible\s+candidates?|potential\s+candidates?|possible\s+successors?|leader\s+among\s+contenders|tops\s+the\s+list|mentioning\s+the\s+name\s+of|alternative\s+candidates?|most\s+likely\s+candidates?)\b",
        "self",
        event="considers",
    ),
)
