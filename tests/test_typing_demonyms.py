"""Nationality words of several words or of a regular ending rigour lacks name their country (issue #11)."""

from __future__ import annotations

import pytest

from claimgraph.extract.entity_gazetteer import demonym_country


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
