"""Read endpoints: search, entities, profiles, claims, documents, conflicts and sources."""

from __future__ import annotations

import importlib
import importlib.util
from collections import Counter
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from sqlalchemy import Connection, func, or_, select

from claimgraph.api import queries
from claimgraph.api.cache import cached_conflicts, conflicts_of
from claimgraph.api.facets import claim_facets
from claimgraph.api.profiles import profile_total, scoped_profile
from claimgraph.api.search import search as full_text_search
from claimgraph.profile import to_json
from claimgraph.resolve.names import norm_name
from claimgraph.store import records
from claimgraph.store.schema import aliases, claims, documents, entities, evidence, mentions

router = APIRouter(prefix="/api", tags=["store"])

MAX_PAGE = 1000
# far beyond any store, far below the 64-bit integers the databases take: larger is bad input (422)
MAX_OFFSET = 1_000_000_000
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
Modality = Literal["asserted", "hedged", "attributed", "speculative", "negated", "question"]
Status = Literal["active", "superseded", "rejected"]
IdText = Annotated[str, Query(min_length=1, max_length=300)]
DatePrefix = Annotated[str, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
                                  description="ISO date prefix, e.g. 1986 or 1986-03")]


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
def list_entities(conn: Conn,
                  type: Annotated[str | None, Query(max_length=64)] = None,
                  q: Annotated[str | None, Query(max_length=500)] = None,
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
        # ordered by the count the items show (merged entities folded in), so list and profile agree
        every = queries.all_claim_counts(conn)
        rows = list(conn.execute(query.add_columns(entities.c.name)).all())
        rows.sort(key=lambda r: (-every.get(r[0], 0), r[1] or "", r[0]))
        ids = [r[0] for r in rows[offset: offset + limit]]
    else:
        ids = list(conn.execute(query.order_by(entities.c.name, entities.c.id).limit(limit).offset(offset))
                   .scalars())
    items = queries.entity_records(conn, ids)
    counts = queries.claim_counts(conn, ids)
    return {"items": [{**e, "claims": counts.get(e["id"], 0)} for e in items], "total": total}


@router.get("/entities/{entity_id}", summary="One entity record")
def get_entity(conn: Conn, entity_id: Annotated[str, Path(max_length=300)]) -> dict[str, Any]:
    """The entity record (as in entities.jsonl) with its claim count; merged ids lead to the kept entity."""
    final = resolve_entity(conn, entity_id)
    record = queries.entity_records(conn, [final])[0]
    return {**record, "claims": queries.claim_counts(conn, [final]).get(final, 0)}


PROFILE_PAGE = 100  # claims a profile page shows unless asked (most entities have fewer; the UI reads more on request)


@router.get("/entities/{entity_id}/profile", summary="An entity's cited statements by section, a page of claims")
def get_profile(conn: Conn, entity_id: Annotated[str, Path(max_length=300)],
                limit: Annotated[int, Query(ge=1, le=5000, description="Claims on this page.")] = PROFILE_PAGE,
                offset: Offset = 0) -> dict[str, Any]:
    """Names and the non-rejected claims about the entity as neutral, cited sentences, a page at a time.

    The page holds `limit` claims from `offset` in claim id order, with the conflicts and changes
    over time that involve them; `total` counts the claims of every page (`claim_count` also
    counts claims the entity is the speaker of); `next_offset` is null on the last page.
    """
    final = resolve_entity(conn, entity_id)
    body = to_json(scoped_profile(conn, final, limit, offset))
    total = profile_total(conn, final)
    return {**body, "total": total, "limit": limit, "offset": offset,
            "next_offset": offset + limit if offset + limit < total else None}


def claim_filters(conn: Conn, entity: IdText | None = None,
                  predicate: Annotated[str | None, Query(pattern=r"^[a-z][a-z0-9_]{0,63}$")] = None,
                  modality: Modality | None = None, document: IdText | None = None,
                  time_from: DatePrefix | None = None, time_to: DatePrefix | None = None,
                  status: Status | None = None,
                  source: Annotated[str | None, Query(max_length=300, description="Outlet (URL host) or source name")]
                  = None,
                  speaker: Annotated[str | None, Query(max_length=300, description="Entity id of the speaker")] = None,
                  min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0)] = None) -> queries.ClaimFilters:
    """The claim filters of the query string (shared by claims, facets, timeline and places)."""
    return queries.ClaimFilters(
        entity_ids=queries.merged_ids(conn, resolve_entity(conn, entity)) if entity else None,
        predicate=predicate, modality=modality, document_id=document, status=status, time_from=time_from,
        time_to=time_to, source=source,
        speaker_ids=queries.merged_ids(conn, resolve_entity(conn, speaker)) if speaker else None,
        min_confidence=min_confidence)


