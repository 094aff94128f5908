"""Facet counts over a filtered claim list, as datasette shows them beside a table.

Each facet says, for the claims the current filters keep, how many have each value of one
field: modality, predicate, status, source (outlet), speaker, year and confidence band.
The UI turns every value into a link that adds it to the URL's filters.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import Connection, func, select

from claimgraph.api import queries
from claimgraph.store import records
from claimgraph.store.schema import claims, evidence

TOP_VALUES = 30
CONFIDENCE_BANDS = ((0.8, "0.8–1.0"), (0.6, "0.6–0.8"), (0.4, "0.4–0.6"), (0.0, "below 0.4"))


def _counted(counter: Counter[str], top: int = TOP_VALUES) -> list[dict[str, Any]]:
    return [{"value": value, "count": n} for value, n in counter.most_common(top) if value]


def claim_facets(conn: Connection, filters: queries.ClaimFilters) -> dict[str, Any]:
    """{"total": n, "facets": {field: [{value, count}, ...]}} for the claims the filters keep."""
    kept = filters.select(conn).order_by(None).subquery()
    facets: dict[str, Any] = {}
    for name, column in (("modality", kept.c.modality), ("predicate", kept.c.predicate),
                         ("status", kept.c.status), ("polarity", kept.c.polarity)):
        rows = conn.execute(select(column, func.count()).group_by(column)).all()
        facets[name] = _counted(Counter({str(v): n for v, n in rows if v is not None}))
    total = sum(f["count"] for f in facets["status"])
    outlets = queries.document_outlets(conn)
    per_outlet: Counter[str] = Counter()
    seen: set[tuple[str, str]] = set()
    for claim_id, doc_id in conn.execute(select(evidence.c.claim_id, evidence.c.document_id)
                                         .where(evidence.c.claim_id.in_(select(kept.c.id)))):
        key = (claim_id, outlets.get(doc_id, doc_id))
        if key not in seen:  # a claim counts once per outlet however many passages it has there
            seen.add(key)
            per_outlet[key[1]] += 1
    facets["source"] = _counted(per_outlet)
    speakers = Counter({s: n for s, n in conn.execute(
        select(kept.c.attributed_to_id, func.count()).where(kept.c.attributed_to_id.isnot(None))
        .group_by(kept.c.attributed_to_id)).all()})
    index = queries.entity_rows(conn, speakers)
    facets["speaker"] = [{"value": sid, "label": (records.entity_ref(index, sid) or {}).get("name") or sid,
                          "count": n} for sid, n in speakers.most_common(TOP_VALUES)]
    years: Counter[str] = Counter()
    bands: Counter[str] = Counter()
    for qualifiers, confidence in conn.execute(select(kept.c.qualifiers, kept.c.confidence)):
        start = ((qualifiers or {}).get("time") or {}).get("start") if isinstance(qualifiers, dict) else None
        if isinstance(start, str) and start[:4].isdigit():
            years[start[:4]] += 1
        value = float(confidence or 0.0)
        bands[next(label for floor, label in CONFIDENCE_BANDS if value >= floor)] += 1
    facets["year"] = sorted(_counted(years, top=200), key=lambda f: f["value"])
    facets["confidence"] = [{"value": label, "min": floor, "count": bands[label]}
                            for floor, label in CONFIDENCE_BANDS if bands[label]]
    return {"total": total, "facets": facets}


def claim_total(conn: Connection, filters: queries.ClaimFilters) -> int:
    """How many claims the filters keep."""
    return queries.count(conn, filters.select(conn).order_by(claims.c.id))
