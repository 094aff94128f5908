"""Names a sentence defines: a one-word name the sentence calls a settlement or a body ('Calueque is a town'),
past a bracket after the name ('X (; formerly Y ) is a village'), and an area named with its country
('the Lori Province of Armenia': the province, in the country)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from relation_text import has, relations

from claimgraph.extract.context import DocContext


def _typed(ctx: DocContext) -> dict[str, str]:
    return {m.text: ctx.entity(m.entity_key).type for m in ctx.analysis.mentions}


@pytest.mark.parametrize("text, name, type_", [
    ("Brelsyke is a small hamlet on the boundary of Cumbria .", "Brelsyke", "Place"),
    ("Varnos (; formerly Varnosh ) is a village in the Lori Province of Armenia .", "Varnos", "Place"),
    ("Velsko ( , Velsko ; , Vels'ko ) is a village in the Gudauta district of Abkhazia .", "Velsko", "Place"),
])
def test_a_defined_one_word_name_is_found_and_typed(analyze: Callable[..., DocContext], text: str, name: str,
                                                   type_: str) -> None:
    assert _typed(analyze(text)).get(name) == type_


def test_a_pronoun_or_common_word_defined_is_no_name(analyze: Callable[..., DocContext]) -> None:
    typed = _typed(analyze("He is a member of the club . It was a town once . Nobody is a village ."))
    assert not {"He", "It", "Nobody"} & set(typed), typed


def test_an_area_named_with_its_country_is_two_places(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Varnos (; formerly Varnosh ) is a village in the Lori Province of Armenia .")
    found = relations(ctx)
    assert _typed(ctx).get("Lori Province") == "Place"
    assert has(found, "Varnos", "located_in", "Lori Province"), found
    assert has(found, "Lori Province", "located_in", "Armenia"), found


def test_a_kind_of_a_country_keeps_its_name(analyze: Callable[..., DocContext]) -> None:
    typed = _typed(analyze("The Republic of Armenia signed the treaty . The University of Texas hired him ."))
    assert "Republic of Armenia" in typed or "Armenia" in typed
    assert "University of Texas" in typed, typed


def test_a_person_with_dates_defined_as_a_fighter_stays_a_person(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Ravindran Kuhan ( 3 May 1950 – 9 June 2001 ) was a Karvan guerrilla and the founder of the "
                  "Karvan Liberation Front .")
    assert _typed(ctx).get("Ravindran Kuhan") == "Person"
