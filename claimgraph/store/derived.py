"""Derived tables (migration 0003_reason: name keys, document sources) and the reads that group claims by them."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Connection,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    bindparam,
    select,
)

from claimgraph.core.predicates import registry
from claimgraph.resolve.names import norm_name
from claimgraph.store.idlists import in_ids
from claimgraph.store.schema import claims, entities, evidence, metadata

# matching keys of every stored entity name: transliteration skeletons, acronyms, name cores
entity_keys = Table(
    "entity_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", String(64), ForeignKey("entities.id"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("key", String(300), nullable=False),
    UniqueConstraint("entity_id", "kind", "key", name="uq_entity_key"),
    Index("ix_entity_keys_key", "kind", "key"),
)

# where a document comes from and which earlier document it copies (independence of sources)
document_sources = Table(
    "document_sources",
    metadata,
    Column("document_id", String(200), ForeignKey("documents.id"), primary_key=True),
    Column("outlet", Text),
    Column("copy_of", String(200)),
    Column("similarity", Integer),  # percent shingle overlap with copy_of
    Column("signature", JSON, nullable=False, default=list),
    Index("ix_document_sources_copy_of", "copy_of"),
)

# one row per MinHash band of a document (migration 0006_bands): a new document finds the documents
# it may copy by an index lookup of its own bands instead of reading every stored signature
document_bands = Table(
    "document_bands",
    metadata,
    Column("document_id", String(200), ForeignKey("documents.id"), nullable=False),
    Column("key", BigInteger, nullable=False),  # hash of (band number, the band's minima)
    Index("ix_document_bands_key", "key"),
    Index("ix_document_bands_document", "document_id"),
)

# walked from a kept entity to everything merged into it (created by migration 0003_reason)
ix_entities_merged_into = Index("ix_entities_merged_into", entities.c.merged_into)


MINHASH_BANDS = 42  # bands of a MinHash signature (linking/align.py computes the signatures)


def band_keys(sig: list[int], bands: int = MINHASH_BANDS) -> list[int]:
    """One signed 64-bit key per band of a MinHash signature (band number and its minima), as in document_bands."""
    rows = len(sig) // bands
    return [int.from_bytes(hashlib.blake2b(repr((i, tuple(sig[i * rows:(i + 1) * rows]))).encode(),
                                           digest_size=8).digest(), "big", signed=True)
            for i in range(bands)] if sig else []


def independent_count(doc_ids: Iterable[str], docs: dict[str, dict[str, Any]]) -> int:
    """Documents that are not copies of one another nor from one outlet, counted once per group."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for d in doc_ids:
        meta = docs.get(d, {})
        find("doc:" + d)
        for tag in (meta.get("outlet") and "outlet:" + meta["outlet"], meta.get("copy_of") and
                    "doc:" + meta["copy_of"]):
            if tag:
                parent[find("doc:" + d)] = find(tag)
    return len({find("doc:" + d) for d in doc_ids})


def literal_key(value: Any, type_: str | None) -> str:
    """Comparable form of a literal object."""
    return f"{type_ or 'text'}:{norm_name(str(value))}"


def final_map(conn: Connection) -> dict[str, str]:
    """Every entity id to the id that stands for it after merges."""
    links = dict(conn.execute(select(entities.c.id, entities.c.merged_into)
                              .where(entities.c.merged_into.is_not(None))).all())
    out: dict[str, str] = {}
    for start in links:
        seen, cur = {start}, links[start]
        while cur in links and links[cur] not in seen:
            seen.add(cur)
            cur = links[cur]
        out[start] = cur
    return out


def triple_key(row: Any, finals: dict[str, str]) -> tuple[str | None, str, str | None]:
    """(subject, predicate, object) of a claim row after merges, inverse and symmetric predicates normalised."""
    subject = finals.get(row["subject_id"], row["subject_id"])
    obj = finals.get(row["object_id"], row["object_id"]) if row["object_id"] else \
        literal_key(row["object_value"], row["object_type"])
    return registry().canonical(subject, row["predicate"], obj)


def triple_hash(row: Any) -> int:
    """claims.triple_key of a claim row: a signed 64-bit hash of its canonical triple of its own ids (no merges
    followed), polarity and speaker. Two rows with the same key say the same thing unless merges regroup them;
    readers check the triple itself, so a hash collision only costs a row read."""
    raw = (*triple_key(row, {}), row["polarity"], row["attributed_to_id"])
    return int.from_bytes(hashlib.blake2b(repr(raw).encode(), digest_size=8).digest(), "big", signed=True)


def _forms(predicate: str) -> set[str]:
    """The predicate and its other form (passive of an active one, active of a passive one)."""
    reg = registry()
    return {predicate} | {f for f in (reg.inverse.get(predicate), reg.passive_of.get(predicate)) if f}


