"""Places told in brackets, in lists of "town, region" pairs, and by a legislator's title."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.extract.context import DocContext


def inside(ctx: DocContext) -> set[tuple[str, str, str]]:
    """(inner, predicate, outer) names of the located_in/based_in claims."""
    return {(ctx.entity(c.subject).name, c.predicate, ctx.entity(c.object).name) for c in ctx.analysis.claims
            if c.predicate in ("located_in", "based_in") and isinstance(c.object, str)}


@pytest.mark.parametrize("text, inner, outer", [
    ("A small square in Chacao ( Caracas ) carries her name .", "Chacao", "Caracas"),
    ("The plant stands in Elkton , Maryland ( United States ) near the river .", "Maryland", "United States"),
    ("The firm keeps offices in Fresno , California and Toledo , Ohio .", "Fresno", "California"),
    ("The firm keeps offices in Fresno , California and Toledo , Ohio .", "Toledo", "Ohio"),
    ("Bryce Holloway was a U.S. Representative from Indiana for two terms .", "Indiana", "United States"),
])
def test_places_told_in_asides_and_pair_lists(analyze: Callable[..., DocContext], text: str, inner: str,
                                              outer: str) -> None:
    found = inside(analyze(text))
    assert any(i == inner and p == "located_in" and outer in o for i, p, o in found), found


def test_a_country_before_a_bracket_holds_no_place(analyze: Callable[..., DocContext]) -> None:
    found = inside(analyze("He was born in Germany ( Bavaria ) in 1950 ."))
    assert not [f for f in found if f[0] == "Germany"], found


def test_a_bracket_that_gives_another_name_is_no_place(analyze: Callable[..., DocContext]) -> None:
    found = inside(analyze("The Velmora Basin ( Tarn Hollow Basin ) floods each spring ."))
    assert not [f for f in found if f[0].startswith("Velmora")], found


def test_a_list_of_towns_is_no_pair_list(analyze: Callable[..., DocContext]) -> None:
    found = inside(analyze("The band toured Fresno , Toledo and Dayton , Ohio in May ."))
    assert not [f for f in found if f[0] == "Fresno"], found


@pytest.mark.parametrize("text, inner, outer", [
    ("Dry winds cross the Tarvo Province of northern Angola each year .", "Tarvo Province", "Angola"),
    ("The trail runs through the U.S. states of Arizona and New Mexico .", "New Mexico", "United States"),
    ("Floods hit the Indian states of Kerala and Karnataka in May .", "Karnataka", "India"),
])
def test_places_of_a_kind_told_with_of(analyze: Callable[..., DocContext], text: str, inner: str, outer: str) -> None:
    found = inside(analyze(text))
    assert (inner, "located_in", outer) in found, found


def test_a_borough_of_a_town_is_one_name(analyze: Callable[..., DocContext]) -> None:
    found = inside(analyze("The depot lies in the London Borough of Hillingdon near the airport ."))
    assert not [f for f in found if f[0] == "London Borough" and f[2] == "Hillingdon"], found


@pytest.mark.parametrize("text, body, place", [
    ("The Velmora Academy ( VA ) is a major international medical school in Cuba .", "Velmora Academy", "Cuba"),
    ("The Kestrel Herald is the largest weekly newspaper in western Poland .", "Kestrel Herald", "Poland"),
])
def test_a_body_defined_as_a_kind_in_a_place(analyze: Callable[..., DocContext], text: str, body: str,
                                             place: str) -> None:
    found = inside(analyze(text))
    assert any(b == body and p == "based_in" and o == place for b, p, o in found), found


@pytest.mark.parametrize("text, body, place", [
    ("He coached at Haines High School , Alaska ( March 2010 ) for a year .", "Haines High School", "Alaska"),
    ("The recording was done at Paisley Park Studios , Chanhassen , Minnesota and the sound was new .",
     "Paisley Park Studios", "Minnesota"),
])
def test_a_seat_after_a_comma_may_end_with_an_aside_or_a_clause(analyze: Callable[..., DocContext], text: str,
                                                                  body: str, place: str) -> None:
    found = inside(analyze(text))
    assert (body, "based_in", place) in found, found


def test_a_list_with_a_comma_before_and_is_no_seat(analyze: Callable[..., DocContext]) -> None:
    found = inside(analyze("Schalke joined Arsenal , Olympiacos , and reigning champions Montpellier ."))
    assert not [f for f in found if f[0] == "Arsenal"], found


def test_a_chain_after_a_comma_that_ends_with_a_country_is_read(analyze: Callable[..., DocContext]) -> None:
    found = inside(analyze("Brigden is a community in the township of St. Clair , Lambton County , Ontario , Canada ."))
    assert ("Lambton County", "located_in", "Ontario") in found, found
    assert ("Ontario", "located_in", "Canada") in found, found


def test_a_list_that_goes_on_with_untagged_names_is_no_chain(analyze: Callable[..., DocContext]) -> None:
    found = inside(analyze("The cities of Nagoya , Shizuoka , Gifu and Tsu grew ."))
    assert not [f for f in found if f[0] == "Nagoya"], found


def test_the_town_before_its_state_lies_in_the_county(analyze: Callable[..., DocContext]) -> None:
    found = inside(analyze("It is a public high school located in the city of Angleton , Texas ( United States ) "
                           "in Brazoria County ."))
    assert ("Angleton", "located_in", "Brazoria County") in found, found
    assert ("Texas", "located_in", "Brazoria County") not in found, found


def test_places_named_before_their_plural_kind(analyze: Callable[..., DocContext]) -> None:
    found = inside(analyze("It is the highest league for the Rhineland - Palatinate and Saarland states of Germany ."))
    assert ("Saarland", "located_in", "Germany") in found, found


def test_an_institution_at_its_town(analyze: Callable[..., DocContext]) -> None:
    found = inside(analyze("He graduated from the United States Naval Academy at Annapolis in 1950 ."))
    assert ("United States Naval Academy", "based_in", "Annapolis") in found, found


def test_a_party_at_a_town_is_not_seated_there(analyze: Callable[..., DocContext]) -> None:
    found = inside(analyze("The Labour Party at Brighton chose a new leader ."))
    assert not [f for f in found if f[0] == "Labour Party" and f[2] == "Brighton"], found


def test_a_site_owned_by_its_town(analyze: Callable[..., DocContext]) -> None:
    found = inside(analyze("The train left Tehran 's Central Railway Station at noon ."))
    assert ("Central Railway Station", "located_in", "Tehran") in found, found


def test_a_country_s_own_town_is_told_for_emphasis(analyze: Callable[..., DocContext]) -> None:
    found = inside(analyze("Shelling hit Syria 's Damascus overnight ."))
    assert ("Damascus", "located_in", "Syria") not in found, found


def test_a_byline_after_a_person_is_no_chain(analyze: Callable[..., DocContext]) -> None:
    found = inside(analyze("Author : Mara Lindqvist , Nicosia , Cyprus / dfm Editor : Tom Hale"))
    assert ("Nicosia", "located_in", "Cyprus") not in found, found
