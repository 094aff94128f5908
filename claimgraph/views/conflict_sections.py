"""Conflict sections (migration 0019): the reasoning plugin's conflicts and changes over time that name each
entity's profile claims, kept so a profile's conflict section is an index read, not a reasoning over the claim
groups of the page (which grows with a much-named entity's groups).

`conflict_sections` holds, for each kept entity (its id after merges), the records that name one of its
claims (as subject or object, through merges; rejected ones too), in the order the whole-store reading gives them
(`seq`, apart for conflicts and changes); `conflict_section_claims` says which of those claims each record
names, so a page of the profile reads only the records of its own claims. Triggers note in `conflict_stale` the
raw ends of every write that may change a record (a claim written or changed, its evidence, a document's
citation, an entity's name or merge). Readers reason live while anything is noted; the after-ingest steps
(reason.plugin.after_ingest) recompute the sections of the noted entities, and of every entity named by a record
that appeared or went away there (a conflict is decided among claims that all name its group's entity, so the
noted entities' sections hold every record a write can change).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Column, Connection, Index, Integer, MetaData, String, Table, Text, inspect, or_, select

from claimgraph.store.derived import finals_of, members_of
from claimgraph.store.schema import claims, entities

# its own metadata, as the timeline keys': a schema made by metadata.create_all (no migrations, no triggers) has
# no sections, and profiles then reason live
sections_metadata = MetaData()
conflict_sections = Table(
    "conflict_sections",
    sections_metadata,
    Column("entity_id", String(64), primary_key=True),  # a kept entity
    Column("section", String(1), primary_key=True),  # "c": a conflict, "t": a change over time
    Column("seq", Integer, primary_key=True),  # the whole-store order among the entity's records
    Column("record", Text, nullable=False),  # the record as JSON
)
conflict_section_claims = Table(
    "conflict_section_claims",
    sections_metadata,
    Column("entity_id", String(64), primary_key=True),
    Column("claim_id", String(64), primary_key=True),  # one of the entity's claims the record names
    Column("section", String(1), primary_key=True),
    Column("seq", Integer, primary_key=True),
)
conflict_stale = Table(
    "conflict_stale",
    sections_metadata,
    Column("entity_id", String(64), primary_key=True),  # a raw end of a changed claim, or a renamed/merged entity
)
Index("ix_conflict_section_claims_claim", conflict_section_claims.c.claim_id)
CONFLICT, CHANGE = "c", "t"
CHUNK = 500

_seen: dict[str, bool] = {}


def has_sections(conn: Connection) -> bool:
    """Whether this store has migration 0019's tables (checked once per store URL)."""
    url = str(conn.engine.url)
    if url not in _seen:
        _seen[url] = inspect(conn).has_table("conflict_sections")
    return _seen[url]


def pending(conn: Connection) -> bool:
    """Whether a write is noted that the sections do not show yet."""
    return conn.execute(select(conflict_stale.c.entity_id).limit(1)).first() is not None


def profile_claims(conn: Connection, final: str) -> list[str]:
    """The claims that name a kept entity (it or a merged-in entity as subject or object), rejected ones too: a
    profile shows the others, the API's conflicts of an entity read them all."""
    ids = sorted(members_of(conn, [final]))
    out: set[str] = set()
    for k in range(0, len(ids), CHUNK):
        chunk = ids[k:k + CHUNK]
        out.update(conn.execute(select(claims.c.id).where(
            or_(claims.c.subject_id.in_(chunk), claims.c.object_id.in_(chunk)))).scalars())
    return sorted(out)


def _stored(conn: Connection, final: str) -> set[str]:
    return set(conn.execute(select(conflict_sections.c.section + conflict_sections.c.record)
                            .where(conflict_sections.c.entity_id == final)).scalars())


def _write(conn: Connection, final: str, conflicts: list[dict[str, Any]], changes: list[dict[str, Any]],
           mine: set[str]) -> set[str]:
    """Replace an entity's section; returns its records (section letter + JSON) for comparison."""
    conn.execute(conflict_sections.delete().where(conflict_sections.c.entity_id == final))
    conn.execute(conflict_section_claims.delete().where(conflict_section_claims.c.entity_id == final))
    rows, links, out = [], [], set()
    for section, records in ((CONFLICT, conflicts), (CHANGE, changes)):
        for seq, record in enumerate(records):
            text = json.dumps(record, sort_keys=True, ensure_ascii=False)
            out.add(section + text)
            rows.append({"entity_id": final, "section": section, "seq": seq, "record": text})
            links += [{"entity_id": final, "claim_id": c, "section": section, "seq": seq}
                      for c in sorted({str(c) for c in record.get("claims") or []} & mine)]
    if rows:
        conn.execute(conflict_sections.insert(), rows)
        conn.execute(conflict_section_claims.insert(), links)
    return out


def _recompute(conn: Connection, final: str) -> set[str]:
    from claimgraph.views.conflicts import reasoned

    mine = profile_claims(conn, final)
    found, changes = reasoned(conn, mine) if mine else ([], [])
    return _write(conn, final, found, changes, set(mine))