Filters = Annotated[queries.ClaimFilters, Depends(claim_filters)]


@router.get("/claims", summary="Claims, filtered, a page at a time")
def list_claims(conn: Conn, filters: Filters, limit: Limit = 100, offset: Offset = 0,
                sort: Annotated[str, Query(pattern="^(id|confidence|time)$")] = "id",
                cursor: Annotated[str | None, Query(max_length=400, description=(
                    "The next_cursor of the page before (same sort): the claims after its last one, read from "
                    "the index where it stopped; stable when claims are added between pages"))] = None,
                with_total: Annotated[bool, Query(alias="total", description=(
                    "Count every matching claim (false skips the count: a cursor walk does not need it)"))]
                = True) -> dict[str, Any]:
    """Claim records as in claims.jsonl: entity as subject, object or speaker; time ranges overlap.

    `next_cursor` (null on the last page) reads the page after this one; `offset` is kept for
    old clients (it cannot be combined with a cursor).
    """
    from claimgraph.views.paging import BadCursor, after_claim, claim_key, encode_cursor, entity_walk, order_claims

    query = order_claims(filters.select(conn), sort)
    if cursor and offset:
        raise HTTPException(status_code=422, detail="cursor= and offset= cannot be combined")
    try:
        # one row past the page says whether another page follows, without counting
        if sort == "id" and filters.entity_ids and not offset:  # the entity's index walks, stopped at the page
            rows = entity_walk(conn, filters, cursor, limit + 1)
        else:
            paged = after_claim(query, sort, cursor) if cursor else query
            rows = list(conn.execute(paged.limit(limit + 1).offset(offset)).mappings().all())
    except BadCursor as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    following = encode_cursor(sort, claim_key(rows[limit - 1], sort)) if len(rows) > limit else None
    return {"items": queries.claim_records(conn, rows[:limit]),
            "total": queries.count(conn, query) if with_total else None, "limit": limit, "offset": offset,
            "cursor": cursor, "next_cursor": following}


@router.get("/claims/facets", summary="Counts per value of each claim field, for the filtered claims")
def claims_facets(conn: Conn, filters: Filters) -> dict[str, Any]:
    """Facets (modality, predicate, status, polarity, source, speaker, year, confidence) with counts."""
    return claim_facets(conn, filters)


@router.get("/claims/{claim_id}", summary="One claim record")
def get_claim(conn: Conn, claim_id: Annotated[str, Path(max_length=300)]) -> dict[str, Any]:
    """The claim record with its evidence, corroboration and the neutral sentence describing it."""
    from claimgraph.profile import describe

    found = queries.fetch_claims(conn, select(claims).where(claims.c.id == claim_id))
    if not found:
        raise HTTPException(status_code=404, detail=f"no claim {claim_id!r}")
    return {**found[0], "text": describe(found[0])}


@router.get("/documents", summary="Stored documents (without their text)")
def list_documents(conn: Conn, limit: Limit = 100, offset: Offset = 0,
                   source: Annotated[str | None, Query(max_length=300)] = None) -> dict[str, Any]:
    """Document records as in documents.jsonl, newest publication first (source= keeps one outlet)."""
    cols = (documents.c.id, documents.c.title, documents.c.source, documents.c.published, documents.c.sha256,
            documents.c.url, documents.c.word_count)
    query = select(*cols).order_by(documents.c.published.is_(None), documents.c.published.desc(),
                                   documents.c.id)
    if source:
        query = query.where(documents.c.id.in_(sorted(d for d, o in queries.document_outlets(conn).items()
                                                      if o == source)))
    rows = conn.execute(query.limit(limit).offset(offset)).mappings().all()
    total = queries.count(conn, query)
    return {"items": [{**dict(r), "outlet": queries.outlet_of(r["source"], r["url"])} for r in rows],
            "total": total, "limit": limit, "offset": offset}


