"""How stances are said: negation, conditions, hypotheticals, forecasts, questions, denials,
requirements, announced intentions and past stances; group statements that name holdouts;
who may hold a stance; when a backing verb is about the race. Sentences in our own words."""

from __future__ import annotations

from datetime import date

import pytest

from records.claims import ExtractedClaim
from summarizer.entities.alliance import bundled_alliance
from summarizer.entities.resolver import EntityResolver
from summarizer.extraction.reader import extract_claims, read_article

ON = date(2024, 5, 14)


def read(*sentences: str, on: date = ON, title: str | None = None) -> list[ExtractedClaim]:
    return [
        c
        for c in extract_claims(list(sentences), on, EntityResolver.default(), title=title)
        if c.kind == "stance" and c.holder
    ]


def counting(claims: list[ExtractedClaim]) -> set[tuple[str | None, str | None, str | None]]:
    return {(c.holder, c.stance, c.candidate) for c in claims if c.counts}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Greece will not be backing Kaja Kallas for the NATO post.", "Greece"),
        ("Ankara refuses to endorse Kallas's bid for the top NATO job.", "Turkey"),
        ("Madrid says it cannot back Mark Rutte to lead the alliance.", "Spain"),
    ],
)
def test_a_negated_backing_is_opposition(sentence: str, expected: str) -> None:
    assert {(h, s) for h, s, _ in counting(read(sentence))} == {(expected, "opposes")}


def test_a_demand_makes_support_a_reservation() -> None:
    claims = read("Athens could back Mark Rutte only if he pledges to defend Aegean interests.")
    assert counting(claims) == {("Greece", "conditional", "Mark Rutte")}


@pytest.mark.parametrize(
    "sentence",
    [
        "Oslo would back Kaja Kallas for secretary general if she enters the race.",
        "Lisbon would support Kallas for the NATO post if Denmark did the same.",
    ],
)
def test_a_condition_that_is_no_demand_is_kept_but_does_not_count(sentence: str) -> None:
    claims = read(sentence)
    assert claims and all(c.modality == "conditional" and not c.counts for c in claims)


def test_a_standing_condition_is_support() -> None:
    claims = read("Croatia will back Kallas for the NATO job for as long as she stays in the race.")
    assert counting(claims) == {("Croatia", "supports", "Kaja Kallas")}


@pytest.mark.parametrize(
    ("sentence", "modality"),
    [
        ("Portugal might support Rutte for the NATO post.", "hypothetical"),
        ("Belgium is expected to back Rutte for secretary general.", "predicted"),
        ("Will Madrid back Kallas for secretary general?", "asked"),
        ("It is unclear whether Norway supports Rutte for the top job.", "asked"),
        ("Lisbon denied that it had agreed to support Rutte for the top job.", "denied"),
    ],
)
def test_readings_that_do_not_decide_a_stance_keep_their_modality(
    sentence: str, modality: str
) -> None:
    claims = read(sentence)
    assert claims, sentence
    assert {c.modality for c in claims} == {modality}
    assert not any(c.counts for c in claims)


def test_a_requirement_names_no_holder() -> None:
    assert (
        read("Whoever wins the race for secretary general needs the backing of all 32 allies.")
        == []
    )


def test_an_announced_intention_counts() -> None:
    claims = read("Norway said on Monday that it would back Rutte for NATO chief.")
    assert counting(claims) == {("Norway", "supports", "Mark Rutte")}


def test_a_past_stance_since_changed_has_ended() -> None:
    claims = read("Greece, which had backed Kallas, now supports Rutte for the NATO job.")
    assert counting(claims) == {("Greece", "supports", "Mark Rutte")}
    [old] = [c for c in claims if c.candidate == "Kaja Kallas"]
    assert old.aspect == "ended"


def test_ending_months_of_opposition_is_support() -> None:
    claims = read("Italy backed Rutte for the NATO post, ending months of opposition.")
    assert ("Italy", "supports", "Mark Rutte") in counting(claims)
    claims = read("Italy dropped its objections to Rutte's bid for secretary general.")
    assert counting(claims) == {("Italy", "supports", "Mark Rutte")}


