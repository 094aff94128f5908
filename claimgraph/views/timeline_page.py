"""A page of the timeline: claims with a time, earliest placement first.

The order is the placement's start (views.timeline.place_time, computed in Python from the time qualifier and
the publication date). Where the store keeps timeline keys (views.timeline_keys, migration 0017) a page is an
index walk of the entity's keys that stops at the page, and only the claims the triggers noted since the last
after-ingest step are placed live; elsewhere every candidate's time qualifier is read and placed (a placement
is computed once a process for each wording and date). Full records (evidence, entities, corroboration) are
built for the page's claims only. A cursor names the last item's (start, claim id): a later page never repeats
or skips an item when claims are added between pages.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Select, distinct, func, select

from claimgraph.store.schema import claims
from claimgraph.views.paging import BadCursor, decode_cursor, encode_cursor
from claimgraph.views.timeline import place_time, unplaced_reason
from claimgraph.views.timeline_keys import has_keys, time_columns, timeline_keys, timeline_stale

if TYPE_CHECKING:
    from claimgraph.api.queries import ClaimFilters

CURSOR_KIND = "timeline"
CHUNK = 500
# noted claims a keyed read places live at most; beyond (a bulk load whose after-ingest steps have not run) the
# timeline reads every candidate
STALE_MOST = 2000
Placed = tuple[dict[str, Any] | None, str | None]
# claim rows -> the records a reader shows (the API's claim_records)
RecordsOf = Callable[[Connection, list[Any]], list[dict[str, Any]]]


@lru_cache(maxsize=65536)
def placed(time_json: str, published: str | None) -> Placed | None:
    """place_time (and, when it places nothing, why) for one time qualifier as stored (JSON text) and date, None
    for a qualifier with nothing to place: many claims share both, and the text is decoded only once."""
    time = json.loads(time_json)
    if not isinstance(time, dict) or not (time.get("start") or time.get("end") or time.get("text")):
        return None
    found = place_time(time, published)
    return found, None if found else unplaced_reason(time, published)


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


def _live(conn: Connection, query: Select[Any]) -> tuple[list[tuple[str, str]], list[str], dict[str, Placed],
                                                        dict[str, Any]]:
    """(placed (start, id) sorted, unplaced ids sorted, each one's placement, each one's first date) of a query's
    timed claims, every candidate read and placed."""
    found: list[tuple[str, str]] = []
    unplaced: list[str] = []
    how: dict[str, Placed] = {}
    published: dict[str, Any] = {}
    for cid, t, pub in conn.execute(time_columns(query)):
        one = placed(t, str(pub) if pub else None) if t else None
        if one is None:
            continue
        how[cid], published[cid] = one, pub
        if one[0]:
            found.append((one[0]["start"], cid))
        else:
            unplaced.append(cid)
    return sorted(found), sorted(unplaced), how, published


def _after(after: tuple[str, str] | None) -> Any:
    if after is None:
        return None
    start, claim_id = after
    return (timeline_keys.c.start > start) | ((timeline_keys.c.start == start) & (timeline_keys.c.claim_id > claim_id))


def _keyed(conn: Connection, filters: ClaimFilters, after: tuple[str, str] | None, wanted: int,
           first_page: bool, stale: list[str]) -> tuple[list[tuple[str, str]], int, list[str], int]:
    """(the first `wanted` placed keys after `after`, placed total, the first `wanted` unplaced ids if first_page,
    unplaced total) from the keys of the filters' entities (or the whole store), noted claims left out."""
    rest = filters.others().select(conn).order_by(None)
    # with no filter but the entity the keys alone answer (a deleted claim is noted, so left out, until its keys
    # go): the counts are read from the index, no claim row
    alone = all(getattr(filters, name) is None for name in (
        "predicate", "modality", "document_id", "status", "time_from", "time_to", "source", "speaker_ids",
        "min_confidence"))
    walk = timeline_keys.join(claims, claims.c.id == timeline_keys.c.claim_id)
    owners = sorted(set(filters.entity_ids)) if filters.entity_ids is not None else [""]

    def over(*columns: Any) -> Select[Any]:
        query = select(*columns) if alone else rest.with_only_columns(*columns).select_from(walk)
        return query.where(timeline_keys.c.claim_id.not_in(stale)) if stale else query

    keys: set[tuple[str, str]] = set()
    cut = _after(after)
    for owner in owners:  # each owner's walk stops after `wanted` rows: a claim under two owners counts once
        query = over(timeline_keys.c.start, timeline_keys.c.claim_id).where(
            timeline_keys.c.entity_id == owner, timeline_keys.c.start.is_not(None))
        if cut is not None:
            query = query.where(cut)
        keys.update((start, cid) for start, cid in conn.execute(
            query.order_by(timeline_keys.c.start, timeline_keys.c.claim_id).limit(wanted)))
    in_owners = timeline_keys.c.entity_id.in_(owners)
    total = conn.execute(over(func.count(distinct(timeline_keys.c.claim_id))).where(
        in_owners, timeline_keys.c.start.is_not(None))).scalar() or 0
    unplaced_total = conn.execute(over(func.count(distinct(timeline_keys.c.claim_id))).where(
        in_owners, timeline_keys.c.start.is_(None))).scalar() or 0
    unplaced = list(conn.execute(over(timeline_keys.c.claim_id).where(in_owners, timeline_keys.c.start.is_(None))
                                 .distinct().order_by(timeline_keys.c.claim_id).limit(wanted)).scalars()) \
        if first_page and unplaced_total else []
    return sorted(keys)[:wanted], int(total), unplaced, int(unplaced_total)


