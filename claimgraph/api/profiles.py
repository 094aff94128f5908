"""Entity profiles for the API: claimgraph.profile's sections and sentences over scoped reads.

`claimgraph.profile.build_profile` reads every entity, every document and every conflict of
the store; here the same profile is put together from the entity's own claims, the reference
facts about it and the conflicts and changes over time that name its claims (api.cache.conflicts_of:
the whole-store lists while they are valid, else read from those claims' subjects, never waiting
for a whole-store scan). A page (`limit`, `offset`) holds that many of the entity's non-rejected
claims in claim id order; one page holding them all is build_profile's profile (tests/test_api.py).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, func, select

from claimgraph.api import queries
from claimgraph.api.cache import conflicts_of
from claimgraph.profile import Profile, assemble
from claimgraph.store import records
from claimgraph.store.schema import claims as claims_table


def profile_query(ids: list[str]) -> Select[Any]:
    """The claims a profile shows (the entity or a merged-in one as subject or object, not rejected), by id."""
    return records.claims_query(ids).where(claims_table.c.status != "rejected")


def scoped_profile(conn: Connection, entity_id: str, limit: int | None = None, offset: int = 0) -> Profile:
    """The profile build_profile would give for an entity (its id after merges), or one page of its claims."""
    record = queries.entity_records(conn, [entity_id])[0]
    entity = {"id": record["id"], "name": record["name"], "type": record["type"]}
    ids = queries.merged_ids(conn, entity["id"])
    query = profile_query(ids)
    if limit is not None or offset:
        query = query.limit(limit).offset(offset)
    claims = queries.fetch_claims(conn, query)
    conflicts, changes = conflicts_of(conn, [c["id"] for c in claims])
    profile = assemble({**entity, "geo": record.get("geo")}, record.get("aliases", []), claims, conflicts)
    profile.changes = changes
    profile.reference = list(records.iter_reference(conn, ids))
    profile.claim_count = queries.claim_counts(conn, [entity["id"]])[entity["id"]]
    return profile


def profile_total(conn: Connection, entity_id: str) -> int:
    """How many claims the whole profile of an entity (its id after merges) shows, over every page."""
    from claimgraph.views.counts import party_count

    # one row of the counts table for an entity standing alone; a hub's rows are not counted on every page
    kept = party_count(conn, entity_id)
    if kept is not None:
        return kept
    inner = profile_query(queries.merged_ids(conn, entity_id)).order_by(None).with_only_columns(claims_table.c.id)
    return conn.execute(select(func.count()).select_from(inner.subquery())).scalar() or 0
