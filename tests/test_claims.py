"""Claims the pipeline keeps for sentences written for these tests: one rule, one sentence (at least)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.extract.context import DocContext
from claimgraph.model import Claim, LiteralValue


def name(ctx: DocContext, ref: object) -> str:
    """Readable name of a claim's subject or object."""
    if isinstance(ref, LiteralValue):
        return str(ref.value)
    return ctx.entity(str(ref)).name


def ours(ctx: DocContext) -> list[Claim]:
    """Every claim the pipeline keeps for the document, whichever stage made it."""
    return list(ctx.analysis.claims)


def triples(ctx: DocContext) -> set[tuple[str, str, str]]:
    """(subject, predicate, object) names of our claims."""
    return {(name(ctx, c.subject), c.predicate, name(ctx, c.object)) for c in ours(ctx)}


def find(ctx: DocContext, predicate: str, obj: str | None = None, subject: str | None = None) -> list[Claim]:
    """Our claims with a predicate whose object (and subject) names contain the given text."""
    return [c for c in ours(ctx) if c.predicate == predicate
            and (obj is None or obj.lower() in name(ctx, c.object).lower())
            and (subject is None or subject.lower() in name(ctx, c.subject).lower())]


Analyze = Callable[..., DocContext]


def test_passive_founding_with_three_founders_and_a_year(analyze: Analyze) -> None:
    ctx = analyze("The Hamas movement was founded in 1987 by Ahmed Yassin, Abdel Aziz al-Rantisi and "
                  "Mahmoud Zahar.")
    founders = {name(ctx, c.object) for c in find(ctx, "founded_by")}
    assert {"Ahmed Yassin", "Mahmoud Zahar"} <= founders
    assert len(founders) == 3
    dates = find(ctx, "founded_in")
    assert dates and dates[0].object == LiteralValue("1987", "date")


def test_active_founding(analyze: Analyze) -> None:
    ctx = analyze("In 1982, Abbas al-Musawi founded Hezbollah in Lebanon.")
    assert find(ctx, "founded_by", "Musawi", "Hezbollah")


def test_ideology_taken_from_two_sources_gives_two_claims(analyze: Analyze) -> None:
    ctx = analyze("Hezbollah adopted a radical ideology that was taken from Shiism and anti-colonialism.")
    values = {name(ctx, c.object) for c in find(ctx, "ideology")}
    assert values == {"Shiism", "anti-colonialism"}


def test_opposes_a_government_named_by_its_demonym(analyze: Analyze) -> None:
    ctx = analyze("Hamas strongly opposes the Israeli government.")
    assert find(ctx, "opposes", "Israel", "Hamas")


def test_seeking_the_overthrow_is_opposition(analyze: Analyze) -> None:
    ctx = analyze("Hezbollah is a militant organization that seeks the overthrow of the Lebanese government.")
    assert find(ctx, "opposes", "Lebanon", "Hezbollah")


def test_nominal_support_with_possessive_giver(analyze: Analyze) -> None:
    ctx = analyze("What worried Israel most was Syria's support for Hezbollah after the war.")
    assert find(ctx, "supported", "Hezbollah", "Syria")


def test_supporter_noun_with_role_qualifier(analyze: Analyze) -> None:
    ctx = analyze("Muammar Gaddafi was the main financial and military supporter of the IRA.")
    claims = find(ctx, "supported", subject="Gaddafi")
    assert claims
    assert claims[0].qualifiers.get("role") == "financial, military"


def test_passive_support_by_officials_of_a_state(analyze: Analyze) -> None:
    ctx = analyze("Hamas has been supported by Iranian officials for years.")
    assert find(ctx, "supported", "Hamas", "Iran")


def test_collaboration_with_coordinated_objects(analyze: Analyze) -> None:
    ctx = analyze("In those years Hezbollah served Iran and Syria.")
    objects = {name(ctx, c.object) for c in find(ctx, "collaborates_with", subject="Hezbollah")}
    assert {"Iran", "Syria"} <= objects


