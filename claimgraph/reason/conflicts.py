"""Disagreements between stored claims: value, qualifier, polarity and superseded conflicts (all claims kept).

A superseded record is a change over time; where one side has no date at all it is reported as possible
("possible": true) and no status changes. Listings end by the same designator's delisting or by that of the
state an office acts for (qualifiers.designator_state), so a target's listings are always reasoned about whole.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from sqlalchemy import Connection, and_, func, insert, or_, select, update

from claimgraph.linking.schema import PredicateSchema, load_schema, state_named
from claimgraph.store.derived import final_map, finals_of, literal_key, members_of
from claimgraph.store.schema import claims, documents, entities, entity_merges, evidence, mentions, reviews

AUTO_REVIEWER = "claimgraph"  # reviews rows written by the automatic supersession step


@dataclass
class ClaimView:
    """One stored claim as reasoning sees it: canonical triple, times and sources."""

    id: str
    subject: str | None
    predicate: str
    object: str | None
    label: str
    negative: bool
    status: str
    qualifiers: dict[str, Any]
    passages: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (document id, qualifiers)
    dates: list[str] = field(default_factory=list)  # publication dates of its documents
    speculative: bool = False  # a forecast, plan, threat or condition: states no fact of any time yet
    subject_name: str = ""  # the canonical subject's name (an office's listing names the state it acts for)

    def _stated(self) -> list[dict[str, Any]]:
        """The times its passages state, the act's own dates first (not a re-designation, not the document's
        date standing in for one)."""
        found = [(q or {}) for q in [self.qualifiers, *(q for _, q in self.passages)]]
        times = [(q.get("time"), _own_time(q)) for q in found]
        dated = [(t, own) for t, own in times if isinstance(t, dict) and (t.get("start") or t.get("end"))]
        return [t for t, own in dated if own] + [t for t, own in dated if not own]

    def time(self) -> str | None:
        """The time the claim itself states (qualifiers.time.start), if any."""
        return next((str(t["start"]) for t in self._stated() if t.get("start")), None)

    def span(self) -> tuple[str | None, str | None] | None:
        """(start, end) of the time the claim states (either may be open), None when it states none."""
        for t in self._stated():
            return (str(t["start"]) if t.get("start") else None, str(t["end"]) if t.get("end") else None)
        return None

    def effective(self) -> str | None:
        """When the claim holds: its stated time, else the latest date a source said it (as of)."""
        return self.time() or (max(self.dates) if self.dates else None)

    def latest(self) -> str | None:
        """The latest time any passage says it held (a listing made again in 2001 holds from 2001), else as of."""
        starts = [str(t["start"]) for t in self._stated() if t.get("start")]
        return max(starts) if starts else self.effective()


def later(a: str | None, b: str | None) -> bool:
    """True when ISO date prefix `a` is strictly later than `b` at their common precision."""
    if not a or not b:
        return False
    n = min(len(a), len(b))
    return a[:n] > b[:n]


def spans_overlap(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    """True when two time spans share a moment; "before 2003" and "from 2003" only touch."""
    (a_start, a_end), (b_start, b_end) = a, b
    if a_end and b_start and not later(a_end, b_start):
        return False
    return not (b_end and a_start and not later(b_end, a_start))


def _ceased(view: ClaimView) -> bool:
    """Every passage of the claim says it stopped ('ceased' in its note), none only denies it."""
    notes = [str((q or {}).get("note") or "") for _, q in view.passages] or [str(view.qualifiers.get("note") or "")]
    return all("ceased" in n for n in notes)


def can_both_hold(x: ClaimView, y: ClaimView) -> bool:
    """Two claims of one triple can both be true when they speak of different times, or only one is dated
    (a denial "before 2003" and an assertion "after 2003" are a change, not a contradiction), or one of them
    is only a forecast or a condition."""
    if x.speculative or y.speculative:  # "will expand its ties" beside "had no ties": both may be true
        return True
    if any(v.negative and _ceased(v) for v in (x, y)):
        return True  # "stopped its hostility" says it held before: beside "was hostile" it is a change
    sx, sy = x.span(), y.span()
    if sx is None and sy is None:
        return False
    if sx is None or sy is None:
        return True
    return not spans_overlap(sx, sy)


def compatible_values(a: str, b: str) -> bool:
    """Two objects agree: equal, or one date a prefix of the other (1963 and 1963-05)."""
    if a == b:
        return True
    if a.startswith("date:") and b.startswith("date:"):
        x, y = a[5:], b[5:]
        return x.startswith(y) or y.startswith(x)
    return False


def load_views(conn: Connection, schema: PredicateSchema | None = None,
               subjects: set[str] | None = None) -> list[ClaimView]:
    """Every non-rejected claim with its canonical triple, passages and document dates.

    With `subjects`, only the claims whose canonical subject (after merges, inverses and
    symmetric ordering) is one of them: what reasoning about those entities needs, read by index.
    """
    schema = schema or load_schema()
    targets: set[str] = set()
    if subjects is None:
        finals = final_map(conn)
        names = dict(conn.execute(select(entities.c.id, entities.c.name)).all())
        published = dict(conn.execute(select(documents.c.id, documents.c.published)).all())
        # in id order, as the scoped read below: which later claim is named as the ender does not depend on it
        rows: list[Any] = list(conn.execute(select(claims).where(claims.c.status != "rejected")
                                            .order_by(claims.c.id)).mappings())
        passages: Any = conn.execute(select(evidence.c.claim_id, evidence.c.document_id, evidence.c.qualifiers)
                                     .order_by(evidence.c.id))
    else:
        rows, targets = _rows_about(conn, subjects, schema)
        ends = {i for r in rows for i in (r["subject_id"], r["object_id"]) if i}
        finals = finals_of(conn, ends)
        names = _names(conn, set(finals.values()))
        ids = [r["id"] for r in rows]
        passages = []
        published = {}
        for k in range(0, len(ids), 500):
            for cid, doc, q, pub in conn.execute(
                    select(evidence.c.claim_id, evidence.c.document_id, evidence.c.qualifiers, documents.c.published)
                    .join(documents, documents.c.id == evidence.c.document_id)
                    .where(evidence.c.claim_id.in_(ids[k:k + 500])).order_by(evidence.c.id)):
                passages.append((cid, doc, q))
                published[doc] = pub
    views: dict[str, ClaimView] = {}
    for r in rows:
        subject = finals.get(r["subject_id"], r["subject_id"])
        if r["object_id"]:
            obj = finals.get(r["object_id"], r["object_id"])
            label = names.get(obj, obj)
        else:
            obj = literal_key(r["object_value"], r["object_type"])
            label = repr(str(r["object_value"]))
        s, p, o = schema.canonical(subject, r["predicate"], obj)
        if subjects is not None and s not in subjects and not (p in schema.state_acts and o in targets):
            continue  # a listing by whoever, of a target reasoned about: a state's delisting may end it
        if r["object_id"]:  # a symmetric or inverse predicate may have swapped the ends
            label = names.get(o or "", o or "")
        views[r["id"]] = ClaimView(id=r["id"], subject=s, predicate=p, object=o, label=label,
                                   negative=r["polarity"] == "negative" or r["modality"] == "negated",
                                   status=r["status"], qualifiers=r["qualifiers"] or {},
                                   speculative=r["modality"] == "speculative", subject_name=names.get(s or "", ""))
    for cid, doc, q in passages:
        v = views.get(cid)
        if v is not None:
            v.passages.append((doc, q or {}))
            if published.get(doc):
                v.dates.append(str(published[doc]))
    return list(views.values())


def _swapping(schema: PredicateSchema) -> list[str]:
    """Predicates whose canonical form may put the object first (passive forms, symmetric ones)."""
    return sorted(set(schema.inverse.values()) | set(schema.symmetric))


def _names(conn: Connection, ids: set[str]) -> dict[str, str]:
    wanted = sorted(ids)
    out: dict[str, str] = {}
    for k in range(0, len(wanted), 500):
        out.update(conn.execute(select(entities.c.id, entities.c.name)
                                .where(entities.c.id.in_(wanted[k:k + 500]))).all())
    return out


def _rows_about(conn: Connection, subjects: set[str], schema: PredicateSchema) -> tuple[list[Any], set[str]]:
    """Non-rejected claim rows that may have one of `subjects` as canonical subject, and the listings of every
    target they list (a superset: callers filter); with the set of targets whose listings are all read."""
    ids = sorted(members_of(conn, subjects))
    swapping = _swapping(schema)
    out: dict[str, Any] = {}
    for k in range(0, len(ids), 500):
        chunk = ids[k:k + 500]
        q = select(claims).where(claims.c.status != "rejected", or_(
            claims.c.subject_id.in_(chunk), and_(claims.c.object_id.in_(chunk), claims.c.predicate.in_(swapping))))
        for r in conn.execute(q).mappings():
            out[r["id"]] = r
    # listings and delistings of these entities, or of the targets of their own, by anyone: an office's listing
    # ends with its state's delisting, so a target's listings are reasoned about whole
    passive = set(schema.inverse.values())
    met = {r["subject_id"] if r["predicate"] in passive else r["object_id"] for r in out.values()
           if r["predicate"] in schema.state_acts}
    targets = set(subjects) | set(finals_of(conn, {m for m in met if m}).values())
    wanted = sorted(set(ids) | set(members_of(conn, targets - set(subjects))))  # the subjects' members: read above
    acts = sorted(schema.state_acts)
    for k in range(0, len(wanted), 500):
        chunk = wanted[k:k + 500]
        q = select(claims).where(claims.c.status != "rejected", claims.c.predicate.in_(acts), or_(
            claims.c.object_id.in_(chunk), claims.c.subject_id.in_(chunk)))
        for r in conn.execute(q).mappings():
            out[r["id"]] = r
    return [out[i] for i in sorted(out)], targets


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


def _sources(view: ClaimView, cite: dict[str, str]) -> str:
    docs = sorted({cite.get(d, d) for d, _ in view.passages})
    return ", ".join(docs[:3]) + (f" +{len(docs) - 3}" if len(docs) > 3 else "")


def _cites(conn: Connection) -> dict[str, str]:
    out = {}
    for r in conn.execute(select(documents.c.id, documents.c.title, documents.c.source, documents.c.published)):
        name = r.source if not (r.source.endswith(".jsonl") or r.source.startswith("<")) else (r.title or r.id)
        out[r.id] = f"{name} ({r.published})" if r.published else name
    return out


def value_conflicts(views: list[ClaimView], names: dict[str, str], cite: dict[str, str],
                    schema: PredicateSchema) -> list[dict[str, Any]]:
    """One subject, a single-valued predicate, incompatible values."""
    groups: dict[tuple[Any, str], list[ClaimView]] = defaultdict(list)
    for v in views:
        if v.predicate in schema.single_valued and not v.negative and v.object:
            groups[(v.subject, v.predicate)].append(v)
    out = []
    for (subject, predicate), vs in sorted(groups.items(), key=lambda kv: str(kv[0])):
        values = sorted({v.object for v in vs if v.object})
        if not any(not compatible_values(a, b) for a, b in combinations(values, 2)):
            continue
        by_value = defaultdict(list)
        for v in vs:
            by_value[v.object].append(v)
        parts = [f"{grp[0].label} ({'; '.join(_sources(v, cite) for v in grp)})" for _, grp in sorted(by_value.items())]
        out.append({"kind": "value", "claims": sorted(v.id for v in vs),
                    "note": f"{names.get(subject or '', subject)} {predicate}: " + " vs ".join(parts)})
    return out


def _qualifier_value(key: str, value: Any) -> Any:
    if key == "time":
        return (value or {}).get("start") if isinstance(value, dict) else value
    return value


def _differ(key: str, a: Any, b: Any) -> bool:
    if key == "distance_km":
        try:
            x, y = float(a), float(b)
        except (TypeError, ValueError):
            return str(a) != str(b)
        return abs(x - y) > max(1.0, 0.1 * max(abs(x), abs(y)))
    if key == "time":
        return not (str(a).startswith(str(b)) or str(b).startswith(str(a)))
    return str(a).strip().lower() != str(b).strip().lower()


def qualifier_conflicts(views: list[ClaimView], names: dict[str, str], cite: dict[str, str],
                        schema: PredicateSchema) -> list[dict[str, Any]]:
    """The same triple said with different distance, direction, role, quantity or date."""
    groups: dict[tuple[Any, ...], list[ClaimView]] = defaultdict(list)
    for v in views:
        groups[(v.subject, v.predicate, v.object, v.negative)].append(v)
    out = []
    for (subject, predicate, _obj, _neg), vs in sorted(groups.items(), key=lambda kv: str(kv[0])):
        passages = [(v.id, doc, q) for v in vs for doc, q in (v.passages or [("", v.qualifiers)])]
        for key in schema.qualifier_keys:
            if key == "time" and predicate not in schema.single_time:
                continue  # a base held in 1986 and in 2003, two attacks in two years: no disagreement
            # two passages about an event disagree only when they are about the same time
            buckets: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
            for cid, doc, q in passages:
                if key == "time" and not _own_time(q):
                    continue  # a listing made again, a date the document only bounds: no second date for one act
                if predicate in schema.events and key != "time":
                    when = _qualifier_value("time", q.get("time"))
                    if when:
                        buckets[str(when)].append((cid, doc, q))
                else:
                    buckets[""].append((cid, doc, q))
            for when, group in sorted(buckets.items()):
                conflict = _qualifier_conflict(key, group, cite)
                if conflict:
                    at = f" ({when})" if when else ""
                    # each source's own value, so one claim row said two ways still shows both sayings
                    said = [{"claim": cid, "document_id": doc, key: q.get(key)} for cid, doc, q in group
                            if _qualifier_value(key, q.get(key)) not in (None, "")]
                    out.append({"kind": "qualifier", "claims": conflict[0], "passages": said,
                                "note": f"{names.get(subject or '', subject)} {predicate} {vs[0].label}{at}: "
                                        f"{key} {conflict[1]}"})
    return out


def _own_time(q: dict[str, Any]) -> bool:
    """False for a passage whose time is no date of the act it shares: a re-designation ('again in 2001') or the
    document's own date standing in for a date the sentence does not give."""
    t = q.get("time")
    return not q.get("redesignation") and not (isinstance(t, dict) and t.get("precision") == "as of the document")


