"""Ties between bodies told in everyday wordings: belonging, splitting off, taking orders, threats."""

from __future__ import annotations

from collections.abc import Callable

from claimgraph.extract.context import DocContext
from claimgraph.model import LiteralValue

Analyze = Callable[..., DocContext]


def triples(ctx: DocContext) -> set[tuple[str, str, str]]:
    """(subject, predicate, object) names of the document's claims."""
    def name(ref: object) -> str:
        return str(ref.value) if isinstance(ref, LiteralValue) else ctx.entity(str(ref)).name
    return {(name(c.subject), c.predicate, name(c.object)) for c in ctx.analysis.claims}


def test_belongs_to_a_body_is_membership(analyze: Analyze) -> None:
    assert ("Ahmed Yassin", "member_of", "Hamas") in triples(analyze("Ahmed Yassin belongs to Hamas."))


def test_a_thing_belonging_to_a_person_is_no_membership(analyze: Analyze) -> None:
    got = triples(analyze("The book belongs to Maria Lopez."))
    assert not [t for t in got if t[1] == "member_of"]


def test_broke_away_from_is_an_offshoots_tie(analyze: Analyze) -> None:
    got = triples(analyze("Hamas broke away from the Muslim Brotherhood in 1987."))
    assert ("Hamas", "tied_to", "Muslim Brotherhood") in got


def test_breaking_a_truce_is_no_tie(analyze: Analyze) -> None:
    got = triples(analyze("The Islamic Jihad broke the ceasefire with Hamas."))
    assert not [t for t in got if t[1] == "tied_to"]


def test_orders_received_from_a_state(analyze: Analyze) -> None:
    got = triples(analyze("Hamas receives orders from Iran, a deputy said."))
    assert ("Hamas", "collaborates_with", "Iran") in got


def test_orders_to_act_name_no_partner(analyze: Analyze) -> None:
    got = triples(analyze("Hamas received orders to attack."))
    assert not [t for t in got if t[1] == "collaborates_with"]


def test_threats_received_from_a_group(analyze: Analyze) -> None:
    got = triples(analyze("Ahmed Yassin had been receiving threats from al-Qaeda."))
    assert ("al-Qaeda", "hostile_to", "Ahmed Yassin") in got


def test_threatening_the_lives_of_people_is_hostility_to_them(analyze: Analyze) -> None:
    got = triples(analyze("Hezbollah has threatened the lives of Israeli soldiers."))
    assert any(s == "Hezbollah" and p == "hostile_to" and "Israeli" in o for s, p, o in got)


def test_opening_participles_describe_the_body_after_their_comma(analyze: Analyze) -> None:
    got = triples(analyze("Formed in 1987 and led by Ahmed Yassin, Hamas conducted a campaign against Israel."))
    assert ("Hamas", "founded_in", "1987") in got
    assert ("Ahmed Yassin", "leader_of", "Hamas") in got


def test_an_opening_participle_skips_the_places_it_names(analyze: Analyze) -> None:
    got = triples(analyze("Founded in 1982 in Beirut, Lebanon, Hezbollah grew quickly."))
    assert ("Hezbollah", "founded_in", "1982") in got
    assert not [t for t in got if t[1] == "founded_in" and t[0] in ("Beirut", "Lebanon")]


def test_founders_named_by_what_they_were(analyze: Analyze) -> None:
    got = triples(analyze("Hamas was founded in 1987 by Palestinian students."))
    assert ("Hamas", "founded_by", "Palestinian students") in got


def test_a_founder_named_beside_his_kin_is_the_founder(analyze: Analyze) -> None:
    got = triples(analyze("Its offshoot, the Islamic Jihad, was founded by Ahmed Yassin's son Karim in 1990."))
    assert ("Islamic Jihad", "founded_by", "Karim") in got
    assert ("Islamic Jihad", "founded_by", "Ahmed Yassin") not in got


def test_a_title_before_a_name_with_its_own_title_is_not_his(analyze: Analyze) -> None:
    got = triples(analyze("The convoy targeted a senior NATO official, Ahmed Yassin, a spokesman for Hamas said."))
    assert not [t for t in got if t[0] == "Ahmed Yassin" and "Treaty" in t[2]]


def test_a_title_in_apposition_still_names_its_body(analyze: Analyze) -> None:
    got = triples(analyze("A NATO official, Carla Brown, said the talks had failed."))
    assert any(s == "Carla Brown" and p == "member_of" for s, p, _ in got)


def test_close_to_someone_is_a_tie_and_a_place_close_by_is_none(analyze: Analyze) -> None:
    got = triples(analyze("Tomas Arn was close to the rebel negotiator Ivo Brandt, who was also his commander."))
    assert ("Tomas Arn", "tied_to", "Ivo Brandt") in got
    got = triples(analyze("Troops killed Tomas Arn, a commander close to the chief rebel negotiator Ivo Brandt."))
    assert ("Tomas Arn", "tied_to", "Ivo Brandt") in got
    got = triples(analyze("The Ember Front keeps a camp close to the Kestel border."))
    assert not [t for t in got if t[1] == "tied_to"]


def test_affiliated_associated_allied_and_an_affiliate_are_ties(analyze: Analyze) -> None:
    assert ("Vesper League", "tied_to", "Coastal Union") in triples(
        analyze("The Vesper League is associated with the Coastal Union."))
    assert ("Vesper League", "allied_with", "Coastal Union") in triples(
        analyze("The Vesper League is allied with the Coastal Union."))
    assert ("Vesper League", "tied_to", "Coastal Union") in triples(
        analyze("The Vesper League, a Coastal Union affiliate, attacked the depot."))
    ctx = analyze("The Vesper League is not affiliated with the Coastal Union.")
    assert [c.polarity for c in ctx.analysis.claims if c.predicate == "tied_to"] == ["negative"]