def test_designation_by_countries_named_as_examples(analyze: Analyze) -> None:
    ctx = analyze("Some European countries, including Germany and France, consider Hezbollah a terrorist "
                  "organization.")
    subjects = {name(ctx, c.subject) for c in find(ctx, "designated_terrorist", "Hezbollah")}
    assert subjects == {"Germany", "France"}


def test_passive_designation_with_year(analyze: Analyze) -> None:
    ctx = analyze("Hamas was designated a terrorist organization by Canada in 2002.")
    claims = find(ctx, "designated_terrorist", "Hamas", "Canada")
    assert claims
    assert claims[0].qualifiers["time"]["start"] == "2002"


def test_agreement_restriction_and_expulsion(analyze: Analyze) -> None:
    ctx = analyze("In 1994, German officials signed an agreement with Jordan and closed Hezbollah offices "
                  "in Berlin and expelled Hezbollah's leaders.")
    assert find(ctx, "agreement_with", "Jordan", "Germany")
    assert find(ctx, "restricted", "Hezbollah", "Germany")
    assert find(ctx, "expelled", "Hezbollah", "Germany")


def test_requests_do_not_make_the_requested_act_happen(analyze: Analyze) -> None:
    ctx = analyze("Egypt urged Hamas to release the Israeli hostages.")
    assert find(ctx, "requested", "Hamas", "Egypt")
    assert not find(ctx, "released")


def test_passive_arrest_turned_around(analyze: Analyze) -> None:
    ctx = analyze("Three Hamas members were arrested by Jordan in 1999.")
    assert find(ctx, "arrested", "Hamas", "Jordan")


def test_victims_before_auxiliary_when_parser_attaches_them_elsewhere(analyze: Analyze) -> None:
    ctx = analyze("Hezbollah has a long history of hostility towards Israel and several French diplomats in "
                  "Beirut were assassinated by Hezbollah in the 1980s.")
    victims = find(ctx, "assassinated", "diplomats", "Hezbollah")
    assert victims
    assert victims[0].qualifiers["time"] == {"text": "1980s", "start": "1980", "end": "1989"}
    assert not find(ctx, "hostile_to", "diplomats")
    assert find(ctx, "hostile_to", "Israel", "Hezbollah")


def test_ties_established_and_ties_only_attempted(analyze: Analyze) -> None:
    ctx = analyze("Hamas established close ties with Qatar. Hamas tries to establish ties with Egypt.")
    assert find(ctx, "tied_to", "Qatar", "Hamas")
    assert not find(ctx, "tied_to", "Egypt")


def test_relationship_noun_and_cut_ties(analyze: Analyze) -> None:
    ctx = analyze("Hamas has had a longtime relationship with Qatar. Later Hamas cut ties with Syria.")
    assert find(ctx, "tied_to", "Qatar", "Hamas")
    cut = find(ctx, "tied_to", "Syria", "Hamas")
    assert cut and cut[0].polarity == "negative"


def test_based_in_participle_and_headquartered(analyze: Analyze) -> None:
    ctx = analyze("Hamas, still based in Qatar, criticised Egypt. Hezbollah is headquartered in Lebanon.")
    assert find(ctx, "based_in", "Qatar", "Hamas")
    assert find(ctx, "headquarters_in", "Lebanon", "Hezbollah")


def test_possessive_base_in_a_place(analyze: Analyze) -> None:
    ctx = analyze("Reports described Hezbollah's base in Syria as large.")
    assert find(ctx, "has_base", "Syria", "Hezbollah")


def test_light_verb_operations_against_an_army(analyze: Analyze) -> None:
    ctx = analyze("Hamas conducted many operations against the Israeli army.")
    assert find(ctx, "attacked", "Israel", "Hamas")


def test_training_and_a_verb_read_as_a_noun(analyze: Analyze) -> None:
    ctx = analyze("Iran trained Hezbollah fighters in Lebanon.")
    assert find(ctx, "trained", "Hezbollah", "Iran")