def _qualifier_conflict(key: str, passages: list[tuple[str, str, dict[str, Any]]],
                        cite: dict[str, str]) -> tuple[list[str], str] | None:
    """(claim ids, "a (doc) vs b (doc)") when the passages give incompatible values for one qualifier."""
    said: dict[str, list[tuple[str, str]]] = defaultdict(list)  # value -> (claim id, document)
    for cid, doc, q in passages:
        value = _qualifier_value(key, q.get(key))
        if value not in (None, ""):
            said[str(value)].append((cid, doc))
    values = sorted(said)
    if not any(_differ(key, a, b) for a, b in combinations(values, 2)):
        return None
    ids = sorted({cid for pairs in said.values() for cid, _ in pairs})
    parts = [f"{val} ({', '.join(sorted({cite.get(d, d) for _, d in said[val] if d}))})" for val in values]
    return ids, " vs ".join(parts)


def polarity_conflicts(views: list[ClaimView], names: dict[str, str], cite: dict[str, str]) -> list[dict[str, Any]]:
    """The same triple asserted by some sources and denied by others."""
    groups: dict[tuple[Any, ...], list[ClaimView]] = defaultdict(list)
    for v in views:
        groups[(v.subject, v.predicate, v.object)].append(v)
    out = []
    for (subject, predicate, _obj), vs in sorted(groups.items(), key=lambda kv: str(kv[0])):
        pairs = [(p, n) for p in vs if not p.negative for n in vs if n.negative and not can_both_hold(p, n)]
        pos = sorted({p.id: p for p, _ in pairs}.values(), key=lambda v: v.id)
        neg = sorted({n.id: n for _, n in pairs}.values(), key=lambda v: v.id)
        if pairs:
            out.append({"kind": "polarity", "claims": sorted(v.id for v in pos + neg),
                        "note": f"{names.get(subject or '', subject)} {predicate} {vs[0].label}: said by "
                                f"{'; '.join(_sources(v, cite) for v in pos)}, denied by "
                                f"{'; '.join(_sources(v, cite) for v in neg)}"})
    return out


