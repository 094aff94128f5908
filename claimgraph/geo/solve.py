"""Relative-location constraints ('100 km north of Baghdad') solved into a point with uncertainty."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from geographiclib.geodesic import Geodesic

from claimgraph.core.lexicon import rows
from claimgraph.geo.borders import LocalProjection, border_km

EARTH_KM = 6371.0088
AZIMUTHS = {r["point"]: float(r["degrees"]) for r in rows("geo_azimuths")}
_DIRECTION_SIGMA = 20.0  # degrees: an 8-wind word covers +-22.5
_COARSE = 121
_FINE = 41
_ONE_SIGMA = 2.3  # chi-square of two parameters at about 68%


@dataclass
class Constraint:
    """One thing a text says about where a place is, relative to an anchor place or a border."""

    kind: str  # distance | near | direction | border
    lat: float | None = None  # anchor point (distance, near, direction)
    lon: float | None = None
    anchor_radius_km: float = 0.0  # the anchor's own uncertainty
    distance_km: float | None = None
    direction: str | None = None  # 8-wind from the anchor to the place, e.g. "N"
    country: str | None = None  # border constraints: whose border
    side: str | None = None  # "western borders of Iran" -> "W"
    anchor_key: str | None = None  # the entity the text anchors on, if any
    lat2: float | None = None  # "between X and Y": the second reference place
    lon2: float | None = None
    text: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        """The constraint as a plain dict (kept with the estimate)."""
        out: dict[str, Any] = {"kind": self.kind}
        for name in ("distance_km", "direction", "country", "side", "anchor_key", "text"):
            value = getattr(self, name)
            if value not in (None, ""):
                out[name] = value
        return out


@dataclass
class Estimate:
    """A solved location: the best point, how far off it may be, and how well the constraints agree."""

    lat: float
    lon: float
    uncertainty_km: float
    misfit: float
    constraints: list[Constraint]


def _haversine(lat0: float, lon0: float, lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distance (km) and initial bearing (degrees) from one point to many, on the sphere."""
    p0, l0 = math.radians(lat0), math.radians(lon0)
    p, l = np.radians(lat), np.radians(lon)
    dp, dl = p - p0, l - l0
    h = np.sin(dp / 2) ** 2 + math.cos(p0) * np.cos(p) * np.sin(dl / 2) ** 2
    dist = 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
    y = np.sin(dl) * np.cos(p)
    x = math.cos(p0) * np.sin(p) - math.sin(p0) * np.cos(p) * np.cos(dl)
    return dist, np.degrees(np.arctan2(y, x)) % 360


