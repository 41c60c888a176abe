"""A deterministic corpus that looks like news about the race, for the benchmarks.

Articles run 400 to 1,500 words (log-normal, median about 700), in paragraphs of one to
three sentences of about twenty words. About two in three are about the race: a few
sentences state support, opposition, conditions, candidacies or withdrawals, in many forms
(countries, capitals, governments, office-holders by name and title, quotes); the rest of each
article, and the other third of the archive, is defence and foreign-policy reporting built
by a small grammar from word banks (bench/vocabulary.py) and the names in the entity file, so
the vocabulary runs to thousands of words with a long tail of names. A few percent of
articles are exact or near duplicates (a syndicated copy under another outlet, trimmed or
extended). The same seed always gives the same articles.
"""

from __future__ import annotations

import itertools
import math
import random
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from bench import vocabulary as v

ENTITIES = Path(__file__).resolve().parent.parent / "summarizer" / "data" / "entities.toml"
START = date(2023, 10, 1)
SPAN_DAYS = 240
MEDIAN_WORDS = 700
MIN_WORDS, MAX_WORDS = 400, 1500
RACE_SHARE = 0.65
EXACT_DUPLICATES = 0.02
NEAR_DUPLICATES = 0.03
# (name, how the press introduces them, pronoun); weights as in the stress corpus.
CANDIDATES = (
    ("Mark Rutte", "Dutch Prime Minister", "his", 12),
    ("Kaja Kallas", "Estonian Prime Minister", "her", 4),
    ("Klaus Iohannis", "Romanian President", "his", 2),
    ("Krišjānis Kariņš", "Latvian Foreign Minister", "his", 2),
    ("Mette Frederiksen", "Danish Prime Minister", "her", 1),
    ("Ben Wallace", "former British Defence Secretary", "his", 1),
    ("Chrystia Freeland", "Canadian Deputy Prime Minister", "her", 1),
)
TITLES = {
    "head_of_government": "prime minister",
    "foreign_minister": "foreign minister",
    "defence_minister": "defence minister",
    "head_of_state": "president",
}
POST = (
    "as the next NATO secretary general",
    "for the top NATO job",
    "in the race to succeed Jens Stoltenberg",
    "to lead the alliance",
    "for the post of NATO secretary general",
    "as Stoltenberg's successor",
    "to become the alliance's next chief",
)
SUPPORT = (
    "{holder} backs {candidate} {post}",
    "{holder} has thrown its weight behind {candidate} {post}",
    "{holder} said on {weekday} that it would support {candidate} {post}",
    "{holder} endorsed {candidate} {post}, officials said",
    "{candidate} won the backing of {holder} {post}",
    "{holder} confirmed its support for {candidate}'s bid {post}",
    "{holder} came out in favour of {candidate} {post} on {weekday}",
    "{holder} dropped its objections to {candidate}'s candidacy",
    "{holder} lifted its veto on {candidate}'s bid to lead NATO",
    "{holder} is expected to back {candidate} {post}, diplomats said",
)
OPPOSE = (
    "{holder} has refused to support {candidate} {post}",
    "{holder} opposes {candidate}'s candidacy to lead NATO",
    "{holder} said it would block {candidate} from becoming the alliance's next chief",
    "{holder} is blocking {candidate}'s bid {post}, diplomats said",
    "{holder} will not back {candidate} {post}",
)
CONDITIONAL = (
    "{holder} wants assurances on {topic} before it backs {candidate} {post}",
    "{holder} has reservations about {candidate}'s bid to lead NATO",
    "{holder} said it would back {candidate} only if its concerns over {topic} were met",
)
QUOTED = (
    "“We support {candidate} {post},” {speaker} told reporters in {place}",
    "“{candidate} has our full backing,” {speaker} said on {weekday}",
    "“We cannot support {candidate} at this stage,” {speaker} said",
)
EVENTS = (
    "{candidate} declared {pronoun} candidacy for NATO secretary general on {weekday}",
    "{candidate} is weighing a run for NATO secretary general, aides said",
    "{candidate} withdrew from the race for NATO secretary general on {weekday}",
    "{candidate} has pulled out of the contest to succeed Jens Stoltenberg",
    "The government announced it would nominate {candidate} {post}",
)
FACTS = (
    "Leaders will gather for the NATO summit in Washington on 9 July 2024",
    "The alliance marks its 75th anniversary at a summit in Washington in July",
    "Eighteen allies are expected to meet the 2 percent spending target this year",
    "Jens Stoltenberg's term as secretary general ends on 1 October 2024",
    "The secretary general is chosen by consensus among the allies, behind closed doors",
    "Ambassadors met in Brussels this week to discuss the succession",
    "Analysts expect the next secretary general to face pressure over support for Ukraine",
)
TOPICS = (
    "defence spending",
    "the Black Sea",
    "arms exports",
    "the eastern flank",
    "Ukraine's membership",
    "Arctic security",
    "military aid",
)
BOILERPLATE = (
    "Share this article",
    "Photo: Gettyimages",
    "© 2024 {outlet}. All rights reserved.",
    "More from {outlet}",
)
WEEKDAYS = v.WEEKDAYS[:5]
MOVED = ("sent", "deployed", "shipped", "moved", "flown", "delivered", "assigned")


