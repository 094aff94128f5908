"""Human review: accept, reject or annotate claims and entities; merge and split entities. All logged, all reversible."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from claimgraph.linking import crossdoc
from claimgraph.model import stable_id
from claimgraph.resolve.names import norm_name
from claimgraph.store.schema import aliases, claims, entities, entity_merges, mentions, reviews
from claimgraph.store.writer import now

ACTIONS = ("accept", "reject", "annotate")
KINDS = ("claim", "entity")


class ReviewError(ValueError):
    """A review that cannot be applied (unknown target, action or kind)."""


def review(conn: Connection, kind: str, target_id: str, action: str, reviewer: str,
           note: str | None = None) -> dict[str, Any]:
    """Record a reviewer's decision on a claim or entity and apply it; returns the stored review.

    reject sets a claim's status to rejected (it stays stored; profiles skip it); accept of a
    rejected claim restores it; annotate only records the note. Entities take every action as a
    recorded judgement (merges and splits have their own functions).
    """
    if kind not in KINDS:
        raise ReviewError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if action not in ACTIONS:
        raise ReviewError(f"action must be one of {', '.join(ACTIONS)}, not {action!r}")
    if not reviewer:
        raise ReviewError("a review needs a reviewer name")
    table = claims if kind == "claim" else entities
    if conn.execute(select(table.c.id).where(table.c.id == target_id)).first() is None:
        raise ReviewError(f"no {kind} with id {target_id!r}")
    when = now()
    conn.execute(insert(reviews).values(target_kind=kind, target_id=target_id, action=action, reviewer=reviewer,
                                        created_at=when, note=note))
    if kind == "claim":
        _apply_claim_review(conn, target_id, action)
    return {"target_kind": kind, "target_id": target_id, "action": action, "reviewer": reviewer,
            "created_at": when, "note": note, "status": _status(conn, kind, target_id)}


def _status(conn: Connection, kind: str, target_id: str) -> str | None:
    if kind != "claim":
        return None
    return conn.execute(select(claims.c.status).where(claims.c.id == target_id)).scalar()


def _apply_claim_review(conn: Connection, claim_id: str, action: str) -> None:
    status = _status(conn, "claim", claim_id)
    if action == "reject" and status != "rejected":
        conn.execute(update(claims).where(claims.c.id == claim_id).values(status="rejected"))
    elif action == "accept" and status == "rejected":
        # back to active; the supersession step marks it again if a later claim ends it
        conn.execute(update(claims).where(claims.c.id == claim_id).values(status="active"))


def latest_reviews(conn: Connection, kind: str | None = None) -> dict[tuple[str, str], dict[str, Any]]:
    """The latest accept/reject decision of a human reviewer per target."""
    q = select(reviews).where(reviews.c.action.in_(("accept", "reject"))).order_by(reviews.c.id)
    if kind:
        q = q.where(reviews.c.target_kind == kind)
    return {(r["target_kind"], r["target_id"]): dict(r) for r in conn.execute(q).mappings()}


def history(conn: Connection, target_id: str) -> list[dict[str, Any]]:
    """Every review of a claim or entity, oldest first (who, when, what, why)."""
    return [dict(r) for r in conn.execute(select(reviews).where(reviews.c.target_id == target_id)
                                          .order_by(reviews.c.id)).mappings()]


def replay(conn: Connection) -> int:
    """Re-apply the latest human decision on every claim (after a re-ingest); returns claims changed."""
    changed = 0
    for (kind, target), r in latest_reviews(conn, "claim").items():
        before = _status(conn, kind, target)
        if before is None:
            continue
        _apply_claim_review(conn, target, r["action"])
        changed += _status(conn, kind, target) != before
    return changed


# ---------------------------------------------------------------------------- entities

def merge_entities(conn: Connection, keep_id: str, other_id: str, reviewer: str | None = None,
                   reason: str | None = None) -> dict[str, Any]:
    """Merge entity `other_id` (and everything merged into it) into `keep_id`; logged and reversible by a split."""
    keep, other = crossdoc.final_of(conn, keep_id), crossdoc.final_of(conn, other_id)
    for eid in (keep, other):
        if conn.execute(select(entities.c.id).where(entities.c.id == eid)).first() is None:
            raise ReviewError(f"no entity with id {eid!r}")
    if keep == other:
        raise ReviewError("these are already one entity")
    name = conn.execute(select(entities.c.name).where(entities.c.id == other)).scalar()
    conn.execute(update(entities).where(entities.c.id == other).values(merged_into=keep))
    crossdoc.record_merge(conn, "merge", keep, other, name, 1.0, reason or "merged by a reviewer", reviewer, now())
    return {"action": "merge", "kept_id": keep, "other_id": other, "alias": name, "reviewer": reviewer}


def split_entity(conn: Connection, entity_id: str, alias: str, reviewer: str | None = None,
                 reason: str | None = None) -> dict[str, Any]:
    """Take the name `alias` (its row, mentions and matching keys) out of an entity as an entity of its own.

    Where the name has a row of its own that was merged in, the merge is undone; otherwise a
    new row is made for it and the alias and mentions move there. Claims keep their subject
    rows (a claim is never rewritten). The split is logged and blocks automatic re-merging.
    """
    group = crossdoc.final_of(conn, entity_id)
    key = norm_name(alias)
    members = crossdoc.group_members(conn, group)
    rows = conn.execute(select(entities.c.id, entities.c.name, entities.c.type)
                        .where(entities.c.id.in_(sorted(members)))).all()
    own = [r for r in rows if norm_name(r.name) == key and r.id != group]
    if own:
        target = own[0]
        conn.execute(update(entities).where(entities.c.id == target.id).values(merged_into=None))
        new_id, type_ = target.id, target.type
    else:
        carriers = set(conn.execute(select(aliases.c.entity_id).where(
            aliases.c.entity_id.in_(sorted(members)), aliases.c.norm == key)).scalars())
        if not carriers:
            raise ReviewError(f"{alias!r} is not a name of entity {group!r}")
        if any(norm_name(r.name) == key for r in rows if r.id == group):
            raise ReviewError(f"{alias!r} is the entity's own name; split another name off instead")
        type_ = next(r.type for r in rows if r.id == group)
        new_id = stable_id("e", type_, key)
        if conn.execute(select(entities.c.id).where(entities.c.id == new_id)).first() is None:
            conn.execute(insert(entities).values(id=new_id, name=alias, type=type_, geo=None, external_ids={},
                                                 attrs={}))
        else:
            conn.execute(update(entities).where(entities.c.id == new_id).values(merged_into=None))
        # every spelling of the name moves with it (the store keeps one row per spelling)
        spellings = {alias} | set(conn.execute(select(aliases.c.alias).where(
            aliases.c.entity_id.in_(sorted(carriers)), aliases.c.norm == key)).scalars())
        conn.execute(delete(aliases).where(aliases.c.entity_id.in_(sorted(carriers)), aliases.c.norm == key))
        held = set(conn.execute(select(aliases.c.alias).where(aliases.c.entity_id == new_id)).scalars())
        for spelling in sorted(spellings - held):
            conn.execute(insert(aliases).values(entity_id=new_id, alias=spelling, norm=key))
        for mid, text in conn.execute(select(mentions.c.id, mentions.c.text)
                                      .where(mentions.c.entity_id.in_(sorted(carriers)))):
            if norm_name(text) == key:
                conn.execute(update(mentions).where(mentions.c.id == mid).values(entity_id=new_id))
        _rebuild_keys(conn, sorted(carriers | {new_id}))
    crossdoc.record_merge(conn, "split", group, new_id, alias, 1.0, reason or "split by a reviewer", reviewer, now())
    return {"action": "split", "kept_id": group, "other_id": new_id, "alias": alias, "reviewer": reviewer}


def _rebuild_keys(conn: Connection, entity_ids: list[str]) -> None:
    from claimgraph.store.derived import entity_keys

    conn.execute(delete(entity_keys).where(entity_keys.c.entity_id.in_(entity_ids)))
    for eid in entity_ids:
        type_ = conn.execute(select(entities.c.type).where(entities.c.id == eid)).scalar()
        names = set(conn.execute(select(aliases.c.alias).where(aliases.c.entity_id == eid)).scalars())
        crossdoc.add_keys(conn, eid, names, type_ or "Other")


def merge_log(conn: Connection, entity_id: str | None = None) -> list[dict[str, Any]]:
    """The merge/split log, optionally only the entries touching one entity's group."""
    rows = [dict(r) for r in conn.execute(select(entity_merges).order_by(entity_merges.c.id)).mappings()]
    if entity_id is None:
        return rows
    members = crossdoc.group_members(conn, crossdoc.final_of(conn, entity_id))
    return [r for r in rows if r["kept_id"] in members or r["other_id"] in members]