def _geodesic(lat0: float, lon0: float, lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distance (km) and azimuth (degrees) on the WGS84 ellipsoid (for the final, fine grid)."""
    g = Geodesic.WGS84
    dist = np.empty(lat.shape)
    azi = np.empty(lat.shape)
    for i, (a, b) in enumerate(zip(lat.ravel(), lon.ravel())):
        r = g.Inverse(lat0, lon0, float(a), float(b), Geodesic.DISTANCE | Geodesic.AZIMUTH)
        dist.flat[i] = r["s12"] / 1000.0
        azi.flat[i] = r["azi1"] % 360
    return dist, azi


def _angle_diff(a: np.ndarray, b: float) -> np.ndarray:
    return np.abs((a - b + 180.0) % 360.0 - 180.0)


def _cost(cons: list[Constraint], lat: np.ndarray, lon: np.ndarray, proj: LocalProjection, reach: float,
          exact: bool) -> np.ndarray:
    cost = np.zeros(lat.shape)
    measure = _geodesic if exact else _haversine
    for c in cons:
        if c.kind == "border":
            border = border_km(c.country or "", proj, reach + (c.distance_km or 0) + 200, c.side)
            if border is None:
                continue
            x, y = proj.forward(lat, lon)
            db = shapely.distance(shapely.points(x.ravel(), y.ravel()), border).reshape(lat.shape)
            d = c.distance_km or 0.0
            sigma = max(6.0, 0.15 * d)
            cost += ((db - d) / sigma) ** 2
            continue
        if c.lat is None or c.lon is None:
            continue
        dist, bearing = measure(c.lat, c.lon, lat, lon)
        slack = c.anchor_radius_km
        if c.kind == "near":
            cost += (np.maximum(0.0, dist - (8.0 + slack)) / 12.0) ** 2
            continue
        if c.kind == "between" and c.lat2 is not None and c.lon2 is not None:
            # an ellipse with the two places as foci: on or close to the line between them
            dist2, _ = measure(c.lat2, c.lon2, lat, lon)
            base = float(measure(c.lat, c.lon, np.array([c.lat2]), np.array([c.lon2]))[0][0])
            detour = dist + dist2 - base
            cost += (np.maximum(0.0, detour - slack) / max(5.0, 0.1 * base)) ** 2
            continue
        if c.distance_km is not None:
            sigma = max(3.0, 0.1 * c.distance_km) + 0.5 * slack
            cost += ((dist - c.distance_km) / sigma) ** 2
        elif c.direction:
            # "east of Baghdad": no distance given, so keep it within the usual tens of kilometres
            cost += (np.maximum(0.0, 5.0 - dist) / 5.0) ** 2 + (np.maximum(0.0, dist - 50.0) / 25.0) ** 2
        if c.direction in AZIMUTHS:
            # a bearing means little right at the anchor: fade its weight in over the first 10 km
            fade = np.minimum(1.0, dist / 10.0)
            cost += fade * (_angle_diff(bearing, AZIMUTHS[c.direction]) / _DIRECTION_SIGMA) ** 2
    return cost


def _reach(cons: list[Constraint]) -> float:
    far = 0.0
    for c in cons:
        if c.kind == "border":
            continue
        far = max(far, c.distance_km if c.distance_km is not None else (60.0 if c.direction else 20.0))
    return far + 60.0


def solve(constraints: list[Constraint]) -> Estimate | None:
    """The point that best meets every constraint (grid search, then geodesic refinement); None without an anchor."""
    anchored = [c for c in constraints if c.kind != "border" and c.lat is not None and c.lon is not None]
    if not anchored:
        return None
    lat0 = float(np.mean([c.lat for c in anchored]))
    lon0 = float(np.mean([c.lon for c in anchored]))
    proj = LocalProjection(lat0, lon0)
    spread = max(float(_haversine(lat0, lon0, np.array([c.lat]), np.array([c.lon]))[0][0]) for c in anchored)
    reach = _reach(constraints) + spread
    axis = np.linspace(-reach, reach, _COARSE)
    gx, gy = np.meshgrid(axis, axis)
    glat, glon = proj.inverse(gx, gy)
    coarse = _cost(constraints, glat, glon, proj, reach, exact=False)
    # a whisper of pull towards the anchors' centre picks one point out of a flat minimum ("near X")
    coarse = coarse + 1e-6 * (gx ** 2 + gy ** 2)
    best = int(np.argmin(coarse))
    step = 2 * reach / (_COARSE - 1)
    bx, by = float(gx.flat[best]), float(gy.flat[best])
    # a flat minimum ("east of X": a whole sector fits) is better summarised by its centre than its edge
    flat_ok = coarse <= coarse.flat[best] + 0.5
    cx, cy = float(gx[flat_ok].mean()), float(gy[flat_ok].mean())
    clat, clon = proj.inverse(np.array([cx]), np.array([cy]))
    if _cost(constraints, clat, clon, proj, reach, exact=False)[0] <= coarse.flat[best] + 0.5:
        bx, by = cx, cy
    fine_axis = np.linspace(-2 * step, 2 * step, _FINE)
    fx, fy = np.meshgrid(bx + fine_axis, by + fine_axis)
    flat_, flon = proj.inverse(fx, fy)
    fine = _cost(constraints, flat_, flon, proj, reach, exact=True)
    # among equally good fine points keep the one nearest the chosen centre
    fine = fine + 1e-6 * ((fx - bx) ** 2 + (fy - by) ** 2)
    fbest = int(np.argmin(fine))
    lat, lon = float(flat_.flat[fbest]), float(flon.flat[fbest])
    misfit = float(fine.flat[fbest])
    # uncertainty: how far the points that fit about as well (within one sigma) lie from the best one
    x0, y0 = proj.forward(np.array(lat), np.array(lon))
    near_ok = coarse <= coarse.flat[best] + _ONE_SIGMA
    spread_km = np.hypot(gx[near_ok] - x0, gy[near_ok] - y0)
    radius = float(np.percentile(spread_km, 90)) if spread_km.size else step
    radius = max(radius, step, 3.0) + 0.25 * max(c.anchor_radius_km for c in anchored)
    return Estimate(round(lat, 5), round(lon, 5), round(radius, 1), round(misfit, 3), list(constraints))


def destination(lat: float, lon: float, azimuth: float, distance_km: float) -> tuple[float, float]:
    """The point `distance_km` from (lat, lon) along an initial azimuth, on the WGS84 ellipsoid."""
    r = Geodesic.WGS84.Direct(lat, lon, azimuth, distance_km * 1000.0)
    return r["lat2"], r["lon2"]


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Geodesic distance between two (lat, lon) points in km."""
    return float(Geodesic.WGS84.Inverse(a[0], a[1], b[0], b[1], Geodesic.DISTANCE)["s12"]) / 1000.0