def test_former_holdouts_that_switch_are_backers_now() -> None:
    claims = read(
        "Poland and Slovakia, which had long been holdouts, both endorsed Kaja Kallas for the "
        "top job on Monday."
    )
    assert counting(claims) == {
        ("Poland", "supports", "Kaja Kallas"),
        ("Slovakia", "supports", "Kaja Kallas"),
    }


def test_the_excepted_allies_are_holdouts() -> None:
    claims = read("Every member except Greece and Portugal now backs Kaja Kallas for the post.")
    assert counting(claims) == {
        ("Greece", "opposes", "Kaja Kallas"),
        ("Portugal", "opposes", "Kaja Kallas"),
    }
    assert all(c.holdout and c.scope == "all_except" for c in claims)


@pytest.mark.parametrize(
    "sentence",
    [
        "Only Spain and Italy are still withholding their endorsement of Kallas for the post.",
        "Spain and Italy are the only allies still to be won over by Kallas.",
        "With 30 allies on board, only Spain and Italy have yet to back Kallas.",
        "Kallas must still win over Spain and Italy before the summit.",
    ],
)
def test_the_last_to_decide_are_holdouts(sentence: str) -> None:
    claims = read(sentence)
    assert counting(claims) == {
        ("Spain", "opposes", "Kaja Kallas"),
        ("Italy", "opposes", "Kaja Kallas"),
    }
    assert all(c.holdout and c.scope == "remaining" for c in claims)


def test_the_last_holdout_named_after_a_switch() -> None:
    claims = read(
        "After Italy fell into line, Spain is the only ally that has still not endorsed Rutte."
    )
    assert counting(claims) == {
        ("Italy", "supports", "Mark Rutte"),
        ("Spain", "opposes", "Mark Rutte"),
    }


def test_an_unnamed_count_names_no_holder() -> None:
    assert read("Two-thirds of the allies back Rutte for the post.") == []
    assert read("Several eastern members have yet to back Rutte.") == []


def test_a_group_name_names_its_members() -> None:
    claims = read("The three Baltic states back Kallas for the top job.")
    assert counting(claims) == {
        ("Estonia", "supports", "Kaja Kallas"),
        ("Latvia", "supports", "Kaja Kallas"),
        ("Lithuania", "supports", "Kaja Kallas"),
    }


def test_alliance_membership_by_date() -> None:
    alliance = bundled_alliance()
    assert "Sweden" not in alliance.members_on(date(2024, 1, 1))
    assert len(alliance.members_on(date(2024, 3, 7))) == 32
    assert len(alliance.members_on(date(2023, 1, 1))) == 30


@pytest.mark.parametrize(
    "sentence",
    [
        "Speaking in Washington, the Portuguese minister said Lisbon backs Rutte for NATO chief.",
        "Romania Insider reports that Portugal backs Rutte for NATO chief.",
    ],
)
def test_places_and_outlets_are_not_holders(sentence: str) -> None:
    assert counting(read(sentence)) == {("Portugal", "supports", "Mark Rutte")}


@pytest.mark.parametrize(
    "sentence",
    [
        "A fellow at a Brussels think tank said Rutte is expected to win the NATO post.",
        "An unnamed diplomat said they would not block Rutte for secretary general.",
    ],
)
def test_commentators_and_unnamed_people_hold_no_stance(sentence: str) -> None:
    assert counting(read(sentence)) == set()


def test_the_one_passed_over_is_opposed() -> None:
    claims = read("Athens said its vote would go to Kaja Kallas rather than to Mark Rutte.")
    assert counting(claims) == {
        ("Greece", "supports", "Kaja Kallas"),
        ("Greece", "opposes", "Mark Rutte"),
    }


def test_a_person_object_of_a_backing_verb_is_a_stance_without_race_words() -> None:
    claims = read("Croatia and Slovenia both endorsed Mark Rutte on Tuesday.")
    assert counting(claims) == {
        ("Croatia", "supports", "Mark Rutte"),
        ("Slovenia", "supports", "Mark Rutte"),
    }


@pytest.mark.parametrize(
    "sentence",
    ["Croatia backs the new sanctions package.", "Croatia backs Ukraine's defence."],
)
def test_backing_a_thing_or_a_country_is_no_stance(sentence: str) -> None:
    assert read(sentence) == []