def test_members_including_a_named_person(analyze: Analyze) -> None:
    ctx = analyze("Jordan released a number of Hamas members including Khaled Mashal.")
    assert find(ctx, "released", "Mashal", "Jordan")
    assert find(ctx, "member_of", "Hamas", "Mashal")


def test_no_claims_from_headings(analyze: Analyze) -> None:
    ctx = analyze("Iran's Support for Hezbollah\n\nThe weather was mild that year.")
    assert not find(ctx, "supported")


@pytest.mark.parametrize("text", ["", "Nothing happened.", "\n\n\n", "– \n*\n"])
def test_degenerate_texts_do_not_fail(analyze: Analyze, text: str) -> None:
    ctx = analyze(text)
    assert ctx.failure is None


def test_weapon_qualifier(analyze: Analyze) -> None:
    ctx = analyze("Hamas attacked Israel with rockets in 2014.")
    claims = find(ctx, "attacked", "Israel", "Hamas")
    assert claims and claims[0].qualifiers.get("weapon") == "rockets"


def test_stative_opposed_to_and_officials_of_a_country_without_a_table_entry(analyze: Analyze) -> None:
    ctx = analyze("Hamas was opposed to the Egyptian government. In 1999, Kenyan officials "
                  "detained Abdullah Ocalan in Nairobi.")
    assert find(ctx, "opposes", "Egypt", "Hamas")
    arrest = find(ctx, "arrested", "Ocalan", "Kenya")
    assert arrest and arrest[0].qualifiers["place"]["name"] == "Nairobi"


def test_relative_clause_founding_and_description_based_in(analyze: Analyze) -> None:
    ctx = analyze("Hezbollah, which was formed in 1982, is a Shia militant group based in Lebanon.")
    assert [c for c in find(ctx, "founded_in", subject="Hezbollah") if c.object == LiteralValue("1982", "date")]
    assert find(ctx, "based_in", "Lebanon", "Hezbollah")
    assert not find(ctx, "based_in", "Lebanon", "Shia")


def test_funding_received_and_weapons_provided(analyze: Analyze) -> None:
    ctx = analyze("Hamas receives funding from Qatar. Iran provided Hezbollah with weapons in 2006.")
    assert find(ctx, "supported", "Hamas", "Qatar")
    assert find(ctx, "supported", "Hezbollah", "Iran")
    assert not find(analyze("Iran provided details about the meeting."), "supported")


def test_ban_in_a_country_is_that_country_restricting(analyze: Analyze) -> None:
    ctx = analyze("Hezbollah was banned in Germany in 2020.")
    claims = find(ctx, "restricted", "Hezbollah", "Germany")
    assert claims and claims[0].qualifiers["time"]["start"] == "2020"


def test_founding_participle_describes_the_clause_subject(analyze: Analyze) -> None:
    ctx = analyze("Founded in 1991 and banned in 1999, the Coastal Liberation Front is an armed group in Chile.")
    dates = find(ctx, "founded_in", subject="Coastal Liberation Front")
    assert dates and dates[0].object == LiteralValue("1991", "date")


def test_founding_participle_after_is_a_group(analyze: Analyze) -> None:
    ctx = analyze("The Coastal Liberation Front is a Maoist group formed in 1991.")
    assert find(ctx, "founded_in", subject="Coastal Liberation Front")
    values = {name(ctx, c.object) for c in find(ctx, "ideology", subject="Coastal Liberation Front")}
    assert values == {"Maoist"}


def test_relative_clause_subject_is_never_a_founder(analyze: Analyze) -> None:
    ctx = analyze("The Coastal Liberation Front was founded in 1971 by students who opposed Augusto Pinochet.")
    assert find(ctx, "founded_in", subject="Coastal Liberation Front")
    assert not find(ctx, "founded_by", "Pinochet")


