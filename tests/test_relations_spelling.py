"""Relations over names the tagger split at a spaced hyphen or typed as a body though they name an area."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from relation_text import has, relations

from claimgraph.extract.context import DocContext
from claimgraph.extract.relations_spelling import AREA_KIND


def test_a_spaced_hyphen_keeps_the_chain_of_places(analyze: Callable[..., DocContext]) -> None:
    found = relations(analyze("Dolna is a hamlet in Brenna County , Lower - Tarnic Region , Poland , near the hills ."))
    assert has(found, "Brenna County", "located_in", "Tarnic Region"), found
    assert has(found, "Brenna County", "located_in", "Poland"), found


def test_countries_either_side_of_a_dash_stay_two_names(analyze: Callable[..., DocContext]) -> None:
    found = relations(analyze("Talks on the Iran - Iraq border , Kuwait , ended on Monday ."))
    assert not has(found, "Iraq", "located_in", "Kuwait"), found


def test_an_area_kind_ends_a_place_name() -> None:
    assert AREA_KIND.search("Masovian Voivodeship") and AREA_KIND.search("Brenna County")
    assert not AREA_KIND.search("Islamic State") and not AREA_KIND.search("Police Department")


def test_a_site_the_tagger_typed_a_body_is_a_place(analyze: Callable[..., DocContext]) -> None:
    found = relations(analyze("Fishing is banned at Maple Hollow Reservoir in Dunmore County this year ."))
    assert has(found, "Maple Hollow Reservoir", "located_in", "Dunmore County"), found


def test_the_kind_of_place_before_its_name(analyze: Callable[..., DocContext]) -> None:
    found = relations(analyze("The pond drains into Lake Harwell in the town of Brockton before the dam ."))
    assert has(found, "Lake Harwell", "located_in", "Brockton"), found


def test_a_road_defined_as_a_kind_of_place(analyze: Callable[..., DocContext]) -> None:
    found = relations(analyze("Corrigan Drive is a freeway in Redmoor , Ontario ."))
    assert has(found, "Corrigan Drive", "located_in", "Redmoor"), found


def test_a_body_ranked_among_a_countrys_own(analyze: Callable[..., DocContext]) -> None:
    found = relations(analyze("Shares of Kestrel Holdings , Norway 's largest haulier , fell sharply on Friday ."))
    assert has(found, "Kestrel", "based_in", "Norway"), found
    found = relations(analyze("Talks with Vantor Holdings , Norway 's ally in the region , went on ."))
    assert not has(found, "Vantor", "based_in", "Norway"), found


@pytest.mark.parametrize("text, subject, country", [
    ("ENVASA ( Empresa Nacional de Vidrios S.A. ) was a Chilean glass manufacturing company , sold in 1990 .", "ENVASA",
     "Chile"),
    ("Brisco Kogyo is a Japanese video game development and publishing company formed in 1990 .", "Brisco", "Japan"),
])
def test_a_demonym_after_an_aside_or_a_long_kind(analyze: Callable[..., DocContext], text: str, subject: str,
                                                 country: str) -> None:
    found = relations(analyze(text))
    assert has(found, subject, "based_in", country), found


def test_a_seat_told_after_the_demonym_wins(analyze: Callable[..., DocContext]) -> None:
    found = relations(analyze("The Free Council of Veloria ( FCV ) is an Iranian political organization based in Norway ."))
    assert not has(found, "Free Council", "based_in", "Iran"), found


def test_a_politician_for_a_party_stays_a_person(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Knut Hansen ( born 1931 ) was a Norwegian politician for the Centre Party .")
    assert any(e.type == "Person" for e in ctx.analysis.entities.values() if "Hansen" in e.name)


def test_a_suburb_of_a_city_is_no_place_holding_the_city(analyze: Callable[..., DocContext]) -> None:
    found = relations(analyze("The school is located in the Boston suburb of Quincy , Massachusetts ."))
    assert not has(found, "Boston", "located_in", "Quincy"), found
    found = relations(analyze("Fighting spread to the Paris neighbourhood of Belleville overnight ."))
    assert has(found, "Belleville", "located_in", "Paris"), found
