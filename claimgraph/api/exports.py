"""Downloads of the current view: the claims a page's filters keep, in any export format.

GET /api/export?format=jsonl|csv|ftm|gexf|graphml|geojson|rdf plus the claim filters of
/api/claims writes those claims, the entities and documents they refer to, the mentions of
those entities in those documents and the conflicts among them, through the same exporter
the CLI uses; one file comes back as it is, several as a zip.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from sqlalchemy import Connection, select

from claimgraph.api import queries
from claimgraph.api.cache import conflicts_of
from claimgraph.api.routes import Conn, Filters
from claimgraph.store.schema import documents, mentions

router = APIRouter(tags=["export"])  # included under /api by claimgraph.api.views

MAX_EXPORT_CLAIMS = 50_000
Format = Literal["jsonl", "csv", "ftm", "gexf", "graphml", "geojson", "rdf"]
MEDIA_TYPES = {".jsonl": "application/x-ndjson", ".json": "application/json", ".geojson": "application/geo+json",
               ".gexf": "application/xml", ".graphml": "application/xml", ".ttl": "text/turtle",
               ".csv": "text/csv"}


def _records(conn: Connection, claim_rows: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """Contract records for a set of claims and what they refer to, in the exporters' order."""
    doc_ids = sorted({e["document_id"] for c in claim_rows for e in c.get("evidence") or []})
    entity_ids: set[str] = set()
    for c in claim_rows:
        for term in (c.get("subject"), c.get("object"), c.get("attributed_to")):
            if isinstance(term, dict) and term.get("id"):
                entity_ids.add(term["id"])
        place = (c.get("qualifiers") or {}).get("place")
        if isinstance(place, dict) and place.get("id"):
            entity_ids.add(place["id"])
    out: list[tuple[str, dict[str, Any]]] = []
    for chunk in queries.chunks(doc_ids):
        for r in conn.execute(select(documents.c.id, documents.c.title, documents.c.source, documents.c.published,
                                     documents.c.sha256, documents.c.url).where(documents.c.id.in_(chunk))
                              .order_by(documents.c.id)).mappings():
            out.append(("document", dict(r)))
    found = queries.entity_records(conn, sorted(entity_ids))
    out += [("entity", e) for e in found]
    members = queries.merged_members(conn, [e["id"] for e in found])
    owner = {m: f for f, group in members.items() for m in group}
    for chunk in queries.chunks(doc_ids):
        for r in conn.execute(select(mentions).where(mentions.c.document_id.in_(chunk),
                                                     mentions.c.entity_id.in_(sorted(owner)))
                              .order_by(mentions.c.document_id, mentions.c.start)).mappings():
            out.append(("mention", {"entity_id": owner[r["entity_id"]], "document_id": r["document_id"],
                                    "start": r["start"], "end": r["end"], "text": r["text"], "type": r["type"]}))
    out += [("claim", c) for c in claim_rows]
    kept = {c["id"] for c in claim_rows}
    # the conflicts among the exported claims, read from their subjects' claims (not the whole store)
    out += [("conflict", c) for c in conflicts_of(conn, kept)[0] if set(c.get("claims") or []) <= kept]
    return out


@router.get("/export", summary="Download the filtered claims in an export format",
            response_class=Response, responses={200: {"content": {"application/octet-stream": {}}}})
def export_view(conn: Conn, filters: Filters, format: Format = "jsonl",
                limit: Annotated[int, Query(ge=1, le=MAX_EXPORT_CLAIMS)] = MAX_EXPORT_CLAIMS) -> Response:
    """The claims the filters keep (and what they refer to) as one file, or a zip of the format's files."""
    from claimgraph import plugins

    claim_rows = queries.fetch_claims(conn, filters.select(conn).limit(limit))
    exporter_cls = plugins.exporters()[format]
    with tempfile.TemporaryDirectory(prefix="claimgraph-export-") as tmp:
        exporter = exporter_cls(Path(tmp) / "out")
        bind = getattr(exporter, "bind_store", None)
        if callable(bind):
            bind(conn)
        for kind, record in _records(conn, claim_rows):
            exporter.write(kind, record)  # type: ignore[arg-type]
        written = [p for p in exporter.finalize() if p.exists()]
        if format == "jsonl":
            written = [p for p in written if p.name == "claims.jsonl"] or written
        if len(written) == 1:
            path = written[0]
            return Response(path.read_bytes(), media_type=MEDIA_TYPES.get(path.suffix, "application/octet-stream"),
                            headers={"Content-Disposition": f'attachment; filename="claimgraph-{path.name}"'})
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in written:
                archive.write(path, path.name)
    return Response(buffer.getvalue(), media_type="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="claimgraph-{format}.zip"'})