def changes_over_time(views: list[ClaimView], names: dict[str, str], cite: dict[str, str]) -> list[dict[str, Any]]:
    """One relation denied for one time and asserted for another: a timeline of the relation, not a conflict."""
    groups: dict[tuple[Any, ...], list[ClaimView]] = defaultdict(list)
    for v in views:
        groups[(v.subject, v.predicate, v.object)].append(v)
    out = []
    for (subject, predicate, _obj), vs in sorted(groups.items(), key=lambda kv: str(kv[0])):
        dated = [v for v in vs if v.span() is not None]
        if not (any(v.negative for v in dated) and any(not v.negative for v in dated)):
            continue
        # by start, an open start first ("until 2003" before "from 2003"), then by end: never by storage order
        steps = sorted(dated, key=lambda v: ((v.span() or (None, None))[0] or "", (v.span() or (None, None))[1] or "~"))
        if not all(can_both_hold(a, b) for a, b in combinations(steps, 2) if a.negative != b.negative):
            continue  # overlapping times: polarity_conflicts reports it
        timeline = []
        for v in steps:
            start, end = v.span() or (None, None)
            when = f"{start or '…'}–{end or '…'}"
            timeline.append({"claim": v.id, "polarity": "negative" if v.negative else "positive", "start": start,
                             "end": end, "note": f"{'not ' if v.negative else ''}{when} ({_sources(v, cite)})"})
        notes = [str(t["note"]) for t in timeline]
        out.append({"subject": subject, "predicate": predicate, "object": vs[0].label,
                    "claims": [t["claim"] for t in timeline], "timeline": timeline,
                    "note": f"{names.get(subject or '', subject)} {predicate} {vs[0].label} changed over time: "
                            + "; then ".join(notes)})
    return out