_KEY_COLUMNS = (claims.c.id, claims.c.subject_id, claims.c.predicate, claims.c.object_id, claims.c.object_value,
                claims.c.object_type, claims.c.polarity, claims.c.attributed_to_id, claims.c.triple_key)


# the IN-list reads of every page, built once: a list given as one expanding parameter is not coerced element
# by element on each call (a graph's corroboration asks for about 500 claims)
_ROWS_BY_ID = select(*_KEY_COLUMNS).where(in_ids(claims.c.id))
_ROWS_BY_KEY = select(*_KEY_COLUMNS).where(claims.c.triple_key.in_(bindparam("keys", expanding=True)))
_DOCUMENTS_OF = select(evidence.c.claim_id, evidence.c.document_id).where(
    in_ids(evidence.c.claim_id))
_MERGE_LINKS = select(entities.c.id, entities.c.merged_into).where(in_ids(entities.c.id))
_MERGED_INTO = select(entities.c.id, entities.c.merged_into).where(in_ids(entities.c.merged_into))


def _chunked(ids: Iterable[str]) -> Iterable[list[str]]:
    wanted = sorted({i for i in ids if i})
    for k in range(0, len(wanted), 500):
        yield wanted[k:k + 500]


def aligned_documents(conn: Connection, claim_ids: Iterable[str] | None = None) -> dict[str, set[str]]:
    """For claims that share their triple (after merges and inverses) with other claim rows: every document of the group.

    With `claim_ids`, only for those claims, reading just the rows that can share their triple
    (by the canonical subject's index entries) instead of every claim.
    """
    multi = aligned_groups(conn, claim_ids)
    if not multi:
        return {}
    docs_of: dict[str, set[str]] = defaultdict(set)
    for chunk in _chunked({o for group in multi.values() for o in group}):
        for cid, doc in conn.execute(_DOCUMENTS_OF, {"ids": chunk}):
            docs_of[cid].add(doc)
    return {cid: set().union(*(docs_of[o] for o in group)) for cid, group in multi.items()}


def aligned_groups(conn: Connection, claim_ids: Iterable[str] | None = None) -> dict[str, list[str]]:
    """For claims that share their triple (after merges and inverses) with other claim rows: the ids of the group
    (every claim without `claim_ids`, else only those asked)."""
    if claim_ids is None:
        finals = final_map(conn)
        rows = list(conn.execute(select(*_KEY_COLUMNS)).mappings())
        asked: set[str] | None = None
    else:
        asked = set(claim_ids)
        mine = [r for chunk in _chunked(asked) for r in conn.execute(_ROWS_BY_ID, {"ids": chunk}).mappings()]
        # a claim none of whose entities takes part in a merge says the same as exactly the rows with its
        # triple_key: one indexed lookup for all of them; the others (or a row stored without a key) are
        # matched through their merge groups below
        involved = {i for r in mine for i in (r["subject_id"], r["object_id"], r["attributed_to_id"]) if i}
        finals = finals_of(conn, involved)
        merged = {f for f, n in Counter(members_of(conn, set(finals.values())).values()).items() if n > 1} | \
            {i for i, f in finals.items() if f != i}
        found: dict[str, Any] = {}
        keyed = [r for r in mine if r["triple_key"] is not None and not merged & {
            r["subject_id"], r["object_id"], r["attributed_to_id"]}]
        for chunk in _chunked({str(r["triple_key"]) for r in keyed}):
            for r in conn.execute(_ROWS_BY_KEY, {"keys": [int(k) for k in chunk]}).mappings():
                found[r["id"]] = r
        by_key = {id(r) for r in keyed}
        mine = [r for r in mine if id(r) not in by_key]
        # a row says the same as one of these only with the same two ends (either way round, after merges)
        # and a form of the same predicate: both ends are filtered in SQL, so a much-named entity costs
        # only its rows with these partners
        for literal in (False, True):
            group = [r for r in mine if (r["object_id"] is None) == literal]
            if not group:
                continue
            ends = {finals.get(i, i) for r in group for i in (r["subject_id"], r["object_id"]) if i}
            members = sorted(members_of(conn, ends))
            forms = sorted({f for r in group for f in _forms(r["predicate"])})
            if not literal:
                for subject, objects, predicates in _partner_lookups(conn, group, finals):
                    found.update((r["id"], r) for r in conn.execute(
                        _PARTNER_QUERY, {"subject": subject, "objects": objects, "forms": predicates}).mappings())
                continue
            for chunk in _chunked(members):
                q = select(*_KEY_COLUMNS).where(claims.c.subject_id.in_(chunk), claims.c.predicate.in_(forms),
                                                claims.c.object_id.is_(None))
                for r in conn.execute(q).mappings():
                    found[r["id"]] = r
        rows = list(found.values())
        finals = finals_of(conn, {i for r in rows for i in (r["subject_id"], r["object_id"], r["attributed_to_id"])
                                  if i})
    groups: dict[tuple[Any, ...], list[str]] = defaultdict(list)
    for r in rows:
        speaker = finals.get(r["attributed_to_id"], r["attributed_to_id"])
        groups[(*triple_key(r, finals), r["polarity"], speaker)].append(r["id"])
    return {cid: ids for ids in groups.values() if len(ids) > 1 for cid in ids if asked is None or cid in asked}


