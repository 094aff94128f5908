"""CSV export: one file per table (documents, entities, mentions, claims, evidence, conflicts).

Nested values (aliases, external ids, qualifiers, the claims of a conflict) are JSON text in
their cell, so nothing is lost. Text that a spreadsheet would run as a formula (starting
with = + - @ or a tab) gets a leading apostrophe: document text is untrusted.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import IO, Any

from claimgraph.export.base import Exporter, RecordKind

COLUMNS: dict[str, list[str]] = {
    "documents": ["id", "title", "source", "url", "published", "sha256"],
    "entities": ["id", "name", "type", "aliases", "lat", "lon", "uncertainty_km", "geo_method", "external_ids"],
    "mentions": ["document_id", "entity_id", "start", "end", "text", "type"],
    "claims": ["id", "subject_id", "subject_name", "predicate", "object_id", "object_name", "object_value",
               "object_type", "modality", "polarity", "attributed_to_id", "attributed_to_name", "time_start",
               "time_end", "time_text", "confidence", "documents", "independent_sources", "status", "qualifiers"],
    "evidence": ["claim_id", "document_id", "document", "start", "end", "text"],
    "conflicts": ["kind", "claims", "note"],
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A cell value that no spreadsheet runs as a formula; lists and dicts as JSON."""
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


class CsvExporter(Exporter):
    """DIR/<table>.csv for each table of the contract, plus evidence.csv (one row a passage)."""

    description = "spreadsheets: DIR/{documents,entities,mentions,claims,evidence,conflicts}.csv"

    def __init__(self, out: Path) -> None:
        super().__init__(out)
        out.mkdir(parents=True, exist_ok=True)
        self._files: dict[str, IO[str]] = {}
        self._writers: dict[str, Any] = {}
        for table, columns in COLUMNS.items():
            fh = (out / f"{table}.csv").open("w", encoding="utf-8", newline="")
            self._files[table] = fh
            self._writers[table] = csv.DictWriter(fh, fieldnames=columns)
            self._writers[table].writeheader()

    def _row(self, table: str, row: dict[str, Any]) -> None:
        self._writers[table].writerow({k: safe_cell(v) for k, v in row.items()})

    def write(self, kind: RecordKind, record: dict[str, Any]) -> None:
        """Add one record as a row (a claim also adds one evidence row per passage)."""
        if kind == "document":
            self._row("documents", {k: record.get(k) for k in COLUMNS["documents"]})
        elif kind == "entity":
            geo = record.get("geo") or {}
            self._row("entities", {"id": record["id"], "name": record["name"], "type": record["type"],
                                   "aliases": record.get("aliases") or [], "lat": geo.get("lat"),
                                   "lon": geo.get("lon"), "uncertainty_km": geo.get("uncertainty_km"),
                                   "geo_method": geo.get("method"), "external_ids": record.get("external_ids") or {}})
        elif kind == "mention":
            self._row("mentions", {k: record.get(k) for k in COLUMNS["mentions"]})
        elif kind == "claim":
            self._claim(record)
        elif kind == "conflict":
            self._row("conflicts", {"kind": record.get("kind"), "claims": record.get("claims") or [],
                                    "note": record.get("note")})

    def _claim(self, rec: dict[str, Any]) -> None:
        obj = rec.get("object") or {}
        speaker = rec.get("attributed_to") or {}
        time = (rec.get("qualifiers") or {}).get("time") or {}
        corroboration = rec.get("corroboration") or {}
        self._row("claims", {
            "id": rec["id"], "subject_id": rec["subject"]["id"], "subject_name": rec["subject"]["name"],
            "predicate": rec["predicate"], "object_id": obj.get("id"), "object_name": obj.get("name"),
            "object_value": obj.get("value"), "object_type": obj.get("type"), "modality": rec["modality"],
            "polarity": rec["polarity"], "attributed_to_id": speaker.get("id"),
            "attributed_to_name": speaker.get("name"), "time_start": time.get("start"), "time_end": time.get("end"),
            "time_text": time.get("text"), "confidence": rec.get("confidence"),
            "documents": corroboration.get("documents"),
            "independent_sources": corroboration.get("independent_sources"), "status": rec["status"],
            "qualifiers": rec.get("qualifiers") or {}})
        for ev in rec.get("evidence") or []:
            self._row("evidence", {"claim_id": rec["id"], **{k: ev.get(k) for k in COLUMNS["evidence"][1:]}})

    def finalize(self) -> list[Path]:
        """Close every file."""
        for fh in self._files.values():
            fh.close()
        return [self.out / f"{table}.csv" for table in COLUMNS]
