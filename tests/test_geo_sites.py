"""Sites placed in the town a text puts them in, division names the tagger cut, districts and country names.

Sentences written for these tests; mentions are given as a tagger would have given them (blank pipeline).
"""

from __future__ import annotations

import re

import pytest
import spacy

from claimgraph.extract.context import DocContext
from claimgraph.geo.gazetteer import Gazetteer
from claimgraph.geo.named import division_spans, marked_division
from claimgraph.geo.resolve import DocPlaces, clean_names, resolve_country, resolve_place
from claimgraph.geo.solve import distance_km
from claimgraph.geo.stage import GeoMentions, GeoResolve
from claimgraph.geo.store import gazetteer_for
from claimgraph.model import Analysis, Entity, SourceDocument
from claimgraph.settings import Settings

_NLP = spacy.blank("en")
_NLP.add_pipe("sentencizer")
KABUL = (34.53, 69.17)
DIYALA = (33.9, 44.9)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    """The machine's gazetteer (towns down to 1,000 people, provinces and districts)."""
    return gazetteer_for("", 1000)


def run(text: str, gaz: Gazetteer, **typed: tuple[str, ...]) -> DocContext:
    """Analyse text with names pre-tagged by type (Place=(...), Organization=(...), Person=(...))."""
    ctx = DocContext(analysis=Analysis(document=SourceDocument(text=text, source="t.txt")), doc=_NLP(text),
                     settings=Settings())
    for type_, names in typed.items():
        for name in names:
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                ctx.add_mention(m.start(), m.end(), type_)
    GeoMentions(gazetteer=gaz).run(ctx)
    GeoResolve(gazetteer=gaz).run(ctx)
    return ctx


def entity(ctx: DocContext, name: str) -> Entity:
    """The representative entity of that name."""
    found = [e for k, e in ctx.analysis.entities.items() if ctx.find(k) == k and e.name == name]
    assert found, (name, [e.name for e in ctx.analysis.entities.values()])
    return found[0]


def km(geo: dict[str, float] | None, point: tuple[float, float]) -> float:
    """Distance of an entity's geo from a point (inf without one)."""
    return distance_km((geo["lat"], geo["lon"]), point) if geo else float("inf")


def test_a_named_hotel_in_a_town_takes_the_towns_point(gaz: Gazetteer) -> None:
    ctx = run("Gunmen stormed the Palm Tree Hotel in Kabul on Monday night.", gaz,
              Place=("Kabul",), Organization=("Palm Tree Hotel",))
    hotel = entity(ctx, "Palm Tree Hotel")
    assert hotel.geo is not None and hotel.geo["method"] == "site"
    assert km(hotel.geo, KABUL) < 10 and hotel.geo["uncertainty_km"] >= 10


def test_a_camp_in_a_province_takes_the_provinces_centre_and_extent(gaz: Gazetteer) -> None:
    ctx = run("The militia set up Camp Falcon in the northern province of Diyala, near the border.", gaz,
              Place=("Camp Falcon", "Diyala"))
    camp = entity(ctx, "Camp Falcon")
    assert camp.geo is not None and camp.geo["method"] == "site"
    assert km(camp.geo, DIYALA) < 40 and camp.geo["uncertainty_km"] >= 25


def test_a_site_noun_after_the_name_and_a_coordinated_site(gaz: Gazetteer) -> None:
    ctx = run("Bombers hit the Beth Hillel synagogue in Istanbul and the Dutch Embassy and NATO offices in Kabul.",
              gaz, Place=("Istanbul", "Kabul"), Organization=("Beth Hillel", "Dutch Embassy"))
    assert km(entity(ctx, "Beth Hillel").geo, (41.01, 28.95)) < 15
    assert km(entity(ctx, "Dutch Embassy").geo, KABUL) < 10


def test_a_person_or_group_in_a_town_is_no_site(gaz: Gazetteer) -> None:
    ctx = run("Commander Yusuf Karimi in Kabul denied it; the Falcon Brigade in Kabul agreed.", gaz,
              Place=("Kabul",), Person=("Yusuf Karimi",), Organization=("Falcon Brigade",))
    assert entity(ctx, "Yusuf Karimi").geo is None
    assert entity(ctx, "Falcon Brigade").geo is None


def test_a_division_the_tagger_cut_in_two_is_one_place(gaz: Gazetteer) -> None:
    ctx = run("Fighters crossed into the contested Jammu and Kashmir state last spring.", gaz,
              Place=("Jammu", "Kashmir"))
    names = [m.text for m in ctx.analysis.mentions]
    assert "Jammu and Kashmir" in names and "Jammu" not in names
    assert km(entity(ctx, "Jammu and Kashmir").geo, (33.5, 75.0)) < 100


def test_a_demonym_before_a_province_names_that_province(gaz: Gazetteer) -> None:
    ctx = run("A sister movement is active in Pakistani Balochistan.", gaz, Group=("Pakistani",))
    place = entity(ctx, "Pakistani Balochistan")
    assert place.type == "Place" and km(place.geo, (28.5, 65.5)) < 200
    # a demonym before a common noun is no place name ("the Ethiopian Village restaurant")
    assert "Village" not in clean_names(["Kenyan Village"])


