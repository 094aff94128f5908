"""Sites and parts of places: a building the tagger typed a body ('the Nizami Mausoleum in X'), 'X , now part of Y'."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.extract.context import DocContext


@pytest.mark.parametrize("text, site, town", [
    ("Pilgrims visit the Nizami Mausoleum in Ganja every year .", "Mausoleum", "Ganja"),
    ("Fans gathered outside the Red Star Stadium in Belgrade .", "Stadium", "Belgrade"),
])
def test_a_site_lies_in_its_town(analyze: Callable[..., DocContext], text: str, site: str, town: str) -> None:
    ctx = analyze(text)
    found = {(ctx.entity(c.subject).name, ctx.entity(c.object).name) for c in ctx.analysis.claims
             if c.predicate == "located_in" and isinstance(c.object, str)}
    assert any(site in s and town in o for s, o in found), found


@pytest.mark.parametrize("text, place, outer", [
    ("He was born in Tarnów , in the region of Galicia , now part of Poland .", "Galicia", "Poland"),
    ("The village of Elmsford is part of the Hudson Valley region .", "Elmsford", "Hudson Valley"),
])
def test_a_place_part_of_another(analyze: Callable[..., DocContext], text: str, place: str, outer: str) -> None:
    ctx = analyze(text)
    found = {(ctx.entity(c.subject).name, ctx.entity(c.object).name) for c in ctx.analysis.claims
             if c.predicate == "located_in" and isinstance(c.object, str)}
    assert any(place in s and outer in o for s, o in found), found
