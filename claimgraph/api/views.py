"""Endpoints shaped for the UI's views: the claim graph, the timeline and the map."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Response
from sqlalchemy import Connection, Text, TextClause, func, select, text

from claimgraph.api import queries
from claimgraph.api.routes import MAX_OFFSET, Conn, Filters, IdText, Modality, resolve_entity
from claimgraph.core.predicates import registry
from claimgraph.profile import predicate_label
from claimgraph.store import records
from claimgraph.store.schema import claims, entities, mentions

router = APIRouter(prefix="/api", tags=["views"])

GRAPH_COLUMNS = (claims.c.id, claims.c.subject_id, claims.c.object_id, claims.c.predicate, claims.c.modality,
                 claims.c.polarity, claims.c.status, claims.c.confidence)


def _corroboration(conn: Connection, claim_ids: list[str]) -> dict[str, dict[str, int]]:
    """Documents and independent sources behind each claim, counted as in claims.jsonl."""
    return records.corroboration_counts(conn, claim_ids)


# edges read per node and direction at the second hop: a much-named neighbour adds its strongest claims, not all;
# fewer when many neighbours share the edges left (twice each one's share, never under MIN_FANOUT)
FANOUT = 50
MIN_FANOUT = 10
# nodes of the first hop whose own edges the second hop reads (the graph shows at most `nodes` nodes anyway)
SECOND_HOP_NODES = 150
# subqueries in one compound SELECT (SQLite allows 500)
UNION_TERMS = 400
# the sizes of the walk statement: powers of two up to the largest (a size padded to 200 ids cost 3-4 ms a graph
# more than its own power of two, in NULL seeks)
STATEMENT_SIZES = (*(1 << k for k in range((UNION_TERMS // 2 - 1).bit_length()) if 1 << k < UNION_TERMS // 2),
                   UNION_TERMS // 2)
# placed items a timeline page shows unless asked (next_cursor reads the next ones)
TIMELINE_PAGE = 100
_EDGE_COLUMNS = "id, subject_id, object_id, predicate, modality, polarity, status, confidence"
# an edge row's columns by position: a Row's attribute lookup cost more than the read itself for a graph's
# ~500 rows, each touched a dozen times
ID, SUBJECT, OBJECT, PREDICATE, MODALITY, POLARITY, STATUS, CONFIDENCE = range(8)


@lru_cache(maxsize=1024)
def edges_statement(size: int, by_predicate: bool = False, by_modality: bool = False,
                    by_rowid: bool = False) -> TextClause:
    """The statement of _strongest_edges for `size` ids (:n0 ...), built once a size: parsing a text of hundreds
    of parameters and compiling it again on every read took as long as running it. Each subquery is read from
    an (end, confidence DESC, id, ...) index alone (migration 0016: the index holds every column it shows).

    With `by_rowid` (SQLite) the walks carry only each row's rowid, confidence and id, and the rows kept are read
    by rowid after the cut: the union and its sort then copy three columns a row, not eight, for the few
    thousand rows walked to keep a few hundred (a third less time)."""
    extra = (" AND predicate = :predicate" if by_predicate else "") + (" AND modality = :modality" if by_modality
                                                                          else "")
    shown = "rowid AS r, confidence, id" if by_rowid else _EDGE_COLUMNS
    terms = [f"SELECT * FROM (SELECT {shown} FROM claims WHERE {column} = :n{i} AND object_id IS NOT NULL "
             f"AND status != 'rejected'{extra} ORDER BY confidence DESC, id LIMIT :per_node) AS t{i}_{column[0]}"
             for i in range(size) for column in ("subject_id", "object_id")]
    union = " UNION ".join(terms)
    if by_rowid:
        return text(f"SELECT {_EDGE_COLUMNS} FROM claims WHERE rowid IN (SELECT r FROM ({union}) "
                    "ORDER BY confidence DESC, id LIMIT :most)")
    return text(f"SELECT {_EDGE_COLUMNS} FROM ({union}) AS edges ORDER BY confidence DESC, id LIMIT :most")


def _prepare_sizes(conn: Connection, by_predicate: bool, by_modality: bool) -> None:
    """Run every size of the walk statement once on this SQLite connection, with no ids, the first time it reads a
    graph: SQLite then keeps each prepared (the driver's statement cache). Prepared on first use instead, a size
    cost the read that met it 2-25 ms (statements of 16-200 ids), as long as the read itself; now the connection's
    first graph pays about 70 ms once."""
    done: set[tuple[bool, bool]] = conn.connection.info.setdefault("graph_statements", set())
    if (by_predicate, by_modality) in done:
        return
    done.add((by_predicate, by_modality))
    for size in STATEMENT_SIZES:
        params: dict[str, Any] = {f"n{i}": None for i in range(size)}
        params.update(per_node=1, most=1)
        if by_predicate:
            params["predicate"] = None
        if by_modality:
            params["modality"] = None
        conn.execute(edges_statement(size, by_predicate, by_modality, True), params).all()


def _strongest_edges(conn: Connection, ids: list[str], per_node: int, most: int, predicate: str | None = None,
                     modality: str | None = None) -> tuple[list[Any], bool]:
    """The `most` most confident claims between two entities among the `per_node` most confident of each id as
    subject and of each as object (rows of the _EDGE_COLUMNS, strongest first), and whether some id had more
    than `per_node` (or the cut left some out).

    Each id and end is one walk of a (end, confidence) index that stops after `per_node` rows, and the database
    keeps the strongest of all: a much-named entity costs no more than a rarely named one. The statement is
    plain SQL (SQLite and PostgreSQL alike): built as SQLAlchemy subqueries it took longer to compile than to run.
    """
    rows: dict[str, Any] = {}
    full = False
    by_rowid = conn.dialect.name == "sqlite"
    if by_rowid:
        _prepare_sizes(conn, bool(predicate), bool(modality))
    for at in range(0, len(ids), UNION_TERMS // 2):
        chunk = ids[at: at + UNION_TERMS // 2]
        # a few statement sizes, the places past the ids bound to NULL (an index seek that finds nothing): each
        # size is compiled once a process, not once for every count of neighbours a graph happens to have
        size = min(UNION_TERMS // 2, 1 << max(0, len(chunk) - 1).bit_length())
        statement = edges_statement(size, bool(predicate), bool(modality), by_rowid)
        params: dict[str, Any] = {f"n{i}": chunk[i] if i < len(chunk) else None for i in range(size)}
        params.update(per_node=per_node, most=most)
        params.update({k: v for k, v in (("predicate", predicate), ("modality", modality)) if v})
        found = conn.execute(statement, params).all()
        full |= len(found) >= most
        for row in found:
            rows[row[ID]] = row
    # every row of the union came back unless the cut above was reached: a count of per_node is a full walk
    ends: dict[tuple[str, int], int] = defaultdict(int)
    for row in rows.values():
        ends[(row[SUBJECT], 0)] += 1
        ends[(row[OBJECT], 1)] += 1
    full |= any(ends[(node, side)] >= per_node for node in ids for side in (0, 1))
    return sorted(rows.values(), key=lambda r: (-(r[CONFIDENCE] or 0.0), r[ID]))[:most], full


@router.get("/predicates", summary="Every predicate of the registry with the words the UI shows for it")
def predicates() -> dict[str, Any]:
    """Each predicate's name, label (its words in a sentence), family and whether it changes over time."""
    return {"items": [{"name": p.name, "label": predicate_label(p.name), "family": p.family,
                       "changes_over_time": p.changes_over_time}
                      for p in sorted(registry().predicates.values(), key=lambda p: p.name)]}


@router.get("/graph", summary="The claim graph around an entity")
def graph(conn: Conn, entity: IdText, hops: Annotated[int, Query(ge=1, le=2)] = 1,
          limit: Annotated[int, Query(ge=1, le=5000, description="Most edges returned.")] = 500,
          max_nodes: Annotated[int, Query(alias="nodes", ge=2, le=2000, description="Most nodes returned.")] = 150,
          predicate: Annotated[str | None, Query(pattern=r"^[a-z][a-z0-9_]{0,63}$")] = None,
          modality: Modality | None = None,
          type: Annotated[str | None, Query(max_length=64, description="Keep only nodes of this type")]
          = None) -> dict[str, Any]:
    """Entities as nodes and entity-to-entity claims as edges, up to `hops` steps from the entity.

    At most `nodes` nodes (the most connected kept, the centre always); the second hop reads the most
    confident edges of each of the first SECOND_HOP_NODES neighbours (MIN_FANOUT to FANOUT each, by how many
    share the edges left), so a neighbour named in thousands of claims adds its strongest; `truncated` says
    more exist.
    """
    center = resolve_entity(conn, entity)
    frontier = queries.merged_ids(conn, center)
    seen_nodes = set(frontier)
    edges: dict[str, Any] = {}
    capped = False  # a node had more edges than the second hop reads of it, or more first neighbours than it reads
    for hop in range(hops):
        if len(edges) >= limit or not frontier:
            break
        fresh = []
        # the centre's strongest edges up to the limit; then the strongest few of each of its first neighbours
        reading = frontier if hop == 0 else frontier[:SECOND_HOP_NODES]
        left = limit - len(edges)
        per_node = left if hop == 0 else min(FANOUT, max(MIN_FANOUT, -(-2 * left // len(reading))))
        found, full = _strongest_edges(conn, reading, per_node, left, predicate, modality)
        capped |= hop > 0 and (full or len(frontier) > SECOND_HOP_NODES)
        for row in found:
            if len(edges) >= limit:
                break
            if row[ID] in edges:
                continue
            edges[row[ID]] = row
            for end in (row[SUBJECT], row[OBJECT]):
                if end not in seen_nodes:
                    seen_nodes.add(end)
                    fresh.append(end)
        frontier = fresh
    index = queries.entity_rows(conn, seen_nodes)
    refs = {node: records.entity_ref(index, node) for node in seen_nodes}  # each end's reference once
    nodes: dict[str, dict[str, Any]] = {}
    center_ref = records.entity_ref(index, center)
    if center_ref:
        nodes[center] = center_ref
    # (row, source id, target id) of every edge whose ends are known; the records are built for the edges kept
    ended: list[tuple[Any, str, str]] = []
    for row in edges.values():
        source, target = refs[row[SUBJECT]], refs[row[OBJECT]]
        if source is None or target is None:
            continue
        nodes.setdefault(source["id"], source)
        nodes.setdefault(target["id"], target)
        ended.append((row, source["id"], target["id"]))
    if type:
        wanted = type.lower()
        nodes = {k: v for k, v in nodes.items() if k == center or (v.get("type") or "").lower() == wanted}
        ended = [e for e in ended if e[1] in nodes and e[2] in nodes]
    degree: dict[str, int] = defaultdict(int)
    for _, source_id, target_id in ended:
        degree[source_id] += 1
        degree[target_id] += 1
    truncated = len(edges) >= limit or capped
    if len(nodes) > max_nodes:
        keep = {center} | set(sorted((k for k in nodes if k != center), key=lambda k: (-degree[k], k))
                              [: max_nodes - 1])
        nodes = {k: v for k, v in nodes.items() if k in keep}
        ended = [e for e in ended if e[1] in keep and e[2] in keep]
        truncated = True
    # corroboration only of the edges kept: the cut above drops most edges of a much-connected centre
    corroboration = _corroboration(conn, [row[ID] for row, _, _ in ended])
    out_edges = [{"id": row[ID], "source": source_id, "target": target_id, "predicate": row[PREDICATE],
                  "modality": row[MODALITY], "polarity": row[POLARITY], "status": row[STATUS],
                  "confidence": row[CONFIDENCE], "corroboration": corroboration[row[ID]]}
                 for row, source_id, target_id in ended]
    counts = queries.claim_counts(conn, list(nodes))
    for node_id, node in nodes.items():
        node["degree"] = degree[node_id]
        node["claims"] = counts.get(node_id, 0)
    return {"nodes": list(nodes.values()), "edges": out_edges, "truncated": truncated, "center": center}


@router.get("/timeline", summary="Claims with a time, placed on a timeline with their uncertainty, a page at a time")
def timeline(conn: Conn, filters: Filters, limit: Annotated[int, Query(ge=1, le=5000)] = TIMELINE_PAGE,
             offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
             cursor: Annotated[str | None, Query(max_length=400, description=(
                 "The next_cursor of the page before: the items after its last one (stable when claims are "
                 "added between pages)"))] = None) -> dict[str, Any]:
    """Claims with a time qualifier (the claim filters apply) as neutral sentences, earliest first.

    Each item has its `placement` (claimgraph.views.timeline.place_time): partial times
    ("1970s") become spans, relative ones ("after the 2003 invasion", "on Tuesday") are
    placed from the year they name or the publication date; items that cannot be placed
    are listed in `unplaced` with their wording (on the first page; `unplaced_total` counts them).
    A page holds `limit` items; `next_cursor` (null on the last page) reads the next one, `total`
    counts the placed items of every page (claimgraph.views.timeline_page).
    """
    from claimgraph.views.paging import BadCursor
    from claimgraph.views.timeline_page import timeline_page

    try:
        return timeline_page(conn, filters, limit, cursor, offset, claim_records=queries.claim_records)
    except BadCursor as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc


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
def places(conn: Conn, filters: Filters, response: Response,
           limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
           offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of entities with coordinates, with the claims that involve them.

    Features carry the properties of the GeoJSON export (claimgraph.export.geojson), except
    that `claims` lists claim ids (fetch /api/claims/{id} for one) and documents are counted.
    With claim filters (entity=, modality=, source=, time ...), the same ones the timeline
    takes, only places involved in the claims they keep are listed, each with those claims;
    places are sorted by how many claims involve them. `total` counts every matching place.
    """
    rows = conn.execute(select(entities.c.id, entities.c.name, entities.c.type, entities.c.geo,
                               entities.c.external_ids)
                        .where(entities.c.geo.isnot(None), entities.c.merged_into.is_(None))
                        .order_by(entities.c.id)).all()
    located = [r for r in rows if isinstance(r.geo, dict) and r.geo.get("lat") is not None
               and r.geo.get("lon") is not None]
    located_ids = [r.id for r in located]
    involved = _claims_at(conn, located_ids)
    filtered = any(getattr(filters, k) is not None for k in ("entity_ids", "predicate", "modality", "document_id",
                                                             "status", "time_from", "time_to", "source",
                                                             "speaker_ids", "min_confidence"))
    if filtered:
        kept = set(conn.execute(filters.select(conn).with_only_columns(claims.c.id).order_by(None)).scalars())
        involved = {k: [c for c in v if c in kept] for k, v in involved.items()}
        own = set(filters.entity_ids or [])
        located = [r for r in located if involved.get(r.id) or r.id in own]
    located.sort(key=lambda r: (-len(involved.get(r.id, [])), r.name or "", r.id))
    total = len(located)
    located = located[offset: offset + limit]
    located_ids = [r.id for r in located]
    names = {e["id"]: e["aliases"] for e in queries.entity_records(conn, located_ids)}
    counts: dict[str, int] = {}
    for chunk in queries.chunks(located_ids):
        counts.update(conn.execute(select(mentions.c.entity_id, func.count(mentions.c.document_id.distinct()))
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
                           "documents": counts.get(r.id, 0), "claims": involved.get(r.id, [])},
        })
    response.headers["X-Total-Count"] = str(total)
    return {"type": "FeatureCollection", "features": features, "total": total, "limit": limit, "offset": offset}


from claimgraph.api.exports import router as exports_router  # noqa: E402 - needs the routes' filters

router.include_router(exports_router)
