"""Airports with scheduled traffic (an IATA code), from the packaged `airportsdata` tables when installed.

A text names an airport by its town ("Madrid's airport", "the airport in Kabul", "Baghdad International
Airport"); an airport lies some kilometres outside the town, so the town's point can miss it by more
than the text's precision. Without the package every airport stays at its town, as before.
"""

from __future__ import annotations

import importlib
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from claimgraph.geo.gazetteer import Place
from claimgraph.geo.translit import norm_place

AIRPORT_WORDS = re.compile(r"\bair(?:port|field|strip)s?\b", re.I)
MAX_KM = 40.0  # a town's airport lies within this of its centre
UNCERTAINTY_KM = 3.0  # an airport's runways and terminals around its reference point


@dataclass(frozen=True, slots=True)
class Airport:
    """One airport: its codes, name, town and reference point."""

    icao: str
    iata: str
    name: str
    city: str
    country: str
    lat: float
    lon: float


@lru_cache(maxsize=1)
def airports_by_country() -> dict[str, tuple[Airport, ...]]:
    """Airports with an IATA code, by ISO country code (empty without the `airportsdata` package)."""
    try:
        # imported by name: an optional package, absent from some installs (and from the type checker's view)
        tables = importlib.import_module("airportsdata")
    except ImportError:
        return {}
    out: dict[str, list[Airport]] = {}
    for row in tables.load().values():
        if not row.get("iata"):
            continue  # private strips and heliports: no text means them by a town's name
        out.setdefault(str(row["country"]), []).append(Airport(
            str(row["icao"]), str(row["iata"]), str(row["name"]), str(row["city"]), str(row["country"]),
            float(row["lat"]), float(row["lon"])))
    return {cc: tuple(v) for cc, v in out.items()}


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def town_airport(town: Place, site_name: str = "") -> Airport | None:
    """The airport a text means by a town's airport: one of the town's (by its table's town or distance),
    the one the site's own name names first, then an international one, then the nearest."""
    key = norm_place(town.name)
    site = norm_place(AIRPORT_WORDS.sub(" ", site_name))
    best: tuple[tuple[int, int, int, float], Airport] | None = None
    for ap in airports_by_country().get(town.country, ()):
        km = _km(town.lat, town.lon, ap.lat, ap.lon)
        if km > MAX_KM:
            continue
        own = norm_place(ap.city) == key
        name = norm_place(ap.name)
        # "Baghdad International Airport" names the airport itself; a town's only airport needs no name
        named = bool(site) and site != key and site in name
        rank = (0 if named else 1, 0 if own else 1, 0 if "international" in name else 1, km)
        if best is None or rank < best[0]:
            best = (rank, ap)
    return best[1] if best else None