def relation_changes(conn: Connection) -> list[dict[str, Any]]:
    """Relations that changed over time (denied for one period, asserted for another), each as a timeline."""
    views = load_views(conn)
    names = dict(conn.execute(select(entities.c.id, entities.c.name)).all())
    return changes_over_time(views, names, _cites(conn))


def designator_state(view: ClaimView) -> str | None:
    """The state a listing or delisting is by: the state an office acts for (qualifiers.designator_state), else
    the designator itself when it is a state ('US', 'the United States')."""
    for q in [view.qualifiers, *(q for _, q in view.passages)]:
        if (q or {}).get("designator_state"):
            return str(q["designator_state"])
    return state_named(view.subject_name)


def _ending_pairs(views: list[ClaimView], schema: PredicateSchema
                  ) -> list[tuple[ClaimView, ClaimView, str, dict[str, Any]]]:
    """(starting claim, ending claim, note, pair) for every pair the registry says may end one another: the
    same subject and object, or for listings the same object and the same state behind the designators."""
    out: list[tuple[ClaimView, ClaimView, str, dict[str, Any]]] = []
    for pair in schema.ending:
        start, end = schema.canonical("s", pair["start"], "o")[1], schema.canonical("s", pair["end"], "o")[1]
        olds: dict[tuple[Any, ...], list[ClaimView]] = defaultdict(list)
        for v in views:
            if v.predicate == start and not v.negative:
                olds[(v.subject, v.object)].append(v)
                state = designator_state(v) if start in schema.state_acts else None
                if state:
                    olds[("state", state, v.object)].append(v)
        for new in views:
            if new.predicate != end or new.negative:
                continue
            state = designator_state(new) if end in schema.state_acts else None
            found = olds.get((new.subject, new.object), []) + (olds.get(("state", state, new.object), [])
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
    out = []
    for old, new, why in supersessions(views, schema):
        out.append({"kind": "superseded", "claims": [old.id, new.id], "change_over_time": True,
                    "note": f"{_who(old, names)} {old.predicate} {old.label} (as of {old.effective() or '?'}) "
                            f"is ended by {_who(new, names)} {new.predicate} {new.label} (as of "
                            f"{new.effective() or '?'}): {why}; a change over time, not a disagreement"})
    for old, new, why in possible_supersessions(views, schema):
        out.append({"kind": "superseded", "claims": [old.id, new.id], "change_over_time": True, "possible": True,
                    "note": f"{_who(old, names)} {old.predicate} {old.label} (as of {old.effective() or '?'}) "
                            f"may be ended by {_who(new, names)} {new.predicate} {new.label} (as of "
                            f"{new.effective() or '?'}): {why}; a possible change over time, not a disagreement"})
    return out


def _who(view: ClaimView, names: dict[str, str]) -> str:
    return names.get(view.subject or "", view.subject or "") or view.subject_name


def find_conflicts(conn: Connection) -> list[dict[str, Any]]:
    """Every disagreement between stored claims, as conflicts.jsonl records ({kind, claims, note})."""
    schema = load_schema()
    views = load_views(conn, schema)
    names = dict(conn.execute(select(entities.c.id, entities.c.name)).all())
    for v in views:  # literal subjects never occur, but keep labels for entity subjects readable
        names.setdefault(v.subject or "", v.subject or "")
    cite = _cites(conn)
    return (value_conflicts(views, names, cite, schema) + qualifier_conflicts(views, names, cite, schema)
            + polarity_conflicts(views, names, cite) + superseded_conflicts(views, names, schema))


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