def timeline_page(conn: Connection, filters: ClaimFilters, limit: int, cursor: str | None = None,
                  offset: int = 0, *, claim_records: RecordsOf) -> dict[str, Any]:
    """{items, total, unplaced, unplaced_total, limit, offset, cursor, next_cursor} for the timed claims the
    filters keep: `limit` placed items after the cursor (then `offset` more skipped), and the first `limit`
    claims whose time cannot be placed on the first page only (no cursor). BadCursor for a cursor of another
    list. `claim_records` turns claim rows into the records a reader shows (the interface's own:
    claimgraph.api.queries.claim_records)."""
    after: tuple[str, str] | None = None
    if cursor:
        start, claim_id = decode_cursor(cursor, CURSOR_KIND, 2)
        if not isinstance(start, str) or not isinstance(claim_id, str):
            raise BadCursor("a timeline cursor holds a date and a claim id")
        after = (start, claim_id)
    stale = list(conn.execute(select(timeline_stale.c.claim_id).limit(STALE_MOST + 1)).scalars()) \
        if has_keys(conn) else None
    if stale is None or len(stale) > STALE_MOST:
        placed_keys, unplaced, how, published = _live(conn, filters.select(conn))
        total, unplaced_total = len(placed_keys), len(unplaced)
        following = [k for k in placed_keys if after is None or k > after]
    else:
        wanted = offset + limit + 1
        following, total, unplaced, unplaced_total = _keyed(conn, filters, after, wanted, after is None, stale)
        if stale:  # the claims noted since the last after-ingest step, placed live
            live, live_unplaced, _, _ = _live(conn, filters.select(conn).where(claims.c.id.in_(stale)))
            following = sorted(following + [k for k in live if after is None or k > after])
            total += len(live)
            unplaced, unplaced_total = sorted(unplaced + live_unplaced), unplaced_total + len(live_unplaced)
        page_ids = [cid for _, cid in following[offset: offset + limit]] + (unplaced[:limit] if after is None
                                                                           else [])
        _, _, how, published = _live(conn, select(claims).where(claims.c.id.in_(page_ids)))
    page = following[offset: offset + limit]
    more = len(following) > offset + limit
    shown_unplaced = unplaced[:limit] if after is None else []
    # full records for what the page shows
    wanted_ids = [cid for _, cid in page] + shown_unplaced
    rows = [r for at in range(0, len(wanted_ids), CHUNK) for r in conn.execute(
        select(claims).where(claims.c.id.in_(wanted_ids[at: at + CHUNK]))).mappings()]
    records = {c["id"]: c for c in claim_records(conn, rows)}
    items = [_item(records[cid], published.get(cid), *how[cid]) for _, cid in page if cid in records and cid in how]
    return {"items": items, "total": total,
            "unplaced": [_item(records[cid], published.get(cid), *how[cid]) for cid in shown_unplaced
                         if cid in records and cid in how],
            "unplaced_total": unplaced_total, "limit": limit, "offset": offset, "cursor": cursor,
            "next_cursor": encode_cursor(CURSOR_KIND, list(page[-1])) if more and page else None}
