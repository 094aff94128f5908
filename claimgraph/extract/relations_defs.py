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
    if ent.type not in RETYPED or m.source != "ner" or not LEAD.match(ctx.text[sent_start:m.start]):
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
