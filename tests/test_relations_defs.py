"""Places a sentence defines ('X is a village in Y'), kinds after a country, regions one of a country's, and a
politician's nationality for their party."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.extract.context import DocContext


def pairs(ctx: DocContext, predicate: str) -> set[tuple[str, str]]:
    """(subject, object) names of the claims of one predicate."""
    return {(ctx.entity(c.subject).name, ctx.entity(c.object).name) for c in ctx.analysis.claims
            if c.predicate == predicate and isinstance(c.object, str)}


def has(found: set[tuple[str, str]], subj: str, obj: str) -> bool:
    """A pair whose names hold these words (the tagger may keep a word more or less)."""
    return any(subj in s and obj in o for s, o in found)


@pytest.mark.parametrize("text, place, outer", [
    ("Wroblewo ( ) is a village in the administrative district of Gmina Kostrzyn , in western Poland .",
     "Wroblewo", "Gmina Kostrzyn"),
    ("Montefalco Alto is a town and comune in the northern part of the Province of Teramo .",
     "Montefalco Alto", "Province of Teramo"),
    ("The Vesdre is a river in Wallonia , in southern Belgium .", "Vesdre", "Wallonia"),
])
def test_a_name_defined_as_a_place_lies_where_it_says(analyze: Callable[..., DocContext], text: str, place: str,
                                                      outer: str) -> None:
    ctx = analyze(text)
    assert has(pairs(ctx, "located_in"), place, outer), pairs(ctx, "located_in")
    key = next(k for k, e in ctx.analysis.entities.items() if place in e.name)
    assert ctx.entity(key).type == "Place"


@pytest.mark.parametrize("text", [
    "Maria Kowalski is a city councillor in Gdansk and a teacher .",
    "Tomas Berg was a district judge of Uppsala for many years .",
])
def test_a_person_with_a_place_word_in_the_role_stays_a_person(analyze: Callable[..., DocContext],
                                                               text: str) -> None:
    ctx = analyze(text)
    people = [e for e in ctx.analysis.entities.values() if e.name.startswith(("Maria", "Tomas"))]
    assert people and all(e.type == "Person" for e in people)
    assert not [p for p in pairs(ctx, "located_in") if p[0].startswith(("Maria", "Tomas"))]


def test_a_kind_of_place_after_a_country_names_the_place_it_lies_in(analyze: Callable[..., DocContext]) -> None:
    found = pairs(analyze("Pine Lake is a small lake located in Baker County in the U.S. state of Oregon ."),
                  "located_in")
    assert has(found, "Baker County", "Oregon"), found
    assert not has(found, "Baker County", "United States") or has(found, "Oregon", "United States"), found


def test_one_of_a_countrys_regions_lies_in_it(analyze: Callable[..., DocContext]) -> None:
    found = pairs(analyze("Kilosa Region is one of Tanzania 's 31 administrative regions ."), "located_in")
    assert has(found, "Kilosa", "Tanzania"), found


def test_one_of_a_countrys_partners_is_no_place_in_it(analyze: Callable[..., DocContext]) -> None:
    found = pairs(analyze("Kenya is one of Tanzania 's closest trading partners ."), "located_in")
    assert not found, found


@pytest.mark.parametrize("text, party, country", [
    ("Ola Nordby ( 1931 – 2004 ) was a Norwegian politician for the Centre Party .", "Centre Party", "Norway"),
    ("Karin Ek is a Swedish liberal politician , member of the Riksdag since 2002 .", "Riksdag", "Sweden"),
])
def test_a_politicians_nationality_is_the_country_of_the_party(analyze: Callable[..., DocContext], text: str,
                                                               party: str, country: str) -> None:
    found = pairs(analyze(text), "based_in")
    assert has(found, party, country), found


def test_a_members_nationality_says_nothing_of_the_group(analyze: Callable[..., DocContext]) -> None:
    found = pairs(analyze("He was a Saudi member of the Islamic Front when he was arrested ."), "based_in")
    assert not has(found, "Islamic Front", "Saudi"), found


def test_a_place_after_a_member_of_a_force_is_where_the_member_was(analyze: Callable[..., DocContext]) -> None:
    found = pairs(analyze("Gunmen shot dead an officer of the Garda in Dundalk , County Louth , on Monday ."),
                  "based_in")
    assert not has(found, "Garda", "Dundalk") and not has(found, "Garda", "Louth"), found


def test_a_place_after_a_university_named_for_a_teacher_is_its_seat(analyze: Callable[..., DocContext]) -> None:
    found = pairs(analyze("Paul Morel is a professor of the University of Rennes in France ."), "based_in")
    assert has(found, "University of Rennes", "France"), found


def test_a_region_named_before_its_kind_lies_in_the_place_after(analyze: Callable[..., DocContext]) -> None:
    found = pairs(analyze("Tourism grew fast in the Tohoku region in Japan after 2015 ."), "located_in")
    assert has(found, "Tohoku", "Japan"), found


def test_a_river_named_in_a_town_runs_through_it(analyze: Callable[..., DocContext]) -> None:
    found = pairs(analyze("They sailed down the Yangtze river in Wuhan last summer ."), "located_in")
    assert not has(found, "Yangtze", "Wuhan"), found


@pytest.mark.parametrize("text, body, country", [
    ("Halvorsen Brekke was a Norwegian shipping company founded in 1921 .", "Halvorsen Brekke", "Norway"),
    ("Selim Kaya is a major Turkish textile manufacturer based in Bursa .", "Selim Kaya", "Turkey"),
])
def test_a_name_defined_as_a_company_is_a_body(analyze: Callable[..., DocContext], text: str, body: str,
                                                country: str) -> None:
    ctx = analyze(text)
    key = next(k for k, e in ctx.analysis.entities.items() if e.name == body)
    assert ctx.entity(key).type == "Organization"
    assert has(pairs(ctx, "based_in"), body, country), pairs(ctx, "based_in")


def test_a_member_of_a_club_stays_a_person(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Jan Holm is a member of a Danish football club .")
    assert [e.type for e in ctx.analysis.entities.values() if e.name == "Jan Holm"] == ["Person"]


def test_a_person_of_a_described_body_is_its_member(analyze: Callable[..., DocContext]) -> None:
    found = pairs(analyze("The second version features Rosa Lind and Carla Ortiz of the Mexican pop group Sueños ."),
                  "member_of")
    assert has(found, "Carla Ortiz", "Sueños"), found
