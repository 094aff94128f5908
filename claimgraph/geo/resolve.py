"""Choosing which gazetteer place a name means, with the document as context."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from claimgraph.core.lexicon import alternation, mapping, words
from claimgraph.geo.gazetteer import DEMONYMS, VOWEL_EDIT, VOWEL_MATCH, Candidate, Gazetteer, Place
from claimgraph.geo.translit import norm_place, strip_generic

# names of sites that no city gazetteer holds: a camp named after a town is not that town
_FACILITY_NOUNS = alternation("geo_facility_nouns")
FACILITY = re.compile(rf"\b(?:{_FACILITY_NOUNS})\b", re.I)
# words for regions and directions that look like places but are not gazetteer entries
NOT_PLACES = words("geo_not_places")
_NOUNS = words("geo_place_nouns")
# a name followed by these words is used for a regime or people, not for the place itself
_POLITY_NOUNS = alternation("geo_polity_nouns")
POLITY_NEXT = re.compile(rf"^\s*(?:{_POLITY_NOUNS})\b", re.I)

# what resolve_place may choose: towns, provinces and districts (countries are resolve_country's)
SETTLED = ("city", "admin", "district", "region")
CONTEXT_COUNTRY = 0.20
CONTAINER_MATCH = 0.30
CONTAINER_MISMATCH = -0.30
NEARBY = 0.08
NEARBY_KM = 400.0
CAPITAL = 0.10
# countries named in most international news: their mention says little about where a town is
# (a "Geneva" in a story that mentions the US is still usually Switzerland's)
UBIQUITOUS = {"US", "CN", "RU", "FR", "DE", "JP", "IN", "IT", "ES", "BR"}
# a state or province is named less often than the town that shares its name (New York, Washington)
ADMIN = -0.10
CONTEXT_UBIQUITOUS = 0.05
# per tenfold population: a namesake 100 times smaller needs strong context to win
POPULATION = 0.08
NAMESAKE_GAP = 0.03  # spelling scores this close count as the same name
TRANSLIT_MATCH = 0.92  # the score of an alternate name's transliteration key (geo.gazetteer)
STRONG = 0.9  # without any document context, looser spellings than this need a clear lead
CLEAR_LEAD = 0.12  # the lead over the best other reading that makes context unnecessary
NAMESAKE_KM = 25.0
# a respelling of a name its country writes in Latin letters is a misspelling of one fixed form ("Merand" is
# no way to write Mirande); of a name romanised from another script (Arabic, Persian, Cyrillic, Devanagari,
# ...) it is one of the many transliterations that name has: the likelier reading of a loose spelling
SCRIPTS = mapping("geo_country_scripts")
LATIN_RESPELLING = 0.03
EXACT = 0.95  # the gazetteer holds the name itself (main or alternate)
# "UN", "PKK": a short acronym among an entity's names is no town's name (Un in Gujarat); countries are
# resolve_country's ("US", "UK")
_ACRONYM = re.compile(r"[A-Z]{2,3}")


@dataclass
class DocPlaces:
    """What the document says about where it is: countries named, places already located, containers."""

    countries: Counter[str] = field(default_factory=Counter)
    points: list[tuple[str, float, float]] = field(default_factory=list)  # (entity key, lat, lon)
    # entity key -> container names from "X, Y" / "X in Y"
    containers: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Resolution:
    """A place chosen for an entity, with the evidence for the choice."""

    place: Place
    name_score: float
    score: float
    supported: bool
    candidates: int

    def geo(self) -> dict[str, Any]:
        """The entity's geo field for this place."""
        return {"lat": round(self.place.lat, 5), "lon": round(self.place.lon, 5),
                "uncertainty_km": self.place.radius_km, "method": "gazetteer", "source_id": self.place.source_id}


def clean_names(names: list[str]) -> list[str]:
    """Names to look up: generic words stripped ('the city of Kut' -> 'Kut'), duplicates removed."""
    out: list[str] = []
    for name in names:
        first, _, rest = name.partition(" ")
        # "Pakistani Balochistan": the adjective says whose division it is (the document's countries count it)
        bare = rest if rest and first.lower() in DEMONYMS and not is_facility([rest]) and rest.lower() not in _NOUNS else ""
        for form in (name, strip_generic(name), bare):
            form = form.strip(" \t,.;:()\"'\u2019")
            if form and norm_place(form) not in NOT_PLACES and form not in out:
                out.append(form)
    return out


