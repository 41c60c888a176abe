"""The queries a benchmark asks: many varied, deterministic invocations of each command.

Names come in several spellings (surname, full name, lower case, misspelt, without
diacritics), half the stance queries carry an `--as-of` day, and `ask` mixes stance questions,
questions answered from the sentences and questions the sources do not cover.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from bench.corpus import ALLIES

NAMES = (
    "Rutte",
    "Mark Rutte",
    "rutte",
    "Mark Rute",
    "Kallas",
    "Kaja Kallas",
    "Kai Kallas",
    "Callas",
    "Iohannis",
    "Klaus Iohannis",
    "Karins",
    "Kariņš",
    "Krisjanis Karins",
    "Frederiksen",
    "Mette Frederiksen",
    "Wallace",
    "Ben Wallace",
    "Christia Freeland",
)
STANCE_QUESTIONS = (
    "who backs {name}?",
    "is {country} on board with {name}?",
    "where does {capital} stand on {name}?",
    "which allies are against {name}?",
    "does {country} support {name}?",
)
PASSAGE_QUESTIONS = (
    "when is the NATO summit in Washington?",
    "how many allies meet the 2 percent spending target?",
    "what did ambassadors discuss in Brussels this week?",
    "why does {country} oppose {name}?",
    "who did the {adjective} government nominate?",
    "when did {name} withdraw from the race?",
    "what do analysts expect the next secretary general to face?",
    "what assurances does {country} want before backing {name}?",
    "how is the next secretary general selected?",
    "what is the capital of Peru?",
)
FIRST_DAY = date(2023, 10, 1)
# Commands with nothing to vary: their one invocation is repeated.
SAME_EVERY_TIME = ("candidates", "digest", "digest --rebuild")
SPAN_DAYS = 260


def _as_of(rng: random.Random) -> list[str]:
    if rng.random() < 0.5:
        return []
    day = FIRST_DAY + timedelta(days=rng.randrange(SPAN_DAYS))
    return ["--as-of", day.isoformat()]


def _question(rng: random.Random, templates: tuple[str, ...]) -> list[str]:
    country, capital, adjective = rng.choice(ALLIES)
    text = rng.choice(templates).format(
        name=rng.choice(NAMES), country=country, capital=capital, adjective=adjective
    )
    return ["ask", *text.split()]


def workload(command: str, count: int, seed: int = 7) -> list[list[str]]:
    """`count` distinct invocations of `command` (as CLI words), the same for the same seed.

    A command with nothing to vary (`candidates`, `digest`) has one invocation, repeated."""
    rng = random.Random(f"{command}:{seed}")
    calls: list[list[str]] = []
    seen: set[str] = set()
    for _ in range(count * 50):
        if len(calls) == count:
            break
        call = _draw(command, rng)
        key = " ".join(call).casefold()
        if key not in seen or command in SAME_EVERY_TIME:
            calls.append(call)
            seen.add(key)
    return calls


def _timeline(rng: random.Random) -> list[str]:
    words = ["timeline", *(rng.choice(NAMES).split() if rng.random() < 0.7 else [])]
    if rng.random() < 0.3:
        words += ["--holder", rng.choice(ALLIES)[0]]
    if rng.random() < 0.4:
        words += ["--since", (FIRST_DAY + timedelta(days=rng.randrange(SPAN_DAYS))).isoformat()]
    return words


def _draw(command: str, rng: random.Random) -> list[str]:
    """One invocation of `command` drawn from `rng`."""
    if command in ("who-backs", "who-opposes"):
        return [command, *rng.choice(NAMES).split(), *_as_of(rng)]
    if command == "timeline":
        return _timeline(rng)
    if command == "ask":
        return _question(rng, STANCE_QUESTIONS if rng.random() < 0.4 else PASSAGE_QUESTIONS)
    if command in SAME_EVERY_TIME:
        return command.split()
    raise ValueError(f"no workload for {command!r}")


def search_queries(count: int, seed: int = 7) -> list[str]:
    """Free-text queries for the retrieval comparison: the passage questions of `ask`."""
    rng = random.Random(f"search:{seed}")
    templates = PASSAGE_QUESTIONS
    return [" ".join(_question(rng, templates)[1:]) for _ in range(count)]
