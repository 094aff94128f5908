"""A small TopoJSON decoder: quantized, delta-encoded arcs into shapely geometries."""

from __future__ import annotations

from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

Point2 = tuple[float, float]


def decode_arcs(topology: dict[str, Any]) -> list[list[Point2]]:
    """Every arc of the topology as absolute longitude/latitude points."""
    transform = topology.get("transform")
    arcs: list[list[Point2]] = []
    for arc in topology["arcs"]:
        if transform:
            sx, sy = transform["scale"]
            tx, ty = transform["translate"]
            x = y = 0
            points: list[Point2] = []
            # quantized arcs store each position as the difference from the previous one
            for dx, dy in (p[:2] for p in arc):
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[Point2]]) -> list[Point2]:
    ring: list[Point2] = []
    for i in indexes:
        # a negative index ~i means arc i walked backwards
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        # consecutive arcs share their joining point; keep it once
        ring.extend(arc[1:] if ring else arc)
    return ring


def _polygon(rings: list[list[int]], arcs: list[list[Point2]]) -> Polygon | None:
    coords = [_ring(r, arcs) for r in rings]
    coords = [c for c in coords if len(c) >= 4]
    if not coords:
        return None
    return Polygon(coords[0], coords[1:])


def geometry(obj: dict[str, Any], arcs: list[list[Point2]]) -> BaseGeometry | None:
    """One TopoJSON geometry object (Polygon or MultiPolygon) as a valid shapely geometry."""
    kind = obj.get("type")
    if kind == "Polygon":
        polys = [_polygon(obj["arcs"], arcs)]
    elif kind == "MultiPolygon":
        polys = [_polygon(p, arcs) for p in obj["arcs"]]
    else:
        return None
    parts = [p for p in polys if p is not None and not p.is_empty]
    if not parts:
        return None
    geom: BaseGeometry = parts[0] if len(parts) == 1 else MultiPolygon(parts)
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    return geom


def features(topology: dict[str, Any], object_name: str) -> list[tuple[str | None, dict[str, Any], BaseGeometry]]:
    """(id, properties, geometry) for each geometry of one named object of the topology."""
    arcs = decode_arcs(topology)
    out: list[tuple[str | None, dict[str, Any], BaseGeometry]] = []
    for obj in topology["objects"][object_name].get("geometries", []):
        geom = geometry(obj, arcs)
        if geom is not None:
            out.append((obj.get("id"), obj.get("properties") or {}, geom))
    return out