def test_county_and_province_words_mark_places(gaz: Gazetteer) -> None:
    assert marked_division(gaz, "County Armagh")
    assert not marked_division(gaz, "Armagh")
    assert not list(division_spans("The Provisional Army Council met.", gaz))
    ctx = run("Two officers were shot near Portadown, County Armagh, on Sunday.", gaz, Person=("County Armagh",))
    armagh = entity(ctx, "County Armagh")
    assert armagh.type == "Place" and km(armagh.geo, (54.3, -6.62)) < 20


def test_districts_and_second_level_provinces_resolve(gaz: Gazetteer) -> None:
    for name, point in (("South Waziristan", (32.3, 69.7)), ("Palawan", (9.8, 118.7)), ("Bizkaia", (43.25, -2.9))):
        res = resolve_place(gaz, "k", [name], DocPlaces(), 0.82)
        assert res is not None and distance_km((res.place.lat, res.place.lon), point) < 60, name
    # departments named with their generic word are found by their bare name
    res = resolve_place(gaz, "k", ["Norte de Santander"], DocPlaces(), 0.82)
    assert res is not None and res.place.kind == "admin" and res.place.country == "CO"


def test_country_names_come_from_rigour_and_the_small_table(gaz: Gazetteer) -> None:
    for name, code in (("Burma", "MM"), ("Kingdom of Saudi Arabia", "SA"), ("Holland", "NL"), ("Persia", "IR")):
        res = resolve_country(gaz, [name])
        assert res is not None and res.place.country == code, name


def test_a_sizeable_towns_own_name_after_in_is_a_place(gaz: Gazetteer) -> None:
    ctx = run("He moved his office to Pontoise in 1981, and later to Paris.", gaz, Place=("Paris",))
    assert any(m.text == "Pontoise" and m.type == "Place" for m in ctx.analysis.mentions)


def test_a_named_road_the_tagger_missed_is_a_site_of_its_town(gaz: Gazetteer) -> None:
    ctx = run("A truck bomb hit a convoy on Qasr-ul-Malik road in Kabul city on Monday.", gaz,
              Place=("Kabul",), Person=("Qasr",))
    road = entity(ctx, "Qasr-ul-Malik road")
    assert road.type == "Place" and km(road.geo, KABUL) < 10
    assert "Qasr" not in [m.text for m in ctx.analysis.mentions]


def test_a_site_named_after_its_town_is_found_and_placed(gaz: Gazetteer) -> None:
    ctx = run("Police hunted the men who threw grenades at a Nairobi bus station and at Madrid's airport.", gaz,
              Place=("Nairobi", "Madrid"))
    assert km(entity(ctx, "Nairobi bus station").geo, (-1.29, 36.82)) < 10
    assert km(entity(ctx, "Madrid's airport").geo, (40.42, -3.70)) < 15
    # the towns keep their own mentions
    assert {"Nairobi", "Madrid"} <= {m.text for m in ctx.analysis.mentions}


def test_sites_in_a_dateline_town_only_when_the_story_is_about_its_country(gaz: Gazetteer) -> None:
    text = ("KAMPALA (Reuters) - Bombs hit the Green Lantern restaurant in the capital on Sunday.\n"
            "Uganda said Uganda would not withdraw its troops from Somalia.")
    ctx = run(text, gaz, Place=("Green Lantern",), Country=("Uganda", "Somalia"))
    site = entity(ctx, "Green Lantern")
    assert site.geo is not None and site.geo["method"] == "dateline" and km(site.geo, (0.32, 32.58)) < 10
    abroad = ("WASHINGTON (Reuters) - Rockets hit the Green Lantern camp on Sunday.\n"
              "Iraq said Iraq would investigate; Iraq blamed militias.")
    ctx = run(abroad, gaz, Place=("Green Lantern",), Country=("Iraq",))
    assert entity(ctx, "Green Lantern").geo is None


def test_a_loose_spelling_alone_in_its_text_keeps_its_reading_on_the_second_pass(gaz: Gazetteer) -> None:
    # the first pass places the town; the second must not count that point as other context against it
    ctx = run("Several families fled Alhiv after the shelling.", gaz, Place=("Alhiv",))
    assert km(entity(ctx, "Alhiv").geo, (36.03, 50.65)) < 25


def test_a_site_of_a_story_whose_headline_names_its_town(gaz: Gazetteer) -> None:
    text = ("Two blasts hit government offices in Kabul\n"
            "A bomber struck near the gate of the Central Records Office on Monday. Afghanistan said "
            "Afghanistan would respond.")
    ctx = run(text, gaz, Place=("Kabul",), Organization=("Central Records Office",), Country=("Afghanistan",))
    office = entity(ctx, "Central Records Office")
    assert office.geo is not None and office.geo["method"] == "dateline" and km(office.geo, KABUL) < 10


def test_a_town_typed_person_after_a_named_site_of_it_is_a_place(gaz: Gazetteer) -> None:
    ctx = run("She worked at the Santa Rita Copper Mine of Riohacha for ten years.", gaz, Person=("Riohacha",))
    town = entity(ctx, "Riohacha")
    assert town.type == "Place" and km(town.geo, (11.54, -72.91)) < 25
