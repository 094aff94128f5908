"""Natural features and protected areas: a name whose kind word says it is a place is one, whatever the
model read it as ('Big Muddy Creek', 'Norris Reservoir'), and the verbs that put a feature in a place."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from relation_text import has, relations

from claimgraph.extract.context import DocContext
from claimgraph.extract.entity_kinds import names_a_feature


def _type_of(ctx: DocContext, name: str) -> str:
    return next(ctx.entity(m.entity_key).type for m in ctx.analysis.mentions if m.text == name)


@pytest.mark.parametrize("name, feature", [
    ("Harlan Creek", True), ("Dismal Swamp", True), ("Tirad Pass National Park", True), ("Mount Tyree", True),
    ("Pond of Safety", True), ("Nottingham Forest", False), ("Damon Hill", False), ("Creek", False),
    ("Tampa Bay", False), ("Jurassic Park", False), ("Ellen Marsh", False),
])
def test_a_feature_is_named_by_its_kind_word(name: str, feature: bool) -> None:
    assert names_a_feature(name) is feature


@pytest.mark.parametrize("text, name", [
    ("The Harlan Creek flows through Dawes County in the northern part of Nebraska .", "Harlan Creek"),
    ("The Dismal Swamp is a swamp in Virginia .", "Dismal Swamp"),
    ("The Norris Reservoir lies in Campbell County , Tennessee .", "Norris Reservoir"),
])
def test_a_feature_is_a_place(analyze: Callable[..., DocContext], text: str, name: str) -> None:
    assert _type_of(analyze(text), name) == "Place"


@pytest.mark.parametrize("text, inner, outer", [
    ("The Norris Reservoir lies in Campbell County , Tennessee .", "Norris Reservoir", "Campbell County"),
    ("The Harlan Creek flows through Dawes County in the northern part of Nebraska .", "Harlan Creek",
     "Dawes County"),
    ("The Dismal Swamp is a swamp in Virginia .", "Dismal Swamp", "Virginia"),
    ("Dunmore is a community in the township of Ashby , Kent County , Ontario .", "Ashby", "Kent County"),
])
def test_a_feature_lies_in_a_place(analyze: Callable[..., DocContext], text: str, inner: str, outer: str) -> None:
    found = relations(analyze(text))
    assert has(found, inner, "located_in", outer), found


def test_a_tributary_is_not_inside_its_river(analyze: Callable[..., DocContext]) -> None:
    found = relations(analyze("Big Otter Creek is a tributary of the Red River in Dawes County , Nebraska ."))
    assert not has(found, "Big Otter Creek", "located_in", "Red River"), found


@pytest.mark.parametrize("text, name", [
    ("The director Peter Brook staged the play in Paris .", "Peter Brook"),
    ("The ICTY prosecutor Ellen Marsh said so .", "Ellen Marsh"),
])
def test_a_person_whose_surname_is_a_kind_word_stays_a_person(analyze: Callable[..., DocContext], text: str,
                                                             name: str) -> None:
    assert _type_of(analyze(text), name) == "Person"
