"""GeoJSON export: every located place as a point, with its claims and their evidence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from claimgraph.export.base import Exporter, RecordKind

FILE_NAME = "places.geojson"


class GeoJSONExporter(Exporter):
    """A FeatureCollection of places with coordinates; uncertainty_km and method are properties."""

    description = "places with coordinates, claims and evidence: DIR/places.geojson (or FILE.geojson)"

    def __init__(self, out: Path) -> None:
        super().__init__(out)
        self._features: dict[str, dict[str, Any]] = {}
        self._documents: dict[str, set[str]] = {}
        self._claims: dict[str, list[dict[str, Any]]] = {}

    @property
    def path(self) -> Path:
        """The file written: `out` itself when it names a .geojson/.json file, else DIR/places.geojson."""
        return self.out if self.out.suffix.lower() in (".geojson", ".json") else self.out / FILE_NAME

    def write(self, kind: RecordKind, record: dict[str, Any]) -> None:
        """Keep located entities, the documents mentioning them and the claims about them."""
        if kind == "entity":
            geo = record.get("geo")
            if not geo or geo.get("lat") is None or geo.get("lon") is None:
                return
            props = {"id": record["id"], "name": record["name"], "type": record["type"],
                     "aliases": record.get("aliases") or [], "uncertainty_km": geo.get("uncertainty_km"),
                     "method": geo.get("method"), "source_id": geo.get("source_id"),
                     "external_ids": record.get("external_ids") or {}}
            self._features[record["id"]] = {
                "type": "Feature", "id": record["id"],
                "geometry": {"type": "Point", "coordinates": [float(geo["lon"]), float(geo["lat"])]},
                "properties": props}
        elif kind == "mention":
            if record.get("entity_id") in self._features:
                self._documents.setdefault(record["entity_id"], set()).add(record["document_id"])
        elif kind == "claim":
            for side in ("subject", "object"):
                ref = record.get(side) or {}
                if ref.get("id") in self._features:
                    self._claims.setdefault(ref["id"], []).append(_claim_summary(record, side))

    def finalize(self) -> list[Path]:
        """Write the FeatureCollection."""
        features = []
        for entity_id in sorted(self._features):
            feature = self._features[entity_id]
            feature["properties"]["documents"] = sorted(self._documents.get(entity_id, ()))
            feature["properties"]["claims"] = self._claims.get(entity_id, [])
            features.append(feature)
        path = self.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                                   indent=1), encoding="utf-8")
        return [path]


def _claim_summary(claim: dict[str, Any], side: str) -> dict[str, Any]:
    obj = claim.get("object") or {}
    return {"id": claim.get("id"), "role": side, "predicate": claim.get("predicate"),
            "subject": (claim.get("subject") or {}).get("name"),
            "object": obj.get("name") if "name" in obj else obj.get("value"),
            "qualifiers": claim.get("qualifiers") or {}, "modality": claim.get("modality"),
            "polarity": claim.get("polarity"), "confidence": claim.get("confidence"), "status": claim.get("status"),
            "evidence": [{k: ev.get(k) for k in ("document_id", "document", "start", "end", "text")}
                         for ev in claim.get("evidence") or []]}
