"""Who is who, learned from the archive: a full name written with its nationality or office in
one article lets a surname, an office or "the Dane" be read in another; the contenders of the
day settle shared surnames. People and sentences are invented, in our own words."""

from __future__ import annotations

from datetime import date

from records.claims import ExtractedClaim
from records.people import CANDIDACY_EVENT, STANCE_TOWARD, Sighting
from summarizer.entities.learned import LearnedResolvers, WhoIsWho, surname_of
from summarizer.entities.resolver import EntityResolver
from summarizer.extraction.reader import read_article

BASE = EntityResolver.default()
TEACHING = (
    "Icelandic Foreign Minister Sigrún Ásgeirsdóttir said on Monday she would stand for "
    "NATO secretary general."
)


def learn(*articles: tuple[date, str]) -> WhoIsWho:
    sightings: list[Sighting] = []
    known: WhoIsWho | None = None
    resolvers = LearnedResolvers(BASE)
    for _ in range(2):
        sightings = []
        for on, text in articles:
            reading = read_article([text], on, resolvers.for_knowledge(known), known=known)
            sightings += reading.sightings
        known = WhoIsWho.of(sightings)
    assert known is not None
    return known


def stances(known: WhoIsWho, on: date, text: str) -> set[tuple[str | None, str | None, str | None]]:
    resolver = LearnedResolvers(BASE).for_knowledge(known)
    claims: list[ExtractedClaim] = read_article([text], on, resolver, known=known).claims
    return {(c.holder, c.stance, c.candidate) for c in claims if c.kind == "stance" and c.counts}


def test_a_full_name_with_its_office_teaches_the_surname_and_the_office() -> None:
    known = learn((date(2033, 3, 7), TEACHING))
    people = {p.entity.name: p for p in known.people(BASE)}
    person = people["Sigrún Ásgeirsdóttir"]
    assert person.entity.country == "Iceland"
    assert person.aliases == ("Ásgeirsdóttir",)
    assert [(o.role, o.of) for o in person.entity.offices] == [("foreign_minister", "Iceland")]
    later = date(2033, 4, 2)
    assert stances(known, later, "Norway endorsed Ásgeirsdóttir for the NATO post on Tuesday.") == {
        ("Norway", "supports", "Sigrún Ásgeirsdóttir")
    }
    # The office she was seen in names her, and so does "the Icelander".
    assert stances(
        known, later, "The Icelandic foreign minister was also endorsed by Denmark for the post."
    ) == {("Denmark", "supports", "Sigrún Ásgeirsdóttir")}


def test_without_the_archive_a_lone_surname_is_nobody() -> None:
    text = "Norway endorsed Ásgeirsdóttir for the NATO post on Tuesday."
    claims = read_article([text], date(2033, 4, 2), BASE).claims
    assert not [c for c in claims if c.kind == "stance" and c.counts]


def test_a_name_seen_once_with_nothing_said_of_it_is_learned_as_nobody() -> None:
    known = WhoIsWho.of([Sighting("Harbour Street", date(2033, 1, 1))])
    assert known.people(BASE) == []


def test_the_contender_of_the_day_settles_a_shared_surname() -> None:
    # Two Danes named Rasmussen are in the entity data; the one running is the one meant.
    running = [Sighting("Anders Fogh Rasmussen", date(2009, 3, 20), contender=CANDIDACY_EVENT)]
    known = WhoIsWho.of(running)
    on = date(2009, 4, 4)
    assert stances(known, on, "Turkey lifted its veto on Rasmussen for the NATO post.") == {
        ("Turkey", "supports", "Anders Fogh Rasmussen")
    }
    assert stances(known, on, "Ankara dropped its objections to the Dane on Saturday.") == {
        ("Turkey", "supports", "Anders Fogh Rasmussen")
    }
    # Years later the same surname is nobody in particular again.
    assert known.contenders_on(date(2024, 4, 4), BASE) == ()


def test_one_stance_reading_does_not_make_a_contender_but_two_do() -> None:
    once = WhoIsWho.of([Sighting("Erna Solberg", date(2014, 3, 28), contender=STANCE_TOWARD)])
    assert once.contenders() == []
    twice = WhoIsWho.of(
        [
            Sighting("Erna Solberg", date(2014, 3, 20), contender=STANCE_TOWARD),
            Sighting("Erna Solberg", date(2014, 3, 28), contender=STANCE_TOWARD),
        ]
    )
    assert [c.name for c in twice.contenders()] == ["Erna Solberg"]


def test_surnames_keep_their_particles() -> None:
    assert surname_of("Jaap de Hoop Scheffer") == "de Hoop Scheffer"
    assert surname_of("Sigrún Ásgeirsdóttir") == "Ásgeirsdóttir"


def test_a_misspelt_surname_two_people_share_is_the_contenders() -> None:
    running = [Sighting("Anders Fogh Rasmussen", date(2009, 3, 20), contender=CANDIDACY_EVENT)]
    known = WhoIsWho.of(running)
    assert stances(
        known, date(2009, 3, 25), "Germany and France are both behind Rasmusen, officials said."
    ) == {
        ("Germany", "supports", "Anders Fogh Rasmussen"),
        ("France", "supports", "Anders Fogh Rasmussen"),
    }


def test_a_nationality_before_a_past_tense_is_the_contender_of_that_country() -> None:
    running = [Sighting("Sigrún Ásgeirsdóttir", date(2033, 3, 1), "Iceland", contender=2)]
    known = WhoIsWho.of(running)
    resolver = LearnedResolvers(BASE).for_knowledge(known)
    text = "The Icelander ruled herself out of the NATO race on Tuesday."
    claims = read_article([text], date(2033, 3, 9), resolver, known=known).claims
    assert {(c.event, c.candidate) for c in claims} == {("denies", "Sigrún Ásgeirsdóttir")}


def test_an_appositive_office_teaches_the_nationality_even_where_the_data_names_a_holder() -> None:
    text = "Marta Quintela, Belgium's foreign minister, said on Monday she would run for NATO."
    on = date(2024, 3, 4)
    reading = read_article([text], on, BASE)
    assert Sighting("Marta Quintela", on, "Belgium", "foreign_minister") in {
        Sighting(s.name, s.on, s.country, s.role) for s in reading.sightings
    }


def test_a_misspelt_known_name_is_not_someone_new() -> None:
    misspelt = Sighting("Mark Rutt", date(2024, 3, 1), "Netherlands", "head_of_government")
    assert WhoIsWho.of([misspelt]).people(BASE) == []


def test_the_contenders_of_a_day_are_the_asking_resolvers_own() -> None:
    # Worked out once per day, but per resolver: a person the archive taught is a contender
    # only to a resolver that knows them.
    known = learn((date(2033, 3, 1), TEACHING), (date(2033, 3, 3), TEACHING))
    on = date(2033, 3, 10)
    learned = LearnedResolvers(BASE).for_knowledge(known)
    assert [e.name for e in known.contenders_on(on, learned)] == ["Sigrún Ásgeirsdóttir"]
    assert known.contenders_on(on, BASE) == ()
    assert [e.name for e in known.contenders_on(on, learned)] == ["Sigrún Ásgeirsdóttir"]
    # The same day asked again is the same answer (the articles of a day share it).
    assert known.contenders_on(on, learned) is known.contenders_on(on, learned)
    assert known.contenders_on(date(2034, 6, 1), learned) == ()