def _a(phrase: str) -> str:
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Country:
    """What the grammar needs of one country in the entity file."""

    name: str
    demonym: str
    capital: str
    officials: tuple[tuple[str, str], ...]  # (person, title) in office during the race


@dataclass(frozen=True)
class Banks:
    """Every word bank, with cumulative Zipf-like weights for each."""

    nouns: tuple[str, ...]
    adjectives: tuple[str, ...]
    verbs: tuple[str, ...]
    places: tuple[str, ...]
    roles: tuple[str, ...]
    countries: tuple[Country, ...]
    bodies: tuple[str, ...]


def _in_office(office: dict[str, object]) -> bool:
    start, end = office.get("from"), office.get("to")
    first, last = START, START + timedelta(days=SPAN_DAYS)
    return isinstance(start, date) and start <= first and (not isinstance(end, date) or end >= last)


@cache
def banks() -> Banks:
    """The word banks and the entity file's countries, bodies and office-holders."""
    data = tomllib.loads(ENTITIES.read_text(encoding="utf-8"))
    officials: dict[str, list[tuple[str, str]]] = {}
    for person in data.get("person", []):
        for office in person.get("offices", []):
            title = TITLES.get(str(office.get("role")))
            if title and _in_office(office):
                officials.setdefault(str(office.get("of")), []).append((person["name"], title))
    countries = tuple(
        Country(
            entry["name"],
            entry.get("demonyms", [entry["name"]])[0],
            entry.get("capitals", [entry["name"]])[0],
            tuple(officials.get(entry["name"], ())),
        )
        for entry in data.get("country", [])
        if entry.get("demonyms") and entry.get("capitals")
    )
    return Banks(
        nouns=v.words(v.NOUNS),
        adjectives=v.words(v.ADJECTIVES),
        verbs=v.words(v.VERBS_PAST),
        places=v.words(v.PLACES),
        roles=v.words(v.ROLES),
        countries=countries,
        bodies=tuple(entry["name"] for entry in data.get("body", [])),
    )


@cache
def _weights(size: int) -> tuple[float, ...]:
    return tuple(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(size)))


