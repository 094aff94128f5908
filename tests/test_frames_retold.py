"""Frames on wordings a retelling uses for facts the sample article tells otherwise (sentences written for the rules)."""

from __future__ import annotations

from collections.abc import Callable

from claim_text import find

from claimgraph.extract.context import DocContext

Analyze = Callable[..., DocContext]


def test_each_agent_of_a_preposition_said_again_is_a_doer(analyze: Analyze) -> None:
    ctx = analyze("The Red Dawn Front was designated a terrorist organization by Norway and by Chile. "
                  "Members of the Red Dawn Front are trained by the Kestrel Agency and by the Falcon Service.")
    assert find(ctx, "designated_terrorist", "Red Dawn Front", "Norway")
    assert find(ctx, "designated_terrorist", "Red Dawn Front", "Chile"), ctx.analysis.claims
    assert find(ctx, "trained", "Red Dawn Front", "Kestrel Agency")
    assert find(ctx, "trained", "Red Dawn Front", "Falcon Service"), ctx.analysis.claims


def test_a_stance_adjective_or_a_verb_against_an_actor_is_a_stance(analyze: Analyze) -> None:
    ctx = analyze("The Red Dawn Front has long been hostile to Norway. In its first years the Amber League "
                  "stood against the Zarvani monarchy.")
    assert find(ctx, "hostile_to", "Norway", "Red Dawn Front"), ctx.analysis.claims
    assert find(ctx, "opposes", "Zarvani monarchy", "Amber League"), ctx.analysis.claims
    negated = analyze("The Red Dawn Front was never hostile to Norway.")
    assert all(c.modality == "negated" or c.polarity == "negative" for c in find(negated, "hostile_to", "Norway"))


def test_founders_listed_after_the_copula_are_each_a_founder(analyze: Analyze) -> None:
    ctx = analyze("The Red Dawn Front is an armed group. Its founders were students led by Karim Tabrizi "
                  "and Omid Rasouli.")
    assert find(ctx, "founded_by", "Karim Tabrizi", "Red Dawn Front"), ctx.analysis.claims
    assert find(ctx, "founded_by", "Omid Rasouli", "Red Dawn Front"), ctx.analysis.claims
    other = analyze("The Red Dawn Front is an armed group. The founders of the Red Dawn Front were Karim Tabrizi "
                    "and Omid Rasouli.")
    assert find(other, "founded_by", "Omid Rasouli", "Red Dawn Front"), other.analysis.claims
    clause = analyze("The Red Dawn Front is an armed group. Its leader since 2004 has been Omid Rasouli, who "
                     "met the son of Karim Tabrizi.")
    assert not find(clause, "leader_of", "Red Dawn Front", "Karim Tabrizi"), clause.analysis.claims


def test_a_place_near_a_city_is_not_inside_it(analyze: Analyze) -> None:
    ctx = analyze("The Amber League had three camps in Iraq. Camp Tilda is near the city of Kut. "
                  "Camp Morrow, close to the town of Samarra, was closed.")
    assert not find(ctx, "located_in", "Kut"), ctx.analysis.claims
    assert not find(ctx, "located_in", "Samarra"), ctx.analysis.claims


def test_people_counted_out_of_a_body_stand_for_it_as_the_undergoers(analyze: Analyze) -> None:
    ctx = analyze("The Red Dawn Front is an armed group. Several of its leaders and most of its members were "
                  "arrested by the Zarvani Security Bureau.")
    assert find(ctx, "arrested", "Red Dawn Front", "Zarvani Security Bureau"), ctx.analysis.claims


def test_an_apposition_with_the_that_names_a_body_makes_the_name_a_body(analyze: Analyze) -> None:
    ctx = analyze("The Red Dawn Front is an armed group. Several of its leaders were arrested by Tavrak, the "
                  "king's former intelligence service.")
    assert find(ctx, "arrested", "Red Dawn Front", "Tavrak"), ctx.analysis.claims
    person = analyze("Tomas Varga, the head of the security agency, met the Red Dawn Front.")
    assert all(ctx_type == "Person" for ctx_type in
               [person.entity(m.entity_key).type for m in person.analysis.mentions if m.text == "Tomas Varga"])


def test_a_supporter_told_in_other_word_orders_is_a_supporter(analyze: Analyze) -> None:
    ctx = analyze("The main military and political supporter of the Red Dawn Front was the former dictator "
                  "Omar Haddad.")
    assert find(ctx, "supported", "Red Dawn Front", "Omar Haddad"), ctx.analysis.claims
    other = analyze("Omar Haddad, the former dictator, was the main military and political backer of the "
                    "Red Dawn Front.")
    assert find(other, "supported", "Red Dawn Front", "Omar Haddad"), other.analysis.claims


def test_a_relative_clause_on_an_apposition_tells_of_the_named_body(analyze: Analyze) -> None:
    ctx = analyze("The Red Dawn Front, a political organization that was established in 1965, seeks the "
                  "overthrow of the Zarvani regime.")
    assert find(ctx, "founded_in", "1965", "Red Dawn Front"), ctx.analysis.claims


def test_operations_carried_out_against_a_target_attack_it(analyze: Analyze) -> None:
    ctx = analyze("The Red Dawn Front is an armed group. After the revolution it carried out many military and "
                  "sabotage operations against the Zarvani government.")
    assert find(ctx, "attacked", "Zarvani government", "Red Dawn Front"), ctx.analysis.claims


