"""Kept conflicts (migration 0019): the reasoning plugin's conflicts and changes over time, each with the claims it
names, so a profile's conflict section is an index read of its claims' records, not a reasoning over the claim
groups of the page (which grows with a much-named entity's groups).

`conflict_records` holds each record (as JSON) with its section ("c" a conflict, "t" a change over time) and its
order key (reason.conflicts.keyed_records: records read for any claims are in key order), and
`conflict_record_claims` every claim it names. Triggers note in `conflict_stale` every write that may change a
record: a claim written or changed and its evidence ("claim"), a document's citation ("document"), an entity's
name or merge ("entity"). Readers reason live while anything is noted; the after-ingest steps
(reason.plugin.after_ingest) replace the records that name a noted claim, or a claim named beside one: a record a
write changes names the written claim before or after, or shares a claim with a record that does.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Column, Connection, Index, Integer, MetaData, String, Table, Text, inspect, or_, select

from claimgraph.store.derived import finals_of, members_of
from claimgraph.store.schema import claims, evidence

# its own metadata, as the timeline keys': a schema made by metadata.create_all (no migrations, no triggers) has
# no kept records, and profiles then reason live
kept_metadata = MetaData()
conflict_records = Table(
    "conflict_records",
    kept_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("section", String(1), nullable=False),  # "c": a conflict, "t": a change over time
    Column("order_key", Text, nullable=False),  # the order key as a JSON list (compared in Python, not SQL)
    Column("record", Text, nullable=False),  # the record as JSON
)
conflict_record_claims = Table(
    "conflict_record_claims",
    kept_metadata,
    Column("claim_id", String(64), primary_key=True),
    Column("record_id", Integer, primary_key=True),
    Index("ix_conflict_record_claims_record", "record_id"),
)
conflict_stale = Table(
    "conflict_stale",
    kept_metadata,
    Column("kind", String(16), primary_key=True),  # "claim", "document" or "entity"
    Column("id", String(200), primary_key=True),
)
CONFLICT, CHANGE = "c", "t"
CHUNK = 500
Keyed = list[tuple[list[str], dict[str, Any]]]

_seen: dict[str, bool] = {}


def has_kept(conn: Connection) -> bool:
    """Whether this store has migration 0019's tables (checked once per store URL)."""
    url = str(conn.engine.url)
    if url not in _seen:
        _seen[url] = inspect(conn).has_table("conflict_records")
    return _seen[url]


def pending(conn: Connection) -> bool:
    """Whether a write is noted that the kept records do not show yet."""
    return conn.execute(select(conflict_stale.c.id).limit(1)).first() is not None


def _chunks(ids: Iterable[str]) -> Iterable[list[str]]:
    ordered = sorted(set(ids))
    for k in range(0, len(ordered), CHUNK):
        yield ordered[k:k + CHUNK]


def _linked(conn: Connection, claim_ids: Iterable[str]) -> set[int]:
    """The kept records that name one of these claims."""
    return {rid for chunk in _chunks(claim_ids) for rid in conn.execute(
        select(conflict_record_claims.c.record_id).where(conflict_record_claims.c.claim_id.in_(chunk))).scalars()}


def _named(records: Iterable[dict[str, Any]]) -> set[str]:
    return {str(c) for r in records for c in r.get("claims") or []}


def _text(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)  # its keys in the order the reasoning wrote them, as the API gives


def _insert(conn: Connection, section: str, keyed: Keyed) -> None:
    for key, record in keyed:
        made = conn.execute(conflict_records.insert().values(section=section, order_key=json.dumps(key),
                                                             record=_text(record))).inserted_primary_key
        assert made is not None  # an insert of one row has its id
        rid = made[0]
        conn.execute(conflict_record_claims.insert(), [{"claim_id": c, "record_id": rid}
                                                       for c in sorted(_named([record]))])


def _delete(conn: Connection, record_ids: set[int]) -> None:
    for chunk in _chunks(str(i) for i in record_ids):
        ids = [int(i) for i in chunk]
        conn.execute(conflict_record_claims.delete().where(conflict_record_claims.c.record_id.in_(ids)))
        conn.execute(conflict_records.delete().where(conflict_records.c.id.in_(ids)))


def _stored_claims(conn: Connection, record_ids: set[int]) -> set[str]:
    return {c for chunk in _chunks(str(i) for i in record_ids) for c in conn.execute(
        select(conflict_record_claims.c.claim_id).where(
            conflict_record_claims.c.record_id.in_([int(i) for i in chunk]))).scalars()}


def noted_claims(conn: Connection) -> set[str]:
    """The claims the triggers' notes stand for: noted claims, the claims of noted documents, and those naming a
    noted entity's group (its name or merges changed)."""
    out: set[str] = set()
    noted = conn.execute(select(conflict_stale.c.kind, conflict_stale.c.id)).all()
    out.update(i for kind, i in noted if kind == "claim")
    docs = [i for kind, i in noted if kind == "document"]
    for chunk in _chunks(docs):
        out.update(conn.execute(select(evidence.c.claim_id).where(evidence.c.document_id.in_(chunk))).scalars())
    moved = {i for kind, i in noted if kind == "entity"}
    if moved:
        group = set(members_of(conn, set(finals_of(conn, moved).values()) | moved))
        for chunk in _chunks(group):
            out.update(conn.execute(select(claims.c.id).where(
                or_(claims.c.subject_id.in_(chunk), claims.c.object_id.in_(chunk)))).scalars())
    return out


def refresh_stale(conn: Connection) -> int:
    """Replace the kept records the triggers' notes may have changed (the after-ingest steps' last step); returns
    how many records were written."""
    from claimgraph.views.conflicts import keyed_reasoned

    if not has_kept(conn) or not pending(conn):
        return 0
    written = noted_claims(conn)
    # the claims named beside a written one, in the records before the write and after it: a record the write
    # changed names one of these (a value group's other claims, a listing another delisting ended)
    found, changes = keyed_reasoned(conn, written)
    reach = written | _named(r for _, r in found + changes) | _stored_claims(conn, _linked(conn, written))
    _delete(conn, _linked(conn, reach))
    found, changes = keyed_reasoned(conn, reach)
    _insert(conn, CONFLICT, found)
    _insert(conn, CHANGE, changes)
    conn.execute(conflict_stale.delete())
    return len(found) + len(changes)


def refresh_all(conn: Connection) -> int:
    """Compute every kept record again from one whole-store reading (a migrated or bulk-loaded store); returns
    how many."""
    from claimgraph.reason.conflicts import keyed_reading

    conn.execute(conflict_record_claims.delete())
    conn.execute(conflict_records.delete())
    conn.execute(conflict_stale.delete())
    found, changes = keyed_reading(conn)
    _insert(conn, CONFLICT, found)
    _insert(conn, CHANGE, changes)
    return len(found) + len(changes)


def kept_records(conn: Connection, claim_ids: Iterable[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(the reasoning plugin's conflicts, changes over time) that name one of these claims, in whole-store order,
    from the kept records (call only while nothing is pending)."""
    ids = _linked(conn, claim_ids)
    rows: list[tuple[str, list[str], str]] = []
    for chunk in _chunks(str(i) for i in ids):
        rows += [(section, json.loads(key), record) for section, key, record in conn.execute(
            select(conflict_records.c.section, conflict_records.c.order_key, conflict_records.c.record)
            .where(conflict_records.c.id.in_([int(i) for i in chunk])))]
    rows.sort(key=lambda r: r[1])
    return ([json.loads(r) for s, _, r in rows if s == CONFLICT], [json.loads(r) for s, _, r in rows if s == CHANGE])