@router.get("/documents/{document_id:path}", summary="One document with its evidence spans and mentions")
def get_document(conn: Conn, document_id: Annotated[str, Path(max_length=300)]) -> dict[str, Any]:
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
                                | {r["attributed_to_id"] for r in ev_rows} | {r["entity_id"] for r in mention_rows})
    spans = []
    for r in ev_rows:
        obj = records.entity_ref(index, r["object_id"]) if r["object_id"] else \
            {"value": r["object_value"], "type": r["object_type"] or "text"}
        span: dict[str, Any] = {"claim_id": r["claim_id"], "start": r["start"], "end": r["end"],
                                "modality": r["modality"], "polarity": r["polarity"], "predicate": r["predicate"],
                                "subject": records.entity_ref(index, r["subject_id"]), "object": obj,
                                "status": r["status"], "confidence": r["confidence"],
                                "attributed_to": records.entity_ref(index, r["attributed_to_id"])
                                if r["attributed_to_id"] else None,
                                "time": (r["qualifiers"] or {}).get("time")}
        correction = (r["qualifiers"] or {}).get("correction")
        if correction:
            span["correction"] = correction
        spans.append(span)
    return {"id": row["id"], "title": row["title"], "source": row["source"], "url": row["url"],
            "outlet": queries.outlet_of(row["source"], row["url"]),
            "published": row["published"], "sha256": row["sha256"], "text": row["text"], "evidence": spans,
            "mentions": [{"start": m["start"], "end": m["end"], "text": m["text"], "type": m["type"],
                          "entity_id": records.final_id(index, m["entity_id"])} for m in mention_rows]}


@router.get("/conflicts", summary="Disagreements between stored claims")
def list_conflicts(conn: Conn, entity: IdText | None = None,
                   kind: Annotated[str | None, Query(max_length=64)] = None,
                   limit: Limit = 100, offset: Offset = 0,
                   cursor: Annotated[str | None, Query(max_length=400, description=(
                       "Page by cursor without reading the whole store: empty for the first page, then the "
                       "next_cursor of the page before (null after the last); a page may hold fewer than limit"))]
                   = None) -> dict[str, Any]:
    """Conflicts every plugin finds ({kind, claims, note}); with entity=, only those about it; with cursor=, a page
    read from a few entities' claims (views.conflicts.conflicts_page), `total` then null."""
    if cursor is not None and not entity:
        from claimgraph.views.conflicts import conflicts_page

        page, following = conflicts_page(conn, cursor, limit)
        if kind:
            page = [c for c in page if c.get("kind") == kind]
        return {"items": page, "total": None, "limit": limit, "cursor": cursor, "next_cursor": following}
    if entity:  # read from the entity's claims and their subjects' claims, not the whole store
        ids = queries.merged_ids(conn, resolve_entity(conn, entity))
        about = set(conn.execute(select(claims.c.id).where(or_(claims.c.subject_id.in_(ids),
                                                                claims.c.object_id.in_(ids)))).scalars())
        found = conflicts_of(conn, about)[0]
    else:
        found = cached_conflicts(conn)
    if kind:
        found = [c for c in found if c.get("kind") == kind]
    return {"items": found[offset: offset + limit], "total": len(found), "limit": limit, "offset": offset}


def _document_counts(conn: Connection) -> list[dict[str, Any]]:
    """Documents and evidence passages per outlet (URL host) or, without a URL, per source name."""
    evidence_per_doc: dict[str, int] = dict(conn.execute(select(evidence.c.document_id, func.count())
                                         .group_by(evidence.c.document_id)).all())
    docs: Counter[str] = Counter()
    passages: Counter[str] = Counter()
    for doc_id, name in queries.document_outlets(conn).items():
        docs[name] += 1
        passages[name] += evidence_per_doc.get(doc_id, 0)
    return [{"source": name, "documents": n, "evidence": passages[name]} for name, n in docs.most_common()]


@router.get("/sources", summary="Sources (outlets) and what they contribute; a page of them, X-Total-Count says all")
def list_sources(conn: Conn, response: Response, limit: Limit = 100, offset: Offset = 0) -> list[dict[str, Any]]:
    """Source profiles from the reasoning plugin where installed, else documents per source (a list)."""
    profiles = None
    if importlib.util.find_spec("claimgraph.reason.sources") is not None:
        profiles = getattr(importlib.import_module("claimgraph.reason.sources"), "source_profiles", None)
    found = list(profiles(conn)) if profiles else _document_counts(conn)
    response.headers["X-Total-Count"] = str(len(found))
    return found[offset: offset + limit]


from claimgraph.api.curation import router as curation_router  # noqa: E402 - needs Conn and resolve_entity

router.include_router(curation_router)
