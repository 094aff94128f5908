"""A page of the timeline: claims with a time, earliest placement first, read in two steps.

The order is the placement's start (views.timeline.place_time, computed in Python from the time qualifier and
the publication date, so no index can give it); the first step reads only each candidate's time qualifier and
the publication date of its first document, places them (a placement is computed once a process for each
wording and date) and picks the page; the second builds full records (evidence, entities, corroboration) for
the page's claims only. A cursor names the last item's (start, claim id): a later page never repeats or skips
an item when claims are added between pages.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Select, Text, cast, func, select

from claimgraph.store.schema import claims, documents, evidence
from claimgraph.views.paging import BadCursor, decode_cursor, encode_cursor
from claimgraph.views.timeline import place_time, unplaced_reason

CURSOR_KIND = "timeline"
CHUNK = 500


@lru_cache(maxsize=65536)
def _placed(time_json: str, published: str | None) -> tuple[dict[str, Any] | None, str | None] | None:
    """place_time (and, when it places nothing, why) for one time qualifier as stored (JSON text) and date, None
    for a qualifier with nothing to place: many claims share both, and the text is decoded only once."""
    time = json.loads(time_json)
    if not isinstance(time, dict) or not (time.get("start") or time.get("end") or time.get("text")):
        return None
    found = place_time(time, published)
    return found, None if found else unplaced_reason(time, published)


def timed(query: Select[Any]) -> Select[Any]:
    """The claims of a query that have a time qualifier."""
    return query.where(claims.c.qualifiers.cast(Text).contains('"time"'))


def _first_published() -> Any:
    """The publication date of a claim's first document (evidence in document id order, as its record lists
    it), as a scalar subquery of the claims row: one index lookup a row, in the same statement."""
    # correlated to the claims row two levels up (auto-correlation looks one level up only)
    first = select(func.min(evidence.c.document_id)).where(evidence.c.claim_id == claims.c.id) \
        .correlate(claims).scalar_subquery()
    return select(documents.c.published).where(documents.c.id == first).scalar_subquery()


def _item(c: dict[str, Any], published: Any, placement: dict[str, Any] | None,
          because: str | None) -> dict[str, Any]:
    from claimgraph.profile import describe

    t = (c.get("qualifiers") or {}).get("time") or {}
    first = (c.get("evidence") or [{}])[0]
    item = {"claim_id": c["id"], "start": t.get("start"), "end": t.get("end"), "time_text": t.get("text"),
            "text": describe(c), "predicate": c["predicate"], "modality": c["modality"],
            "polarity": c["polarity"], "status": c["status"], "subject": c["subject"],
            "object": c["object"], "attributed_to": c.get("attributed_to"), "confidence": c.get("confidence"),
            "source": first.get("document") or first.get("document_id"), "document_id": first.get("document_id"),
            "evidence_start": first.get("start"), "evidence_end": first.get("end"), "published": published,
            "placement": dict(placement) if placement else None}
    if not placement:
        item["unplaced_because"] = because
    return item


def timeline_page(conn: Connection, query: Select[Any], limit: int, cursor: str | None = None,
                  offset: int = 0) -> dict[str, Any]:
    """{items, total, unplaced, unplaced_total, limit, offset, cursor, next_cursor} for the timed claims of
    `query`: `limit` placed items after the cursor (then `offset` more skipped), and the first `limit` claims
    whose time cannot be placed on the first page only (no cursor). BadCursor for a cursor of another list."""
    from claimgraph.api import queries

    after: tuple[str, str] | None = None
    if cursor:
        start, claim_id = decode_cursor(cursor, CURSOR_KIND, 2)
        if not isinstance(start, str) or not isinstance(claim_id, str):
            raise BadCursor("a timeline cursor holds a date and a claim id")
        after = (start, claim_id)
    # step 1: the time qualifier of every candidate as the database writes it (JSON text, decoded once a wording
    # by _placed), no evidence, entities or corroboration
    light = timed(query).with_only_columns(claims.c.id, cast(claims.c.qualifiers["time"], Text),
                                           _first_published()).order_by(None)
    placed: list[tuple[str, str]] = []
    unplaced: list[str] = []
    how: dict[str, tuple[dict[str, Any] | None, str | None]] = {}
    published: dict[str, Any] = {}
    for cid, t, pub in conn.execute(light):
        if not t:
            continue
        published[cid] = pub
        found = _placed(t, str(pub) if pub else None)
        if found is None:
            continue
        how[cid] = found
        if found[0]:
            placed.append((found[0]["start"], cid))
        else:
            unplaced.append(cid)
    placed.sort()
    following = [k for k in placed if after is None or k > after]
    page = following[offset: offset + limit]
    more = len(following) > offset + limit
    unplaced.sort()
    shown_unplaced = unplaced[:limit] if after is None else []
    # step 2: full records for what the page shows
    wanted = [cid for _, cid in page] + shown_unplaced
    rows = [r for at in range(0, len(wanted), CHUNK) for r in conn.execute(
        select(claims).where(claims.c.id.in_(wanted[at: at + CHUNK]))).mappings()]
    records = {c["id"]: c for c in queries.claim_records(conn, rows)}
    items = [_item(records[cid], published.get(cid), *how[cid]) for _, cid in page if cid in records]
    return {"items": items, "total": len(placed),
            "unplaced": [_item(records[cid], published.get(cid), *how[cid]) for cid in shown_unplaced
                         if cid in records],
            "unplaced_total": len(unplaced), "limit": limit, "offset": offset, "cursor": cursor,
            "next_cursor": encode_cursor(CURSOR_KIND, list(page[-1])) if more and page else None}
