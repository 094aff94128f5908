"""Names a sentence defines as places: "X ( ... ) is a village in Y", "X was a river of Y", "X is a town and comune in".

A reference-style definition opens with the name it defines and says what kind of place it is; the tagger often
reads a foreign village or a river as a person or a body ("Zabiele", "the Foix"). The kind noun right before
"in / of / within / located" settles it: the name is a place, so the located_in patterns that follow may read it.
A person the tagger found is likewise a body when the sentence defines it as a kind of organisation ("X is a
major Turkish weapons manufacturer based in ..."). Only the first name of the sentence, and only a type the
statistical tagger gave, is changed.
"""

from __future__ import annotations

import re

from claimgraph.core.lexicon import alternation
from claimgraph.extract.context import DocContext
from claimgraph.model import Mention

_PLACE_NOUNS = alternation("claims_relations_place_nouns")
# "( Polish : ... ) ( or Y )": up to two bracketed asides between the name and its verb
_ASIDES = r"(?:\([^()]{0,120}\)\s*){0,2}"
# "is a small village in", "was a town and comune in", "is one of the villages of": the kind, then where it lies
DEFINED_PLACE = re.compile(
    rf"^\s*{_ASIDES},?\s*(?:is|was)\s+(?:a|an|the|one\s+of\s+the)\s+(?:[\w'-]+\s+){{0,3}}?(?:{_PLACE_NOUNS})s?"
    r"(?:\s+and\s+(?:a\s+)?[\w-]+)?\s+(?:in|of|within|located|situated)\b", re.I)
_ORG_NOUNS = alternation("claims_relations_org_nouns")
_FOLLOWERS = alternation("relations_definition_followers")
_BREAKERS = alternation("relations_kind_breakers")
# "X is a major Turkish weapons manufacturer based in ...", "X was a Spanish vehicle manufacturing company ,": the
# kind of body ends the description (what follows is no noun of it), no preposition before it ("a member of a club",
# "a Norwegian politician for the Labour Party"), up to six words ("a Japanese video game development and publishing
# company")
DEFINED_BODY = re.compile(
    rf"^\s*{_ASIDES},?\s*(?:is|was)\s+(?:a|an)\s+(?:(?!(?:{_BREAKERS})\s)[\w'-]+\s+){{0,6}}?(?:{_ORG_NOUNS})"
    rf"(?=\s*[,.;]|\s+(?:{_FOLLOWERS})\b)",
    re.I)
# what may come before the defined name in its sentence
LEAD = re.compile(r"^\s*(?:the\s+)?$", re.I)
RETYPED = {"Person", "Organization"}


def define_places(ctx: DocContext, sent_start: int, mentions: list[Mention]) -> None:
    """Retype the sentence's first name to a place (or a tagger's person to a body) the sentence defines it as."""
    if not mentions:
        return
    m = mentions[0]
    ent = ctx.entity(m.entity_key)
    if ent.type not in RETYPED or m.source not in ("ner", "rule") or not LEAD.match(ctx.text[sent_start:m.start]):
        return
    after = ctx.text[m.end:m.end + 240]
    if DEFINED_PLACE.match(after):
        kind = "Place"
    elif ent.type == "Person" and DEFINED_BODY.match(after):
        kind = "Organization"
    else:
        return
    key = ctx.find(m.entity_key)
    for other in ctx.analysis.mentions:
        if ctx.find(other.entity_key) == key:
            other.type = kind
    ctx.entity(key).type = kind
    if key != m.entity_key:
        ent.type = kind


_SEATED = alternation("relations_seated_nouns")
# "the Bulgarian rock band Shturtzite", "a Brazilian club, Sport Recife": a kind of body right before the name
KIND_RIGHT_BEFORE = re.compile(rf"\b(?:a|an|the|[A-Z][a-z]+)\s+(?:[\w/-]+\s+){{0,3}}?(?:{_SEATED})\s*,?\s*$")
AFTER_KIND = re.compile(r"^\s*(?:[,.;:)(]|'s|’s|\s(?:from|in|released|formed)\b)")
# "Durg , Madhya Pradesh", "Houston , Texas": a town the tagger read as a person, a comma, then its region
COMMA_THEN = re.compile(r"^\s*,\s*$")


def retype_named(ctx: DocContext) -> None:
    """Retype a tagger's person that a kind of body names ('the rock band X') or that is a town of the region after it.

    The town must be one the gazetteer places in the country (or US state) named right after the comma; the kind of
    body must stand right before the name, and the name must end the phrase ('the band X released', 'band X ,').
    """
    from claimgraph.extract.places_index import geo_index, is_country  # the gazetteer loads on first use

    text = ctx.text
    mentions = sorted(ctx.analysis.mentions, key=lambda m: m.start)
    index = geo_index()
    for i, m in enumerate(mentions):
        ent = ctx.entity(m.entity_key)
        if ent.type != "Person" or m.source != "ner" or "\n" in m.text:
            continue
        if KIND_RIGHT_BEFORE.search(text[max(0, m.start - 80):m.start]) and AFTER_KIND.match(text[m.end:m.end + 12]):
            _retype(ctx, m, "Organization")
            continue
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        city = index.cities.get(ent.name.lower())
        if city is None or nxt is None or not COMMA_THEN.match(text[m.end:nxt.start]):
            continue
        region = ctx.entity(nxt.entity_key)
        if region.type not in ("Place", "Country"):
            continue
        state = index.us_states.get(region.name.lower())
        if (is_country(region.name) and index.country_of(region.name) == city[0]) \
                or (state is not None and city[0] == "US" and city[1] == state):
            _retype(ctx, m, "Place")


def _retype(ctx: DocContext, m: Mention, kind: str) -> None:
    key = ctx.find(m.entity_key)
    for other in ctx.analysis.mentions:
        if ctx.find(other.entity_key) == key:
            other.type = kind
    ctx.entity(key).type = kind
    ctx.entity(m.entity_key).type = kind
