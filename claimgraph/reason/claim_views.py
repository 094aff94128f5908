"""Stored claims as reasoning sees them: canonical triples with their times, passages and sources.

Conflict detection (reason/conflicts.py), supersession (reason/supersession.py) and the scoped reads of
claimgraph.views.conflicts all reason over these views; `load_views` reads them for the whole store or
for some canonical subjects only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, or_, select

from claimgraph.linking.schema import PredicateSchema, load_schema
from claimgraph.store.derived import final_map, finals_of, literal_key, members_of
from claimgraph.store.schema import claims, documents, entities, evidence


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
        times = [(q.get("time"), own_time(q)) for q in found]
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


def own_time(q: dict[str, Any]) -> bool:
    """False for a passage whose time is no date of the act it shares: a re-designation ('again in 2001') or the
    document's own date standing in for a date the sentence does not give."""
    t = q.get("time")
    return not q.get("redesignation") and not (isinstance(t, dict) and t.get("precision") == "as of the document")


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
        # one query per end, each answered by its (end, predicate, other end) index: as one OR the planner
        # read every listing of the store through the predicate index instead (a growing scan)
        for end in (claims.c.object_id, claims.c.subject_id):
            q = select(claims).where(end.in_(chunk), claims.c.predicate.in_(acts), claims.c.status != "rejected")
            for r in conn.execute(q).mappings():
                out[r["id"]] = r
    return [out[i] for i in sorted(out)], targets