def _named_finals(conn: Connection, records: Iterable[str]) -> set[str]:
    """The kept entities whose profile may show one of these records: the ends of the claims they name."""
    ids = sorted({str(c) for r in records for c in json.loads(r[1:]).get("claims") or []})
    ends: set[str] = set()
    for k in range(0, len(ids), CHUNK):
        for s, o in conn.execute(select(claims.c.subject_id, claims.c.object_id)
                                 .where(claims.c.id.in_(ids[k:k + CHUNK]))):
            ends.update(e for e in (s, o) if e)
    return set(finals_of(conn, ends).values())


def refresh_stale(conn: Connection) -> int:
    """Recompute the sections the triggers' notes may have changed (the after-ingest steps' last step); returns
    how many sections were recomputed."""
    if not has_sections(conn):
        return 0
    noted = set(conn.execute(select(conflict_stale.c.entity_id)).scalars())
    if not noted:
        return 0
    finals = finals_of(conn, noted)
    kept = set(finals.values())
    moved = noted - kept  # merged away: their own sections go, their claims are their group's now
    done: set[str] = set()
    changed: set[str] = set()
    for gone in sorted(moved):
        changed |= _stored(conn, gone)
        _write(conn, gone, [], [], set())
    for final in sorted(kept):
        before = _stored(conn, final)
        after = _recompute(conn, final)
        changed |= before ^ after
        done.add(final)
    # every other profile that shows a record that appeared, went away or changed there
    for final in sorted(_named_finals(conn, changed) - done):
        _recompute(conn, final)
        done.add(final)
    conn.execute(conflict_stale.delete())
    return len(done)


def refresh_sections(conn: Connection) -> int:
    """Compute every section again from one whole-store reading (a migrated or bulk-loaded store); returns how
    many entities have records."""
    from claimgraph.reason.conflicts import find_conflicts, relation_changes

    conn.execute(conflict_sections.delete())
    conn.execute(conflict_section_claims.delete())
    conn.execute(conflict_stale.delete())
    found, changes = find_conflicts(conn), relation_changes(conn)
    named = sorted({str(c) for r in found + changes for c in r.get("claims") or []})
    ends: dict[str, list[str]] = {}
    for k in range(0, len(named), CHUNK):
        for cid, s, o in conn.execute(select(claims.c.id, claims.c.subject_id, claims.c.object_id).where(
                claims.c.id.in_(named[k:k + CHUNK]))):
            ends[cid] = [e for e in (s, o) if e]
    finals = finals_of(conn, {e for es in ends.values() for e in es})
    owners: dict[str, set[str]] = {}  # claim -> the kept entities whose profile shows it
    for cid, es in ends.items():
        owners[cid] = {finals.get(e, e) for e in es}
    per: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]], set[str]]] = {}
    for section, records in ((CONFLICT, found), (CHANGE, changes)):
        for record in records:
            for cid in {str(c) for c in record.get("claims") or []}:
                for final in owners.get(cid, ()):
                    entry = per.setdefault(final, ([], [], set()))
                    listed = entry[0] if section == CONFLICT else entry[1]
                    if not listed or listed[-1] is not record:
                        listed.append(record)
                    entry[2].add(cid)
    for final in sorted(per):
        conflicts, changed, named_here = per[final]
        _write(conn, final, conflicts, changed, named_here)
    return len(per)


def read_section(conn: Connection, final: str, claim_ids: Iterable[str]) -> tuple[list[dict[str, Any]],
                                                                                   list[dict[str, Any]]]:
    """(the reasoning plugin's conflicts, changes over time) that name one of these claims of a kept entity's
    profile, in whole-store order, from its section (call only while nothing is pending)."""
    asked = sorted(set(claim_ids))
    wanted: set[tuple[str, int]] = set()
    for k in range(0, len(asked), CHUNK):
        wanted.update(conn.execute(select(conflict_section_claims.c.section, conflict_section_claims.c.seq).where(
            conflict_section_claims.c.entity_id == final,
            conflict_section_claims.c.claim_id.in_(asked[k:k + CHUNK]))).all())
    if not wanted:
        return [], []
    out: dict[str, list[dict[str, Any]]] = {CONFLICT: [], CHANGE: []}
    for section in (CONFLICT, CHANGE):
        seqs = sorted(seq for sec, seq in wanted if sec == section)
        for k in range(0, len(seqs), CHUNK):
            out[section] += [json.loads(r) for r in conn.execute(
                select(conflict_sections.c.record).where(
                    conflict_sections.c.entity_id == final, conflict_sections.c.section == section,
                    conflict_sections.c.seq.in_(seqs[k:k + CHUNK])).order_by(conflict_sections.c.seq)).scalars()]
    return out[CONFLICT], out[CHANGE]


def kept_entity(conn: Connection, entity_id: str) -> str | None:
    """The id an entity stands under after merges, None for no such entity."""
    if conn.execute(select(entities.c.id).where(entities.c.id == entity_id)).first() is None:
        return None
    return finals_of(conn, [entity_id]).get(entity_id, entity_id)