def test_an_invented_candidate_is_read_and_remembered_by_surname() -> None:
    claims = read(
        "Latvia endorsed Portugal's Marta Quintela for NATO secretary general on Monday.",
        "Denmark also backs Quintela, its foreign minister said.",
        on=date(2031, 3, 3),
    )
    assert counting(claims) == {
        ("Latvia", "supports", "Marta Quintela"),
        ("Denmark", "supports", "Marta Quintela"),
    }


def test_every_reading_says_how_it_was_said() -> None:
    for claim in read("Greece backs Rutte for the NATO post, but Portugal might not."):
        assert claim.polarity in ("affirmed", "negated")
        assert claim.modality and claim.aspect and claim.scope
        assert isinstance(claim.holdout, bool)


def test_a_member_government_putting_someone_forward_backs_them() -> None:
    claims = read(
        "Croatia's government formally put forward Defence Minister Ivo Marković for NATO "
        "secretary general on Monday.",
        on=date(2031, 5, 6),
    )
    assert counting(claims) == {("Croatia", "supports", "Ivo Marković")}


def test_no_plans_to_put_someone_forward_is_no_backing() -> None:
    assert (
        counting(read("Ottawa has no plans to put forward Peter MacKay for the NATO post."))
        == set()
    )


def test_lobbying_on_someones_behalf_is_backing() -> None:
    claims = read(
        "Polish officials say Sikorski wants the job and that Warsaw is canvassing allies on his "
        "behalf.",
        on=date(2009, 3, 2),
    )
    assert counting(claims) == {("Poland", "supports", "Radosław Sikorski")}


def test_a_preferred_candidate_of_an_administration() -> None:
    claims = read(
        "Rutte is the Biden administration's preferred candidate, a senior US official said."
    )
    assert counting(claims) == {("United States", "supports", "Mark Rutte")}


def test_holding_out_for_someone_backs_them() -> None:
    claims = read("Rome is holding out for Franco Frattini in the race for secretary general.")
    assert ("Italy", "supports", "Franco Frattini") in counting(claims)


def test_a_shared_surname_is_the_one_in_office() -> None:
    claims = read(
        "Ankara looks unfavourably on Rasmussen's candidacy for the top job.", on=date(2009, 4, 1)
    )
    assert counting(claims) == {("Turkey", "opposes", "Anders Fogh Rasmussen")}


def test_an_office_beyond_the_data_is_no_known_person() -> None:
    # The entity data cannot say who is Danish prime minister in 2031.
    claims = read("Norway backs the Danish prime minister for the NATO post.", on=date(2031, 1, 1))
    assert counting(claims) == set()


def test_the_candidate_is_the_object_not_a_later_name() -> None:
    claims = read(
        "Ankara gave its consent on Saturday after Biden offered guarantees on its concerns "
        "about Rutte's bid for secretary general."
    )
    assert ("Turkey", "supports", "Joe Biden") not in counting(claims)


def test_a_tally_that_matches_the_named_holdouts_leaves_them_firm() -> None:
    claims = read("Rutte now has 30 of the 32 allies behind him: all but Greece and Portugal.")
    assert counting(claims) == {
        ("Greece", "opposes", "Mark Rutte"),
        ("Portugal", "opposes", "Mark Rutte"),
    }
    assert not any(c.hedged for c in claims)


def test_a_tally_that_leaves_out_more_than_the_names_hedges_them() -> None:
    claims = read("Rutte now has 28 of the 32 allies behind him: all but Greece and Portugal.")
    assert {c.holder for c in claims if c.holdout} == {"Greece", "Portugal"}
    assert all(c.hedged for c in claims if c.holdout)


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("Lisbon is still weighing Rutte's bid for the NATO post.", "undecided"),
        ("Portugal has neither backed nor rejected Rutte for the top job.", "undecided"),
        ("Athens remains sceptical about Rutte's candidacy for the NATO post.", "conditional"),
        ("Greece came out against Rutte's candidacy for secretary general.", "opposes"),
        ("Ottawa welcomed the choice of Mark Rutte as the next secretary general.", "supports"),
    ],
)
def test_more_wording_of_stances(sentence: str, stance: str) -> None:
    assert {s for _, s, _ in counting(read(sentence))} == {stance}