def test_striking_the_targets_of_a_named_side_is_an_attack(analyze: Analyze) -> None:
    ctx = analyze("The Red Dawn Front is an armed group. Before the revolution the Red Dawn Front struck Western "
                  "targets in Zarvan.")
    assert find(ctx, "attacked", "Western", "Red Dawn Front"), ctx.analysis.claims


def test_ties_and_deals_between_two_sides_bind_the_sides(analyze: Analyze) -> None:
    ctx = analyze("The Red Dawn Front is an armed group. The ties between the Red Dawn Front and the Kestrel "
                  "Agency grew. In 1986 a deal was signed between Norway and Chile.")
    assert find(ctx, "tied_to", "Kestrel Agency", "Red Dawn Front"), ctx.analysis.claims
    assert find(ctx, "agreement_with", "Chile", "Norway") or find(ctx, "agreement_with", "Norway", "Chile")
    three = analyze("The Red Dawn Front is an armed group. The ties between the Red Dawn Front and Norway and "
                    "the Kestrel Agency grew.")
    assert not find(three, "tied_to", "Kestrel Agency", "Norway"), three.analysis.claims
    assert not find(three, "tied_to", "Norway", "Kestrel Agency"), three.analysis.claims
    told = analyze("The Red Dawn Front is an armed group. It was the price of a deal that Norway signed with "
                   "Chile that year.")
    assert find(told, "agreement_with", "Chile", "Norway"), told.analysis.claims


def test_the_holder_of_an_aim_does_what_the_aim_is(analyze: Analyze) -> None:
    ctx = analyze("The Red Dawn Front is a political movement whose aim is to topple the Zarvani regime.")
    assert find(ctx, "opposes", "Zarvani regime", "Red Dawn Front"), ctx.analysis.claims
    own = analyze("The Amber League is an armed group. Its goal is to overthrow the Zarvani regime.")
    assert find(own, "opposes", "Zarvani regime", "Amber League"), own.analysis.claims


def test_the_headquarters_of_a_body_hit_is_the_body_hit(analyze: Analyze) -> None:
    ctx = analyze("The Red Dawn Front is an armed group. In 1981 the Red Dawn Front bombed the headquarters of "
                  "the Unity Party.")
    assert find(ctx, "bombed", "Unity Party", "Red Dawn Front"), ctx.analysis.claims


def test_a_speech_tag_inside_the_clause_it_reports_attributes_the_clause(analyze: Analyze) -> None:
    ctx = analyze("The Red Dawn Front is an armed group. After the revolution, Zarvani officials said, it "
                  "conducted many attacks against the Kestrel Agency.")
    found = find(ctx, "attacked", "Kestrel Agency", "Red Dawn Front")
    assert found and all(c.modality == "attributed" for c in found), ctx.analysis.claims
    body = analyze("The Red Dawn Front is an armed group. Before the war, the Red Dawn Front attacked Norway. After "
                   "the war, Zarvan's Interior Ministry said, it conducted many attacks against the Kestrel Agency.")
    assert find(body, "attacked", "Kestrel Agency", "Red Dawn Front"), body.analysis.claims
    assert not find(body, "attacked", "Kestrel Agency", "Ministry"), body.analysis.claims


def test_a_hedged_passive_infinitive_keeps_its_undergoer(analyze: Analyze) -> None:
    ctx = analyze("The Red Dawn Front is an armed group. The group is thought to have been supported by Norway "
                  "after the war.")
    found = find(ctx, "supported", "Red Dawn Front", "Norway")
    assert found and all(c.modality == "hedged" for c in found), ctx.analysis.claims


def test_coordinated_verbs_share_the_subject_the_parser_hung_on_the_auxiliary(analyze: Analyze) -> None:
    ctx = analyze("The Red Dawn Front is an armed group. The group was first opposed to the monarchy and later "
                  "reportedly adopted an ideology taken from Marxism and Islam.")
    found = find(ctx, "ideology", "Marxism", "Red Dawn Front")
    assert found and all(c.modality == "hedged" for c in found), ctx.analysis.claims


def test_a_trailing_speech_tag_attributes_a_clause_the_parser_could_not_read(analyze: Analyze) -> None:
    ctx = analyze("The RDF is an armed group. The Kestrel Agency and Shin Bet train RDF members for political "
                  "assassinations, Zarvani officials claimed.")
    found = find(ctx, "trained", "RDF", "Kestrel Agency")
    assert found and all(c.modality == "attributed" for c in found), ctx.analysis.claims


def test_a_place_named_as_a_bodys_headquarters_is_its_seat(analyze: Analyze) -> None:
    for text in ("The Red Dawn Front is an armed group. Camp Tilda, the headquarters of the organization, is "
                 "100 km north of Baghdad.",
                 "The Red Dawn Front is an armed group. The headquarters of the organization is Camp Tilda.",
                 "The Red Dawn Front is an armed group. Camp Tilda, which served as the headquarters of the "
                 "organization, lies north of Baghdad."):
        ctx = analyze(text)
        assert find(ctx, "headquarters_in", "Camp Tilda", "Red Dawn Front"), (text, ctx.analysis.claims)
    other = analyze("The Red Dawn Front is an armed group. Oslo, the capital of Norway, hosts a museum.")
    assert not find(other, "headquarters_in")


def test_the_subject_of_a_small_clause_is_not_the_clause_subject(analyze: Analyze) -> None:
    ctx = analyze("The Red Dawn Front is an armed group. Norway and Chile consider it a terrorist organization.")
    assert find(ctx, "designated_terrorist", "Red Dawn Front", "Norway"), ctx.analysis.claims
    assert find(ctx, "designated_terrorist", "Red Dawn Front", "Chile"), ctx.analysis.claims
