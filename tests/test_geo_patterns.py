"""Geo regexes built from lexicons (issue #9): each word family matches as the spelled-out words did."""

from __future__ import annotations

import pytest

from claimgraph.core.lexicon import words
from claimgraph.geo import retype, sites


@pytest.mark.parametrize(("before", "place"), [
    ("the convoy stopped 4 km north of ", True),
    ("shelling was reported south-east of ", True),
    ("the militia holds the area northwestern of ", True),
    ("she moved to the capital, ", True),
    ("they met in the village , ", True),
    ("the envoy spoke of ", False),
    ("the northern ", False),
    ("the province, ", False),  # a province is no apposition noun: 'the province, X' says nothing of X
])
def test_a_direction_or_an_apposition_before_a_name_makes_it_a_place(before: str, place: bool) -> None:
    assert retype.preposition_before(before, len(before)) is place


def test_the_direction_and_apposition_words_come_from_their_lexicons() -> None:
    assert {"north", "south", "east", "west"} <= words("geo_cardinal_points")
    assert "capital" in words("geo_apposition_nouns")
    assert not retype.preposition_before("they drove upward of ", 21)


@pytest.mark.parametrize(("rest", "end"), [
    (" in Morvale and beyond", " in "),
    (", outside the town of Morvale", ", outside the town of "),
    (" near the western governorate of Tarsa", " near the western governorate of "),
    (" and the Kessel barracks at Morvale", " and the Kessel barracks at "),
    (" of the central district of Tarsa", " of the central district of "),
])
def test_a_site_is_put_in_the_town_or_division_the_text_names(rest: str, end: str) -> None:
    container = sites._patterns()[2]
    link = container.match(rest)
    assert link is not None and link.group(0) == end


@pytest.mark.parametrize("rest", [" from Morvale", " beside Morvale", ", which lies in Morvale"])
def test_a_site_is_not_put_in_a_town_without_a_container_preposition(rest: str) -> None:
    assert sites._patterns()[2].match(rest) is None