def test_backing_a_non_member_leader_is_no_stance_in_the_race() -> None:
    assert read("Hungary does not support Volodymyr Zelensky, Orbán said.") == []


def test_sympathy_after_an_attack_is_no_stance() -> None:
    claims = read(
        "Hungary and Poland stood behind Robert Fico after the shooting in Handlová.",
        title="Slovak premier wounded",
    )
    assert claims == []


def test_a_candidates_word_about_others_is_no_stance() -> None:
    assert read("Rutte said Germany and France back him for the NATO post.") == []


def test_a_refusal_then_a_turn_elsewhere_keeps_the_opposition() -> None:
    claims = read(
        "Hungary could not back Rutte for secretary general and turned to the Romanian instead."
    )
    assert counting(claims) == {
        ("Hungary", "opposes", "Mark Rutte"),
        ("Hungary", "supports", "Klaus Iohannis"),
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "The Danish opposition backs Kaja Kallas for the NATO post.",
        "Dutch voters favour Rutte for secretary general, a poll found.",
    ],
)
def test_opposition_parties_voters_and_polls_are_not_governments(sentence: str) -> None:
    assert counting(read(sentence)) == set()


def test_siding_with_is_backing_and_a_forecast_of_it_is_kept_apart() -> None:
    assert counting(read("Croatia sided with Rutte in the race for secretary general.")) == {
        ("Croatia", "supports", "Mark Rutte")
    }
    claims = read("Croatia is expected to side with Rutte in the race for secretary general.")
    assert claims and all(c.modality == "predicted" for c in claims)


# --- readings added with the archive's who-is-who (sentences in our own words) -------------


def test_a_possessive_backing_belongs_to_everyone_who_said_it() -> None:
    claims = read(
        "In a joint letter on Friday, the governments of Iceland, Norway and Denmark said "
        "Kallas had their unanimous backing for the NATO post."
    )
    assert counting(claims) == {
        ("Iceland", "supports", "Kaja Kallas"),
        ("Norway", "supports", "Kaja Kallas"),
        ("Denmark", "supports", "Kaja Kallas"),
    }


def test_turning_to_a_candidate_is_backing_and_being_unable_to_back_is_not() -> None:
    claims = read(
        "Unable to back Rutte after a dispute over fisheries, Portugal has turned to Kallas "
        "for the NATO job, its foreign ministry said."
    )
    assert counting(claims) == {
        ("Portugal", "opposes", "Mark Rutte"),
        ("Portugal", "supports", "Kaja Kallas"),
    }


def test_undecided_between_two_candidates_is_undecided_on_each() -> None:
    claims = read("Athens had still not decided between Rutte and Kallas for the NATO post.")
    assert counting(claims) == {
        ("Greece", "undecided", "Mark Rutte"),
        ("Greece", "undecided", "Kaja Kallas"),
    }


def test_support_for_a_country_is_no_stance_on_a_candidate_named_later() -> None:
    claims = read(
        "Spain and Italy pledged new support for Ukraine on Monday, a step Rutte's team said "
        "showed the alliance's resolve."
    )
    assert counting(claims) == set()


def test_a_reversal_may_qualify_what_it_ends() -> None:
    claims = read("Budapest dropped its remaining reservations about Rutte on Tuesday.")
    assert counting(claims) == {("Hungary", "supports", "Mark Rutte")}


def test_holdouts_in_apposition_hold_out_against_the_front_runner_not_a_conditions_name() -> None:
    claims = read(
        "Rutte now has the backing of most allies.",
        "Diplomats said the holdouts Slovakia and Hungary would give way more easily if the "
        "Romanian President Klaus Iohannis left the race.",
    )
    holdouts = {(c.holder, c.candidate) for c in claims if c.holdout and c.counts}
    assert holdouts == {("Slovakia", "Mark Rutte"), ("Hungary", "Mark Rutte")}