# the claim rows of one subject with some objects under some predicates: compiled once, run once a subject
_PARTNER_QUERY = select(*_KEY_COLUMNS).where(claims.c.subject_id == bindparam("subject"),
                                             claims.c.object_id.in_(bindparam("objects", expanding=True)),
                                             claims.c.predicate.in_(bindparam("forms", expanding=True)))


def _partner_lookups(conn: Connection, group: list[Any], finals: dict[str, str]
                     ) -> list[tuple[str, list[str], list[str]]]:
    """(subject, objects, predicates) under which rows may say what one of these rows says: its two ends
    either way round (after merges) and a form of its predicate. Each subject is asked with just its own
    partners, so a much-named entity costs only its rows with the entities it shares a row with here."""
    ends_of = [(finals.get(r["subject_id"], r["subject_id"]), finals.get(r["object_id"], r["object_id"]))
               for r in group]
    members = _members_by_final(conn, {e for pair in ends_of for e in pair})
    partners: dict[str, set[str]] = defaultdict(set)  # subject member -> object members
    forms: dict[str, set[str]] = defaultdict(set)
    symmetric = registry().having("symmetric")
    for r, ends in zip(group, ends_of):
        # a row the other way round says the same only under an inverse (or passive) form or a symmetric one
        turns = len(_forms(r["predicate"])) > 1 or r["predicate"] in symmetric
        for one, other in (ends, ends[::-1]) if turns else (ends,):
            for m in members[one]:
                partners[m] |= members[other]
                forms[m] |= _forms(r["predicate"])
    return [(m, sorted(partners[m]), sorted(forms[m])) for m in sorted(partners)]


def _members_by_final(conn: Connection, finals: set[str]) -> dict[str, set[str]]:
    """Each final entity id to itself and every entity merged into it."""
    out: dict[str, set[str]] = {f: {f} for f in finals}
    for member, final in members_of(conn, finals).items():
        out[final].add(member)
    return out


def finals_of(conn: Connection, ids: Iterable[str]) -> dict[str, str]:
    """These entity ids to the id that stands for each after merges (reads only their merge chains)."""
    out: dict[str, str] = {}
    cur = {i: i for i in ids if i}  # start id -> id reached so far
    for _ in range(32):  # merge chains are short; the bound guards against a cycle
        if not cur:
            break
        reached = sorted(set(cur.values()))
        links: dict[str, str | None] = {}
        for k in range(0, len(reached), 500):
            links.update(conn.execute(_MERGE_LINKS, {"ids": reached[k:k + 500]}).tuples().all())
        nxt = {}
        for start, at in cur.items():
            target = links.get(at)
            if target and target != start:
                nxt[start] = target
            else:
                out[start] = at
        cur = nxt
    out.update(cur)
    return out


def members_of(conn: Connection, finals: Iterable[str]) -> dict[str, str]:
    """Every entity id merged (directly or through others) into one of these, to that one (each maps to itself)."""
    out = {f: f for f in finals if f}
    frontier = dict(out)
    for _ in range(32):
        if not frontier:
            break
        heads = sorted(frontier)
        nxt: dict[str, str] = {}
        for k in range(0, len(heads), 500):
            for eid, into in conn.execute(_MERGED_INTO, {"ids": heads[k:k + 500]}):
                if eid not in out:
                    out[eid] = nxt[eid] = frontier[into]
        frontier = nxt
    return out


def refill_claim_counts(conn: Connection) -> None:
    """Count every entity's non-rejected claims into entity_claim_counts again from the claim rows (what its
    triggers, migration 0013, keep row by row): after a bulk load that held the triggers off."""
    from sqlalchemy import delete, func, insert, literal, or_, union_all

    from claimgraph.store.schema import entity_claim_counts

    kept = or_(claims.c.status.is_(None), claims.c.status != "rejected")
    subject, obj, speaker = claims.c.subject_id, claims.c.object_id, claims.c.attributed_to_id
    ends = union_all(
        select(subject.label("entity_id"), literal(1).label("party")).where(kept),
        select(obj.label("entity_id"), literal(1).label("party")).where(kept, obj.isnot(None), obj != subject),
        select(speaker.label("entity_id"), literal(0).label("party")).where(
            kept, speaker.isnot(None), speaker != subject, or_(obj.is_(None), obj != speaker)),
    ).subquery()
    conn.execute(delete(entity_claim_counts))
    conn.execute(insert(entity_claim_counts).from_select(
        ["entity_id", "claims", "party"],
        select(ends.c.entity_id, func.count(), func.sum(ends.c.party)).group_by(ends.c.entity_id)))
