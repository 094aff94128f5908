"""How the relation patterns read names the tagger split or mistyped: spaced hyphens and areas typed as bodies.

"Warmian - Masurian Voivodeship", "Aetolia - Acarnania": text tokenised with spaced hyphens splits one name in two,
and the first half stands between the name and its neighbours ("a town in Karviná District, Moravian - Silesian
Region, Czech Republic" reads as no chain). The half before the hyphen is passed over, so the patterns see the
name the hyphen ends. A name whose last word is a kind of administrative area ("Masurian Voivodeship",
"Szczytno County") is a place to the patterns even where the tagger typed it an organisation.
"""

from __future__ import annotations

import re
from dataclasses import replace

from claimgraph.core.lexicon import alternation
from claimgraph.extract.context import DocContext
from claimgraph.extract.entity_rules import ORG_CUES
from claimgraph.model import Mention

_AREA_KINDS = alternation("relations_area_kinds")
_SITE_KINDS = alternation("relations_site_kinds")
AREA_KIND = re.compile(rf"\s(?:{_AREA_KINDS})$", re.I)
SITE_KIND = re.compile(rf"\s(?:{_SITE_KINDS})$", re.I)
# one word, a spaced hyphen or dash, then the next name at once: "Moravian - Silesian Region"
SPACED_HYPHEN = re.compile(r"^ [-–] $")


def relation_type(ctx: DocContext, key: str) -> str:
    """The entity's type as the relation patterns read it: a body or person named as an area or site is a place."""
    ent = ctx.entity(key)
    if ent.type not in ("Organization", "Person") or not ent.name[:1].isupper() \
            or set(ent.name.lower().split()) & ORG_CUES:
        return ent.type  # "Gulf Cooperation Council", "Valley Forge Army": a body's own kind word settles it
    if AREA_KIND.search(ent.name) or ent.type == "Organization" and SITE_KIND.search(ent.name):
        return "Place"
    return ent.type


def joined_names(ctx: DocContext, mentions: list[Mention]) -> list[Mention]:
    """Mentions in text order, a one-word half and the place a spaced hyphen joins it to read as one mention.

    The joined mention stands for the entity of the second half (the name's head: "Silesian Region"), so claims
    go to the entity the tagger made, and the words between it and its neighbours are read from the whole name.
    Only a place (not a country) is joined: "Iran - Iraq", "Basra - Reuters" are two names and a dash.
    """
    text = ctx.text
    out: list[Mention] = []
    for m in mentions:
        last = out[-1] if out else None
        if last is not None and SPACED_HYPHEN.match(text[last.end:m.start]) and " " not in last.text.strip() \
                and last.text[:1].isupper() and m.text[:1].isupper() and m.source != "norp" \
                and relation_type(ctx, m.entity_key) == "Place":
            out[-1] = replace(m, start=last.start, text=text[last.start:m.end])
            continue
        out.append(m)
    return out
