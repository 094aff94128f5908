"""Timeline keys (migration 0017): each timed claim's placement start under every entity it names, so a page of
an entity's timeline is an index walk that stops at the page, not a reading of all the entity's timed claims.

`timeline_keys` holds (entity, claim, placement start) for the claim's subject, object and speaker (raw ids:
readers ask for an entity and everything merged into it) and once under "" for the whole-store timeline; a NULL
start is a time that cannot be placed. Triggers note in `timeline_stale` every write that may move a key (a claim
written, its time or ends changed, evidence added or removed, a document's date changed); readers place noted
claims live and the after-ingest steps (reason.plugin.after_ingest) recompute them and clear the notes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Column, Connection, Index, MetaData, Select, String, Table, Text, cast, func, inspect, select

from claimgraph.store.schema import claims, documents, evidence

# its own metadata, as the counts table's: a schema made by metadata.create_all (no migrations, no triggers) has
# no keys, and the timeline then places every candidate live
timeline_metadata = MetaData()
timeline_keys = Table(
    "timeline_keys",
    timeline_metadata,
    Column("entity_id", String(64), primary_key=True),  # "" for the whole-store timeline
    Column("claim_id", String(64), primary_key=True),
    Column("start", String(10)),  # the placement's first day (ISO); NULL: the time cannot be placed
    Index("ix_timeline_keys_walk", "entity_id", "start", "claim_id"),
    Index("ix_timeline_keys_claim", "claim_id"),
)
timeline_stale = Table(
    "timeline_stale",
    timeline_metadata,
    Column("claim_id", String(64), primary_key=True),
)
WHOLE = ""
CHUNK = 2000


def first_published() -> Any:
    """The publication date of a claim's first document (evidence in document id order, as its record lists
    it), as a scalar subquery of the claims row: one index lookup a row, in the same statement."""
    # correlated to the claims row two levels up (auto-correlation looks one level up only)
    first = select(func.min(evidence.c.document_id)).where(evidence.c.claim_id == claims.c.id) \
        .correlate(claims).scalar_subquery()
    return select(documents.c.published).where(documents.c.id == first).scalar_subquery()


def timed(query: Select[Any]) -> Select[Any]:
    """The claims of a query that have a time qualifier."""
    return query.where(claims.c.qualifiers.cast(Text).contains('"time"'))


def time_columns(query: Select[Any], *extra: Any) -> Select[Any]:
    """(claim id, its time qualifier as stored JSON text, its first document's date, *extra) of a query's timed
    claims, no evidence, entities or corroboration."""
    return timed(query).with_only_columns(claims.c.id, cast(claims.c.qualifiers["time"], Text), first_published(),
                                          *extra).order_by(None)


_seen: dict[str, bool] = {}


def has_keys(conn: Connection) -> bool:
    """Whether this store has migration 0017's tables (checked once per store URL)."""
    url = str(conn.engine.url)
    if url not in _seen:
        _seen[url] = inspect(conn).has_table("timeline_keys")
    return _seen[url]


def refresh_keys(conn: Connection, claim_ids: Iterable[str] | None = None) -> int:
    """Compute the keys of these claims again (of every claim without ids) and clear their notes; returns how
    many claims were read."""
    from claimgraph.views.timeline_page import placed

    if claim_ids is None:
        conn.execute(timeline_keys.delete())
        conn.execute(timeline_stale.delete())
        ids = list(conn.execute(timed(select(claims.c.id)).order_by(claims.c.id)).scalars())
    else:
        ids = sorted(set(claim_ids))
    for at in range(0, len(ids), CHUNK):
        chunk = ids[at: at + CHUNK]
        if claim_ids is not None:
            conn.execute(timeline_keys.delete().where(timeline_keys.c.claim_id.in_(chunk)))
            conn.execute(timeline_stale.delete().where(timeline_stale.c.claim_id.in_(chunk)))
        rows = []
        statement = time_columns(select(claims).where(claims.c.id.in_(chunk)), claims.c.subject_id,
                                 claims.c.object_id, claims.c.attributed_to_id)
        for cid, t, pub, *ends in conn.execute(statement):
            found = placed(t, str(pub) if pub else None) if t else None
            if found is None:
                continue
            start = found[0]["start"] if found[0] else None
            rows += [{"entity_id": e, "claim_id": cid, "start": start} for e in {WHOLE, *(e for e in ends if e)}]
        if rows:
            conn.execute(timeline_keys.insert(), rows)
    return len(ids)


def refresh_stale(conn: Connection) -> int:
    """Compute the keys the triggers noted again (the after-ingest steps' last step); returns how many."""
    if not has_keys(conn):
        return 0
    noted = list(conn.execute(select(timeline_stale.c.claim_id)).scalars())
    return refresh_keys(conn, noted) if noted else 0
