"""Named sites placed at the town their name begins with ("Baghdad International Airport")."""

from __future__ import annotations

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
