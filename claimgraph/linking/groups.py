"""Entity groups in the store: rows linked by `entities.merged_into`, the merge log (`entity_merges`) with the
reviewers' splits it keeps apart, and the names a group goes by and is mentioned with.

The store writer asks these for every entity of every document (some ten queries an entity): the statements are
built once here with bound parameters, so each call pays for the query alone, not for building and keying a new
statement (about three quarters of a point query's cost in SQLAlchemy).
"""

from __future__ import annotations

import weakref

from sqlalchemy import Connection, RootTransaction, and_, bindparam, insert, select

from claimgraph.resolve.names import norm_name
from claimgraph.store.schema import aliases, entities, entity_merges, mentions

# co-mentioned names are read from at most this many of a group's documents
CONTEXT_DOCS = 20

_MERGED_INTO = select(entities.c.merged_into).where(entities.c.id == bindparam("id"))
_MERGED_FROM = select(entities.c.id).where(entities.c.merged_into.in_(bindparam("ids", expanding=True)))
_NAMES = select(aliases.c.alias).where(aliases.c.entity_id.in_(bindparam("ids", expanding=True)))
_SPLITS = select(entity_merges.c.kept_id, entity_merges.c.other_id, entity_merges.c.alias) \
    .where(entity_merges.c.action == "split")
_RECORD = insert(entity_merges)
# the reviewers' splits as one transaction read them: a row is added only by record_merge, which forgets them
_split_rows: weakref.WeakKeyDictionary[RootTransaction, list[tuple[str, str, str | None]]] = \
    weakref.WeakKeyDictionary()


def final_of(conn: Connection, entity_id: str) -> str:
    """Follow merged_into links to the entity that stands for this one now."""
    return final_from(conn, entity_id, conn.execute(_MERGED_INTO, {"id": entity_id}).scalar())


def final_from(conn: Connection, entity_id: str, merged_into: str | None) -> str:
    """final_of for a row whose merged_into was read with it (in the same transaction): no query when it is None."""
    seen = {entity_id}
    nxt = merged_into
    while nxt and nxt not in seen:
        seen.add(nxt)
        entity_id = nxt
        nxt = conn.execute(_MERGED_INTO, {"id": entity_id}).scalar()
    return entity_id


def group_members(conn: Connection, group: str) -> set[str]:
    """Every entity row that resolves to `group` (merged_into chains followed backwards)."""
    members = {group}
    frontier = [group]
    while frontier:
        rows = conn.execute(_MERGED_FROM, {"ids": frontier}).scalars().all()
        frontier = [r for r in rows if r not in members]
        members.update(frontier)
    return members


def names_of(conn: Connection, members: set[str]) -> set[str]:
    """Every stored name (alias) of the entity rows `members`."""
    return set(conn.execute(_NAMES, {"ids": sorted(members)}).scalars())


def splits(conn: Connection) -> list[tuple[str, str, str | None]]:
    """Every reviewer's split (kept id, split-off id, alias), read once per transaction.

    Within a transaction only record_merge adds a split, and it drops what was read; inside a savepoint, which
    may be rolled back, they are read each time.
    """
    txn = conn.get_transaction()
    if txn is None or conn.in_nested_transaction():
        return [tuple(r) for r in conn.execute(_SPLITS)]
    rows = _split_rows.get(txn)
    if rows is None:
        rows = _split_rows[txn] = [tuple(r) for r in conn.execute(_SPLITS)]
    return rows


def blocked_pairs(conn: Connection, groups: set[str]) -> set[frozenset[str]]:
    """Pairs of groups a reviewer split apart: never joined again automatically."""
    out = set()
    for kept, other, _alias in splits(conn):
        a, b = final_of(conn, kept), final_of(conn, other)
        if a in groups or b in groups:
            out.add(frozenset((a, b)))
    return out


def split_aliases(conn: Connection, group: str) -> set[str]:
    """Normalised names a reviewer split away from this group (not to be added back to it)."""
    return {norm_name(alias) for kept, _other, alias in splits(conn) if alias and final_of(conn, kept) == group}


def record_merge(conn: Connection, action: str, kept: str, other: str, alias: str | None, confidence: float,
                 reason: str, reviewer: str | None, when: str) -> None:
    """One row of the merge log (auto, merge or split)."""
    conn.execute(_RECORD, {"action": action, "kept_id": kept, "other_id": other, "alias": alias,
                           "confidence": round(confidence, 3), "reason": reason[:500], "reviewer": reviewer,
                           "created_at": when})
    txn = conn.get_transaction()
    if action == "split" and txn is not None:
        _split_rows.pop(txn, None)


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

