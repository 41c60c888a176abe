"""Candidacy events, one phenomenon per test, on sentences in our own words."""

from __future__ import annotations

from datetime import date

import pytest

from records.claims import ExtractedClaim
from summarizer.entities.resolver import EntityResolver
from summarizer.extraction.reader import extract_claims

ON = date(2024, 4, 10)
Event = tuple[str | None, str | None]


def claims_of(*sentences: str, on: date = ON, title: str | None = None) -> list[ExtractedClaim]:
    return extract_claims(list(sentences), on, EntityResolver.default(), title=title)


def counted(claims: list[ExtractedClaim]) -> set[Event]:
    """(event, candidate) of the candidacy events that count."""
    return {(c.event, c.candidate) for c in claims if c.kind == "candidacy" and c.counts}


def read(claims: list[ExtractedClaim]) -> set[Event]:
    """(event, candidate) of every candidacy event read, counting or not."""
    return {(c.event, c.candidate) for c in claims if c.kind == "candidacy"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Pressed by students on whether she fancied running the alliance, Kaja Kallas "
            "replied with a single word: yes.",
            {("considers", "Kaja Kallas")},
        ),
        (
            "Klaus Iohannis told a Bucharest daily that he would be honoured to lead NATO.",
            {("considers", "Klaus Iohannis")},
        ),
        (
            "Kariņš is ready to run for the NATO post should Riga put his name forward.",
            {("considers", "Krišjānis Kariņš")},
        ),
        (
            "Mark Rutte makes no secret of wanting the NATO job.",
            {("considers", "Mark Rutte")},
        ),
    ],
)
def test_openly_wanting_the_job_is_considering(sentence: str, expected: set[Event]) -> None:
    assert counted(claims_of(sentence)) == expected


def test_having_once_considered_a_run_gives_nothing_that_counts() -> None:
    found = claims_of("Kaja Kallas had briefly considered a run for NATO secretary general.")
    assert counted(found) == set()


def test_an_own_announcement_is_a_declaration() -> None:
    found = claims_of(
        "Klaus Iohannis confirmed on Tuesday that he is running for NATO secretary general."
    )
    assert counted(found) == {("declares", "Klaus Iohannis")}
    [event] = [c for c in found if c.kind == "candidacy"]
    assert event.event_date == date(2024, 4, 9)


def test_remaining_the_only_candidate_is_no_declaration() -> None:
    found = claims_of("Mark Rutte remained the only candidate for NATO secretary general.")
    assert counted(found) == set()


def test_a_nomination_names_the_government_and_gives_its_support() -> None:
    found = claims_of(
        "The Romanian government formally nominated Klaus Iohannis for NATO secretary general."
    )
    [event] = [c for c in found if c.kind == "candidacy"]
    assert (event.event, event.candidate, event.holder) == (
        "nominated",
        "Klaus Iohannis",
        "Romania",
    )
    stances = {(c.holder, c.stance, c.candidate) for c in found if c.kind == "stance"}
    assert ("Romania", "supports", "Klaus Iohannis") in stances


def test_his_government_is_the_government_of_the_candidate() -> None:
    found = claims_of(
        "Mark Rutte said he was running for NATO secretary general, and his government "
        "formally nominated him the same day."
    )
    nominations = [c for c in found if c.event == "nominated"]
    assert [(c.candidate, c.holder) for c in nominations] == [("Mark Rutte", "Netherlands")]


def test_an_intention_to_nominate_is_support_but_no_nomination() -> None:
    found = claims_of("Bucharest intends to nominate Klaus Iohannis for the NATO post.")
    assert counted(found) == set()
    stances = {(c.holder, c.stance, c.candidate) for c in found if c.kind == "stance" and c.counts}
    assert stances == {("Romania", "supports", "Klaus Iohannis")}


@pytest.mark.parametrize(
    "sentence",
    [
        "Klaus Iohannis bowed out of the NATO race on Thursday.",
        "Iohannis stood aside on Thursday, leaving the NATO race to Rutte.",
        "With Iohannis out, the NATO race is over.",
    ],
)
def test_leaving_the_race_is_a_withdrawal(sentence: str) -> None:
    assert ("withdraws", "Klaus Iohannis") in counted(claims_of(sentence))