def is_facility(names: list[str]) -> bool:
    """True when any name names a site (camp, base, airport) rather than a settlement."""
    return any(FACILITY.search(n) for n in names)


def candidates_for(gaz: Gazetteer, names: list[str], kind: str | None = None) -> list[Candidate]:
    """Best spelling match per place over every name of an entity."""
    best: dict[int, Candidate] = {}
    for name in clean_names(names):
        for cand in gaz.lookup(name, kind=kind):
            old = best.get(cand.place.geonameid)
            if old is None or cand.name_score > old.name_score:
                best[cand.place.geonameid] = cand
    return sorted(best.values(), key=lambda c: (-c.name_score, -c.place.population))


def division_tails(gaz: Gazetteer, names: list[str], found: list[Candidate]) -> list[Candidate]:
    """'Wardak Province' when the gazetteer knows only 'Maidan Wardak Province': divisions whose name ends in
    a name the text marks as a division, unless a division of that exact name was found."""
    if any(c.place.kind in ("admin", "district") and c.name_score >= 0.95 for c in found):
        return []
    have = {c.place.geonameid for c in found}
    out: list[Candidate] = []
    for name in names:
        bare = strip_generic(name)
        if bare == name.strip() or not bare:
            continue  # no division word: a bare last word is too weak a match
        out.extend(c for c in gaz.division_tail(bare) if c.place.geonameid not in have and c not in out)
    return out


def resolve_country(gaz: Gazetteer, names: list[str], kind: str = "country") -> Resolution | None:
    """The country (or with kind="continent", the continent) an entity names exactly."""
    cands = [c for c in candidates_for(gaz, names, kind=kind) if c.name_score >= 0.95]
    if not cands:
        return None
    c = cands[0]
    return Resolution(c.place, c.name_score, c.name_score, True, len(cands))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    # haversine: ranking candidates needs speed, not the ellipsoid's last 0.3%
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _container_fit(place: Place, container: Place) -> bool:
    if container.kind == "country":
        return place.country == container.country
    if container.kind == "admin":
        return place.country == container.country and place.admin1 == container.admin1
    if container.kind in ("district", "region"):
        return _km((place.lat, place.lon), (container.lat, container.lon)) <= max(30.0, 1.5 * container.radius_km)
    return _km((place.lat, place.lon), (container.lat, container.lon)) <= 150.0


def _nearby(place: Place, doc: DocPlaces, key: str) -> bool:
    return any(k != key and _km((place.lat, place.lon), (lat, lon)) <= NEARBY_KM for k, lat, lon in doc.points)


def score_candidate(cand: Candidate, doc: DocPlaces, key: str, containers: list[Place],
                    capital: bool = False, namesake: bool = True) -> tuple[float, bool]:
    """A candidate's total score (spelling, document context, population prior) and whether the document supports it."""
    place = cand.place
    score = cand.name_score
    supported = False
    if doc.countries:
        share = doc.countries[place.country] / max(doc.countries.values())
        if share > 0:
            weight = CONTEXT_UBIQUITOUS if place.country in UBIQUITOUS else CONTEXT_COUNTRY
            score += weight * (0.5 + 0.5 * share)
            supported = True
    if containers:
        if any(_container_fit(place, c) for c in containers):
            score += CONTAINER_MATCH
            supported = True
        else:
            score += CONTAINER_MISMATCH
    if doc.points and _nearby(place, doc, key):
        score += NEARBY
        supported = True
    # population as a prior among namesakes: a large city is the likelier reading of a bare name,
    # but a big city spelled differently (Hong Kong for "Khanaquin") gets no lift from its size
    if namesake:
        score += POPULATION * math.log10(place.population + 10) + (CAPITAL if capital else 0.0)
    if place.kind in ("admin", "district", "region"):
        score += ADMIN
    return score, supported


