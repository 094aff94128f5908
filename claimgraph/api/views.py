"""Endpoints shaped for the UI's views: the claim graph, the timeline and the map."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import Connection, Text, func, or_, select

from claimgraph.api import queries
from claimgraph.api.routes import Conn, resolve_entity
from claimgraph.profile import describe
from claimgraph.store import records
from claimgraph.store.schema import claims, entities, evidence, mentions

router = APIRouter(prefix="/api", tags=["views"])

GRAPH_COLUMNS = (claims.c.id, claims.c.subject_id, claims.c.object_id, claims.c.predicate, claims.c.modality,
                 claims.c.polarity, claims.c.status, claims.c.confidence)


def _corroboration(conn: Connection, claim_ids: list[str]) -> dict[str, dict[str, int]]:
    """Documents and independent sources behind each claim, counted as in claims.jsonl."""
    per_claim: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for chunk in queries.chunks(claim_ids):
        for claim_id, doc_id in conn.execute(select(evidence.c.claim_id, evidence.c.document_id)
                                             .where(evidence.c.claim_id.in_(chunk))):
            per_claim[claim_id].append({"claim_id": claim_id, "document_id": doc_id})
    docs = queries.document_meta(conn, {e["document_id"] for evs in per_claim.values() for e in evs})
    return {c: records.corroboration(per_claim[c], docs) for c in claim_ids}


def _edges_touching(conn: Connection, ids: list[str], limit: int) -> list[Any]:
    """Claims between two entities with one of `ids` as subject or object, most confident first."""
    rows: list[Any] = []
    for chunk in queries.chunks(ids):
        rows += conn.execute(select(*GRAPH_COLUMNS).where(
            claims.c.object_id.isnot(None),
            or_(claims.c.subject_id.in_(chunk), claims.c.object_id.in_(chunk)))
            .order_by(claims.c.confidence.desc(), claims.c.id).limit(limit)).all()
    return rows


@router.get("/graph", summary="The claim graph around an entity")
def graph(conn: Conn, entity: str, hops: Annotated[int, Query(ge=1, le=2)] = 1,
          limit: Annotated[int, Query(ge=1, le=5000, description="Most edges returned.")] = 500,
          ) -> dict[str, Any]:
    """Entities as nodes and entity-to-entity claims as edges, up to `hops` steps from the entity."""
    center = resolve_entity(conn, entity)
    frontier = queries.merged_ids(conn, center)
    seen_nodes = set(frontier)
    edges: dict[str, Any] = {}
    for _hop in range(hops):
        if len(edges) >= limit or not frontier:
            break
        fresh = []
        for row in _edges_touching(conn, frontier, limit - len(edges)):
            if row.id in edges or len(edges) >= limit:
                continue
            edges[row.id] = row
            for end in (row.subject_id, row.object_id):
                if end not in seen_nodes:
                    seen_nodes.add(end)
                    fresh.append(end)
        frontier = fresh
    index = queries.entity_rows(conn, seen_nodes)
    corroboration = _corroboration(conn, list(edges))
    nodes: dict[str, dict[str, Any]] = {}
    center_ref = records.entity_ref(index, center)
    if center_ref:
        nodes[center] = center_ref
    out_edges = []
    for row in edges.values():
        source = records.entity_ref(index, row.subject_id)
        target = records.entity_ref(index, row.object_id)
        if source is None or target is None:
            continue
        nodes.setdefault(source["id"], source)
        nodes.setdefault(target["id"], target)
        out_edges.append({"id": row.id, "source": source["id"], "target": target["id"], "predicate": row.predicate,
                          "modality": row.modality, "polarity": row.polarity, "status": row.status,
                          "confidence": row.confidence, "corroboration": corroboration[row.id]})
    return {"nodes": list(nodes.values()), "edges": out_edges, "truncated": len(edges) >= limit}


@router.get("/timeline", summary="Dated claims in time order")
def timeline(conn: Conn, entity: str | None = None,
             limit: Annotated[int, Query(ge=1, le=5000)] = 1000) -> dict[str, Any]:
    """Claims with a time qualifier (about the entity, when given) as neutral sentences, earliest first."""
    start = claims.c.qualifiers[("time", "start")].as_string()
    end = claims.c.qualifiers[("time", "end")].as_string()
    entity_ids = queries.merged_ids(conn, resolve_entity(conn, entity)) if entity else None
    query = queries.claims_select(entity_ids).where(or_(start.isnot(None), end.isnot(None)))
    items = []
    for c in queries.fetch_claims(conn, query.limit(limit)):
        t = (c.get("qualifiers") or {}).get("time") or {}
        items.append({"claim_id": c["id"], "start": t.get("start"), "end": t.get("end"), "time_text": t.get("text"),
                      "text": describe(c), "predicate": c["predicate"], "modality": c["modality"],
                      "polarity": c["polarity"], "status": c["status"], "subject": c["subject"],
                      "object": c["object"]})
    items.sort(key=lambda i: (i["start"] or i["end"] or "", i["claim_id"]))
    return {"items": items}


def _claims_at(conn: Connection, ids: list[str]) -> dict[str, list[str]]:
    """Claim ids per place: the place as subject, object or qualifiers.place."""
    found: dict[str, set[str]] = defaultdict(set)
    place_ref = claims.c.qualifiers[("place", "id")].as_string()
    for chunk in queries.chunks(ids):
        # one indexed query per column; the JSON path only on claims that have a place at all
        for column in (claims.c.subject_id, claims.c.object_id):
            for claim_id, ref in conn.execute(select(claims.c.id, column).where(column.in_(chunk))):
                found[ref].add(claim_id)
        for claim_id, ref in conn.execute(select(claims.c.id, place_ref).where(
                claims.c.qualifiers.cast(Text).contains('"place"'), place_ref.in_(chunk))):
            found[ref].add(claim_id)
    return {k: sorted(v) for k, v in found.items()}


@router.get("/places", summary="Located entities as GeoJSON")
def places(conn: Conn) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of every entity with coordinates, with the claims that involve it.

    Features carry the properties of the GeoJSON export (claimgraph.export.geojson), except
    that `claims` lists claim ids (fetch /api/claims/{id} for one) and documents are counted.
    """
    rows = conn.execute(select(entities.c.id, entities.c.name, entities.c.type, entities.c.geo,
                               entities.c.external_ids)
                        .where(entities.c.geo.isnot(None), entities.c.merged_into.is_(None))
                        .order_by(entities.c.id)).all()
    located = [r for r in rows if isinstance(r.geo, dict) and r.geo.get("lat") is not None
               and r.geo.get("lon") is not None]
    located_ids = [r.id for r in located]
    involved = _claims_at(conn, located_ids)
    names = {e["id"]: e["aliases"] for e in queries.entity_records(conn, located_ids)}
    documents: dict[str, int] = {}
    for chunk in queries.chunks(located_ids):
        documents.update(conn.execute(select(mentions.c.entity_id, func.count(mentions.c.document_id.distinct()))
                                      .where(mentions.c.entity_id.in_(chunk)).group_by(mentions.c.entity_id)).all())
    features = []
    for r in located:
        geo = r.geo
        features.append({
            "type": "Feature", "id": r.id,
            "geometry": {"type": "Point", "coordinates": [float(geo["lon"]), float(geo["lat"])]},
            "properties": {"id": r.id, "name": r.name, "type": r.type, "aliases": names.get(r.id, []),
                           "uncertainty_km": geo.get("uncertainty_km"), "method": geo.get("method"),
                           "source_id": geo.get("source_id"), "external_ids": r.external_ids or {},
                           "documents": documents.get(r.id, 0), "claims": involved.get(r.id, [])},
        })
    return {"type": "FeatureCollection", "features": features}