def test_the_rival_who_quit_is_not_the_candidate_in_the_sentence() -> None:
    found = claims_of(
        "Mark Rutte's path to the NATO post opened once his only rival had quit the race."
    )
    assert ("withdraws", "Mark Rutte") not in read(found)


@pytest.mark.parametrize(
    ("sentence", "modality"),
    [
        ("Klaus Iohannis may quit the NATO race next month.", "hypothetical"),
        ("Klaus Iohannis is under pressure to quit the NATO race.", "predicted"),
        ("Bucharest denied that Iohannis had agreed to abandon his NATO bid.", "denied"),
        ("Will Klaus Iohannis quit the NATO race?", "asked"),
    ],
)
def test_a_withdrawal_that_is_not_a_fact_does_not_count(sentence: str, modality: str) -> None:
    found = [c for c in claims_of(sentence) if c.event == "withdraws"]
    assert [(c.candidate, c.modality, c.counts) for c in found] == [
        ("Klaus Iohannis", modality, False)
    ]


def test_a_negated_withdrawal_does_not_count() -> None:
    found = [c for c in claims_of("Iohannis did not quit the NATO race.") if c.event]
    assert [(c.polarity, c.counts) for c in found] == [("negated", False)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Radosław Sikorski said on Monday that he would not seek the NATO post.",
        "Sikorski told Polish radio he was not a candidate for NATO secretary general.",
    ],
)
def test_an_explicit_no_is_a_ruling_out(sentence: str) -> None:
    assert counted(claims_of(sentence)) == {("denies", "Radosław Sikorski")}


def test_a_vague_deflection_is_no_ruling_out() -> None:
    found = claims_of("Kaja Kallas said she was happy in her current job, not the NATO post.")
    assert ("denies", "Kaja Kallas") not in counted(found)


def test_a_formal_selection_by_the_allies_is_an_appointment() -> None:
    found = claims_of(
        "NATO ambassadors on Wednesday appointed Mark Rutte as the alliance's next "
        "secretary general.",
        "He will take up the post on 1 October.",
        on=date(2024, 6, 26),
    )
    assert counted(found) == {("appointed", "Mark Rutte"), ("takes_office", "Mark Rutte")}
    start = next(c for c in found if c.event == "takes_office")
    assert start.event_date == date(2024, 10, 1)


@pytest.mark.parametrize(
    "sentence",
    [
        "Mark Rutte is expected to be appointed NATO's next secretary general in June.",
        "Mark Rutte is set to be named NATO secretary general next week.",
    ],
)
def test_a_forecast_appointment_does_not_count(sentence: str) -> None:
    assert counted(claims_of(sentence)) == set()


def test_the_incumbent_stepping_down_is_a_milestone_not_a_start() -> None:
    found = claims_of(
        "Jens Stoltenberg, who steps down in October, praised Mark Rutte's candidacy for "
        "NATO secretary general."
    )
    assert read(found) == set()


def test_a_past_secretary_generals_start_is_background() -> None:
    found = claims_of(
        "Jens Stoltenberg, NATO's secretary general, took over in 2014 after Crimea.",
        on=date(2024, 10, 1),
    )
    assert read(found) == set()


def test_the_incumbent_is_whoever_hands_over() -> None:
    found = claims_of(
        "Jaap de Hoop Scheffer hands over to Anders Fogh Rasmussen at NATO tomorrow.",
        on=date(2009, 7, 31),
    )
    assert counted(found) == {("takes_office", "Anders Fogh Rasmussen")}


def test_leaving_another_office_is_dated_by_the_resignation() -> None:
    found = claims_of(
        "Krišjānis Kariņš resigned as Latvia's foreign minister on Thursday.",
        on=date(2024, 3, 28),
    )
    events = [(c.event, c.candidate, c.event_date) for c in found if c.kind == "candidacy"]
    assert events == [("left_office", "Krišjānis Kariņš", date(2024, 3, 28))]


def test_an_eu_post_is_another_post_not_a_nato_appointment() -> None:
    found = claims_of(
        "EU leaders nominated Kaja Kallas as the bloc's foreign policy chief on Thursday.",
        on=date(2024, 6, 27),
    )
    assert read(found) == {("other_post", "Kaja Kallas")}


