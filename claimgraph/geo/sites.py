"""Named sites placed at the town their name begins with ("Baghdad International Airport") or the text puts them in."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from claimgraph.core.lexicon import alternation, words
from claimgraph.extract.context import DocContext
from claimgraph.geo.airports import AIRPORT_WORDS, town_airport
from claimgraph.geo.airports import UNCERTAINTY_KM as AIRPORT_KM
from claimgraph.geo.gazetteer import Gazetteer, Place
from claimgraph.model import Entity

SITE_UNCERTAINTY_KM = 10.0  # a site lies somewhere in or just outside its town
MIN_POPULATION = 20000  # only towns large enough to lend their name to an airport or a club
NOT_SITES = ("Person", "Country")
# names of groups: followed by a base or an office they own it ("the Taliban base"); a name typed Person, or
# any name before a building noun, is more often the site's own name ("the Lismore Manor estate")
OWNERS = ("Organization", "Group", "Norp")


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
        town = sizeable_town(gaz, head)
        if town is not None:
            return town
    return None


def sizeable_town(gaz: Gazetteer, name: str) -> Place | None:
    """The largest town the gazetteer holds under exactly this name, of MIN_POPULATION or more, if any."""
    cands = [c for c in gaz.lookup(name, kind="city") if c.name_score >= 0.95 and c.place.population >= MIN_POPULATION]
    return max(cands, key=lambda c: (c.name_score, c.place.population)).place if cands else None


def _place_at(ent: Entity, town: Place, uncertainty_km: float, method: str) -> None:
    """Give a site the town's point, no tighter than `uncertainty_km`, saying which town and by what reading;
    a town's airport its own point, where the airport tables know it."""
    airport = town_airport(town, ent.name) if AIRPORT_WORDS.search(ent.name) else None
    if airport is not None:
        ent.geo = {"lat": round(airport.lat, 5), "lon": round(airport.lon, 5), "uncertainty_km": AIRPORT_KM,
                   "method": "airport", "source_id": f"icao:{airport.icao}"}
    else:
        ent.geo = {"lat": round(town.lat, 5), "lon": round(town.lon, 5),
                   "uncertainty_km": max(uncertainty_km, town.radius_km), "method": method,
                   "source_id": town.source_id}
    ent.attrs["site_of"] = town.name


def place_sites(ctx: DocContext, gaz: Gazetteer) -> list[str]:
    """Give coordinates to named sites without any, from the town in their name; their keys."""
    done: list[str] = []
    # every entity, not only those with a mention: an event's target ("the Tokyo subway system") may have none
    for key in sorted({ctx.find(k) for k in ctx.analysis.entities}):
        ent = ctx.analysis.entities[key]
        if ent.geo or ent.type in NOT_SITES:
            continue
        town = site_town(gaz, ent.name)
        if town is None:
            continue
        _place_at(ent, town, SITE_UNCERTAINTY_KM, "site")
        done.append(key)
    return done


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    nouns = alternation("geo_facility_nouns")
    prepositions, containers = alternation("geo_container_prepositions"), alternation("geo_container_nouns")
    # the site's noun right after its name ("Neve Shalom synagogue", "the Lismore estate")
    noun_after = re.compile(rf"^\s+(?:{nouns})\b", re.I)
    names_site = re.compile(rf"\b(?:{nouns})\b", re.I)
    # "... in Kabul", "... and ISAF headquarters in Kabul", "..., in the eastern province of Diyala", "... of Craigavon"
    container = re.compile(
        rf"^(?:\s+and\s+(?:the\s+)?(?:[\w.'\u2019-]+\s+){{0,3}}?(?:{nouns})(?:e?s)?)?\s*,?\s+(?:{prepositions})\s+"
        rf"(?:the\s+)?(?:(?:\w+ern|central)\s+)?(?:(?:{containers})\s+of\s+)?",
        re.I)
    return noun_after, names_site, container


