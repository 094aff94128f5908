"""Time validity: a claim holds as of its documents' dates, until a later source ends it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, select, update

from claimgraph.linking.schema import load_schema
from claimgraph.reason.claim_views import load_views
from claimgraph.reason.supersession import supersessions
from claimgraph.store.schema import claims, documents, evidence


def as_of(claim: dict[str, Any], published: dict[str, str | None] | None = None,
          conn: Connection | None = None) -> dict[str, Any]:
    """When a claim record (claims.jsonl shape) was said to hold.

    Returns {"time": the time it states or None, "as_of": the latest publication date of its
    documents, "first_said": the earliest, "superseded_by": [claim ids], "until": date or None}.
    Pass `published` (document id → date) or a connection to read the dates from.
    """
    doc_ids = sorted({e["document_id"] for e in claim.get("evidence", [])})
    if published is None:
        published = {}
        if conn is not None and doc_ids:
            published = dict(conn.execute(select(documents.c.id, documents.c.published)
                                          .where(documents.c.id.in_(doc_ids))).all())
    dates = sorted(str(published[d]) for d in doc_ids if published.get(d))
    time = ((claim.get("qualifiers") or {}).get("time") or {})
    out: dict[str, Any] = {"time": time.get("start") if isinstance(time, dict) else None,
                           "as_of": dates[-1] if dates else None, "first_said": dates[0] if dates else None,
                           "superseded_by": [], "until": None}
    if conn is not None and claim.get("status") == "superseded":
        # supersession is decided within one canonical subject: this claim's subject or, for an inverse
        # predicate, its object, so only the claims about those two are read
        ends = {(claim.get(role) or {}).get("id") for role in ("subject", "object")}
        ended = changes(conn, {e for e in ends if e}).get(claim["id"], [])
        out["superseded_by"] = [e["claim"] for e in ended]
        out["until"] = min((e["when"] for e in ended if e["when"]), default=None)
    return out


def changes(conn: Connection, subjects: set[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """For each superseded claim: the later claims that end it, with when and why.

    With `subjects` (entity ids), only claims about those entities are read and reported.
    """
    schema = load_schema()
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for old, new, why in supersessions(load_views(conn, schema, subjects=subjects), schema):
        out[old.id].append({"claim": new.id, "when": new.time() or (min(new.dates) if new.dates else None),
                            "why": why})
    return dict(out)


def set_as_of(conn: Connection, document_ids: Iterable[str]) -> int:
    """Write qualifiers.as_of (latest publication date of its documents) on undated claims of these documents.

    A present-tense claim ("is based in Iraq") has no time of its own; it holds as of the
    date its sources were published. Returns how many claims changed.
    """
    ids = list(document_ids)
    if not ids:
        return 0
    claim_ids = sorted(set(conn.execute(select(evidence.c.claim_id).where(evidence.c.document_id.in_(ids)))
                           .scalars()))
    changed = 0
    for i in range(0, len(claim_ids), 500):
        chunk = claim_ids[i:i + 500]
        dates: dict[str, list[str]] = defaultdict(list)
        for cid, pub in conn.execute(select(evidence.c.claim_id, documents.c.published)
                                     .join(documents, documents.c.id == evidence.c.document_id)
                                     .where(evidence.c.claim_id.in_(chunk))):
            if pub:
                dates[cid].append(str(pub))
        for cid, qualifiers in conn.execute(select(claims.c.id, claims.c.qualifiers)
                                            .where(claims.c.id.in_(chunk))):
            q = dict(qualifiers or {})
            if q.get("time") or not dates.get(cid):
                continue
            latest = max(dates[cid])
            if q.get("as_of") != latest:
                q["as_of"] = latest
                conn.execute(update(claims).where(claims.c.id == cid).values(qualifiers=q))
                changed += 1
    return changed


def validity_note(claim: dict[str, Any], conn: Connection) -> str | None:
    """A short line for a profile: "as of 2010-04-01; ended 2012 (c-...)", or None when nothing to say."""
    when = as_of(claim, conn=conn)
    parts = []
    if not when["time"] and when["as_of"]:
        parts.append(f"as of {when['as_of']}")
    if when["superseded_by"]:
        parts.append(f"ended {when['until'] or 'later'} ({', '.join(when['superseded_by'])})")
    return "; ".join(parts) or None