def test_the_government_a_speaker_names_is_their_own_countrys() -> None:
    claims = read(
        "Estonian Prime Minister Kaja Kallas said on Monday that she would run for NATO "
        "secretary general.",
        "Her former foreign minister, Urmas Reinsalu, said that the government stood squarely "
        "behind the bid.",
    )
    assert ("Estonia", "supports", "Kaja Kallas") in counting(claims)


def test_a_nationality_standing_alone_before_a_preposition_is_a_person() -> None:
    claims = read(
        "The Dutchman is the clear favourite for the NATO post.",
        "Ankara signed off on the Dutchman without fuss, Turkish diplomats said.",
    )
    assert ("Turkey", "supports", "Mark Rutte") in counting(claims)


def test_a_follower_takes_the_same_stance_on_its_own_day() -> None:
    claims = read(
        "Oslo endorsed Kallas for the NATO post on Monday, and Copenhagen followed today.",
        on=date(2024, 5, 15),
    )
    assert counting(claims) == {
        ("Norway", "supports", "Kaja Kallas"),
        ("Denmark", "supports", "Kaja Kallas"),
    }
    denmark = next(c for c in claims if c.holder == "Denmark")
    assert denmark.event_date == date(2024, 5, 15)


def test_being_followed_by_someone_copies_nothing() -> None:
    claims = read("Oslo endorsed Kallas for the NATO post, followed by a statement from its envoy.")
    assert counting(claims) == {("Norway", "supports", "Kaja Kallas")}


def test_a_holdout_in_apposition_gives_way_to_what_the_sentence_says_it_did() -> None:
    claims = read("Latvia, the last holdout, gave its consent to Kallas for the NATO post today.")
    assert counting(claims) == {("Latvia", "supports", "Kaja Kallas")}
    still = read("Latvia, the last holdout, met Kallas in Riga to discuss the NATO post.")
    assert {(c.holder, c.holdout) for c in still if c.counts} == {("Latvia", True)}


def test_yet_to_do_so_names_a_holdout() -> None:
    claims = read(
        "Belgium endorsed Kallas for the NATO post on Monday, leaving Greece as the only ally "
        "yet to do so."
    )
    assert {(c.holder, c.holdout) for c in claims if c.counts} == {
        ("Belgium", False),
        ("Greece", True),
    }


def test_support_once_a_rival_stands_down_is_no_demand_and_does_not_count() -> None:
    claims = read("Athens would switch to Kallas if Rutte stood down, a Greek diplomat said.")
    assert counting(claims) == set()


def test_holdouts_that_had_long_been_so_are_history() -> None:
    claims = read(
        "Greece said on Thursday that it would support Kallas for the NATO post.",
        "Greece, Spain and Italy had long been the last holdouts in the race.",
    )
    holdouts = [c for c in claims if c.holdout]
    assert holdouts and all(c.aspect == "ended" and not c.counts for c in holdouts)
    assert counting(claims) == {("Greece", "supports", "Kaja Kallas")}


def test_blocking_a_policy_or_supporting_a_state_is_no_stance_on_a_person_nearby() -> None:
    claims = read(
        "Stoltenberg went to Hungary on 12 June for talks with Orbán on the NATO race, amid "
        "fears that Budapest, which has repeatedly blocked aid to Ukraine, could derail future "
        "plans to support Kyiv.",
        title="Orbán backs Rutte as NATO secretary general",
    )
    assert claims == []


def test_preferring_a_candidate_is_backing() -> None:
    claims = read("Budapest prefers Klaus Iohannis for the NATO post, its foreign minister said.")
    assert counting(claims) == {("Hungary", "supports", "Klaus Iohannis")}


def test_country_words_sharing_one_title_each_name_their_country() -> None:
    claims = read(
        "The Danish and Norwegian governments said on Monday they would support Kallas for the "
        "NATO post."
    )
    assert counting(claims) == {
        ("Denmark", "supports", "Kaja Kallas"),
        ("Norway", "supports", "Kaja Kallas"),
    }


