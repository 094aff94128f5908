"""Nationality words of several words or of a regular ending rigour lacks name their country (issue #11)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.extract.context import DocContext
from claimgraph.extract.entity_gazetteer import demonym_country, demonyms
from claimgraph.extract.relations import geo_index


@pytest.mark.parametrize(("word", "country"), [
    ("Sri Lankan", "Sri Lanka"), ("SRI LANKANS", "Sri Lanka"), ("South African", "South Africa"),
    ("Chadian", "Chad"), ("Chadians", "Chad"), ("Nigerien", "Niger"), ("Nigerian", "Nigeria"),
    ("South Sudanese", "South Sudan"), ("Omani", "Oman"),
])
def test_nationality_words_name_their_country(word: str, country: str) -> None:
    assert demonym_country(word) == country


@pytest.mark.parametrize("word", ["Sri", "Brian", "Sebastian", "Chad", "Mali", "Boko Haram", "Iranian Kurds",
                                  "South", "sri lankan", "Tamil Tigers"])
def test_names_and_countries_are_no_nationality_words(word: str) -> None:
    assert demonym_country(word) is None


# one demonym source (issue #9): the relation stages read nationality words through the entity layer's reading
@pytest.mark.parametrize("word", sorted({*demonyms(), "Iraqi", "Iranian", "German", "Chadian", "Sri Lankan"}))
def test_the_relation_gazetteer_reads_a_demonym_as_the_entity_layer_does(word: str) -> None:
    country = demonym_country(word)
    if country is None:  # a people of several states: no country for either reader
        assert geo_index().country_of(word) is None
        return
    # the same ISO code as the country's own name (both None only for a former state the gazetteer lacks)
    assert geo_index().country_of(word) == geo_index().country_of(country), (word, country)
    if word in ("Iraqi", "Dutch", "Welsh", "Sri Lankan"):
        assert geo_index().country_of(word) is not None


@pytest.mark.parametrize("word", ["Dutch", "Czech", "Welsh", "Palestinian"])
def test_a_demonym_phrase_names_the_entity_layers_country(analyze: Callable[..., DocContext], word: str) -> None:
    ctx = analyze(f"Velmora Holdings is a {word} trading company with offices abroad.")
    seats = {ctx.entity(c.object).name for c in ctx.analysis.claims
             if c.predicate == "based_in" and isinstance(c.object, str)}
    assert seats == {demonym_country(word)}, seats
