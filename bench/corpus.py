"""The benchmark corpora, deterministic for a seed.

- `news` (the default, bench/news.py): articles that look like news, 400 to 1,500 words of
  reporting with the race in varied forms and a vocabulary of thousands of words.
- `stress`: short articles in the style of the seeds (a median of under a hundred words over a
  few hundred distinct words), dense with stances: support, opposition, conditions,
  withdrawals and nominations in varied wording, with boilerplate and near-duplicates mixed
  in. It flatters retrieval and ingest, so it is kept for stress tests only.

The same seed always gives the same files.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

from bench.news import news_articles

Corpus = Literal["news", "stress"]
CORPORA: tuple[Corpus, ...] = ("news", "stress")

CANDIDATES = (
    "Mark Rutte",
    "Kaja Kallas",
    "Klaus Iohannis",
    "Krišjānis Kariņš",
    "Mette Frederiksen",
    "Ben Wallace",
    "Chrystia Freeland",
)
CANDIDATE_WEIGHTS = (12, 4, 2, 2, 1, 1, 1)
# (country, capital, adjective)
ALLIES = (
    ("United States", "Washington", "American"),
    ("United Kingdom", "London", "British"),
    ("France", "Paris", "French"),
    ("Germany", "Berlin", "German"),
    ("Italy", "Rome", "Italian"),
    ("Spain", "Madrid", "Spanish"),
    ("Poland", "Warsaw", "Polish"),
    ("Turkey", "Ankara", "Turkish"),
    ("Hungary", "Budapest", "Hungarian"),
    ("Canada", "Ottawa", "Canadian"),
    ("Norway", "Oslo", "Norwegian"),
    ("Denmark", "Copenhagen", "Danish"),
    ("Belgium", "Brussels", "Belgian"),
    ("Portugal", "Lisbon", "Portuguese"),
    ("Greece", "Athens", "Greek"),
    ("Lithuania", "Vilnius", "Lithuanian"),
    ("Latvia", "Riga", "Latvian"),
    ("Estonia", "Tallinn", "Estonian"),
    ("Slovakia", "Bratislava", "Slovak"),
    ("Czech Republic", "Prague", "Czech"),
    ("Romania", "Bucharest", "Romanian"),
    ("Bulgaria", "Sofia", "Bulgarian"),
    ("Croatia", "Zagreb", "Croatian"),
    ("Finland", "Helsinki", "Finnish"),
    ("Sweden", "Stockholm", "Swedish"),
)
OUTLETS = (
    "Northern Wire",
    "Atlantic Ledger",
    "Baltic Courier",
    "Danube Daily",
    "Harbour Times",
    "Continental Review",
    "Morning Dispatch",
    "Capital Observer",
    "Frontier Post",
    "Alliance Monitor",
    "Evening Standard-Bearer",
    "Riverside Herald",
    "Eastern Flank Review",
    "The Summit Letter",
    "Defence Weekly Digest",
    "Policy Wire",
)
SUPPORT = (
    "{capital} said on {weekday} it would back {candidate} as the next NATO secretary general.",
    "The {adjective} government has endorsed {candidate} for the top NATO job.",
    "{country} threw its weight behind {candidate} in the race to lead the alliance.",
    "Officials in {capital} confirmed their support for {candidate}'s bid to become NATO chief.",
    "{candidate} has won the backing of {country} for the post of NATO secretary general.",
    "{country} is expected to back {candidate} for NATO secretary general, diplomats said.",
    "{country} dropped its objections to {candidate}'s candidacy on {weekday}.",
    "{capital} lifted its veto on {candidate}'s bid to lead NATO.",
    "About two-thirds of allies back {candidate}'s bid to lead NATO, officials said.",
)
OPPOSE = (
    "{country} has refused to support {candidate} for the post of NATO secretary general.",
    "The {adjective} government opposes {candidate}'s candidacy to lead NATO.",
    "{capital} said it would block {candidate} from becoming the alliance's next chief.",
    "{country} is blocking {candidate}'s bid to lead NATO, diplomats said.",
)
CONDITIONAL = (
    "{country} wants assurances on defence spending before it backs {candidate} for NATO "
    "secretary general.",
    "The {adjective} government has reservations about {candidate}'s bid to lead NATO.",
)
NOMINATE = (
    "The {adjective} government announced it would nominate {candidate} for NATO secretary "
    "general.",
    "{candidate} declared {pronoun} candidacy for NATO secretary general on {weekday}.",
)
WITHDRAW = (
    "{candidate} withdrew from the race for NATO secretary general on {weekday}.",
    "{candidate} has pulled out of the contest to succeed Jens Stoltenberg.",
)
FILLER = (
    "Diplomats say the selection usually happens by consensus behind closed doors.",
    "Allies are also debating how quickly to raise defence spending to 2 percent of GDP.",
    "The alliance will mark its 75th anniversary at a summit in Washington in July.",
    "Analysts expect the next secretary general to face pressure over support for Ukraine.",
    "Ambassadors met in Brussels this week to discuss the succession.",
    "Eighteen allies are expected to meet the 2 percent spending target this year.",
    "Jens Stoltenberg's term ends on 1 October 2024.",
    "Leaders will gather for the NATO summit in Washington on 9 July 2024.",
)
BOILERPLATE = (
    "Share this article",
    "Photo: Gettyimages",
    "© 2024 {outlet}. All rights reserved.",
    "More from {outlet}",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
PRONOUNS = {
    "Mark Rutte": "his",
    "Kaja Kallas": "her",
    "Klaus Iohannis": "his",
    "Krišjānis Kariņš": "his",
    "Mette Frederiksen": "her",
    "Ben Wallace": "his",
    "Chrystia Freeland": "her",
}


@dataclass(frozen=True)
class Article:
    """One generated article: its file name and its text with front matter."""

    name: str
    text: str
    paragraphs: tuple[str, ...]


def _sentence(rng: random.Random, templates: tuple[str, ...], candidate: str) -> str:
    country, capital, adjective = rng.choice(ALLIES)
    return rng.choice(templates).format(
        candidate=candidate,
        country=country,
        capital=capital,
        adjective=adjective,
        weekday=rng.choice(WEEKDAYS),
        pronoun=PRONOUNS.get(candidate, "their"),
    )


def _body(rng: random.Random, outlet: str) -> list[str]:
    candidate = rng.choices(CANDIDATES, weights=CANDIDATE_WEIGHTS)[0]
    kinds = rng.choices(
        (SUPPORT, OPPOSE, CONDITIONAL, NOMINATE, WITHDRAW), weights=(10, 3, 2, 1, 1), k=3
    )
    paragraphs = [_sentence(rng, templates, candidate) for templates in kinds]
    paragraphs += rng.sample(FILLER, 2)
    if rng.random() < 0.4:
        paragraphs.append(rng.choice(BOILERPLATE).format(outlet=outlet))
    return paragraphs


def generate(count: int, seed: int = 2024, corpus: Corpus = "news") -> list[Article]:
    """`count` articles of the given corpus, the same for the same seed."""
    if corpus == "news":
        return [
            Article(name, text, tuple(text.split("\n\n")[1:]))
            for name, text in news_articles(count, seed, OUTLETS)
        ]
    return _stress(count, seed)


def _stress(count: int, seed: int) -> list[Article]:
    """`count` short articles; about one in ten is a near-duplicate of an earlier one."""
    rng = random.Random(seed)
    start = date(2023, 10, 1)
    articles: list[Article] = []
    for number in range(count):
        day = start + timedelta(days=rng.randrange(0, 240))
        outlet = rng.choice(OUTLETS)
        if articles and rng.random() < 0.1:
            original = rng.choice(articles)
            body = [*original.paragraphs, rng.choice(FILLER)]
        else:
            body = _body(rng, outlet)
        title = body[0][:90].rstrip(".")
        header = f"Title: {title}\nOutlet: {outlet}\nDate: {day.isoformat()}\n\n"
        text = header + "\n\n".join(body) + "\n"
        articles.append(Article(f"{number:06d}.txt", text, tuple(body)))
    return articles


def write_corpus(folder: Path, count: int, seed: int = 2024, corpus: Corpus = "news") -> list[Path]:
    """Write `count` generated articles into `folder`; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in generate(count, seed, corpus):
        path = folder / article.name
        path.write_text(article.text, encoding="utf-8")
        paths.append(path)
    return paths