def test_a_government_that_had_nominated_someone_earlier_is_not_nominating_now() -> None:
    claims = read_article(
        [
            "Kariņš pulled out of the NATO race on Tuesday, and Latvia, which had nominated "
            "him, said it would now back the Dutchman Rutte."
        ],
        ON,
        EntityResolver.default(),
    ).claims
    counted = {(c.kind, c.holder, c.event, c.candidate) for c in claims if c.counts}
    assert ("candidacy", "Latvia", "nominated", "Krišjānis Kariņš") not in counted
    assert ("stance", "Latvia", None, "Krišjānis Kariņš") not in counted
    assert ("stance", "Latvia", None, "Mark Rutte") in counted


def test_an_announced_switch_with_instead_is_current_support() -> None:
    claims = read(
        "Spain's foreign minister said on Monday she would not run, and that Madrid would "
        "instead back Kallas for the NATO post."
    )
    assert ("Spain", "supports", "Kaja Kallas") in counting(claims)


def test_only_allies_hold_out_or_object() -> None:
    claims = read(
        "The alliance faces a challenge from a newly assertive Russia as it weighs Kallas for "
        "the NATO post."
    )
    assert not [c for c in claims if c.holder == "Russia"]


def test_converging_on_a_candidate_is_backing_and_dropping_a_veto_threat_is_not() -> None:
    # No longer threatening a veto is not yet consent.
    assert counting(read("Ankara withdrew its threat to veto Kallas for the NATO post.")) == set()
    assert counting(read("In the end Rome too decided to converge on Kallas for the post.")) == {
        ("Italy", "supports", "Kaja Kallas")
    }


def test_a_pluperfect_objection_is_history_when_the_article_reports_the_change() -> None:
    claims = read(
        "Allied leaders named Kallas secretary general on Saturday.",
        "Turkey had opposed her bid for weeks.",
        "The deal came after Turkey dropped its objections on Saturday.",
    )
    assert counting(claims) == {("Turkey", "supports", "Kaja Kallas")}
    alone = read("Turkey had opposed her bid for weeks.", title="Kallas and the NATO post")
    assert counting(alone) == {("Turkey", "opposes", "Kaja Kallas")}


def test_backers_listed_after_a_colon() -> None:
    claims = read(
        "Kallas enjoys strong support for the NATO post from three big European allies: "
        "Germany, France and the UK."
    )
    assert counting(claims) == {
        ("Germany", "supports", "Kaja Kallas"),
        ("France", "supports", "Kaja Kallas"),
        ("United Kingdom", "supports", "Kaja Kallas"),
    }


def test_agreeing_that_someone_is_their_choice_and_weighing_whether_to_back_either() -> None:
    agreed = read(
        "Scholz and Macron, meeting in Berlin on Saturday, agreed that the Dutch prime minister "
        "was their preferred choice to run NATO."
    )
    assert counting(agreed) == {
        ("Germany", "supports", "Mark Rutte"),
        ("France", "supports", "Mark Rutte"),
    }
    weighing = read(
        "Slovakia's foreign minister said on Friday that his government was still weighing "
        "whether to back Rutte or Iohannis for the NATO post."
    )
    assert counting(weighing) == {
        ("Slovakia", "undecided", "Mark Rutte"),
        ("Slovakia", "undecided", "Klaus Iohannis"),
    }


def test_a_holdout_that_names_its_terms_has_reservations() -> None:
    claims = read(
        "Every ally except Greece and Spain has now endorsed Kallas, with Athens saying it still "
        "needs guarantees on Aegean airspace before it can come on board."
    )
    assert counting(claims) == {
        ("Greece", "conditional", "Kaja Kallas"),
        ("Spain", "opposes", "Kaja Kallas"),
    }


def test_not_yet_having_a_governments_backing_is_no_backing() -> None:
    claims = read(
        "Kallas told a Tallinn daily she would be honoured to lead NATO, though she had yet to "
        "secure Estonia's formal backing."
    )
    assert ("Estonia", "supports", "Kaja Kallas") not in counting(claims)


def test_support_won_in_a_relative_clause_belongs_to_its_antecedent() -> None:
    claims = read(
        "Romania plans to put forward its president, Klaus Iohannis, for the NATO post.",
        "That would complicate things for the front-runner, Mark Rutte, who has won the support "
        "of the alliance's biggest members: the US, France and Germany.",
    )
    assert {h for h, s, c in counting(claims) if c == "Mark Rutte"} == {
        "United States",
        "France",
        "Germany",
    }
