"""GeoJSON export: located places and the claims made at them, with flat, stylable properties.

GIS tools (QGIS, ogrinfo) style and filter by one field per property, so nothing is nested:
each located place is one `feature_kind=place` point (names joined by " | "), and each claim
that involves a place is one `feature_kind=claim` point at that place carrying the claim's
predicate, modality, polarity, speaker, confidence, status, time and all its passages.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from claimgraph.export.base import Exporter, RecordKind

FILE_NAME = "places.geojson"
LIST_SEPARATOR = " | "


def _joined(values: Any) -> str:
    """A list as one text field (GeoJSON readers give nested values no column)."""
    return LIST_SEPARATOR.join(str(v) for v in values or [] if v is not None and v != "")


class GeoJSONExporter(Exporter):
    """A FeatureCollection of places with coordinates and of the claims made about them."""

    description = "places and the claims at them, flat properties: DIR/places.geojson (or FILE.geojson)"

    def __init__(self, out: Path) -> None:
        super().__init__(out)
        self._places: dict[str, dict[str, Any]] = {}
        self._documents: dict[str, set[str]] = {}
        self._claims: dict[str, list[dict[str, Any]]] = {}

    @property
    def path(self) -> Path:
        """The file written: `out` itself when it names a .geojson/.json file, else DIR/places.geojson."""
        return self.out if self.out.suffix.lower() in (".geojson", ".json") else self.out / FILE_NAME

    def write(self, kind: RecordKind, record: dict[str, Any]) -> None:
        """Keep located entities, the documents mentioning them and the claims involving them."""
        if kind == "entity":
            geo = record.get("geo")
            if geo and geo.get("lat") is not None and geo.get("lon") is not None:
                self._places[record["id"]] = record
        elif kind == "mention":
            if record.get("entity_id") in self._places:
                self._documents.setdefault(record["entity_id"], set()).add(record["document_id"])
        elif kind == "claim":
            place = ((record.get("qualifiers") or {}).get("place") or {})
            roles = [("subject", record.get("subject")), ("object", record.get("object")),
                     ("place", place if isinstance(place, dict) else {})]
            seen: set[str] = set()
            for role, ref in roles:
                place_id = (ref or {}).get("id")
                if place_id in self._places and place_id not in seen:
                    seen.add(place_id)
                    self._claims.setdefault(place_id, []).append(claim_properties(record, role))

    def finalize(self) -> list[Path]:
        """Write the FeatureCollection: every place, then the claims at it."""
        features = []
        for place_id in sorted(self._places):
            record = self._places[place_id]
            point = _point(record["geo"])
            claims_here = self._claims.get(place_id, [])
            features.append({"type": "Feature", "id": place_id, "geometry": point,
                             "properties": place_properties(record, sorted(self._documents.get(place_id, ())),
                                                            len(claims_here))})
            for props in claims_here:
                features.append({"type": "Feature", "id": f"{props['claim_id']}@{place_id}", "geometry": point,
                                 "properties": {**props, "place_id": place_id, "place_name": record["name"]}})
        path = self.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                                   indent=1), encoding="utf-8")
        return [path]


def _point(geo: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [float(geo["lon"]), float(geo["lat"])]}


def place_properties(record: dict[str, Any], documents: list[str], n_claims: int) -> dict[str, Any]:
    """The flat properties of one place feature."""
    geo = record.get("geo") or {}
    external = record.get("external_ids") or {}
    return {"feature_kind": "place", "id": record["id"], "name": record["name"], "type": record["type"],
            "aliases": _joined(record.get("aliases")),
            "uncertainty_km": float(geo["uncertainty_km"]) if geo.get("uncertainty_km") is not None else None,
            "method": geo.get("method"), "source_id": geo.get("source_id"),
            "external_ids": _joined(f"{k}:{v}" for k, v in sorted(external.items())),
            "documents": len(documents), "document_ids": _joined(documents), "claims": n_claims}


def claim_properties(claim: dict[str, Any], role: str) -> dict[str, Any]:
    """The flat properties of one claim at a place: how it is said, by whom, when, and its passages."""
    obj = claim.get("object") or {}
    qualifiers = claim.get("qualifiers") or {}
    time = qualifiers.get("time") or {}
    evidence = claim.get("evidence") or []
    corroboration = claim.get("corroboration") or {}
    first = evidence[0] if evidence else {}
    return {"feature_kind": "claim", "claim_id": claim.get("id"), "role": role,
            "predicate": claim.get("predicate"), "subject": (claim.get("subject") or {}).get("name"),
            "subject_id": (claim.get("subject") or {}).get("id"),
            "object": obj.get("name") if "name" in obj else (str(obj["value"]) if "value" in obj else None),
            "object_id": obj.get("id"), "modality": claim.get("modality"), "polarity": claim.get("polarity"),
            "attributed_to": (claim.get("attributed_to") or {}).get("name"),
            "confidence": claim.get("confidence"), "status": claim.get("status"),
            "time_start": time.get("start"), "time_end": time.get("end"), "time_text": time.get("text"),
            "distance_km": qualifiers.get("distance_km"), "direction": qualifiers.get("direction"),
            "documents": corroboration.get("documents", len({e.get("document_id") for e in evidence})),
            "independent_sources": corroboration.get("independent_sources"),
            "document_id": first.get("document_id"), "document": first.get("document"),
            "evidence_start": first.get("start"), "evidence_end": first.get("end"),
            "evidence_text": first.get("text"), "passages": len(evidence),
            "all_passages": _joined(f"{e.get('document') or e.get('document_id')} [{e.get('start')}-{e.get('end')}]: "
                                    f"{e.get('text') or ''}" for e in evidence)}
