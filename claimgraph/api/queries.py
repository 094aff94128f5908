"""Store reads scoped to what one API response needs (the export readers load whole tables).

Records come out shaped exactly as in the claims contract: claim rows go through
`records.claim_record`, with an entity index and document metadata holding only the
entities and documents that the page refers to.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Select, func, select

from claimgraph.store import records
from claimgraph.store.idlists import in_ids
from claimgraph.store.schema import aliases, claims, entities, evidence

CHUNK = 500


def chunks(ids: list[str]) -> Iterable[list[str]]:
    """Ids in slices small enough for one IN (...) list."""
    for at in range(0, len(ids), CHUNK):
        yield ids[at: at + CHUNK]


REF_COLUMNS = (entities.c.id, entities.c.name, entities.c.type, entities.c.merged_into)
# the IN-list reads of every page, built once: a list given as one expanding parameter is not coerced element
# by element on each call
_ENTITY_COLUMNS = {False: tuple(c.name for c in REF_COLUMNS), True: tuple(c.name for c in entities.c)}
# the list as one JSON parameter (store.idlists): the few hundred nodes of a graph are not expanded per call
_ENTITY_ROWS = {full: select(*(tuple(entities.c) if full else REF_COLUMNS)).where(in_ids(entities.c.id))
                for full in (False, True)}
_MERGED_INTO = select(entities.c.id, entities.c.merged_into).where(in_ids(entities.c.merged_into))
_EVIDENCE_OF = select(evidence).where(in_ids(evidence.c.claim_id)).order_by(
    evidence.c.document_id, evidence.c.start)


def entity_rows(conn: Connection, ids: Iterable[str], full: bool = False) -> dict[str, dict[str, Any]]:
    """Entity rows by id for these ids and every entity they were merged into.

    Only id, name, type and merged_into (all an entity reference needs) unless `full`.
    """
    index: dict[str, dict[str, Any]] = {}
    wanted = {i for i in ids if i}
    statement, names = _ENTITY_ROWS[full], _ENTITY_COLUMNS[full]
    while wanted:
        batch = sorted(wanted - index.keys())
        wanted = set()
        # plain tuples zipped with the column names once: a mapping row builds its keys again for every dict();
        # fetched at once (iterating a result fetches row by row, a driver call each: a graph reads ~400 here)
        for values in conn.execute(statement, {"ids": batch}).all():
            row = dict(zip(names, values, strict=True))
            index[row["id"]] = row
            if row["merged_into"] and row["merged_into"] not in index:
                wanted.add(row["merged_into"])
    blank = [i for i, row in index.items() if not (row.get("name") or "").strip()]
    if blank:  # every reference the API hands out names an unnamed actor by its role and document
        from claimgraph.views.names import name_rows, unnamed_names

        name_rows(index, unnamed_names(conn, blank))
    return index


def merged_members(conn: Connection, entity_ids: list[str]) -> dict[str, list[str]]:
    """For each entity id: itself and every entity merged into it (directly or in a chain)."""
    owner = {i: i for i in entity_ids}
    members: dict[str, list[str]] = {i: [i] for i in entity_ids}
    frontier = list(entity_ids)
    while frontier:
        fresh = []
        for chunk in chunks(frontier):
            for merged, into in conn.execute(_MERGED_INTO, {"ids": chunk}):
                if merged not in owner:
                    owner[merged] = owner[into]
                    members[owner[into]].append(merged)
                    fresh.append(merged)
        frontier = fresh
    return members


def merged_ids(conn: Connection, entity_id: str) -> list[str]:
    """The entity id and the ids of every entity merged into it (directly or in a chain)."""
    return merged_members(conn, [entity_id])[entity_id]


def document_meta(conn: Connection, ids: Iterable[str],
                  claim_ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """Document metadata as records.claim_record reads it (citation name, outlet, copies).

    The store reader's own function (so corroboration counts match the export), asked for just
    these documents and the claims shown (`claim_ids`), with the documents aligned with them.
    """
    return records._document_meta(conn, documents_of=sorted(set(ids)),
                                  claim_ids=None if claim_ids is None else sorted(set(claim_ids)))


def claim_records(conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
    """Contract records for claim rows, with their evidence and corroboration."""
    ev_by_claim: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for chunk in chunks([r["id"] for r in rows]):
        for e in conn.execute(_EVIDENCE_OF, {"ids": chunk}).mappings():
            ev_by_claim[e["claim_id"]].append(dict(e))
    entity_ids = {i for r in rows for i in (r["subject_id"], r["object_id"], r["attributed_to_id"]) if i}
    index = entity_rows(conn, entity_ids)
    ids = [r["id"] for r in rows]
    kept = records.kept_corroboration(conn, ids)
    # with every count kept, the documents are read for their citations only, not for the claims' groups
    docs = document_meta(conn, (e["document_id"] for evs in ev_by_claim.values() for e in evs),
                         [] if kept is not None else ids)
    out = [records.claim_record(r, ev_by_claim[r["id"]], index, docs) for r in rows]
    if kept is not None:
        for record in out:
            record["corroboration"] = kept[record["id"]]
    return out


def fetch_claims(conn: Connection, query: Select[Any]) -> list[dict[str, Any]]:
    """Contract records for the claims a query selects."""
    return claim_records(conn, list(conn.execute(query).mappings().all()))


def count(conn: Connection, query: Select[Any]) -> int:
    """How many rows a query selects (its ordering and paging dropped)."""
    inner = query.order_by(None).limit(None).offset(None).subquery()
    return conn.execute(select(func.count()).select_from(inner)).scalar() or 0


def entity_records(conn: Connection, ids: list[str]) -> list[dict[str, Any]]:
    """entities.jsonl records (aliases of merged-in entities folded in) for ids, in their order."""
    index = entity_rows(conn, ids, full=True)
    finals = list(dict.fromkeys(records.final_id(index, i) for i in ids))
    members = merged_members(conn, [f for f in finals if f])
    everyone = [m for group in members.values() for m in group]
    names: dict[str, set[str]] = defaultdict(set)
    owner = {m: f for f, group in members.items() for m in group}
    for chunk in chunks(everyone):
        for entity_id, alias in conn.execute(select(aliases.c.entity_id, aliases.c.alias)
                                             .where(aliases.c.entity_id.in_(chunk))):
            names[owner[entity_id]].add(alias)
    out = []
    for f in finals:
        if not f or f not in index:
            continue
        row = index[f]
        out.append({"id": f, "name": row["name"], "type": row["type"],
                    "aliases": sorted(a for a in names[f] if a != row["name"]),
                    "geo": row["geo"], "external_ids": row["external_ids"] or {}})
    return out


def claim_counts(conn: Connection, ids: list[str]) -> dict[str, int]:
    """The one claim count of each entity (claimgraph.views.counts: the same in every view)."""
    from claimgraph.views.counts import claim_counts as counted

    return counted(conn, ids)


def all_claim_counts(conn: Connection) -> dict[str, int]:
    """The claim count of every entity not merged away, reused until the store changes."""
    from claimgraph.api.cache import STORE_CACHE
    from claimgraph.views.counts import all_claim_counts as counted

    return STORE_CACHE.get(conn, "claim_counts", counted)  # type: ignore[no-any-return]


def claims_select(entity_ids: list[str] | None = None, predicate: str | None = None,
                  modality: str | None = None, document_id: str | None = None, status: str | None = None,
                  time_from: str | None = None, time_to: str | None = None) -> Select[Any]:
    """SELECT over claims with the API's filters (an entity as subject, object or speaker)."""
    return records.claims_query(entity_ids, predicate=predicate, document_id=document_id, modality=modality,
                                status=status, time_from=time_from, time_to=time_to, as_speaker=True)


