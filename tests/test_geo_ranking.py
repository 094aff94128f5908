"""How the resolver ranks readings of a loose spelling, on small gazetteers of invented towns."""

from __future__ import annotations

from claimgraph.geo.gazetteer import Gazetteer, Place
from claimgraph.geo.resolve import DocPlaces, resolve_place


def town(gid: int, name: str, country: str, lat: float, population: int = 40000) -> tuple[Place, list[str]]:
    """A gazetteer entry of an invented town."""
    return Place(gid, name, "city", country, "01", lat, 10.0, population, 3.0), [name]


def test_a_respelling_reads_as_the_romanised_name_not_the_latin_one() -> None:
    # "Dervazan" is one vowel from each town; only where their names are written differs
    for romanised, latin in (("IR", "FR"), ("FR", "IR")):
        gaz = Gazetteer([town(1, "Darvazan", romanised, 30.0), town(2, "Dervazin", latin, 45.0)])
        res = resolve_place(gaz, "k", ["Dervazan"], DocPlaces(), 0.82)
        assert res is not None and res.place.geonameid == (1 if romanised == "IR" else 2)
        # the score reported is the spelling's own, not the weighed one
        assert 0.85 < res.name_score < 0.95


def test_an_exact_name_in_a_latin_script_country_is_not_weighed_down() -> None:
    gaz = Gazetteer([town(1, "Darvazan", "IR", 30.0), town(2, "Dervazin", "FR", 45.0)])
    res = resolve_place(gaz, "k", ["Dervazin"], DocPlaces(), 0.82)
    assert res is not None and res.place.geonameid == 2 and res.name_score == 1.0


def test_a_short_acronym_is_no_town_name() -> None:
    gaz = Gazetteer([town(1, "Un", "IN", 23.0)])
    assert resolve_place(gaz, "k", ["UN"], DocPlaces(), 0.82) is None
    assert resolve_place(gaz, "k", ["United Nations", "UN"], DocPlaces(), 0.82) is None
    res = resolve_place(gaz, "k", ["Un"], DocPlaces(), 0.82)
    assert res is not None and res.place.geonameid == 1