class Writer:
    """Writes one archive's articles from one random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.banks = banks()

    def pick(self, bank: Sequence[str]) -> str:
        """A word of `bank`, earlier ones more often."""
        return self.rng.choices(bank, cum_weights=_weights(len(bank)))[0]

    def surname(self) -> str:
        """An invented surname (the long tail of names in real reporting)."""
        rng = self.rng
        parts = [rng.choice(v.ONSETS) + rng.choice(v.NUCLEI) for _ in range(rng.randint(2, 3))]
        return ("".join(parts) + rng.choice(v.CODAS)).capitalize()

    def person(self) -> str:
        """Someone quoted: an invented expert with a role and an institute."""
        role = self.pick(self.banks.roles)
        where = self.rng.choice(v.INSTITUTES)
        return f"{self.rng.choice(v.FIRST_NAMES)} {self.surname()}, {_a(role)} at the {where},"

    def noun_phrase(self) -> str:
        """`the costly ammunition backlog`, `a new plan for Gdansk`, ..."""
        rng, b = self.rng, self.banks
        head = f"{self.pick(b.adjectives)} {self.pick(b.nouns)}"
        if rng.random() < 0.5:
            head += f" {self.pick(b.nouns)}"
        if rng.random() < 0.35:
            head += f" of the {self.pick(b.adjectives)} {self.pick(b.nouns)}"
        elif rng.random() < 0.3:
            head += f" in {self.pick(b.places)}"
        return _a(head) if rng.random() < 0.3 else "the " + head

    def subject(self) -> str:
        """Who did or said something, in the forms the press uses."""
        rng, b = self.rng, self.banks
        country = rng.choice(b.countries)
        forms = (
            lambda: f"the {country.demonym} government",
            lambda: f"officials in {country.capital}",
            lambda: f"{country.name}'s {rng.choice(tuple(TITLES.values()))}",
            lambda: self.person(),
            lambda: f"{rng.randint(3, 30)} {self.pick(b.nouns)} officials",
            lambda: f"the {rng.choice(b.bodies)}",
            lambda: f"{rng.choice(v.FIRST_NAMES)} {self.surname()}",
        )
        return rng.choice(forms)()

    def when(self) -> str:
        """A time phrase."""
        rng = self.rng
        return rng.choice(
            (
                f"on {rng.choice(v.WEEKDAYS)}",
                f"in {rng.choice(v.MONTHS)}",
                f"on {rng.randint(1, 28)} {rng.choice(v.MONTHS)}",
                "last week",
                "earlier this year",
                f"after {rng.randint(2, 14)} hours of talks",
            )
        )

    def background(self) -> str:
        """One sentence of ordinary defence reporting."""
        rng, b = self.rng, self.banks
        forms = (
            lambda: f"{self.subject()} {self.pick(b.verbs)} {self.noun_phrase()} {self.when()}",
            lambda: (
                f"{self.subject()} {self.pick(b.verbs)} that {self.noun_phrase()} had been "
                f"{self.pick(b.verbs)} {self.when()}, citing {self.noun_phrase()}"
            ),
            lambda: (
                f"“{_upper(self.noun_phrase())} is {self.pick(b.adjectives)} for "
                f"{self.noun_phrase()},” {self.subject()} {self.pick(b.verbs)}"
            ),
            lambda: (
                f"In {self.pick(b.places)}, {self.subject()} {self.pick(b.verbs)} "
                f"{self.noun_phrase()} amid {self.noun_phrase()}"
            ),
            lambda: (
                f"{rng.randint(2, 900):,} {self.pick(b.nouns)} and {rng.randint(2, 90)} "
                f"{self.pick(b.nouns)} units were {rng.choice(MOVED)} to {self.pick(b.places)} "
                f"{self.when()}, according to {self.noun_phrase()}"
            ),
            lambda: (
                f"{_upper(self.noun_phrase())} rose by {rng.randint(2, 40)} percent "
                f"to {rng.randint(2, 90)} billion euros {self.when()}"
            ),
            lambda: (
                f"{self.subject()} {self.pick(b.verbs)} {self.noun_phrase()}, while "
                f"{self.subject()} {self.pick(b.verbs)} {self.noun_phrase()}"
            ),
        )
        return _upper(rng.choice(forms)()) + "."

    def holder(self) -> tuple[str, str]:
        """A government as the press names it, and a speaker for quotes."""
        rng = self.rng
        country = rng.choice(self.banks.countries)
        forms = [country.name, f"the {country.demonym} government", country.capital]
        speaker = f"the {country.demonym} {rng.choice(tuple(TITLES.values()))}"
        if country.officials:
            person, title = rng.choice(country.officials)
            forms.append(f"{country.demonym} {title.title()} {person}")
            speaker = f"{person}, the {country.demonym} {title},"
        return rng.choice(forms), speaker

    def race(self, candidate: tuple[str, str, str, int]) -> str:
        """One sentence about the race for `candidate`, in one of many forms."""
        rng = self.rng
        name, intro, pronoun, _ = candidate
        kind = rng.choices(
            (SUPPORT, OPPOSE, CONDITIONAL, QUOTED, EVENTS, FACTS), weights=(10, 3, 2, 3, 2, 3)
        )[0]
        holder, speaker = self.holder()
        surname = name.split()[-1]
        text = rng.choice(kind).format(
            holder=holder,
            speaker=speaker.rstrip(","),
            candidate=rng.choice((name, f"{intro} {name}", surname)),
            post=rng.choice(POST),
            weekday=rng.choice(WEEKDAYS),
            place=self.pick(self.banks.places),
            topic=rng.choice(TOPICS),
            pronoun=pronoun,
        )
        return _upper(text) + "."

    def article(self, outlet: str) -> list[str]:
        """The paragraphs of one new article."""
        rng = self.rng
        target = math.exp(rng.gauss(math.log(MEDIAN_WORDS), 0.35))
        target = min(MAX_WORDS, max(MIN_WORDS, target))
        about_race = rng.random() < RACE_SHARE
        candidate = rng.choices(CANDIDATES, weights=[c[3] for c in CANDIDATES])[0]
        race_left = rng.randint(3, 8) if about_race else rng.randint(0, 1)
        paragraphs: list[str] = []
        words = 0
        while words < target:
            sentences = []
            for _ in range(rng.choices((1, 2, 3), weights=(3, 4, 2))[0]):
                late = len(paragraphs) > 0 or not about_race
                if race_left and (not late or rng.random() < 0.25):
                    race_left -= 1
                    sentences.append(self.race(candidate))
                else:
                    sentences.append(self.background())
            paragraph = " ".join(sentences)
            words += paragraph.count(" ") + 1
            paragraphs.append(paragraph)
        if rng.random() < 0.4:
            paragraphs.append(rng.choice(BOILERPLATE).format(outlet=outlet))
        return paragraphs


def _copy(rng: random.Random, original: tuple[str, ...], writer: Writer) -> list[str]:
    """A syndicated copy: a paragraph or two cut, one added."""
    body = list(original)
    for _ in range(rng.randint(0, 2)):
        if len(body) > 6:
            del body[rng.randrange(2, len(body))]
    body.insert(rng.randrange(1, len(body)), writer.background())
    return body


def news_articles(count: int, seed: int, outlets: Sequence[str]) -> list[tuple[str, str]]:
    """`count` articles as (file name, text with front matter)."""
    rng = random.Random(seed)
    writer = Writer(rng)
    made: list[tuple[str, str, tuple[str, ...]]] = []
    for number in range(count):
        day = START + timedelta(days=rng.randrange(0, SPAN_DAYS))
        outlet = rng.choice(outlets)
        roll = rng.random()
        if made and roll < EXACT_DUPLICATES:
            made.append((f"{number:06d}.txt", *rng.choice(made)[1:]))
            continue
        if made and roll < EXACT_DUPLICATES + NEAR_DUPLICATES:
            body = _copy(rng, rng.choice(made)[2], writer)
        else:
            body = writer.article(outlet)
        title = body[0].split(". ")[0][:90].rstrip(".")
        header = f"Title: {title}\nOutlet: {outlet}\nDate: {day.isoformat()}\n\n"
        made.append((f"{number:06d}.txt", header + "\n\n".join(body) + "\n", tuple(body)))
    return [(name, text) for name, text, _ in made]
