"""Supersession: a later claim that ends an earlier one (ending pairs, changing single values), and the
after-ingest step that marks the ended claims superseded, revisiting only the subjects a batch touches.

A superseded record is a change over time; where one side has no date at all it is reported as possible
("possible": true) and no status changes. Listings end by the same designator's delisting or by that of the
state an office acts for (qualifiers.designator_state), so a target's listings are always reasoned about whole.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from claimgraph.linking.schema import PredicateSchema, load_schema, state_named
from claimgraph.reason.claim_views import ClaimView, compatible_values, later, load_views
from claimgraph.store.derived import finals_of, literal_key, members_of
from claimgraph.store.schema import claims, documents, entity_merges, evidence, mentions, reviews

AUTO_REVIEWER = "claimgraph"  # reviews rows written by the automatic supersession step


def touched_subjects(conn: Connection, document_ids: list[str], schema: PredicateSchema | None = None) -> set[str]:
    """Canonical subjects whose claims a batch of documents may have changed the reasoning about.

    The subjects of the batch's own claims; every entity group it mentions (a new name merged
    into a group regroups the group's claims); and what changed since the last completed step:
    groups merged or split (and the subjects of claims naming a re-pointed entity as object) and
    claims a reviewer decided on. Supersession is decided within one canonical subject, so
    recomputing these subjects gives what a recomputation of the whole store gives.
    """
    from claimgraph.store.pending import last_done

    schema = schema or load_schema()
    rows: dict[str, Any] = {}
    mentioned: set[str] = set()
    for k in range(0, len(document_ids), 500):
        chunk = document_ids[k:k + 500]
        for r in conn.execute(select(claims).where(claims.c.id.in_(
                select(evidence.c.claim_id).where(evidence.c.document_id.in_(chunk))))).mappings():
            rows[r["id"]] = r
        mentioned.update(conn.execute(select(mentions.c.entity_id).where(mentions.c.document_id.in_(chunk))
                                      .distinct()).scalars())
    # what happened since the last completed step (or since these documents were stored, if earlier)
    since = [t for t in (last_done(conn), conn.execute(select(func.min(documents.c.ingested_at)).where(
        documents.c.id.in_(document_ids[:500]))).scalar()) if t]
    moved: set[str] = set()
    if since:
        when = min(since)
        for kept, other in conn.execute(select(entity_merges.c.kept_id, entity_merges.c.other_id)
                                        .where(entity_merges.c.created_at >= when)):
            mentioned.update((kept, other))
            moved.add(other)
        reviewed = sorted(set(conn.execute(select(reviews.c.target_id).where(
            reviews.c.target_kind == "claim", reviews.c.reviewer != AUTO_REVIEWER,
            reviews.c.created_at >= when)).scalars()))
        for k in range(0, len(reviewed), 500):
            for r in conn.execute(select(claims).where(claims.c.id.in_(reviewed[k:k + 500]))).mappings():
                rows[r["id"]] = r
    if moved:  # claims naming a re-pointed entity as object now have another triple
        ids = sorted(members_of(conn, moved))
        for k in range(0, len(ids), 500):
            for r in conn.execute(select(claims).where(claims.c.object_id.in_(ids[k:k + 500]))).mappings():
                rows[r["id"]] = r
    ends = {i for r in rows.values() for i in (r["subject_id"], r["object_id"]) if i} | mentioned
    finals = finals_of(conn, ends)
    out = {finals.get(m, m) for m in mentioned}
    for r in rows.values():
        subject = finals.get(r["subject_id"], r["subject_id"])
        obj = finals.get(r["object_id"], r["object_id"]) if r["object_id"] else \
            literal_key(r["object_value"], r["object_type"])
        s, _, _ = schema.canonical(subject, r["predicate"], obj)
        if s:
            out.add(s)
    return out

def designator_state(view: ClaimView) -> str | None:
    """The state a listing or delisting is by: the state an office acts for (qualifiers.designator_state), else
    the designator itself when it is a state ('US', 'the United States')."""
    for q in [view.qualifiers, *(q for _, q in view.passages)]:
        if (q or {}).get("designator_state"):
            return str(q["designator_state"])
    return state_named(view.subject_name)

def _pair_key(view: ClaimView, flipped: bool) -> tuple[Any, ...]:
    """(subject, object) of a view in the order its ending pair writes them."""
    return (view.object, view.subject) if flipped else (view.subject, view.object)


def _ending_pairs(views: list[ClaimView], schema: PredicateSchema
                  ) -> list[tuple[ClaimView, ClaimView, str, dict[str, Any]]]:
    """(starting claim, ending claim, note, pair) for every pair the registry says may end one another: the
    same subject and object, or for listings the same object and the same state behind the designators."""
    out: list[tuple[ClaimView, ClaimView, str, dict[str, Any]]] = []
    for pair in schema.ending:
        # views hold canonical triples: a pair written with a passive form ("member_of" ended by "left") is keyed
        # back in the pair's own order, so the member and the body line up on both sides
        s_at, start, _ = schema.canonical("s", pair["start"], "o")
        e_at, end, _ = schema.canonical("s", pair["end"], "o")
        olds: dict[tuple[Any, ...], list[ClaimView]] = defaultdict(list)
        for v in views:
            if v.predicate == start and not v.negative:
                olds[_pair_key(v, s_at == "o")].append(v)
                state = designator_state(v) if start in schema.state_acts else None
                if state:
                    olds[("state", state, v.object)].append(v)
        for new in views:
            if new.predicate != end or new.negative:
                continue
            state = designator_state(new) if end in schema.state_acts else None
            found = olds.get(_pair_key(new, e_at == "o"), []) + (olds.get(("state", state, new.object), [])
                                                                if state else [])
            for old in {v.id: v for v in found}.values():
                out.append((old, new, pair.get("note", f"{start} ended by {end}"), pair))
    return out

def supersessions(views: list[ClaimView], schema: PredicateSchema) -> list[tuple[ClaimView, ClaimView, str]]:
    """(earlier claim, later claim that ends it, why) for ending pairs and changing single values."""
    by_triple: dict[tuple[Any, ...], list[ClaimView]] = defaultdict(list)
    by_subject: dict[tuple[Any, ...], list[ClaimView]] = defaultdict(list)
    denials: dict[tuple[Any, ...], list[ClaimView]] = defaultdict(list)
    for v in views:
        if v.negative:
            denials[(v.subject, v.predicate, v.object)].append(v)
        else:
            by_triple[(v.subject, v.predicate, v.object)].append(v)
            by_subject[(v.subject, v.predicate)].append(v)
    out: list[tuple[ClaimView, ClaimView, str]] = []
    ended: set[str] = set()
    for old, new, why, _ in _ending_pairs(views, schema):
        if old.id not in ended and later(new.effective(), old.latest()):
            out.append((old, new, why))
            ended.add(old.id)
    for pair in schema.ending:
        start = schema.canonical("s", pair["start"], "o")[1]
        # "no longer listed": a later denial of the starting predicate ends it too
        for (s, p, o), olds in by_triple.items():
            if p != start:
                continue
            for old in olds:
                for new in denials.get((s, p, o), []):
                    if later(new.time() or (min(new.dates) if new.dates else None), old.effective()):
                        out.append((old, new, f"no longer {start} according to a later source"))
                        break
    for (_s, p), vs in by_subject.items():
        if p not in schema.changes_over_time:
            continue
        for old, new in combinations(sorted(vs, key=lambda v: v.effective() or ""), 2):
            if not compatible_values(old.object or "", new.object or "") and later(new.effective(), old.effective()):
                out.append((old, new, f"{p} changed"))
    return out

def possible_supersessions(views: list[ClaimView], schema: PredicateSchema) -> list[tuple[ClaimView, ClaimView, str]]:
    """(earlier claim, claim that may end it, why) for ending pairs of which one has no known date at all: a listing
    and an undated delisting are a possible change over time, not a plain disagreement (no status changes)."""
    out = []
    decided = {old.id for old, _, _ in supersessions(views, schema)}  # already ended by a dated claim
    for old, new, why, _ in _ending_pairs(views, schema):
        if old.id not in decided and (old.effective() is None or new.effective() is None):
            missing = "either" if old.effective() is None and new.effective() is None else \
                (old.predicate if old.effective() is None else new.predicate)
            out.append((old, new, f"{why}, possibly: no date known for {missing}"))
    return out

def superseded_conflicts(views: list[ClaimView], names: dict[str, str], schema: PredicateSchema) -> list[dict[str, Any]]:
    """One record per earlier claim and the later claim that ends it."""
    return [r for _, r in keyed_superseded_conflicts(views, names, schema)]

def keyed_superseded_conflicts(views: list[ClaimView], names: dict[str, str],
                               schema: PredicateSchema) -> list[tuple[list[str], dict[str, Any]]]:
    """superseded_conflicts, each with its order key: the ended claims first, then the possible ones, each by
    earlier then later claim (an order any set of views gives alike, which the detection order is not)."""
    out = []
    for old, new, why in supersessions(views, schema):
        out.append((["3", "0", old.id, new.id], {
            "kind": "superseded", "claims": [old.id, new.id], "change_over_time": True,
            "note": f"{_who(old, names)} {old.predicate} {old.label} (as of {old.effective() or '?'}) "
                    f"is ended by {_who(new, names)} {new.predicate} {new.label} (as of "
                    f"{new.effective() or '?'}): {why}; a change over time, not a disagreement"}))
    for old, new, why in possible_supersessions(views, schema):
        out.append((["3", "1", old.id, new.id], {
            "kind": "superseded", "claims": [old.id, new.id], "change_over_time": True, "possible": True,
            "note": f"{_who(old, names)} {old.predicate} {old.label} (as of {old.effective() or '?'}) "
                    f"may be ended by {_who(new, names)} {new.predicate} {new.label} (as of "
                    f"{new.effective() or '?'}): {why}; a possible change over time, not a disagreement"}))
    for key, record in out:
        key.append(str(record["note"]))  # two reasons one pair ends: by their notes
    return sorted(out, key=lambda kr: kr[0])

def _who(view: ClaimView, names: dict[str, str]) -> str:
    return names.get(view.subject or "", view.subject or "") or view.subject_name

def apply_status(conn: Connection, when: str, document_ids: list[str] | None = None) -> dict[str, int]:
    """Mark claims a later claim ends as superseded (and restore ones whose ender is gone); returns counts.

    Only this step's own marks are undone (tracked as reviews by AUTO_REVIEWER); statuses set
    by reviewers or by an erratum are left alone, and a rejected claim stays rejected. Given the
    batch of documents it runs for (here or named by the after-ingest step on the connection),
    only the subjects those documents touch are recomputed; otherwise the whole store.
    """
    from claimgraph.store.pending import BATCH_KEY

    schema = load_schema()
    batch = document_ids if document_ids is not None else conn.info.get(BATCH_KEY)
    if batch is None:
        views = load_views(conn, schema)
        auto = _auto_marked(conn)
    else:
        views = load_views(conn, schema, touched_subjects(conn, list(batch), schema))
        auto = _auto_marked(conn, [v.id for v in views])
    ends = {old.id: new.id for old, new, _ in supersessions(views, schema)}
    status = {v.id: v.status for v in views}
    changed = {"superseded": 0, "restored": 0}
    for old_id, new_id in sorted(ends.items()):
        if status.get(old_id) == "active":
            conn.execute(update(claims).where(claims.c.id == old_id).values(status="superseded"))
            conn.execute(insert(reviews).values(target_kind="claim", target_id=old_id, action="supersede",
                                                reviewer=AUTO_REVIEWER, created_at=when, note=f"ended by {new_id}"))
            changed["superseded"] += 1
    for claim_id in sorted(auto - set(ends)):
        if status.get(claim_id) == "superseded":
            conn.execute(update(claims).where(claims.c.id == claim_id).values(status="active"))
            conn.execute(insert(reviews).values(target_kind="claim", target_id=claim_id, action="restore",
                                                reviewer=AUTO_REVIEWER, created_at=when, note="no later claim ends it"))
            changed["restored"] += 1
    return changed

def _auto_marked(conn: Connection, claim_ids: list[str] | None = None) -> set[str]:
    """Claims whose latest automatic status change was a supersession (of all, or of these claims)."""
    latest: dict[str, str] = {}
    base = select(reviews.c.target_id, reviews.c.action).where(
        reviews.c.target_kind == "claim", reviews.c.reviewer == AUTO_REVIEWER).order_by(reviews.c.id)
    queries = [base] if claim_ids is None else \
        [base.where(reviews.c.target_id.in_(sorted(claim_ids)[k:k + 500])) for k in range(0, len(claim_ids), 500)]
    for q in queries:
        for target, action in conn.execute(q):
            latest[target] = action
    return {t for t, a in latest.items() if a == "supersede"}
