"""Entity profiles for the API: claimgraph.profile's sections and sentences over scoped reads.

`claimgraph.profile.build_profile` reads every entity, every document and every conflict of
the store; here the same profile is put together from the entity's own claims and the
cached conflicts, so a profile page stays fast on a large store. tests/test_api.py checks
that both give the same profile.
"""

from __future__ import annotations

from sqlalchemy import Connection

from claimgraph.api import queries
from claimgraph.api.cache import cached_conflicts
from claimgraph.profile import Profile, assemble
from claimgraph.store import records


def scoped_profile(conn: Connection, entity_id: str) -> Profile:
    """The profile build_profile would give for an entity (its id after merges)."""
    record = queries.entity_records(conn, [entity_id])[0]
    entity = {"id": record["id"], "name": record["name"], "type": record["type"]}
    ids = queries.merged_ids(conn, entity["id"])
    claims = queries.fetch_claims(conn, records.claims_query(ids))
    profile = assemble({**entity, "geo": record.get("geo")}, record.get("aliases", []), claims,
                       cached_conflicts(conn))
    profile.claim_count = queries.claim_counts(conn, [entity["id"]])[entity["id"]]
    return profile

