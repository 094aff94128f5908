"""Lands made of divisions, sides of places, division names the text shortens, airports and site owners.

Sentences written for these tests; mentions are given as a tagger would have given them (blank pipeline).
"""

from __future__ import annotations

import pytest
from test_geo_sites import entity, km, run  # the same blank-pipeline geo run as the site tests

from claimgraph.geo.admin import region_divisions
from claimgraph.geo.airports import airports_by_country
from claimgraph.geo.gazetteer import Gazetteer
from claimgraph.geo.parts import split_part
from claimgraph.geo.resolve import DocPlaces, resolve_place
from claimgraph.geo.solve import distance_km
from claimgraph.geo.store import gazetteer_for
from claimgraph.geo.translit import name_keys, strip_generic


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    """The machine's gazetteer (towns down to 1,000 people, provinces, districts and regions)."""
    return gazetteer_for("", 1000)


def test_a_land_is_the_divisions_named_after_it() -> None:
    divisions = [("XX", "01", "Northern Zorland", 10.0, 20.0, 100, 30.0),
                 ("XX", "02", "Autonomous Region in Muslim Zorland", 8.0, 22.0, 100, 30.0),
                 ("XX", "03", "Western Cape", 0.0, 0.0, 100, 30.0),
                 ("XX", "04", "Lower Brent", 1.0, 1.0, 100, 30.0)]
    regions = {r[2]: r for r in region_divisions(divisions, {("XX", "brent")})}
    # both divisions ending in the name, the one with a side word that shows it is a land and the other
    assert set(regions) == {"Zorland"}
    _, _, _, lat, lon, pop, radius = regions["Zorland"]
    assert (lat, lon, pop) == (9.0, 21.0, 200) and radius >= 50.0


def test_an_island_named_after_its_divisions_is_found(gaz: Gazetteer) -> None:
    best = gaz.lookup("Mindanao")[0]
    assert best.place.kind == "region" and best.place.country == "PH"
    assert distance_km((best.place.lat, best.place.lon), (7.6, 124.0)) < 150


def test_archipelagos_and_valleys_are_their_land() -> None:
    assert strip_generic("Tawi Archipelago") == "Tawi"
    assert strip_generic("Swat Valley") == "Swat"
    assert strip_generic("the Kalo islands") == "Kalo"


def test_each_word_of_a_name_drops_its_ending() -> None:
    # "Qarah Bagh" and "Qara Bagh", "Deirah Sin" and "Deira Sin" are one spelling
    assert name_keys("Qarah Bagh")[1] == name_keys("Qara Bagh")[1]
    assert name_keys("Deirah Sin")[1] == name_keys("Deira Sin")[1]


def test_a_province_known_by_a_longer_name_is_found_when_marked(gaz: Gazetteer) -> None:
    doc = DocPlaces()
    doc.countries["AF"] = 2
    res = resolve_place(gaz, "k", ["Wardak Province"], doc, 0.82)
    assert res is not None and res.place.kind == "admin" and "Wardak" in res.place.name
    # without the division word the bare word is no match of the division
    bare = resolve_place(gaz, "k", ["Wardak"], doc, 0.82)
    assert bare is None or "Wardak" not in bare.place.name


def test_side_words_split_off_a_name() -> None:
    assert split_part("Northern Cyprus") == ("N", "Cyprus")
    assert split_part("south-western Iran") == ("SW", "Iran")
    assert split_part("Central Java") == ("C", "Java")
    assert split_part("Easter Island") is None and split_part("Northampton") is None


def test_the_north_of_a_country_lies_in_its_north(gaz: Gazetteer) -> None:
    ctx = run("Protesters demanded that the troops leave Northern Cyprus at once.", gaz, Place=("Northern Cyprus",))
    ent = entity(ctx, "Northern Cyprus")
    assert ent.geo and ent.geo["method"] == "part" and ent.attrs["part_of"] == "Cyprus"
    whole = gaz.country("CY")
    assert whole is not None and ent.geo["lat"] > whole.lat
    assert "geonames" not in ent.external_ids  # the part is not the country


@pytest.mark.skipif(not airports_by_country(), reason="the airportsdata package is not installed")
def test_a_towns_airport_is_at_the_airport(gaz: Gazetteer) -> None:
    ctx = run("Gunmen opened fire at Kabul International Airport on Sunday.", gaz,
              Place=("Kabul International Airport",))
    ent = entity(ctx, "Kabul International Airport")
    assert ent.geo and ent.geo["method"] == "airport"
    assert km(ent.geo, (34.566, 69.212)) < 3


def test_a_group_before_a_site_noun_is_the_sites_owner(gaz: Gazetteer) -> None:
    ctx = run("Jets struck a Hezbollah base near Baalbek, Hezbollah's depot in Hermel and the Hezbollah "
              "office in Tyre.", gaz, Organization=("Hezbollah",), Place=("Baalbek", "Hermel", "Tyre"))
    org = entity(ctx, "Hezbollah")
    assert org.type == "Organization" and not org.geo
    owners = [m for m in ctx.analysis.mentions if ctx.stored[m.start:m.end] == "Hezbollah"]
    assert len(owners) == 3 and all(m.type == "Organization" for m in owners)


def test_a_transliteration_beats_a_larger_town_a_vowel_further() -> None:
    from claimgraph.geo.gazetteer import Place

    small = Place(1, "Surabad-e Olya", "city", "IR", "01", 30.0, 50.0, 8000, 2.0)
    large = Place(2, "Sarabad", "city", "PK", "02", 25.0, 68.0, 500000, 7.0)
    own = Gazetteer([(small, ["Surabad-e Olya", "Surabad"]), (large, ["Sarabad"])])
    res = resolve_place(own, "k", ["Sorabad"], DocPlaces(), 0.82)
    # the same letters as an alternate name of the small town; the large one differs by a vowel
    assert res is not None and res.place.geonameid == 1


def test_a_name_is_never_cut_after_a_particle() -> None:
    from claimgraph.geo.stage import _prefix_ends

    text = "fled to Bandar e Zorg"
    cuts = [text[8:e] for e in _prefix_ends(text, 8, len(text))]
    assert cuts == ["Bandar e Zorg", "Bandar"]
    assert ["to ol-Zorg"[3:e] for e in _prefix_ends("to ol-Zorg", 3, 10)] == ["ol-Zorg"]
