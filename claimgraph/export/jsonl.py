"""The claims contract: entities, mentions, documents, claims and conflicts as JSONL files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from claimgraph.export.base import Exporter, RecordKind
from claimgraph.plugins import hookimpl

FILES: dict[str, str] = {"document": "documents.jsonl", "entity": "entities.jsonl", "mention": "mentions.jsonl",
                         "claim": "claims.jsonl", "conflict": "conflicts.jsonl", "reference": "reference.jsonl"}


class JsonlExporter(Exporter):
    """One JSON object a line per record kind, in DIR/<kind>s.jsonl (spec/claims-format.md)."""

    description = "claims contract: DIR/{documents,entities,mentions,claims,conflicts,reference}.jsonl"
    # reference.jsonl: gazetteer and table facts, a claim's fields with `provenance` instead of evidence
    kinds = frozenset(FILES)

    def __init__(self, out: Path) -> None:
        super().__init__(out)
        out.mkdir(parents=True, exist_ok=True)
        self._files: dict[str, IO[str]] = {kind: (out / name).open("w", encoding="utf-8")
                                           for kind, name in FILES.items()}

    def write(self, kind: RecordKind, record: dict[str, Any]) -> None:
        """Append one record to its file."""
        self._files[kind].write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")

    def finalize(self) -> list[Path]:
        """Close every file (empty ones included: an empty conflicts file says none were found)."""
        for fh in self._files.values():
            fh.close()
        return [self.out / name for name in FILES.values()]


@hookimpl
def claimgraph_exporters() -> dict[str, type[Exporter]]:
    """Formats of this module."""
    return {"jsonl": JsonlExporter}
