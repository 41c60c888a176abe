"""The wording around stances, as regular expressions: whether a sentence is about the race,
reports or hedges, counts instead of names, where clauses break, pronouns for holders and
candidacies, and verbs of saying."""

from __future__ import annotations

import re

# The sentence is about the race for the post, not some other contest.
RACE_CONTEXT = re.compile(
    r"secretar(?:y|ies)[- ]general|general\s+secretariat|top\s+(?:nato\s+)?job|nato\s+chief|"
    r"head\s+of\s+(?:the\s+)?(?:alliance|nato|bloc)|(?:lead|head|run)\s+(?:nato|the\s+alliance)|"
    r"candida(?:cy|te|ture)|nominat|\bthe\s+(?:post|position|role|job)\b|succeed\s+(?:jens\s+)?stoltenberg|"
    r"\bbid\b|\bthe\s+race\b|contender|frontrunner|front-runner|\bsuccessor\b|"
    r"(?:'s|’s)\s+(?:post|position|job|seat)\b",
    re.IGNORECASE,
)
# More wording of the race, enough for a stance but not for a candidacy event ("not in the
# running" is no one considering a run).
RACE_CONTEXT_WIDE = re.compile(
    r"\b(?:nato|alliance)(?:'s|’s)?\s+(?:top\s+)?(?:civilian\s+)?(?:post|job|role|contest|race)\b|"
    r"\bthe\s+(?:contest|running)\b|"
    r"(?:run|lead|head|take\s+over|helm\s+(?:of|at))\s+(?:at\s+)?(?:nato|the\s+alliance)\b",
    re.IGNORECASE,
)
# "Candidate of Political Sciences" is an academic degree, not a candidacy.
ACADEMIC_TITLE = re.compile(r"\bcandidates?\s+of\s+(?:\w+\s+)?sciences?\b", re.IGNORECASE)

REPORTED = re.compile(
    r"\b(?:according\s+to|reported(?:ly)?|reports?|learned|citing|sources?\s+(?:said|say|told)|"
    r"media\s+report|(?:is|are|was|were)\s+said\s+to|allegedly|quoted)\b",
    re.IGNORECASE,
)
HEDGED = re.compile(
    r"\b(?:likely|may|might|could|expected\s+to|probably|possibly|potential|appears?\s+to|"
    r"seems?\s+to|reportedly|is\s+said\s+to|rumou?red)\b",
    re.IGNORECASE,
)
# Counts instead of names: "two-thirds of the alliance members", "about 16 other allies".
AGGREGATE = re.compile(
    r"\b(?:(?:about|approximately|some|nearly|almost|around|more\s+than|at\s+least|over)\s+)?"
    r"(?:two-thirds|two\s+thirds|three-quarters|half|a\s+majority|the\s+majority|most|many|several|"
    r"a\s+number|\d+|all|the\s+other|other|the\s+eastern|eastern|western|the\s+western|northern|southern)"
    r"\b(?:\s+(?:of\s+)?(?:the\s+)?[\w'’-]+){0,4}?\s+(?:members?|allies|countries|nations|states|capitals|governments)\b",
    re.IGNORECASE,
)
CLAUSE_BREAK = re.compile(
    r"[;:()]|\s[-–—]\s|,\s+(?:while|but|whereas|although|though|and|who|which|whose|as|since|"
    r"even|despite|after|before|because)\b|\b(?:while|whereas|but|although)\b|\bthat\b|[“”\"]",
    re.IGNORECASE,
)
ANAPHORIC_HOLDERS = re.compile(
    r"\b(?:both(?:\s+countries|\s+governments)?|the\s+two(?:\s+countries)?|they|these\s+countries|"
    r"those\s+countries|the\s+pair)\b",
    re.IGNORECASE,
)
CANDIDACY_REFERENCE = re.compile(
    r"\b(?:his|her|this|the|that|their)\s+(?:candidacy|candidature|nomination|bid|candidate|"
    r"appointment)\b|"
    r"\b(?:him|her)\b",
    re.IGNORECASE,
)
SPEAKER = re.compile(
    r"\b(?:said|says|stated|states|noted|notes|told|announced|added|stressed|emphasi[sz]ed|"
    r"underlined|explained|wrote|writes|tweeted|declared|insisted|argued)\b",
    re.IGNORECASE,
)
