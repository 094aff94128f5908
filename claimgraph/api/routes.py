"""Read endpoints: search, entities, profiles, claims, documents, conflicts and sources."""

from __future__ import annotations

import importlib
import importlib.util
from collections import Counter
from collections.abc import Iterator
from typing import Annotated, Any
from urllib.parse import urlparse

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from sqlalchemy import Connection, func, or_, select

from claimgraph.api import queries
from claimgraph.api.cache import cached_conflicts
from claimgraph.api.profiles import scoped_profile
from claimgraph.profile import to_json
from claimgraph.api.search import search as full_text_search
from claimgraph.resolve.names import norm_name
from claimgraph.store import records
from claimgraph.store.schema import aliases, claims, documents, entities, evidence, mentions

router = APIRouter(prefix="/api", tags=["store"])

MAX_PAGE = 1000
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page size.")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]


def connection(request: Request) -> Iterator[Connection]:
    """One store connection for the request."""
    with request.app.state.engine.connect() as conn:
        yield conn


Conn = Annotated[Connection, Depends(connection)]


def resolve_entity(conn: Connection, entity_id: str) -> str:
    """The id an entity stands under now (after merges); 404 when unknown."""
    index = queries.entity_rows(conn, [entity_id])
    final = records.final_id(index, entity_id)
    if not final or final not in index:
        raise HTTPException(status_code=404, detail=f"no entity {entity_id!r}")
    return final


@router.get("/search", summary="Full-text search over entity names and document text")
def search(conn: Conn, q: Annotated[str, Query(min_length=1, max_length=500)],
           limit: Annotated[int, Query(ge=1, le=100)] = 20) -> dict[str, Any]:
    """Entities whose names match (prefix on the last word) and documents containing every word."""
    entity_ids, document_hits = full_text_search(conn, q, limit)
    found = queries.entity_records(conn, entity_ids)
    counts = queries.claim_counts(conn, [e["id"] for e in found])
    return {"entities": [{**e, "claims": counts.get(e["id"], 0)} for e in found][:limit],
            "documents": document_hits}


