"""Each claim's corroboration kept in a table (migration 0015), so a page reads one indexed row a claim.

`claim_corroboration` holds what `records.live_corroboration_counts` computes for a claim (documents, outlets,
independent sources, counted over the claim's triple group after merges). Triggers note in
`corroboration_stale` whatever may change a count: a document whose evidence rows were written, or whose copy
link or outlet changed; an entity joining a group, split or moved; the ends of a claim changed; a claim's evidence
removed.
While anything is noted, readers count live (the same answer, only slower); the after-ingest steps call
`refresh`, which recounts the claims of what is noted and every claim of their groups, and clears what it read.
So every writer (the store writer, linking, reviews, a migration) keeps the table right without knowing of it,
and no reader is given a count that a write has made stale.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Integer,
    String,
    Table,
    bindparam,
    delete,
    insert,
    literal,
    or_,
    select,
    tuple_,
)

from claimgraph.store.idlists import in_ids
from claimgraph.store.schema import claims, evidence, metadata

claim_corroboration = Table(
    "claim_corroboration",
    metadata,
    Column("claim_id", String(64), primary_key=True),
    Column("documents", Integer, nullable=False),
    Column("outlets", Integer, nullable=False),
    Column("independent_sources", Integer, nullable=False),
)

# what the triggers noted since the last refresh: kind 'document', 'entity' or 'claim' and its id
corroboration_stale = Table(
    "corroboration_stale",
    metadata,
    Column("kind", String(16), primary_key=True),
    Column("ref", String(200), primary_key=True),
)

# past this many noted documents a refresh recounts the whole store in one pass (a bulk load, a migration)
WHOLE_STORE_AT = 2000

_ANY_STALE = select(literal(1)).select_from(corroboration_stale).limit(1)
_CACHED = select(claim_corroboration).where(in_ids(claim_corroboration.c.claim_id))
_CLAIMS_OF_DOCUMENTS = select(evidence.c.claim_id).where(in_ids(evidence.c.document_id)).distinct()
_ENTITY_IDS: Any = bindparam("ids", expanding=True)
_CLAIMS_OF_ENTITIES = select(claims.c.id).where(or_(
    claims.c.subject_id.in_(_ENTITY_IDS), claims.c.object_id.in_(_ENTITY_IDS), claims.c.attributed_to_id.in_(_ENTITY_IDS)))
_CLEAR = delete(claim_corroboration).where(claim_corroboration.c.claim_id.in_(bindparam("ids", expanding=True)))
_CLEAR_STALE = delete(corroboration_stale).where(
    tuple_(corroboration_stale.c.kind, corroboration_stale.c.ref).in_(bindparam("keys", expanding=True)))


def _chunks(ids: Iterable[Any], size: int = 500) -> list[list[Any]]:
    wanted = sorted(set(ids))
    return [wanted[k:k + size] for k in range(0, len(wanted), size)]


def cached_counts(conn: Connection, claim_ids: list[str]) -> dict[str, dict[str, int]] | None:
    """The kept counts of these claims (those without a row left out), or None when nothing may be read from the
    table: a store from before migration 0015, or one with writes the after-ingest steps have not counted yet."""
    from claimgraph.store.records import has_table

    if not has_table(conn, "claim_corroboration") or conn.execute(_ANY_STALE).first() is not None:
        return None
    out: dict[str, dict[str, int]] = {}
    for chunk in _chunks(claim_ids):
        # fetched at once: iterating a result fetches row by row, a driver call each (a graph reads ~300 here)
        for claim_id, documents, outlets, independent in conn.execute(_CACHED, {"ids": chunk}).all():
            out[claim_id] = {"documents": documents, "outlets": outlets, "independent_sources": independent}
    return out


def _write(conn: Connection, counts: dict[str, dict[str, int]]) -> None:
    """Replace the rows of these claims."""
    for chunk in _chunks(counts):
        conn.execute(_CLEAR, {"ids": chunk})
    rows = [{"claim_id": c, **n} for c, n in sorted(counts.items())]
    for k in range(0, len(rows), 5000):
        conn.execute(insert(claim_corroboration), rows[k:k + 5000])


def refresh(conn: Connection) -> int:
    """Recount the claims the noted writes may have changed (with every claim of their groups) and clear the
    notes read; returns how many claims were counted."""
    from claimgraph.store.derived import aligned_groups, finals_of, members_of
    from claimgraph.store.records import has_table, live_corroboration_counts

    if not has_table(conn, "claim_corroboration"):
        return 0
    noted = [(r.kind, r.ref) for r in conn.execute(select(corroboration_stale))]
    if not noted:
        return 0
    by_kind: dict[str, set[str]] = {"document": set(), "entity": set(), "claim": set(), "join": set()}
    for kind, ref in noted:
        by_kind.setdefault(kind, set()).add(ref)
    if len(by_kind["document"]) > WHOLE_STORE_AT:
        counted = fill_all(conn)
    else:
        asked = set(by_kind["claim"])
        for chunk in _chunks(by_kind["document"]):
            asked.update(conn.execute(_CLAIMS_OF_DOCUMENTS, {"ids": chunk}).scalars())
        if by_kind["join"] and not _joins_covered(conn, by_kind["join"], asked):
            by_kind["entity"] |= by_kind["join"]
        if by_kind["entity"]:
            # every member of the groups these entities stand in now (a split's two sides are both noted)
            members = members_of(conn, set(finals_of(conn, by_kind["entity"]).values()))
            for chunk in _chunks(members):
                asked.update(conn.execute(_CLAIMS_OF_ENTITIES, {"ids": chunk}).scalars())
        # a claim whose group changed changes the count of every claim of the group
        for group in aligned_groups(conn, asked).values():
            asked.update(group)
        existing = {c for chunk in _chunks(asked) for c in conn.execute(
            select(claims.c.id).where(claims.c.id.in_(chunk))).scalars()}
        for chunk in _chunks(asked - existing):  # claims removed: their rows go too
            conn.execute(_CLEAR, {"ids": chunk})
        _write(conn, live_corroboration_counts(conn, existing))
        counted = len(existing)
    for chunk in _chunks(noted):
        conn.execute(_CLEAR_STALE, {"keys": chunk})
    return counted


def _joins_covered(conn: Connection, joined: set[str], asked: set[str]) -> bool:
    """Whether the groups these entities' joins changed are all found from the claims `asked`: when nothing is
    merged into them and every claim naming them is asked, a group that held one of their claims before was
    made of claims naming them, and one that holds it now is that claim's group (refresh reads it); otherwise
    every claim of the groups they stand in now is recounted."""
    from claimgraph.store.derived import _MERGED_INTO

    for chunk in _chunks(joined):
        if conn.execute(_MERGED_INTO, {"ids": chunk}).first() is not None:
            return False
        if any(c not in asked for c in conn.execute(_CLAIMS_OF_ENTITIES, {"ids": chunk}).scalars()):
            return False
    return True


def fill_all(conn: Connection) -> int:
    """Count every claim of the store again in one pass (reading whole tables, not claim by claim); what was
    noted is then counted, and the notes go."""
    from claimgraph.store.derived import aligned_documents
    from claimgraph.store.records import count_from, source_meta

    docs_of: dict[str, set[str]] = defaultdict(set)
    for claim_id in conn.execute(select(claims.c.id)).scalars():
        docs_of[claim_id] = set()
    for claim_id, document_id in conn.execute(select(evidence.c.claim_id, evidence.c.document_id)):
        if claim_id in docs_of:
            docs_of[claim_id].add(document_id)
    for claim_id, docs in aligned_documents(conn).items():
        if claim_id in docs_of:
            docs_of[claim_id] |= docs
    meta = source_meta(conn, None)
    conn.execute(delete(claim_corroboration))
    conn.execute(delete(corroboration_stale))
    counts = {c: count_from(docs, meta) for c, docs in docs_of.items()}
    rows = [{"claim_id": c, **n} for c, n in sorted(counts.items())]
    for k in range(0, len(rows), 5000):
        conn.execute(insert(claim_corroboration), rows[k:k + 5000])
    return len(rows)