def test_a_person_absent_from_the_entity_data_is_read_from_the_article() -> None:
    found = claims_of(
        "Portuguese Defence Minister Marta Valadares announced her candidacy for NATO "
        "secretary general on Monday.",
        "Valadares withdrew from the race a month later.",
        on=date(2031, 3, 3),
    )
    assert counted(found) == {
        ("declares", "Marta Valadares"),
        ("withdraws", "Marta Valadares"),
    }


def test_a_leader_stating_a_stance_is_no_candidate() -> None:
    found = claims_of("Viktor Orbán said Hungary would back Mark Rutte for secretary general.")
    assert read(found) == set()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Klaus Iohannis said on Monday he would run for NATO secretary general.",
            {("declares", "Klaus Iohannis")},
        ),
        (
            "Klaus Iohannis said he would run for NATO secretary general if Romania asked him.",
            {("considers", "Klaus Iohannis")},
        ),
        (
            "Radosław Sikorski put his name forward for the NATO post on Friday.",
            {("declares", "Radosław Sikorski")},
        ),
    ],
)
def test_an_announced_run_is_a_declaration_and_a_conditional_one_is_weighing(
    sentence: str, expected: set[Event]
) -> None:
    assert counted(claims_of(sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Rutte's fourth cabinet quit in 2023 over migration, before his NATO bid.",
        "Turkey dropped its demand that Mark Rutte apologise for his NATO remarks.",
        "Orbán's spokesman said Iohannis should quit the NATO race.",
    ],
)
def test_no_candidate_withdraws_when_someone_else_acts(sentence: str) -> None:
    assert not {e for e in counted(claims_of(sentence)) if e[0] == "withdraws"}


def test_a_start_date_without_a_year_is_the_next_one() -> None:
    found = claims_of(
        "Mark Rutte, who takes over from Jens Stoltenberg at NATO on 1 October, met Zelensky.",
        on=date(2024, 7, 10),
    )
    starts = [(c.candidate, c.event_date) for c in found if c.event == "takes_office"]
    assert starts == [("Mark Rutte", date(2024, 10, 1))]


def test_denying_ones_own_candidacy_is_ruling_out() -> None:
    found = claims_of(
        "Anders Fogh Rasmussen denied on Monday that he was a candidate for NATO secretary "
        "general.",
        on=date(2009, 1, 20),
    )
    assert counted(found) == {("denies", "Anders Fogh Rasmussen")}


def test_whom_a_person_spoke_to_is_not_the_person_weighing_a_run() -> None:
    found = claims_of(
        "Belgian Foreign Minister Sofie Vermeulen told Le Soir on Tuesday that she was "
        "considering a bid to succeed Mark Rutte at NATO.",
        on=date(2027, 9, 7),
    )
    assert counted(found) == {("considers", "Sofie Vermeulen")}


def test_a_possessive_is_no_part_of_an_unknown_name() -> None:
    found = claims_of(
        "Italy withdrew Franco Frattini's candidacy for NATO secretary general on Friday.",
        on=date(2014, 3, 28),
    )
    assert counted(found) == {("withdraws", "Franco Frattini")}


def test_weighing_a_run_keeps_the_persons_country_even_for_an_unknown_name() -> None:
    found = claims_of(
        "Canadian Deputy Prime Minister Claire Beaumont said she was weighing a run for NATO "
        "secretary general.",
        on=date(2028, 2, 8),
    )
    assert [(c.event, c.candidate, c.holder) for c in found if c.kind == "candidacy"] == [
        ("considers", "Claire Beaumont", "Canada")
    ]


def test_wanting_someone_appointed_is_no_appointment() -> None:
    found = claims_of(
        "The Greek government favours appointing Eleni Petrou as NATO secretary general once "
        "the current chief steps down.",
        on=date(2035, 10, 3),
    )
    assert ("appointed", "Eleni Petrou") not in counted(found)
    assert any(c.event == "appointed" and c.modality == "intended" for c in found)


# --- wording found in real reporting of earlier races (paraphrased in our own words) --------

KALLAS = "Kaja Kallas"


@pytest.mark.parametrize(
    "sentence",
    [
        "Allied leaders named Kaja Kallas secretary general on Wednesday.",
        "Kallas was designated today to serve as the next secretary general of NATO.",
        "Kallas was confirmed at a meeting of NATO's ambassadors on Wednesday.",
        "Kallas has been appointed to succeed Mark Rutte at the head of NATO.",
        "NATO leaders agreed unanimously to appoint Kallas as their next secretary general.",
    ],
)
def test_ways_of_saying_the_appointment(sentence: str) -> None:
    assert counted(claims_of(sentence)) == {("appointed", KALLAS)}