def resolve_place(gaz: Gazetteer, key: str, names: list[str], doc: DocPlaces, min_score: float,
                  containers: list[Place] | None = None) -> Resolution | None:
    """The city an entity's names mean, or None when no candidate is good enough (never a blind guess)."""
    if any(k == key for k, _, _ in doc.points):
        # the second pass sees where the first put this place: that is no context for itself
        doc = DocPlaces(doc.countries, [p for p in doc.points if p[0] != key], doc.containers)
    names = [n for n in names if not _ACRONYM.fullmatch(n.strip())]
    cands = [c for c in candidates_for(gaz, names) if c.name_score >= min_score and c.place.kind in SETTLED]
    cands += division_tails(gaz, names, cands)
    if not cands:
        return None
    if containers:
        # "Abadan, Nigeria": an explicit container leaves only the places inside it
        cands = [c for c in cands if any(_container_fit(c.place, box) for box in containers)]
        if not cands:
            return None
    # ranked on spellings weighed by how the place's names are written; the match found is what is reported
    weighed = [_weighed(c) for c in cands]
    original = {id(w): c for w, c in zip(weighed, cands, strict=True)}
    cands = weighed
    ranked = []
    # exact names (main or alternate) are all namesakes; looser spellings only when close to the best
    top = min(0.95, max(c.name_score for c in cands))
    # a vowel edited on top of a transliteration is another name: a large town spelled one vowel away
    # (Catania for "Qtnah") is no namesake of the town the transliteration names
    floor = top - NAMESAKE_GAP if top < TRANSLIT_MATCH else max(top - NAMESAKE_GAP, VOWEL_MATCH - VOWEL_EDIT / 2)
    for cand in cands:
        total, supported = score_candidate(cand, doc, key, containers or [],
                                           cand.place.geonameid in gaz.capitals, cand.name_score >= floor)
        ranked.append((total, supported, cand))
    ranked.sort(key=lambda r: (-r[0], -r[2].place.population))
    clear = _clear_winner(ranked)
    total, supported, cand = ranked[0]
    cand = original[id(cand)]
    has_context = bool(doc.countries or doc.points or containers)
    # anything but a town's own main name is taken only where the document points to the same part
    # of the world: geonames files "Nineveh" under New York and "London" under Renton
    if cand.name_score < 1.0 and has_context and not supported:
        return None
    # a loose spelling in a document that names other towns must lie among them, not merely in
    # the same (possibly vast) country: "Huwija" in a story about Kirkuk is not Hoveyzeh in Khuzestan
    if cand.name_score < STRONG and doc.points and not containers and not _nearby(cand.place, doc, key):
        return None
    if cand.name_score < STRONG and not has_context and not clear:
        return None
    return Resolution(cand.place, cand.name_score, total, supported, len(cands))


def _weighed(cand: Candidate) -> Candidate:
    """The candidate with its spelling score lowered when it is a respelling of a Latin-script country's name."""
    if cand.name_score >= EXACT or SCRIPTS.get(cand.place.country, "Latn") != "Latn":
        return cand
    return Candidate(cand.place, cand.name_score - LATIN_RESPELLING, cand.matched)


def _clear_winner(ranked: list[tuple[float, bool, Candidate]]) -> bool:
    """Without context a loose spelling stands only when no other place far from it comes close."""
    total, _, cand = ranked[0]
    for other_total, _, other in ranked[1:]:
        if _km((cand.place.lat, cand.place.lon), (other.place.lat, other.place.lon)) <= NAMESAKE_KM:
            continue  # a town and its own district or suburb: the same answer
        # context breaks ties; a lead this large needs none
        return total - other_total >= CLEAR_LEAD and cand.name_score >= other.name_score
    return True


def polity_use(text: str, spans: list[tuple[int, int]]) -> bool:
    """True when most mentions are followed by 'regime', 'dynasty', ...: a polity, not a location."""
    if not spans:
        return False
    hits = sum(1 for _, end in spans if POLITY_NEXT.match(text[end:end + 30]))
    return hits * 2 > len(spans)
