"""Frames on an organisation's parts, heads, beginning and stances (claimgraph/extract/frames_org.py), each on
sentences written for the rule."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from claim_text import find, name

from claimgraph.extract.context import DocContext
from claimgraph.model import LiteralValue

Analyze = Callable[..., DocContext]


def test_a_wing_named_as_the_wing_of_its_parent_is_tied_to_it(analyze: Analyze) -> None:
    ctx = analyze("The Azure League is also recognized as the Northern Legion's diplomatic wing.")
    assert find(ctx, "tied_to", "Northern Legion", "Azure League")


def test_a_body_formed_as_an_armed_wing_is_tied_to_the_parent_and_founded_then(analyze: Analyze) -> None:
    ctx = analyze("The Black Legion formed in 1990 as the armed wing of the Workers Union, a Spain-based Marxist "
                  "organization founded in the 1980s.")
    assert find(ctx, "tied_to", "Workers Union", "Black Legion")
    assert find(ctx, "founded_in", "1990", "Black Legion")


def test_the_name_after_a_possessed_wing_is_the_wing(analyze: Analyze) -> None:
    ctx = analyze("The Black Legion is a militant group. Police shelled a post run by its armed wing, the Red Brigades.")
    assert find(ctx, "tied_to", "Black Legion", "Red Brigades")


def test_an_arm_without_a_kind_is_no_body(analyze: Analyze) -> None:
    ctx = analyze("Hamas officers held the arm of the law in contempt.")
    assert not find(ctx, "tied_to")


def test_led_by_after_a_fronted_participle_names_the_leader(analyze: Analyze) -> None:
    ctx = analyze("Formed in 1990 and led by Juan Perez, the Black Legion waged a campaign.")
    assert find(ctx, "leader_of", "Black Legion", "Juan Perez")
    assert find(ctx, "founded_in", "1990", "Black Legion")


def test_headed_by_in_the_passive(analyze: Analyze) -> None:
    ctx = analyze("The Azure League is headed by Pedro Gomez.")
    assert find(ctx, "leader_of", "Azure League", "Pedro Gomez")


def test_under_the_leadership_of_names_the_leader_of_the_clause_subject(analyze: Analyze) -> None:
    ctx = analyze("Hamas split from the Muslim Brotherhood in 1987 under the leadership of Ahmed Yassin.")
    assert find(ctx, "leader_of", "Hamas", "Ahmed Yassin")
    assert not find(ctx, "leader_of", "Muslim Brotherhood")
    ctx = analyze("Under Ahmed Yassin's leadership, Hamas grew quickly.")
    assert find(ctx, "leader_of", "Hamas", "Ahmed Yassin")


def test_a_second_coordinated_passive_shares_the_subject(analyze: Analyze) -> None:
    ctx = analyze("The Azure League is a Spanish party based in Spain and was founded by Juan Perez and Pedro Gomez.")
    founders = {name(ctx, c.object) for c in find(ctx, "founded_by", subject="Azure League")}
    assert founders == {"Juan Perez", "Pedro Gomez"}


def test_since_its_inception_gives_the_founding_year_of_the_clause_subject(analyze: Analyze) -> None:
    ctx = analyze("The Black Legion is a militant group. Since its inception in 2004, the Black Legion has carried "
                  "out attacks.")
    assert find(ctx, "founded_in", "2004", "Black Legion")


def test_threats_are_hostility_towards_who_is_threatened(analyze: Analyze) -> None:
    ctx = analyze("The Kach Front has harassed and threatened Arabs, especially Palestinians.")
    assert find(ctx, "hostile_to", "Arabs", "Kach Front")
    ctx = analyze("Hamas threatened more attacks unless Egypt and Jordan withdrew their troops.")
    assert {name(ctx, c.object) for c in find(ctx, "hostile_to", subject="Hamas")} == {"Egypt", "Jordan"}


def test_revenge_against_is_hostility(analyze: Analyze) -> None:
    ctx = analyze("Hamas vowed revenge against Israel for the raid.")
    assert find(ctx, "hostile_to", "Israel", "Hamas")


def test_trying_to_oust_a_government_is_opposition(analyze: Analyze) -> None:
    ctx = analyze("Hamas tried to oust the Egyptian government in the 1980s.")
    assert find(ctx, "opposes", "Egypt", "Hamas")


def test_a_struggle_or_clash_between_two_sides_sets_each_against_the_other(analyze: Analyze) -> None:
    ctx = analyze("Shells were fired during the struggle between the Vesper League and the Coastal Union in the hills.")
    assert find(ctx, "opposes", "Coastal Union", "Vesper League")
    assert find(ctx, "opposes", "Vesper League", "Coastal Union")
    ctx = analyze("Clashes between the Vesper League and the Coastal Union broke out near the port on Sunday.")
    assert find(ctx, "opposes", "Coastal Union", "Vesper League")
    assert find(ctx, "opposes", "Vesper League", "Coastal Union")


def test_fighting_inside_one_body_sets_no_side_against_another(analyze: Analyze) -> None:
    ctx = analyze("Fighting between rival units of the Vesper League broke out near the port on Sunday.")
    assert not find(ctx, "opposes")


def test_joining_a_body_is_membership(analyze: Analyze) -> None:
    ctx = analyze("Jalaluddin Haqqani established a relationship with Usama bin Laden in the mid-1980s, and joined "
                  "the Taliban in 1995.")
    assert find(ctx, "member_of", "Taliban", "Jalaluddin Haqqani")


def test_a_name_before_linked_is_what_the_group_is_tied_to(analyze: Analyze) -> None:
    ctx = analyze("Muslim rebels of the Al-Qaeda-linked Abu Sayyaf group kidnapped three nurses.")
    assert find(ctx, "tied_to", "Qaeda", "Abu Sayyaf")


def test_where_the_members_fled_and_what_they_set_up_there(analyze: Analyze) -> None:
    ctx = analyze("Hamas is a Palestinian movement. Members of the Hamas movement fled to Syria in the 1990s, where "
                  "they had the support of Bashar al-Assad and set up Camp Yarmouk in the province of Damascus.")
    assert find(ctx, "based_in", "Syria", "Hamas")
    assert find(ctx, "supported", "Hamas", "Bashar al-Assad")
    assert find(ctx, "has_base", "Camp Yarmouk", "Hamas")


def test_a_body_that_remains_somewhere_is_based_there(analyze: Analyze) -> None:
    ctx = analyze("The Hamas leadership remains in Qatar.")
    assert find(ctx, "based_in", "Qatar", "Hamas")


def test_a_group_in_a_country_and_one_of_the_groups_operating_there(analyze: Analyze) -> None:
    ctx = analyze("Founded in 1976, the Liberation Tigers of Tamil Eelam (LTTE) is a Tamil secessionist group in "
                  "Sri Lanka.")
    assert find(ctx, "based_in", "Sri Lanka", "Liberation Tigers")
    ctx = analyze("Hamas is one of the terrorist groups operating in Egypt.")
    assert find(ctx, "based_in", "Egypt", "Hamas")
    ctx = analyze("Hamas is the largest group in the coalition.")
    assert not find(ctx, "based_in")


def test_a_hyphenated_ideology_split_by_the_tokenizer_is_read_whole(analyze: Analyze) -> None:
    ctx = analyze("The United Self-Defenders of Colombia (AUC) was a Colombian far-right paramilitary group which was "
                  "active from 1997 to 2006.")
    assert find(ctx, "ideology", "far-right", "United Self-Defenders")


def test_an_institution_before_a_title_is_what_the_holder_leads(analyze: Analyze) -> None:
    ctx = analyze("Parliament speaker Ali Larijani condemned it on state radio.")
    assert find(ctx, "leader_of", "Parliament", "Ali Larijani")


def test_under_the_leadership_of_after_a_date_and_of_a_named_son(analyze: Analyze) -> None:
    ctx = analyze("The Velmoran Front broke away from the Sable Union in the late 1980s under the leadership of "
                  "Tomas Verrick, who died in 1994.")
    assert find(ctx, "leader_of", "Velmoran Front", "Tomas Verrick")
    assert not find(ctx, "leader_of", "Sable Union")
    ctx = analyze("The Velmoran Front was formed in 1979. Later, under the leadership of Tomas Verrick's son, "
                  "Anton Verrick, the movement expanded its attacks.")
    assert find(ctx, "leader_of", "Velmoran Front", "Anton Verrick")
    assert not find(ctx, "leader_of", "Velmoran Front", "Tomas Verrick")


def test_a_gerund_under_a_nouns_preposition_has_no_doer_from_the_clause(analyze: Analyze) -> None:
    ctx = analyze("In the referendum on joining the Ember Union, Tomas Arn led the campaign against it.")
    assert not find(ctx, "member_of")
    ctx = analyze("After joining the Ember Front in 1990, Tomas Arn led its youth wing.")
    assert find(ctx, "member_of", "Ember Front", "Tomas Arn")


def test_a_front_or_cover_for_a_body_is_tied_to_it_and_a_name_with_front_is_none(analyze: Analyze) -> None:
    for text in ("The Coastal Council is a front group for the Vesper League.",
                 "The Coastal Council is a front organization of the Vesper League.",
                 "The Coastal Council is a cover for the Vesper League."):
        assert find(analyze(text), "tied_to", "Vesper League", "Coastal Council"), text
    assert not find(analyze("Tomas Arn founded the Vesper Front for the people of Kestel."), "tied_to")


def test_a_leader_told_by_the_copula_or_by_as_is_the_leader(analyze: Analyze) -> None:
    for text in ("The current leader of the Vesper League is Tomas Arn.",
                 "Tomas Arn took over as leader of the Vesper League in 2004.",
                 "Tomas Arn succeeded Ivo Brandt as head of the Vesper League.",
                 "Tomas Arn was elected as chairman of the Vesper League in 2004."):
        ctx = analyze(text)
        assert {name(ctx, c.subject) for c in find(ctx, "leader_of", "Vesper League")} == {"Tomas Arn"}, text


def test_a_body_founded_by_someone_as_a_member_makes_the_founder_no_member(analyze: Analyze) -> None:
    ctx = analyze("The Vesper League is a group founded in 1967 by Tomas Arn as a member of the Coastal Union.")
    assert not find(ctx, "member_of", "Coastal Union", "Tomas Arn")


def test_a_body_dissolved_or_disbanded_in_a_year(analyze: Analyze) -> None:
    for text in ("The Vesper League was dissolved in 2019.", "The Vesper League disbanded in 2019.",
                 "The Kestel court disbanded the Vesper League in 2019."):
        ctx = analyze(text)
        assert [str(c.object.value) for c in find(ctx, "dissolved_in", subject="Vesper League")
                if isinstance(c.object, LiteralValue)] == ["2019"], text


def test_an_accusation_hung_on_the_accused_keeps_the_accused_as_the_doer(analyze: Analyze) -> None:
    ctx = analyze("Police officials accuse the Vesper League of collaborating with the Coastal Union.")
    assert find(ctx, "collaborates_with", "Coastal Union", "Vesper League")


def test_an_owned_backer_supports_its_owner(analyze: Analyze) -> None:
    for text in ("The Azure League's main backer is Iran.", "The Azure League's main backer, Iran, denied it."):
        ctx = analyze(text)
        assert find(ctx, "supported", "Azure League", "Iran"), text
    assert not find(analyze("The Azure League's supporters rallied in Oslo."), "supported")


def test_a_body_seeking_an_overthrow_opposes_now(analyze: Analyze) -> None:
    for text in ("The Azure League is a coalition seeking to overthrow the government of Iran.",
                 "The Azure League, a coalition calling to overthrow the government of Iran, met in Paris."):
        ctx = analyze(text)
        found = find(ctx, "opposes", "Iran", "Azure League")
        assert found and all(c.modality == "asserted" for c in found), text
    found = find(analyze("The Azure League could seek to overthrow the government of Iran."), "opposes")
    assert found and all(c.modality == "speculative" for c in found)
    assert not find(analyze("The Azure League, a coalition formed by exiles in Iran, met in Paris."), "opposes")


def test_what_a_body_was_founded_to_do_it_does(analyze: Analyze) -> None:
    ctx = analyze("The Azure League is a missionary organization founded in the 1980s to oppose Iran.")
    assert find(ctx, "opposes", "Iran", "Azure League")


@pytest.mark.parametrize("text, holder, body", [
    ("Police arrested four suspected members of a Korvel Front bombing cell in a raid.", "suspected members",
     "Korvel Front"),
    ("Officers detained three Korvel Front suspects on Monday.", "suspects", "Korvel Front"),
    ("Two alleged Korvel Front fighters were killed in the raid.", "fighters", "Korvel Front"),
    ("The men were suspected of belonging to the Korvel Front.", "men", "Korvel Front"),
    ("The four had no criminal record but were suspected of being part of a cell that planned attacks.", "four",
     "cell"),
])
def test_a_suspected_membership_is_a_hedged_claim(analyze: Analyze, text: str, holder: str, body: str) -> None:
    found = find(analyze(text), "member_of", body, holder)
    assert found and all(c.modality == "hedged" for c in found), found


@pytest.mark.parametrize("text", [
    "Police arrested four members of the Korvel Front in a raid.",
    "Suspected members of the Korvel Front opened fire on a bus.",
])
def test_members_told_without_a_suspicion_or_doing_a_deed_make_no_membership_claim(analyze: Analyze,
                                                                                   text: str) -> None:
    assert not find(analyze(text), "member_of")


def test_the_militants_of_a_text_about_a_body_are_that_body(analyze: Analyze) -> None:
    ctx = analyze("The Korvel Front claimed the bombings of two banks. Colonel Amin Darko said the militants "
                  "belonged to the Tigris Legion or the Baath Party.")
    found = find(ctx, "member_of", "Tigris Legion", "Korvel Front")
    assert found and all(c.modality == "hedged" for c in found), ctx.analysis.claims
    other = analyze("The Korvel Front claimed the bombings of two banks. Colonel Amin Darko said Kurdish militants "
                    "belonged to the Tigris Legion.")
    assert not find(other, "member_of", "Tigris Legion", "Korvel Front")


def test_the_rebels_in_a_states_forces_words_are_never_those_forces(analyze: Analyze) -> None:
    ctx = analyze("The Marovian Army launched an offensive in the north. The Marovian Army said the rebels belonged "
                  "to the Korvel Front. The Marovian Army said the militants belonged to the Tigris Legion.")
    assert not find(ctx, "member_of", None, "Marovian Army"), ctx.analysis.claims
