"""Disagreements between stored claims: value, qualifier, polarity and superseded conflicts (all claims kept),
and relations that changed over time (denied for one period, asserted for another).

The claims are read as views (reason/claim_views.py); which later claim ends an earlier one is decided in
reason/supersession.py, whose records are listed here with the other conflicts.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

from sqlalchemy import Connection, select

from claimgraph.linking.schema import PredicateSchema, load_schema
from claimgraph.reason.claim_views import ClaimView, compatible_values, load_views, own_time, spans_overlap
from claimgraph.reason.supersession import superseded_conflicts
from claimgraph.store.schema import documents, entities

# names other modules and plugins import from here (reading views, supersession)
__all__ = ["ClaimView", "can_both_hold", "changes_over_time", "find_conflicts", "load_views",
           "polarity_conflicts", "qualifier_conflicts", "relation_changes", "superseded_conflicts",
           "value_conflicts"]


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
    return [r for _, r in keyed_value_conflicts(views, names, cite, schema)]

def keyed_value_conflicts(views: list[ClaimView], names: dict[str, str], cite: dict[str, str],
                          schema: PredicateSchema) -> list[tuple[list[str], dict[str, Any]]]:
    """value_conflicts, each with its place in the whole-store order (an order key)."""
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
        out.append((["0", str((subject, predicate))], {
            "kind": "value", "claims": sorted(v.id for v in vs),
            "note": f"{names.get(subject or '', subject)} {predicate}: " + " vs ".join(parts)}))
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
    return [r for _, r in keyed_qualifier_conflicts(views, names, cite, schema)]

def keyed_qualifier_conflicts(views: list[ClaimView], names: dict[str, str], cite: dict[str, str],
                              schema: PredicateSchema) -> list[tuple[list[str], dict[str, Any]]]:
    """qualifier_conflicts, each with its place in the whole-store order."""
    groups: dict[tuple[Any, ...], list[ClaimView]] = defaultdict(list)
    for v in views:
        groups[(v.subject, v.predicate, v.object, v.negative)].append(v)
    out = []
    for triple, vs in sorted(groups.items(), key=lambda kv: str(kv[0])):
        subject, predicate = triple[0], triple[1]
        passages = [(v.id, doc, q) for v in vs for doc, q in (v.passages or [("", v.qualifiers)])]
        for rank, key in enumerate(schema.qualifier_keys):
            if key == "time" and predicate not in schema.single_time:
                continue  # a base held in 1986 and in 2003, two attacks in two years: no disagreement
            # two passages about an event disagree only when they are about the same time
            buckets: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
            for cid, doc, q in passages:
                if key == "time" and not own_time(q):
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
                    out.append((["1", str(triple), f"{rank:04d}", when], {
                        "kind": "qualifier", "claims": conflict[0], "passages": said,
                        "note": f"{names.get(subject or '', subject)} {predicate} {vs[0].label}{at}: "
                                f"{key} {conflict[1]}"}))
    return out

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
    return [r for _, r in keyed_polarity_conflicts(views, names, cite)]

def keyed_polarity_conflicts(views: list[ClaimView], names: dict[str, str],
                             cite: dict[str, str]) -> list[tuple[list[str], dict[str, Any]]]:
    """polarity_conflicts, each with its place in the whole-store order."""
    groups: dict[tuple[Any, ...], list[ClaimView]] = defaultdict(list)
    for v in views:
        groups[(v.subject, v.predicate, v.object)].append(v)
    out = []
    for group, vs in sorted(groups.items(), key=lambda kv: str(kv[0])):
        subject, predicate = group[0], group[1]
        pairs = [(p, n) for p in vs if not p.negative for n in vs if n.negative and not can_both_hold(p, n)]
        pos = sorted({p.id: p for p, _ in pairs}.values(), key=lambda v: v.id)
        neg = sorted({n.id: n for _, n in pairs}.values(), key=lambda v: v.id)
        if pairs:
            out.append((["2", str(group)], {
                "kind": "polarity", "claims": sorted(v.id for v in pos + neg),
                "note": f"{names.get(subject or '', subject)} {predicate} {vs[0].label}: said by "
                        f"{'; '.join(_sources(v, cite) for v in pos)}, denied by "
                        f"{'; '.join(_sources(v, cite) for v in neg)}"}))
    return out

def changes_over_time(views: list[ClaimView], names: dict[str, str], cite: dict[str, str]) -> list[dict[str, Any]]:
    """One relation denied for one time and asserted for another: a timeline of the relation, not a conflict."""
    return [r for _, r in keyed_changes_over_time(views, names, cite)]

def keyed_changes_over_time(views: list[ClaimView], names: dict[str, str],
                            cite: dict[str, str]) -> list[tuple[list[str], dict[str, Any]]]:
    """changes_over_time, each with its place in the whole-store order."""
    groups: dict[tuple[Any, ...], list[ClaimView]] = defaultdict(list)
    for v in views:
        groups[(v.subject, v.predicate, v.object)].append(v)
    out = []
    for group, vs in sorted(groups.items(), key=lambda kv: str(kv[0])):
        subject, predicate = group[0], group[1]
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
        out.append(([str(group)], {
            "subject": subject, "predicate": predicate, "object": vs[0].label,
            "claims": [t["claim"] for t in timeline], "timeline": timeline,
            "note": f"{names.get(subject or '', subject)} {predicate} {vs[0].label} changed over time: "
                    + "; then ".join(notes)}))
    return out

def relation_changes(conn: Connection) -> list[dict[str, Any]]:
    """Relations that changed over time (denied for one period, asserted for another), each as a timeline."""
    views = load_views(conn)
    names = dict(conn.execute(select(entities.c.id, entities.c.name)).all())
    return changes_over_time(views, names, _cites(conn))

def find_conflicts(conn: Connection) -> list[dict[str, Any]]:
    """Every disagreement between stored claims, as conflicts.jsonl records ({kind, claims, note})."""
    return [r for _, r in keyed_reading(conn, changes=False)[0]]

Keyed = list[tuple[list[str], dict[str, Any]]]

def keyed_records(views: list[ClaimView], names: dict[str, str], cite: dict[str, str],
                  schema: PredicateSchema) -> tuple[Keyed, Keyed]:
    """(conflicts, changes over time) of these views, each with its order key: a list of records read from any
    set of views is in the order of its keys (claimgraph.views.conflict_sections keeps them apart)."""
    from claimgraph.reason.supersession import keyed_superseded_conflicts

    found = (keyed_value_conflicts(views, names, cite, schema) + keyed_qualifier_conflicts(views, names, cite, schema)
             + keyed_polarity_conflicts(views, names, cite) + keyed_superseded_conflicts(views, names, schema))
    return found, keyed_changes_over_time(views, names, cite)

def keyed_reading(conn: Connection, changes: bool = True) -> tuple[Keyed, Keyed]:
    """The whole store's (conflicts, changes over time; none unless asked), each with its order key."""
    schema = load_schema()
    views = load_views(conn, schema)
    names = dict(conn.execute(select(entities.c.id, entities.c.name)).all())
    for v in views:  # literal subjects never occur, but keep labels for entity subjects readable
        names.setdefault(v.subject or "", v.subject or "")
    cite = _cites(conn)
    found, changed = keyed_records(views, names, cite, schema)
    return found, changed if changes else []
