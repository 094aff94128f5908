"""The one claim count of an entity, shown alike by the entity list, profile, search, graph and API.

An entity's count is the number of distinct claims that involve it — as subject, object or
quoted speaker — with the entities merged into it folded in and rejected claims left out.
Every view asks this module, so a journalist never sees "12 claims" in a list and 15 on the
profile it links to.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Connection, func, inspect, or_, select

from claimgraph.store.idlists import in_ids
from claimgraph.store.schema import claims, entities, entity_claim_counts

CHUNK = 500
# a claim a reviewer rejected is no longer counted anywhere (an unreviewed one has no status at all in old stores)
KEPT = or_(claims.c.status.is_(None), claims.c.status != "rejected")
# built once, the list as one JSON parameter (store.idlists): a graph counts its 150 nodes on every read
_MERGED_INTO = select(entities.c.id, entities.c.merged_into).where(in_ids(entities.c.merged_into))
_KEPT_COUNTS = select(entity_claim_counts.c.entity_id, entity_claim_counts.c.claims).where(
    in_ids(entity_claim_counts.c.entity_id))


def _members(conn: Connection, entity_ids: list[str]) -> dict[str, str]:
    """Owner (the given id) of each id and of every entity merged into it, directly or in a chain."""
    owner = {i: i for i in entity_ids}
    frontier = list(entity_ids)
    while frontier:
        fresh = []
        for at in range(0, len(frontier), CHUNK):
            chunk = frontier[at: at + CHUNK]
            for merged, into in conn.execute(_MERGED_INTO, {"ids": chunk}):
                if merged not in owner:
                    owner[merged] = owner[into]
                    fresh.append(merged)
        frontier = fresh
    return owner


def claim_counts(conn: Connection, entity_ids: Iterable[str]) -> dict[str, int]:
    """Distinct non-rejected claims involving each entity (subject, object or speaker; merged ones folded in)."""
    ids = list(dict.fromkeys(i for i in entity_ids if i))
    owner = _members(conn, ids)
    # an entity with others merged into it is counted from its claim rows (one claim may name two of its
    # members); one standing alone is read from the counts the triggers of migration 0013 keep (one row, however
    # many claims name it), or in a store without them counted role by role from the indexes of migration 0009
    folded = {into for member, into in owner.items() if member != into}
    counts = _counted_rows(conn, {m: o for m, o in owner.items() if o in folded})
    alone = [i for i in ids if i not in folded]
    kept = _has_counts_table(conn)
    for at in range(0, len(alone), CHUNK):
        chunk = alone[at: at + CHUNK]
        found = conn.execute(_KEPT_COUNTS, {"ids": chunk}).all() if kept \
            else _counted_by_role(conn, chunk)
        for entity_id, n in found:
            counts[entity_id] = counts.get(entity_id, 0) + int(n)
    return {i: counts.get(i, 0) for i in ids}


def party_count(conn: Connection, entity_id: str) -> int | None:
    """Non-rejected claims naming an entity that stands alone as subject or object (its profile's claims), from the
    counts table; None when the store has no such table or others are merged into the entity (count the rows)."""
    if not _has_counts_table(conn) or conn.execute(
            select(entities.c.id).where(entities.c.merged_into == entity_id).limit(1)).first() is not None:
        return None
    return int(conn.execute(select(entity_claim_counts.c.party)
                            .where(entity_claim_counts.c.entity_id == entity_id)).scalar() or 0)


_tables_seen: dict[str, bool] = {}


def _has_counts_table(conn: Connection) -> bool:
    """Whether this store has migration 0013's counts table (checked once per store URL)."""
    url = str(conn.engine.url)
    if url not in _tables_seen:
        _tables_seen[url] = inspect(conn).has_table("entity_claim_counts")
    return _tables_seen[url]


def claim_counts_by_role(conn: Connection, entity_ids: Iterable[str]) -> dict[str, int]:
    """claim_counts of entities standing alone, counted from the claim indexes (what the counts table must equal)."""
    ids = list(dict.fromkeys(i for i in entity_ids if i))
    counts: dict[str, int] = {}
    for at in range(0, len(ids), CHUNK):
        for entity_id, n in _counted_by_role(conn, ids[at: at + CHUNK]):
            counts[entity_id] = counts.get(entity_id, 0) + n
    return {i: counts.get(i, 0) for i in ids}


def _counted_by_role(conn: Connection, chunk: list[str]) -> list[tuple[str, int]]:
    """(entity, claims) per role, each claim once per entity: as object only when not also its subject,
    as speaker only when neither subject nor object."""
    subject, obj, speaker = claims.c.subject_id, claims.c.object_id, claims.c.attributed_to_id
    queries = (
        select(subject, func.count()).where(KEPT, subject.in_(chunk)).group_by(subject),
        select(obj, func.count()).where(KEPT, obj.in_(chunk), subject != obj).group_by(obj),
        select(speaker, func.count()).where(KEPT, speaker.in_(chunk), subject != speaker,
                                            or_(obj.is_(None), obj != speaker)).group_by(speaker),
    )
    return [(row[0], int(row[1])) for query in queries for row in conn.execute(query)]


def _counted_rows(conn: Connection, owner: dict[str, str]) -> dict[str, int]:
    """Distinct non-rejected claims per owner, read claim by claim (members: entity -> the owner it counts for)."""
    involved: dict[str, set[str]] = defaultdict(set)
    members = list(owner)
    roles = (claims.c.subject_id, claims.c.object_id, claims.c.attributed_to_id)
    for at in range(0, len(members), CHUNK):
        chunk = members[at: at + CHUNK]
        query = select(claims.c.id, *roles).where(KEPT, or_(*(role.in_(chunk) for role in roles)))
        for row in conn.execute(query):
            for end in row[1:]:
                if end in owner:
                    involved[owner[end]].add(row[0])
    return {i: len(found) for i, found in involved.items()}


def claim_counts_by_rows(conn: Connection, entity_ids: Iterable[str]) -> dict[str, int]:
    """claim_counts read from every claim row of the entities (the slow reference the fast count must equal)."""
    ids = list(dict.fromkeys(i for i in entity_ids if i))
    counts = _counted_rows(conn, _members(conn, ids))
    return {i: counts.get(i, 0) for i in ids}


def all_claim_counts(conn: Connection) -> dict[str, int]:
    """claim_counts for every entity that stands on its own (not merged away), in one pass over the claims."""
    merged_into: dict[str, str | None] = dict(conn.execute(select(entities.c.id, entities.c.merged_into)).all())

    def final(entity_id: str) -> str:
        seen = set()
        nxt = merged_into.get(entity_id)
        while nxt and entity_id not in seen:
            seen.add(entity_id)
            entity_id, nxt = nxt, merged_into.get(nxt)
        return entity_id

    involved: dict[str, set[str]] = defaultdict(set)
    for row in conn.execute(select(claims.c.id, claims.c.subject_id, claims.c.object_id,
                                   claims.c.attributed_to_id).where(KEPT)):
        for end in row[1:]:
            if end:
                involved[final(end)].add(row[0])
    return {i: len(involved[i]) for i, into in merged_into.items() if not into}
