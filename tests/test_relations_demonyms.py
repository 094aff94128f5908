"""Places a nationality word situates: a description's origin, a life's dates, a possessive country's bodies."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from relation_text import has, relations

from claimgraph.extract.context import DocContext


@pytest.mark.parametrize("text, subject, obj", [
    ("Glass Orchard is an American indie pop band from Tulsa , Oklahoma .", "Tulsa", "United States"),
    ("Glass Orchard is an American indie pop band from Tulsa , Oklahoma .", "Oklahoma", "United States"),
    ("Ravensand is a German seaside resort in Schleswig - Holstein .", "Holstein", "Germany"),
    ("Pia Marten ( born 4 June 1961 in Tampere ) is a Finnish sculptor .", "Tampere", "Finland"),
    ("The Korvel Stadium , a multi - purpose stadium in Brno , hosted the final .", "Korvel Stadium", "Brno"),
    ("Holmsund is a village in Lindvik Municipality in Nordland county , Norway .", "Nordland", "Norway"),
])
def test_a_place_told_in_a_description(analyze: Callable[..., DocContext], text: str, subject: str,
                                       obj: str) -> None:
    found = relations(analyze(text))
    assert has(found, subject, "located_in", obj), found


@pytest.mark.parametrize("text, place", [
    # born abroad: the gazetteer puts the town in another country
    ("Tom Reyes ( born 1931 in Vienna ) was an American chemist .", "Vienna"),
    ("Tom Reyes ( born 1931 in Mediaș , Transylvania ) was an American chemist .", "Transylvania"),
    # a clause, not a description: the people named by the demonym act
    ("Each winter the Dutch buy their tulip bulbs from Kashmir .", "Kashmir"),
    # a country of its own is never inside the demonym's
    ("Glass Orchard is an American indie pop band from Toronto , Canada .", "Toronto"),
    # no definition: the origin of the forces, not where the place lies
    ("Dutch naval forces from Curaçao joined the exercise .", "Curaçao"),
])
def test_a_place_elsewhere_stays_there(analyze: Callable[..., DocContext], text: str, place: str) -> None:
    found = relations(analyze(text))
    assert not any(s == place and p == "located_in" and o in ("United States", "Netherlands") for s, p, o in found), found


@pytest.mark.parametrize("text, body, country", [
    ("Spain 's far - right Vox Party gained seats .", "Vox", "Spain"),
    ("Japan 's state - run NHK broadcast the address .", "NHK", "Japan"),
])
def test_a_country_owns_a_body_across_a_spaced_hyphen(analyze: Callable[..., DocContext], text: str, body: str,
                                                      country: str) -> None:
    found = relations(analyze(text))
    assert has(found, body, "based_in", country), found


@pytest.mark.parametrize("text, body, country", [
    ("The Syrian rebel group Free Lions Army held talks .", "Free Lions Army", "Syria"),
    ("She spoke to French newspaper Le Quotidien on Monday .", "Quotidien", "France"),
    ("Delegates of the Kenyan political party , the Orange Unity Movement , met .", "Orange Unity Movement", "Kenya"),
])
def test_a_kind_of_body_after_a_nationality_names_its_country(analyze: Callable[..., DocContext], text: str,
                                                               body: str, country: str) -> None:
    found = relations(analyze(text))
    assert has(found, body, "based_in", country), found


@pytest.mark.parametrize("text", ["The Iranian - backed militia Kataib Sayyid fired rockets .",
                                  "The raid was blamed on the Iranian dissident group Sazman Azadi ."])
def test_a_body_tied_to_a_country_is_not_based_there(analyze: Callable[..., DocContext], text: str) -> None:
    found = relations(analyze(text))
    assert not any(p == "based_in" and o == "Iran" for _, p, o in found), found


@pytest.mark.parametrize("text, body, place", [
    ("Popular Unity Front is a political party in Moldavia .", "Popular Unity Front", "Moldavia"),
    ("Westfield High School is a comprehensive four - year public high school located in Oakdale .",
     "Westfield High School", "Oakdale"),
])
def test_a_kind_of_body_then_where_it_is(analyze: Callable[..., DocContext], text: str, body: str,
                                         place: str) -> None:
    found = relations(analyze(text))
    assert has(found, body, "based_in", place), found
