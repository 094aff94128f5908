"""Town names a tagger typed Person or Organization are looked up when their context fits a place."""

from __future__ import annotations

import pytest
import spacy

from claimgraph.extract.context import DocContext
from claimgraph.geo.gazetteer import Gazetteer
from claimgraph.geo.retype import place_context, retype_places, speaker_context
from claimgraph.geo.stage import GeoMentions, GeoResolve
from claimgraph.geo.store import gazetteer_for
from claimgraph.model import Analysis, SourceDocument
from claimgraph.settings import Settings

_NLP = spacy.blank("en")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    """The default gazetteer from the machine's cache file."""
    return gazetteer_for("", 1000)


def tagged(text: str, name: str, type_: str, gaz: Gazetteer) -> tuple[DocContext, str]:
    """A context whose only mention is `name`, typed as a tagger typed it."""
    ctx = DocContext(analysis=Analysis(document=SourceDocument(text=text, source="t.txt")), doc=_NLP(text),
                     settings=Settings())
    start = text.index(name)
    mention = ctx.add_mention(start, start + len(name), type_)
    return ctx, ctx.find(mention.entity_key)


@pytest.mark.parametrize("text, name, wrong", [
    ("Two soldiers were wounded in Jaffna on Sunday.", "Jaffna", "Person"),
    ("The delegation travelled to Tunis for the talks.", "Tunis", "Organization"),
    ("Residents fled the town of Omagh after the blast.", "Omagh", "Group"),
])
def test_town_typed_otherwise_becomes_a_place_with_coordinates(gaz: Gazetteer, text: str, name: str,
                                                               wrong: str) -> None:
    ctx, _ = tagged(text, name, wrong, gaz)
    GeoMentions(gazetteer=gaz).run(ctx)
    GeoResolve(gazetteer=gaz).run(ctx)
    ent = next(e for e in ctx.analysis.entities.values() if e.name == name)
    assert ent.type == "Place" and ent.geo and ent.geo["method"] == "gazetteer"


@pytest.mark.parametrize("text, name", [
    ("Jaffna said the talks would resume.", "Jaffna"),  # a speaker, whatever the gazetteer says
    ("A letter from Tunis Ahmed reached the paper.", "Tunis Ahmed"),  # no such town
    ("The committee thanked Omagh for the report.", "Omagh"),  # no place context
])
def test_names_that_act_as_people_keep_their_type(gaz: Gazetteer, text: str, name: str) -> None:
    ctx, _ = tagged(text, name, "Person", gaz)
    assert retype_places(ctx, gaz) == []
    assert all(e.type == "Person" for e in ctx.analysis.entities.values())


def test_place_and_speaker_contexts() -> None:
    text = "They moved on to Kirkuk. Hamid said no. Fighting near the city of Kut went on. Diyala province"
    k = text.index("Kirkuk")
    assert place_context(text, k, k + 6)
    h = text.index("Hamid")
    assert not place_context(text, h, h + 5) and speaker_context(text, h + 5)
    kut = text.index("Kut ")
    assert place_context(text, kut, kut + 3)
    d = text.index("Diyala")
    assert place_context(text, d, d + 6)
    seized = "By noon the rebels had seized Tal Afar."
    t = seized.index("Tal Afar")
    assert place_context(seized, t, t + 8)
    assert not place_context("The court heard Tal Afar.", 16, 24)


def test_named_sites_take_the_town_their_name_begins_with(gaz: Gazetteer) -> None:
    from claimgraph.geo.sites import place_sites, site_town

    town = site_town(gaz, "Peshawar Press Club")
    assert town is not None and town.country == "PK"
    assert site_town(gaz, "Camp Ashraf") is None  # named after no town it lies in
    assert site_town(gaz, "Peshawar") is None and site_town(gaz, "the old hotel") is None
    text = "Reporters gathered outside the Basra International Airport on Monday."
    ctx, key = tagged(text, "Basra International Airport", "Organization", gaz)
    assert place_sites(ctx, gaz) == [key]
    geo = ctx.analysis.entities[key].geo
    # at the airport itself where the airport tables are installed, else somewhere in or near its town
    assert geo and ((geo["method"] == "site" and geo["uncertainty_km"] >= 10)
                    or (geo["method"] == "airport" and geo["source_id"] == "icao:ORMM"))