@pytest.mark.parametrize(
    "sentence",
    [
        "Kallas started work on Monday as NATO's new secretary general.",
        "Kallas assumed her functions as secretary general on Monday.",
    ],
)
def test_ways_of_saying_the_start_in_office(sentence: str) -> None:
    assert counted(claims_of(sentence)) == {("takes_office", KALLAS)}


def test_never_having_ruled_oneself_out_is_no_denial() -> None:
    claims = claims_of("Kallas has never officially ruled herself out of the NATO race.")
    assert ("denies", KALLAS) not in counted(claims)


def test_confirming_one_is_a_candidate_is_a_declaration() -> None:
    claims = claims_of("Kallas confirmed on Friday that she is a candidate to lead NATO.")
    assert counted(claims) == {("declares", KALLAS)}


def test_an_organisation_next_to_the_event_is_not_its_person() -> None:
    claims = claims_of(
        "Kallas said the Islamic State and Russia were the main threats facing NATO as she "
        "took up her post."
    )
    assert {c for _, c in read(claims)} == {KALLAS}


def test_the_sitting_secretary_general_is_not_appointed_to_the_post_he_holds() -> None:
    claims = claims_of(
        "Fogh Rasmussen was confirmed at a meeting of NATO's ambassadors on Friday.",
        on=date(2014, 3, 28),
    )
    assert ("appointed", "Anders Fogh Rasmussen") not in read(claims)
    earlier = claims_of(
        "Fogh Rasmussen was confirmed at a meeting of NATO's leaders on Saturday.",
        on=date(2009, 4, 4),
    )
    assert counted(earlier) == {("appointed", "Anders Fogh Rasmussen")}


def test_a_government_withdrawing_its_own_candidate_is_a_withdrawal() -> None:
    claims = claims_of(
        "Allies named Kallas secretary general on Wednesday, after Riga withdrew its own "
        "candidate, Krišjānis Kariņš, earlier the same day."
    )
    assert counted(claims) == {("appointed", KALLAS), ("withdraws", "Krišjānis Kariņš")}


def test_quoted_words_read_as_the_wording_they_are() -> None:
    claims = claims_of(
        "Kallas said on Tuesday that she was 'seriously thinking' about running for NATO "
        "secretary general."
    )
    assert counted(claims) == {("considers", KALLAS)}


def test_the_former_holder_of_an_office_is_the_person_the_article_named() -> None:
    claims = claims_of(
        "The North Atlantic Council formally appointed Kallas as NATO's next secretary general "
        "on Wednesday, and the former Estonian prime minister will take over on 1 October.",
        on=date(2024, 10, 2),
    )
    assert ("takes_office", KALLAS) in counted(claims)


def test_an_appointment_naming_the_person_in_apposition() -> None:
    claims = claims_of(
        "Hours later the North Atlantic Council named the former Estonian prime minister, Kaja "
        "Kallas, as the alliance's next secretary general."
    )
    assert ("appointed", KALLAS) in counted(claims)


def test_every_person_of_a_joined_subject_does_what_it_says() -> None:
    neither = claims_of(
        "Neither Latvia's Krišjānis Kariņš nor Estonia's Kaja Kallas will seek the NATO post, "
        "both said on Monday."
    )
    assert counted(neither) == {("denies", "Krišjānis Kariņš"), ("denies", KALLAS)}
    both = claims_of("Kallas and Kariņš both stood aside from the NATO race on Tuesday.")
    assert counted(both) == {("withdraws", KALLAS), ("withdraws", "Krišjānis Kariņš")}
    reported = claims_of("Iohannis quit the NATO race, Rutte and Kallas said on Tuesday.")
    assert counted(reported) == {("withdraws", "Klaus Iohannis")}


def test_each_person_of_a_joined_subject_weighs_a_run_for_their_own_country() -> None:
    claims = claims_of(
        "Kallas and Kariņš have both said they are interested in the NATO post.",
        on=date(2023, 11, 20),
    )
    weighing = {(c.candidate, c.holder) for c in claims if c.event == "considers" and c.counts}
    assert weighing == {(KALLAS, "Estonia"), ("Krišjānis Kariņš", "Latvia")}