def outlet_of(source: str | None, url: str | None) -> str:
    """The outlet a document counts under: its URL's host, else its source name."""
    from urllib.parse import urlparse

    host = urlparse(url).netloc if url else ""
    return host or source or ""


def document_outlets(conn: Connection) -> dict[str, str]:
    """Outlet (URL host or source name) per document id, reused until the store changes."""
    from claimgraph.api.cache import STORE_CACHE
    from claimgraph.store.schema import documents

    def compute(c: Connection) -> dict[str, str]:
        return {doc_id: outlet_of(source, url)
                for doc_id, source, url in c.execute(select(documents.c.id, documents.c.source, documents.c.url))}

    return STORE_CACHE.get(conn, "outlets", compute)  # type: ignore[no-any-return]


class ClaimFilters:
    """The claim filters every list, facet count, timeline and map page shares (one URL vocabulary)."""

    def __init__(self, entity_ids: list[str] | None = None, predicate: str | None = None,
                 modality: str | None = None, document_id: str | None = None, status: str | None = None,
                 time_from: str | None = None, time_to: str | None = None, source: str | None = None,
                 speaker_ids: list[str] | None = None, min_confidence: float | None = None) -> None:
        self.entity_ids = entity_ids
        self.predicate = predicate
        self.modality = modality
        self.document_id = document_id
        self.status = status
        self.time_from = time_from
        self.time_to = time_to
        self.source = source
        self.speaker_ids = speaker_ids
        self.min_confidence = min_confidence

    def others(self) -> ClaimFilters:
        """These filters without the entity (what a walk of the entity's own index rows still has to check)."""
        return ClaimFilters(predicate=self.predicate, modality=self.modality, document_id=self.document_id,
                            status=self.status, time_from=self.time_from, time_to=self.time_to, source=self.source,
                            speaker_ids=self.speaker_ids, min_confidence=self.min_confidence)

    def select(self, conn: Connection) -> Select[Any]:
        """SELECT over the claims these filters keep (claim id order)."""
        query = claims_select(self.entity_ids, predicate=self.predicate, modality=self.modality,
                              document_id=self.document_id, status=self.status, time_from=self.time_from,
                              time_to=self.time_to)
        if self.source:
            docs = sorted(d for d, outlet in document_outlets(conn).items() if outlet == self.source
                          or d == self.source)
            query = query.where(claims.c.id.in_(select(evidence.c.claim_id).where(evidence.c.document_id.in_(docs))))
        if self.speaker_ids is not None:
            query = query.where(claims.c.attributed_to_id.in_(self.speaker_ids))
        if self.min_confidence is not None:
            query = query.where(claims.c.confidence >= self.min_confidence)
        return query
