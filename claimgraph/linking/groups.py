"""Entity groups in the store: rows linked by `entities.merged_into`, the merge log (`entity_merges`) with the
reviewers' splits it keeps apart, and the names a group goes by and is mentioned with."""

from __future__ import annotations

from sqlalchemy import Connection, and_, insert, select

from claimgraph.resolve.names import norm_name
from claimgraph.store.schema import aliases, entities, entity_merges, mentions

# co-mentioned names are read from at most this many of a group's documents
CONTEXT_DOCS = 20


def final_of(conn: Connection, entity_id: str) -> str:
    """Follow merged_into links to the entity that stands for this one now."""
    seen = {entity_id}
    while True:
        nxt = conn.execute(select(entities.c.merged_into).where(entities.c.id == entity_id)).scalar()
        if not nxt or nxt in seen:
            return entity_id
        seen.add(nxt)
        entity_id = nxt


def group_members(conn: Connection, group: str) -> set[str]:
    """Every entity row that resolves to `group` (merged_into chains followed backwards)."""
    members = {group}
    frontier = [group]
    while frontier:
        rows = conn.execute(select(entities.c.id).where(entities.c.merged_into.in_(frontier))).scalars().all()
        frontier = [r for r in rows if r not in members]
        members.update(frontier)
    return members


def names_of(conn: Connection, members: set[str]) -> set[str]:
    """Every stored name (alias) of the entity rows `members`."""
    return set(conn.execute(select(aliases.c.alias).where(aliases.c.entity_id.in_(sorted(members)))).scalars())


def blocked_pairs(conn: Connection, groups: set[str]) -> set[frozenset[str]]:
    """Pairs of groups a reviewer split apart: never joined again automatically."""
    rows = conn.execute(select(entity_merges.c.kept_id, entity_merges.c.other_id)
                        .where(entity_merges.c.action == "split")).all()
    out = set()
    for kept, other in rows:
        a, b = final_of(conn, kept), final_of(conn, other)
        if a in groups or b in groups:
            out.add(frozenset((a, b)))
    return out


def split_aliases(conn: Connection, group: str) -> set[str]:
    """Normalised names a reviewer split away from this group (not to be added back to it)."""
    rows = conn.execute(select(entity_merges.c.kept_id, entity_merges.c.alias)
                        .where(entity_merges.c.action == "split")).all()
    return {norm_name(alias) for kept, alias in rows if alias and final_of(conn, kept) == group}


def record_merge(conn: Connection, action: str, kept: str, other: str, alias: str | None, confidence: float,
                 reason: str, reviewer: str | None, when: str) -> None:
    """One row of the merge log (auto, merge or split)."""
    conn.execute(insert(entity_merges).values(action=action, kept_id=kept, other_id=other, alias=alias,
                                              confidence=round(confidence, 3), reason=reason[:500],
                                              reviewer=reviewer, created_at=when))


def context_names(conn: Connection, members: set[str]) -> set[str]:
    """Normalised names of the entities mentioned with the group `members` (in up to CONTEXT_DOCS documents)."""
    docs = conn.execute(select(mentions.c.document_id).where(mentions.c.entity_id.in_(sorted(members)))
                        .distinct().limit(CONTEXT_DOCS)).scalars().all()
    if not docs:
        return set()
    co = select(mentions.c.entity_id).where(mentions.c.document_id.in_(docs)).distinct().scalar_subquery()
    return set(conn.execute(select(aliases.c.norm).where(and_(aliases.c.entity_id.in_(co),
                                                              aliases.c.entity_id.notin_(sorted(members)))))
               .scalars())

