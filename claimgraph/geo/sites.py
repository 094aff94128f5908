"""Named sites placed at the town their name begins with ("Baghdad International Airport") or the text puts them in."""

from __future__ import annotations

import re
from functools import lru_cache

from claimgraph.core.lexicon import words
from claimgraph.extract.context import DocContext
from claimgraph.geo.gazetteer import Gazetteer, Place

SITE_UNCERTAINTY_KM = 10.0  # a site lies somewhere in or just outside its town
MIN_POPULATION = 20000  # only towns large enough to lend their name to an airport or a club
NOT_SITES = ("Person", "Country")


def site_town(gaz: Gazetteer, name: str) -> Place | None:
    """The town a site's name begins with, when the name ends in a site noun and the town is known exactly."""
    parts = name.replace("\u2019s ", " ").replace("'s ", " ").split()
    if len(parts) < 2 or parts[-1].lower() not in words("geo_site_nouns"):
        return None
    # the longest leading run of words that names a town, leaving at least the site noun
    for n in range(min(3, len(parts) - 1), 0, -1):
        head = " ".join(parts[:n])
        if not head[:1].isupper():
            return None
        cands = [c for c in gaz.lookup(head, kind="city")
                 if c.name_score >= 0.95 and c.place.population >= MIN_POPULATION]
        if cands:
            return max(cands, key=lambda c: (c.name_score, c.place.population)).place
    return None


def place_sites(ctx: DocContext, gaz: Gazetteer) -> list[str]:
    """Give coordinates to named sites without any, from the town in their name; their keys."""
    done: list[str] = []
    for key in {ctx.find(m.entity_key) for m in ctx.analysis.mentions}:
        ent = ctx.analysis.entities[key]
        if ent.geo or ent.type in NOT_SITES:
            continue
        town = site_town(gaz, ent.name)
        if town is None:
            continue
        ent.geo = {"lat": round(town.lat, 5), "lon": round(town.lon, 5),
                   "uncertainty_km": max(SITE_UNCERTAINTY_KM, town.radius_km), "method": "site",
                   "source_id": town.source_id}
        ent.attrs["site_of"] = town.name
        done.append(key)
    return done


def _facility_words() -> str:
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words("geo_facility_nouns")),
                           key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    nouns = _facility_words()
    # the site's noun right after its name ("Neve Shalom synagogue", "the Lismore estate")
    noun_after = re.compile(rf"^\s+(?:{nouns})\b", re.I)
    names_site = re.compile(rf"\b(?:{nouns})\b", re.I)
    # "... in Kabul", "... and ISAF headquarters in Kabul", "..., in the eastern province of Diyala", "... of Craigavon"
    container = re.compile(
        rf"^(?:\s+and\s+(?:the\s+)?(?:[\w.'\u2019-]+\s+){{0,3}}?(?:{nouns})(?:e?s)?)?\s*,?\s+(?:in|at|of|near|outside)\s+"
        r"(?:the\s+)?(?:(?:\w+ern|central)\s+)?(?:(?:city|town|village|province|governorate|district|region)\s+of\s+)?",
        re.I)
    return noun_after, names_site, container


def contained_sites(ctx: DocContext, located: dict[str, Place]) -> list[str]:
    """Give a named site the coordinates of the town or province the text puts it in ('the X Hotel in Kabul')."""
    noun_after, names_site, container = _patterns()
    starts: dict[int, str] = {}
    for m in ctx.analysis.mentions:
        key = ctx.find(m.entity_key)
        if key in located:
            starts.setdefault(m.start, key)
    done: list[str] = []
    for m in ctx.analysis.mentions:
        key = ctx.find(m.entity_key)
        ent = ctx.analysis.entities[key]
        if ent.geo or ent.type == "Country" or key in located or key in done:
            continue
        rest = ctx.text[m.end:m.end + 120]
        after = noun_after.match(rest)
        if after is not None:
            rest = rest[after.end():]
        elif ent.type == "Person" or not names_site.search(m.text):
            continue  # only a name that names a site, or is followed by a site noun, is a site
        link = container.match(rest)
        if link is None:
            continue
        box_key = starts.get(m.end + (after.end() if after else 0) + link.end())
        if box_key is None or box_key == key:
            continue
        town = located[box_key]
        ent.geo = {"lat": round(town.lat, 5), "lon": round(town.lon, 5),
                   "uncertainty_km": max(SITE_UNCERTAINTY_KM, town.radius_km), "method": "site",
                   "source_id": town.source_id}
        ent.attrs["site_of"] = town.name
        done.append(key)
    return done