def test_founder_and_leader_nouns(analyze: Analyze) -> None:
    ctx = analyze("Manuel Ortega, the founder and leader of the Coastal Liberation Front, spoke in Lima.")
    assert find(ctx, "founded_by", "Manuel Ortega", "Coastal Liberation Front")
    assert find(ctx, "leader_of", "Coastal Liberation Front", "Manuel Ortega")


def test_titles_before_and_after_a_name(analyze: Analyze) -> None:
    ctx = analyze("Chilean President Manuel Ortega met Rosa Diaz, a Shining Path commander, in Lima.")
    assert find(ctx, "leader_of", "Chile", "Manuel Ortega")
    assert find(ctx, "leader_of", "Shining Path", "Rosa Diaz")


def test_deputy_leader_is_a_member_only(analyze: Analyze) -> None:
    ctx = analyze("Rosa Diaz, the deputy leader of the Shining Path, was arrested.")
    assert not find(ctx, "leader_of", "Shining Path", "Rosa Diaz")


def test_based_modifier_and_operating_in(analyze: Analyze) -> None:
    ctx = analyze("The Coastal Liberation Front is a Peru-based armed group. The Andean Brigade is a militia "
                  "operating in Bolivia.")
    assert find(ctx, "based_in", "Peru", "Coastal Liberation Front")
    assert find(ctx, "based_in", "Bolivia", "Andean Brigade")


def test_an_organisation_that_operates_in_a_named_province(analyze: Analyze) -> None:
    ctx = analyze("Hamas, an armed organization that operates mainly in the province of Tacna, was banned.")
    assert find(ctx, "based_in", "Tacna", "Hamas")


def test_support_received_with_its_kinds_listed_from_several_givers(analyze: Analyze) -> None:
    ctx = analyze("The Coastal Front is a rebel group. The Coastal Front received considerable support, including "
                  "training and funding from Libya, Chad, and Niger.")
    assert {name(ctx, c.subject) for c in find(ctx, "supported", "Coastal Front")} >= {"Libya", "Chad", "Niger"}
    assert not find(analyze("The Coastal Front received visitors, including envoys from Chad."), "supported")


def test_territory_run_by_a_group_is_where_it_is_based(analyze: Analyze) -> None:
    ctx = analyze("The shell hit a town north of the Gaza Strip, run by Islamist movement Hamas.")
    assert find(ctx, "based_in", "Gaza", "Hamas")
    assert not find(analyze("The ministry, run by Hamas, closed its offices."), "based_in")


def test_founders_named_as_the_heads_of_the_founding_circle(analyze: Analyze) -> None:
    ctx = analyze("The Amber Front was set up in 1980 by veterans led by General Omar Tash, "
                  "who later fought the Coastal Army.")
    assert find(ctx, "founded_by", "Omar Tash", "Amber Front")
    assert not find(ctx, "founded_by", "Coastal Army")


@pytest.mark.parametrize(("text", "body", "aim"), [
    ("The Velmoran Front (VF) is an armed group. The VF was a militant organization that sought to create an "
     "independent Velmoran state in the north of the country.", "Velmoran Front", "independent Velmoran state"),
    ("Rabbi Tomas Verrick founded the Sable League with the aim of restoring Greater Velmora and expelling the "
     "settlers.", "Sable League", "Greater Velmora"),
    ("The Coastal Army tried to oust the government and replace it with communist rule in the 1980s.",
     "Coastal Army", "communist rule"),
    ("The Amber Council was a coalition seeking to overthrow the regime and establish a pluralistic democracy in "
     "the country.", "Amber Council", "pluralistic democracy"),
])
def test_what_a_body_seeks_to_build_is_its_ideology(analyze: Analyze, text: str, body: str, aim: str) -> None:
    assert find(analyze(text), "ideology", aim, body), triples(analyze(text))


def test_a_built_thing_that_is_no_polity_is_no_ideology(analyze: Analyze) -> None:
    ctx = analyze("The Coastal Army sought to create a buffer zone along the river and tried to build a road.")
    assert not find(ctx, "ideology"), triples(ctx)