@router.get("/entities", summary="Entities with their aliases and claim counts")
def list_entities(conn: Conn, type: str | None = None, q: str | None = None,  # noqa: A002 - the API's name
                  sort: Annotated[str, Query(pattern="^(claims|name)$")] = "claims",
                  limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Entities (merged ones folded in), most-claimed first unless sort=name."""
    query = select(entities.c.id).where(entities.c.merged_into.is_(None))
    if type:
        query = query.where(func.lower(entities.c.type) == type.lower())
    if q and norm_name(q):
        named = select(aliases.c.entity_id).where(aliases.c.norm.contains(norm_name(q), autoescape=True))
        query = query.where(or_(entities.c.id.in_(named),
                                entities.c.id.in_(select(entities.c.merged_into).where(entities.c.id.in_(named)))))
    total = queries.count(conn, query)
    if sort == "claims":
        n_claims = (select(func.count()).where(claims.c.subject_id == entities.c.id).scalar_subquery()
                    + select(func.count()).where(claims.c.object_id == entities.c.id).scalar_subquery())
        query = query.order_by(n_claims.desc(), entities.c.name, entities.c.id)
    else:
        query = query.order_by(entities.c.name, entities.c.id)
    ids = list(conn.execute(query.limit(limit).offset(offset)).scalars())
    items = queries.entity_records(conn, ids)
    counts = queries.claim_counts(conn, ids)
    return {"items": [{**e, "claims": counts.get(e["id"], 0)} for e in items], "total": total}


@router.get("/entities/{entity_id}", summary="One entity record")
def get_entity(conn: Conn, entity_id: str) -> dict[str, Any]:
    """The entity record (as in entities.jsonl) with its claim count; merged ids lead to the kept entity."""
    final = resolve_entity(conn, entity_id)
    record = queries.entity_records(conn, [final])[0]
    return {**record, "claims": queries.claim_counts(conn, [final]).get(final, 0)}


@router.get("/entities/{entity_id}/profile", summary="An entity's cited statements by section")
def get_profile(conn: Conn, entity_id: str) -> dict[str, Any]:
    """Names and every non-rejected claim about the entity as neutral, cited sentences."""
    return to_json(scoped_profile(conn, resolve_entity(conn, entity_id)))


@router.get("/claims", summary="Claims, filtered")
def list_claims(conn: Conn, entity: str | None = None, predicate: str | None = None,
                modality: str | None = None, document: str | None = None,
                time_from: Annotated[str | None, Query(description="ISO date prefix, e.g. 1986 or 1986-03")] = None,
                time_to: Annotated[str | None, Query(description="ISO date prefix")] = None,
                status: str | None = None, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Claim records as in claims.jsonl: entity as subject, object or speaker; time ranges overlap."""
    entity_ids = queries.merged_ids(conn, resolve_entity(conn, entity)) if entity else None
    query = queries.claims_select(entity_ids, predicate=predicate, modality=modality, document_id=document,
                                  status=status, time_from=time_from, time_to=time_to)
    return {"items": queries.fetch_claims(conn, query.limit(limit).offset(offset)),
            "total": queries.count(conn, query)}


@router.get("/claims/{claim_id}", summary="One claim record")
def get_claim(conn: Conn, claim_id: str) -> dict[str, Any]:
    """The claim record with its evidence, corroboration and the neutral sentence describing it."""
    from claimgraph.profile import describe

    found = queries.fetch_claims(conn, select(claims).where(claims.c.id == claim_id))
    if not found:
        raise HTTPException(status_code=404, detail=f"no claim {claim_id!r}")
    return {**found[0], "text": describe(found[0])}


@router.get("/documents", summary="Stored documents (without their text)")
def list_documents(conn: Conn, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Document records as in documents.jsonl, newest publication first."""
    cols = (documents.c.id, documents.c.title, documents.c.source, documents.c.published, documents.c.sha256,
            documents.c.url, documents.c.word_count)
    query = select(*cols).order_by(documents.c.published.is_(None), documents.c.published.desc(),
                                   documents.c.id)
    rows = conn.execute(query.limit(limit).offset(offset)).mappings().all()
    total = conn.execute(select(func.count()).select_from(documents)).scalar() or 0
    return {"items": [dict(r) for r in rows], "total": total}


@router.get("/documents/{document_id:path}", summary="One document with its evidence spans and mentions")
def get_document(conn: Conn, document_id: str) -> dict[str, Any]:
    """The stored text (always as JSON text), the claims' evidence spans and the entity mentions in it."""
    row = conn.execute(select(documents).where(documents.c.id == document_id)).mappings().first()
    if row is None:
        raise HTTPException(status_code=404, detail=f"no document {document_id!r}")
    ev_rows = conn.execute(
        select(evidence.c.claim_id, evidence.c.start, evidence.c.end, claims)
        .join(claims, claims.c.id == evidence.c.claim_id)
        .where(evidence.c.document_id == document_id).order_by(evidence.c.start, evidence.c.end)).mappings().all()
    mention_rows = conn.execute(select(mentions.c.start, mentions.c.end, mentions.c.entity_id, mentions.c.type,
                                       mentions.c.text)
                                .where(mentions.c.document_id == document_id)
                                .order_by(mentions.c.start)).mappings().all()
    index = queries.entity_rows(conn, {r["subject_id"] for r in ev_rows} | {r["object_id"] for r in ev_rows}
                                | {r["entity_id"] for r in mention_rows})
    spans = []
    for r in ev_rows:
        obj = records.entity_ref(index, r["object_id"]) if r["object_id"] else \
            {"value": r["object_value"], "type": r["object_type"] or "text"}
        span: dict[str, Any] = {"claim_id": r["claim_id"], "start": r["start"], "end": r["end"],
                                "modality": r["modality"], "polarity": r["polarity"], "predicate": r["predicate"],
                                "subject": records.entity_ref(index, r["subject_id"]), "object": obj,
                                "status": r["status"]}
        correction = (r["qualifiers"] or {}).get("correction")
        if correction:
            span["correction"] = correction
        spans.append(span)
    return {"id": row["id"], "title": row["title"], "source": row["source"], "url": row["url"],
            "published": row["published"], "sha256": row["sha256"], "text": row["text"], "evidence": spans,
            "mentions": [{"start": m["start"], "end": m["end"], "text": m["text"], "type": m["type"],
                          "entity_id": records.final_id(index, m["entity_id"])} for m in mention_rows]}


@router.get("/conflicts", summary="Disagreements between stored claims")
def list_conflicts(conn: Conn, entity: str | None = None) -> dict[str, Any]:
    """Conflicts every plugin finds ({kind, claims, note}); with entity=, only those about it."""
    found = cached_conflicts(conn)
    if entity:
        ids = queries.merged_ids(conn, resolve_entity(conn, entity))
        about = set(conn.execute(select(claims.c.id).where(or_(claims.c.subject_id.in_(ids),
                                                                claims.c.object_id.in_(ids)))).scalars())
        found = [c for c in found if about & set(c.get("claims", []))]
    return {"items": found}


def _document_counts(conn: Connection) -> list[dict[str, Any]]:
    """Documents and evidence passages per outlet (URL host) or, without a URL, per source name."""
    evidence_per_doc: dict[str, int] = dict(conn.execute(select(evidence.c.document_id, func.count())
                                         .group_by(evidence.c.document_id)).all())
    docs: Counter[str] = Counter()
    passages: Counter[str] = Counter()
    for doc_id, source, url in conn.execute(select(documents.c.id, documents.c.source, documents.c.url)):
        name = urlparse(url).netloc if url else source
        docs[name] += 1
        passages[name] += evidence_per_doc.get(doc_id, 0)
    return [{"source": name, "documents": n, "evidence": passages[name]} for name, n in docs.most_common()]


@router.get("/sources", summary="Sources (outlets) and what they contribute")
def list_sources(conn: Conn) -> list[dict[str, Any]]:
    """Source profiles from the reasoning plugin where installed, else documents per source (a list)."""
    if importlib.util.find_spec("claimgraph.reason.sources") is not None:
        module = importlib.import_module("claimgraph.reason.sources")
        if hasattr(module, "source_profiles"):
            return list(module.source_profiles(conn))
    return _document_counts(conn)
