"""Parts of a place named by a side ('Northern Cyprus', 'eastern Anbar'): where the text's words put them."""

from __future__ import annotations

import math
import re
from typing import Any

from claimgraph.geo.borders import side_point
from claimgraph.geo.resolve import Resolution

# "northern", "South", "north-eastern", "Central": a side word before a name
PART = re.compile(r"^(?:the\s+)?(?P<side>(?:north|south)?-?(?:east|west)?(?:ern)?|central)\s+(?P<rest>[A-Z]\S.*)$",
                  re.I)
KM_PER_DEG = 111.0


def split_part(name: str) -> tuple[str, str] | None:
    """('N', 'Cyprus') for 'Northern Cyprus', ('C', 'Java') for 'Central Java'; None without a side word."""
    m = PART.match(name.strip())
    if m is None:
        return None
    word = m.group("side").lower().replace("-", "")
    if word == "central":
        return "C", m.group("rest")
    side = ("N" if word.startswith("north") else "S" if word.startswith("south") else "") + (
        "E" if "east" in word else "W" if "west" in word else "")
    if not side or word.rstrip("ern") == "" or len(word) < 4:
        return None
    return side, m.group("rest")


def part_geo(whole: Resolution, side: str) -> dict[str, Any]:
    """The geo field of the `side` part of a resolved place: the side of a country's outline, or for a town
    or division its point moved half its radius that way; the part is never tighter than half the whole."""
    place = whole.place
    point = side_point(place.country, side) if place.kind == "country" else None
    if point is None:
        dy = (0.5 if "N" in side else -0.5 if "S" in side else 0.0) * place.radius_km
        dx = (0.5 if "E" in side else -0.5 if "W" in side else 0.0) * place.radius_km
        lat = place.lat + dy / KM_PER_DEG
        lon = place.lon + dx / (KM_PER_DEG * max(0.1, math.cos(math.radians(place.lat))))
        point = (lat, lon, place.radius_km if side != "C" else place.radius_km / 2)
    lat, lon, radius = point
    return {"lat": round(lat, 5), "lon": round(lon, 5), "uncertainty_km": max(radius, 1.0), "method": "part",
            "source_id": place.source_id}
