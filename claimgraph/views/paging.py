"""Keyset paging of claim lists: a cursor names the last item shown, so a page never repeats or skips an item
when claims are added between two pages (an offset shifts under inserts).

A cursor is opaque text (URL-safe base64 of a JSON list): the sort it was made for, then the sort key of the
last item. The next page is the rows after that key in the same order, read from the same index walk as the
first page: it costs what the page shows, not what comes before it.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, Select, and_, or_, select

from claimgraph.store.schema import claims

if TYPE_CHECKING:
    from claimgraph.api.queries import ClaimFilters

CLAIM_SORTS = ("id", "confidence", "time")
ROLES = (claims.c.subject_id, claims.c.object_id, claims.c.attributed_to_id)


class BadCursor(ValueError):
    """A cursor that was not made by encode_cursor (or was made for another sort)."""


def encode_cursor(kind: str, key: list[Any]) -> str:
    """The cursor after an item whose sort key is `key`, in the order named `kind`."""
    raw = json.dumps([kind, *key], separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, kind: str, size: int) -> list[Any]:
    """The sort key a cursor of order `kind` holds (`size` values); BadCursor when it is not one."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw.decode())
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise BadCursor(f"not a cursor: {cursor[:40]!r}") from exc
    if not isinstance(values, list) or len(values) != size + 1 or values[0] != kind:
        raise BadCursor(f"not a cursor of the {kind!r} order")
    return values[1:]


def _time_start() -> ColumnElement[Any]:
    start: ColumnElement[Any] = claims.c.qualifiers[("time", "start")].as_string()
    return start


def order_claims(query: Select[Any], sort: str) -> Select[Any]:
    """The query in one of CLAIM_SORTS, ties broken by claim id (so every key is unique)."""
    query = query.order_by(None)
    if sort == "confidence":
        return query.order_by(claims.c.confidence.desc(), claims.c.id)
    if sort == "time":
        start = _time_start()
        return query.order_by(start.is_(None), start, claims.c.id)
    return query.order_by(claims.c.id)


def claim_key(row: Any, sort: str) -> list[Any]:
    """The sort key of a claim row (a mapping of claims' columns) in the order `sort`."""
    if sort == "confidence":
        return [float(row["confidence"]), row["id"]]
    if sort == "time":
        time = (row["qualifiers"] or {}).get("time") if isinstance(row["qualifiers"], dict) else None
        start = time.get("start") if isinstance(time, dict) else None
        return [None if start is None else str(start), row["id"]]
    return [row["id"]]


def after_claim(query: Select[Any], sort: str, cursor: str) -> Select[Any]:
    """The query restricted to the rows after the cursor's item in the order `sort`."""
    key = decode_cursor(cursor, sort, 1 if sort == "id" else 2)
    if not all(isinstance(v, str) for v in key[-1:]):
        raise BadCursor("a cursor ends with a claim id")
    last_id = key[-1]
    if sort == "confidence":
        if not isinstance(key[0], (int, float)):
            raise BadCursor("a confidence cursor starts with a number")
        value = float(key[0])
        return query.where(or_(claims.c.confidence < value,
                               and_(claims.c.confidence == value, claims.c.id > last_id)))
    if sort == "time":
        start = _time_start()
        if key[0] is None:  # claims without a start come last, by id
            return query.where(start.is_(None), claims.c.id > last_id)
        if not isinstance(key[0], str):
            raise BadCursor("a time cursor starts with a date or null")
        return query.where(or_(start.is_(None), start > key[0], and_(start == key[0], claims.c.id > last_id)))
    return query.where(claims.c.id > last_id)


def entity_walk(conn: Connection, filters: ClaimFilters, cursor: str | None, size: int) -> list[Any]:
    """The first `size` claim rows (claim id order, after the cursor of the 'id' order) naming the filters' entity
    as subject, object or speaker, the other filters kept: each role of each entity id is a walk of its (role, id)
    index (migration 0018) that stops after `size` rows, so a page costs the page, not the entity's claims."""
    after = decode_cursor(cursor, "id", 1)[0] if cursor else None
    if after is not None and not isinstance(after, str):
        raise BadCursor("a cursor ends with a claim id")
    rest = filters.others().select(conn).with_only_columns(claims.c.id).order_by(None)
    if after is not None:
        rest = rest.where(claims.c.id > after)
    found: set[str] = set()
    for entity_id in sorted(set(filters.entity_ids or [])):
        for role in ROLES:
            found.update(conn.execute(rest.where(role == entity_id).order_by(claims.c.id).limit(size)).scalars())
    # a claim naming the entity in two roles is found twice: the first `size` distinct ones are the page
    wanted = sorted(found)[:size]
    return list(conn.execute(select(claims).where(claims.c.id.in_(wanted)).order_by(claims.c.id)).mappings()) \
        if wanted else []