def _spans(ctx: DocContext) -> list[tuple[str, int, int]]:
    """(entity, start, end) of every mention, and of each occurrence of the name of an entity with no mention."""
    out = [(ctx.find(m.entity_key), m.start, m.end) for m in ctx.analysis.mentions]
    mentioned = {key for key, _, _ in out}
    for key in sorted({ctx.find(k) for k in ctx.analysis.entities} - mentioned):
        name = ctx.analysis.entities[key].name
        if len(name) >= 4:
            # an event's target added without a mention ("the airport in Kabul"): where its name stands
            out.extend((key, m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", ctx.text))
    return out


def contained_sites(ctx: DocContext, located: dict[str, Place]) -> list[str]:
    """Give a named site the coordinates of the town or province the text puts it in ('the X Hotel in Kabul')."""
    noun_after, names_site, container = _patterns()
    starts: dict[int, str] = {}
    for m in ctx.analysis.mentions:
        key = ctx.find(m.entity_key)
        if key in located:
            starts.setdefault(m.start, key)
    done: list[str] = []
    for key, span_start, span_end in _spans(ctx):
        ent = ctx.analysis.entities[key]
        if ent.geo or ent.type == "Country" or key in located or key in done:
            continue
        rest = ctx.text[span_end:span_end + 120]
        after = noun_after.match(rest)
        if after is not None:
            if ent.type in OWNERS and after.group(0).split()[0].lower() in words("geo_owned_site_nouns"):
                continue  # "a Taliban base near X": the group owns the site, it is not the site
            rest = rest[after.end():]
        elif ent.type == "Person" or not names_site.search(ctx.text[span_start:span_end]):
            continue  # only a name that names a site, or is followed by a site noun, is a site
        link = container.match(rest)
        if link is None:
            continue
        box_key = starts.get(span_end + (after.end() if after else 0) + link.end())
        if box_key is None or box_key == key:
            continue
        town = located[box_key]
        _place_at(ent, town, SITE_UNCERTAINTY_KM, "site")
        done.append(key)
    return done


# "KAMPALA (Reuters) -", "NAIROBI, Kenya (AP) -": the town a news story was filed from
_DATELINE = re.compile(r"^(?P<town>[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,2})(?:,\s*[A-Z][\w .]+)?\s*(?:\([\w .]+\))?\s*[-\u2013\u2014]",
                       re.M)
_TITLE_TOWN = re.compile(r"\b(?:in|at)\s+(?P<town>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)\s*$")
TITLE_WORDS = 16
DATELINE_UNCERTAINTY_KM = 25.0
DATELINE_LINES = 4


def dateline_town(text: str, gaz: Gazetteer) -> Place | None:
    """The sizeable town of a news story's dateline in its first lines, or of its headline's last words ('... in X')."""
    lines = text.split("\n")
    m = _DATELINE.search("\n".join(lines[:DATELINE_LINES]))
    if m is None:
        # a headline that says where ("Twin blasts in Kabul"): its first line, short and with no full stop
        title = next((line.strip() for line in lines if line.strip()), "")
        if len(title.split()) > TITLE_WORDS or title.endswith("."):
            return None
        m = _TITLE_TOWN.search(title)
        if m is None:
            return None
    return sizeable_town(gaz, m.group("town").title())


def dateline_sites(ctx: DocContext, gaz: Gazetteer, countries: Counter[str]) -> list[str]:
    """Named sites the text places nowhere, in a story filed from a town of its main country: in that town."""
    town = dateline_town(ctx.text, gaz)
    # a story filed from Washington about a camp in Iraq: the dateline is not where its sites are
    if town is None or not countries or countries[town.country] < max(countries.values()):
        return []
    noun_after, names_site, _ = _patterns()
    done: list[str] = []
    for key, start, end in _spans(ctx):
        ent = ctx.analysis.entities[key]
        if ent.geo or ent.type in NOT_SITES or key in done:
            continue
        if not (names_site.search(ctx.text[start:end]) or noun_after.match(ctx.text[end:end + 40])):
            continue
        _place_at(ent, town, DATELINE_UNCERTAINTY_KM, "dateline")
        done.append(key)
    return done
