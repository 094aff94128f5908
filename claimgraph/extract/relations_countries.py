"""Places in the country a body's sentence names: "X is a Norwegian football club from Fyllingsdalen, Bergen".

A sentence that seats a body in a country (by name or demonym: "a Norwegian club", "a company based in Taipei,
Taiwan") and in a place below a country says the place lies in that country: the body is in both, and a body
seated in a town is in the town's country. Both statements must be read from the same sentence; a place the
gazetteer puts in another country ("a British firm based in Paris") is left alone, so the rule never states what
the reference data contradicts. The gazetteer only vetoes; it never supplies the country.
"""

from __future__ import annotations

from bisect import bisect_right

from claimgraph.extract.context import DocContext
from claimgraph.extract.places_index import EXTRACTOR, PLACE_TYPES, geo_index, is_country
from claimgraph.model import Claim

SEAT_PREDICATES = ("based_in", "headquarters_in")
CONFIDENCE = 0.5


def places_in_seat_country(ctx: DocContext, claims: list[Claim]) -> None:
    """located_in(place, country) for a body a sentence seats both in a place and in that country."""
    starts = [s.start_char for s in ctx.doc.sents]
    ends = [s.end_char for s in ctx.doc.sents]
    seats: dict[tuple[str, int], list[str]] = {}
    for c in claims:
        if c.predicate in SEAT_PREDICATES and isinstance(c.object, str) and c.evidence \
                and c.extractor.startswith(EXTRACTOR) and ctx.entity(c.object).type in PLACE_TYPES:
            # the sentence the statement is read from (a demonym's evidence starts at the name, not the sentence)
            sent = max(bisect_right(starts, c.evidence[0].start) - 1, 0)
            seats.setdefault((ctx.find(c.subject), sent), []).append(ctx.find(c.object))
    index = geo_index()
    for (_, sent), group in seats.items():
        keys = list(dict.fromkeys(group))  # a seat said twice in the sentence counts once
        countries = [k for k in keys if _is_country(ctx, k)]
        places = [k for k in keys if not _is_country(ctx, k)]
        for country in countries:
            code = index.country_of(ctx.entity(country).name)
            for place in places:
                name = ctx.entity(place).name
                city = index.cities.get(name.lower())
                known = index.country_of(name) or (city[0] if city else None)
                if code is None or known not in (None, code):
                    continue  # the gazetteer puts the place elsewhere, or cannot tell the country
                ctx.add_claim(place, "located_in", country,
                              (starts[sent], ends[sent]), EXTRACTOR, confidence=CONFIDENCE)


def _is_country(ctx: DocContext, key: str) -> bool:
    ent = ctx.entity(key)
    return ent.type == "Country" or is_country(ent.name)
