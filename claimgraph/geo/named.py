"""Place names a tagger missed that their own words mark as places: 'X province', 'County X', 'Pakistani X'."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from claimgraph.core.lexicon import alternation
from claimgraph.geo.gazetteer import DEMONYMS, Gazetteer

# capitalised words, with the linking words division names hold ("Jammu and Kashmir", "Norte de Santander")
_NAME = (r"(?-i:[A-Z][\w'\u2019-]*(?:\s+(?:(?:and|de|del|la|al|el|e|ul|of)[\s-]+)?[A-Z][\w'\u2019-]*){0,3})")
# the generic words a division's name comes with; "state" only after a name ("Jammu and Kashmir state")
_GENERIC = r"(?i:state|province|district|county|governorate|region|department|agency|prefecture)s?"
MIN_POPULATION = 5000  # a town named without a division word: only one a text is likely to mean
SITE_TOWN_POPULATION = 20000  # only towns large enough to lend their name to an airport or a bus station


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    demonyms = "|".join(sorted((re.escape(d.capitalize()) for d in DEMONYMS), key=len, reverse=True))
    after = re.compile(rf"(?<![\w-])(?P<name>{_NAME})\s+{_GENERIC}\b")
    county = re.compile(rf"(?<![\w-])(?P<span>County\s+(?P<name>{_NAME}))")
    demonym = re.compile(rf"(?<![\w-])(?P<span>(?P<dem>{demonyms})\s+(?P<name>{_NAME}))")
    return after, county, demonym


def _suffixes(text: str, start: int, end: int) -> Iterator[int]:
    """Start offsets of the word suffixes of text[start:end], longest first ('In Wardak' -> 'Wardak')."""
    yield start
    for m in re.finditer(r"\s+", text[start:end]):
        yield start + m.end()


def _known(gaz: Gazetteer, name: str, country: str | None = None, towns: bool = True) -> bool:
    kinds = ("admin", "district", "region", "city") if towns else ("admin", "district", "region")
    return any(c.name_score >= 0.95 and c.place.kind in kinds and (country is None or c.place.country == country)
               and (c.place.kind != "city" or c.place.population >= MIN_POPULATION)
               for c in gaz.lookup(name))


def division_spans(text: str, gaz: Gazetteer) -> Iterator[tuple[int, int]]:
    """Spans of place names marked by a division word or a demonym, which the gazetteer holds exactly."""
    after, county, demonym = _patterns()
    for m in after.finditer(text):
        for s in _suffixes(text, m.start("name"), m.end("name")):
            if _known(gaz, text[s:m.end("name")]):
                yield s, m.end("name")
                break
    for m in county.finditer(text):
        if _known(gaz, m.group("name")):
            yield m.start("span"), m.end("span")
    for m in demonym.finditer(text):
        # "Pakistani Balochistan", "Iraqi Kurdistan": a division of the country the adjective names
        if _known(gaz, m.group("name"), DEMONYMS[m.group("dem").lower()], towns=False):
            yield m.start("span"), m.end("span")


def marked_division(gaz: Gazetteer, name: str) -> bool:
    """True when a name's own words make it a place the gazetteer holds ('County Armagh', 'Wardak Province')."""
    return any(s == 0 and e == len(name) for s, e in division_spans(name, gaz))


@lru_cache(maxsize=1)
def _site_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # "Dar-ul-Aman road in Kabul", "the Hillside estate of Lurgan": a named site, then where it is
    facilities, sites = alternation("geo_facility_nouns"), alternation("geo_site_nouns")
    named = re.compile(rf"(?<![\w-])(?P<span>(?P<name>{_NAME})\s+(?-i:{facilities}))"
                       r"\s+(?:in|at|of)\s+(?:the\s+)?")
    # "a Nairobi bus station", "Madrid's airport": a site that takes its town's name
    town = re.compile(rf"(?<![\w-])(?P<span>(?P<town>{_NAME})(?:['\u2019]s)?\s+(?:[a-z]+\s+)?"
                      rf"(?-i:{sites}))(?![\w-])")
    return named, town


def named_site_spans(text: str) -> Iterator[tuple[int, int, int, int]]:
    """(site start, site end, name end, where the container's name starts) of 'Name road in X' phrases."""
    for m in _site_patterns()[0].finditer(text):
        yield m.start("span"), m.end("span"), m.end("name"), m.end()


def town_site_spans(text: str, gaz: Gazetteer) -> Iterator[tuple[int, int, int]]:
    """(site start, site end, town end) of sites named after a sizeable town ('a Nairobi bus station')."""
    for m in _site_patterns()[1].finditer(text):
        if any(c.name_score >= 0.95 and c.place.population >= SITE_TOWN_POPULATION
               for c in gaz.lookup(m.group("town"), kind="city")):
            yield m.start("span"), m.end("span"), m.end("town")
