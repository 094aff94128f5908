"""Reading the store back as records shaped like the claims contract (spec/claims-format.md)."""

from __future__ import annotations

import re
import weakref
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, Select, and_, func, or_, select

from claimgraph.resolve.names import norm_name
from claimgraph.store.idlists import in_ids
from claimgraph.store.schema import (
    aliases,
    claims,
    documents,
    entities,
    evidence,
    mentions,
    reference_facts,
)


def entity_index(conn: Connection) -> dict[str, dict[str, Any]]:
    """Every entity by id (merged ones point at the entity they were merged into)."""
    rows = conn.execute(select(entities)).mappings().all()
    return {r["id"]: dict(r) for r in rows}


def final_id(index: dict[str, dict[str, Any]], entity_id: str | None) -> str | None:
    """Follow merges to the entity that stands for this id now."""
    seen = set()
    while entity_id and index.get(entity_id, {}).get("merged_into") and entity_id not in seen:
        seen.add(entity_id)
        entity_id = index[entity_id]["merged_into"]
    return entity_id


def entity_ref(index: dict[str, dict[str, Any]], entity_id: str | None) -> dict[str, Any] | None:
    """{"id", "name", "type"} of an entity, after merges."""
    entity_id = final_id(index, entity_id)
    if not entity_id or entity_id not in index:
        return None
    row = index[entity_id]
    return {"id": row["id"], "name": row["name"], "type": row["type"]}


def find_entities(conn: Connection, name: str) -> list[str]:
    """Ids of entities one of whose names normalises like `name`, most mentioned first."""
    key = norm_name(name)
    ids = list(conn.execute(select(aliases.c.entity_id).where(aliases.c.norm == key).distinct()).scalars())
    if not ids:
        ids = list(conn.execute(select(aliases.c.entity_id).where(aliases.c.norm.like(f"%{key}%"))
                                .distinct()).scalars())
    index = entity_index(conn)
    finals = list(dict.fromkeys(final_id(index, i) for i in ids if i))
    counts: dict[str, int] = dict(conn.execute(select(mentions.c.entity_id, func.count()).where(mentions.c.entity_id.in_(ids))
                               .group_by(mentions.c.entity_id)).all())
    return sorted((i for i in finals if i), key=lambda i: -counts.get(i, 0))


def iter_documents(conn: Connection) -> Iterator[dict[str, Any]]:
    """documents.jsonl records."""
    for r in conn.execute(select(documents.c.id, documents.c.title, documents.c.source, documents.c.published,
                                 documents.c.sha256, documents.c.url).order_by(documents.c.id)).mappings():
        yield {"id": r["id"], "title": r["title"], "source": r["source"], "published": r["published"],
               "sha256": r["sha256"], "url": r["url"]}


def iter_entities(conn: Connection) -> Iterator[dict[str, Any]]:
    """entities.jsonl records, merged entities folded into the one they were merged into."""
    index = entity_index(conn)
    names: dict[str, set[str]] = defaultdict(set)
    for entity_id, alias in conn.execute(select(aliases.c.entity_id, aliases.c.alias)):
        names[final_id(index, entity_id) or entity_id].add(alias)
    for entity_id in sorted(index):
        row = index[entity_id]
        if row["merged_into"]:
            continue
        others = sorted(a for a in names[entity_id] if a != row["name"])
        yield {"id": entity_id, "name": row["name"], "type": row["type"], "aliases": others,
               "geo": row["geo"], "external_ids": row["external_ids"] or {}}


def iter_mentions(conn: Connection) -> Iterator[dict[str, Any]]:
    """mentions.jsonl records."""
    index = entity_index(conn)
    for r in conn.execute(select(mentions).order_by(mentions.c.document_id, mentions.c.start)).mappings():
        yield {"entity_id": final_id(index, r["entity_id"]), "document_id": r["document_id"], "start": r["start"],
               "end": r["end"], "text": r["text"], "type": r["type"]}


def time_overlaps(time_from: str | None, time_to: str | None) -> list[Any]:
    """Conditions keeping claims whose qualifiers.time overlaps [time_from, time_to].

    Times are ISO 8601 prefixes ("1986", "1986-03"), so each side is compared at the
    precision of the claim's own date: 1986 overlaps a range starting 1986-03.
    """
    start = claims.c.qualifiers[("time", "start")].as_string()
    end = claims.c.qualifiers[("time", "end")].as_string()
    last = func.coalesce(end, start)
    first = func.coalesce(start, end)
    conds: list[Any] = []
    if time_from:
        conds += [last.isnot(None), last >= func.substr(time_from, 1, func.length(last))]
    if time_to:
        conds += [first.isnot(None), first <= func.substr(time_to, 1, func.length(first))]
    return conds


def claims_query(entity_ids: Iterable[str] | None = None, predicate: str | None = None,
                 document_id: str | None = None, modality: str | None = None, status: str | None = None,
                 time_from: str | None = None, time_to: str | None = None, as_speaker: bool = False) -> Select[Any]:
    """SELECT over claims with optional filters (an entity as subject or object, or speaker too)."""
    q = select(claims)
    if entity_ids is not None:
        ids = list(entity_ids)
        roles = [claims.c.subject_id.in_(ids), claims.c.object_id.in_(ids)]
        if as_speaker:
            roles.append(claims.c.attributed_to_id.in_(ids))
        q = q.where(or_(*roles))
    for column, value in ((claims.c.predicate, predicate), (claims.c.modality, modality),
                          (claims.c.status, status)):
        if value:
            q = q.where(column == value)
    if document_id:
        q = q.where(claims.c.id.in_(select(evidence.c.claim_id).where(evidence.c.document_id == document_id)))
    conds = time_overlaps(time_from, time_to)
    if conds:
        q = q.where(and_(*conds))
    return q.order_by(claims.c.id)


class DocumentMeta(dict):  # type: ignore[type-arg]
    """Document metadata by id, plus the documents of claims that other claim rows repeat (`aligned`)."""

    aligned: dict[str, set[str]]


def document_outlet(url: str | None, source: str | None) -> str | None:
    """Where a document was published: its URL's host (no www.); without a URL, a batch or feed it came in
    (a JSONL file, standard input) counts as one outlet; a file of its own has none (None)."""
    from urllib.parse import urlparse

    for candidate in (url, source):
        if candidate and "://" in candidate:
            host = urlparse(candidate).netloc.lower()
            return (host[4:] if host.startswith("www.") else host) or None
    if source and (source.startswith("<") or re.search(r"\.jsonl(\.gz)?(:\d+)?$", source)):
        return re.sub(r":\d+$", "", source)
    return None


def corroboration(ev_rows: list[dict[str, Any]], docs: dict[str, dict[str, Any]]) -> dict[str, int]:
    """How many documents carry a claim, from how many outlets, and how many of them are independent.

    The documents of claim rows saying the same thing (merged entities, inverse predicates)
    count too; documents of one outlet count once, and so do near-duplicate copies, so
    independent_sources <= outlets <= documents.
    """
    doc_ids = {e["document_id"] for e in ev_rows}
    aligned = getattr(docs, "aligned", None) or {}
    for claim_id in {e["claim_id"] for e in ev_rows if "claim_id" in e}:
        doc_ids |= aligned.get(claim_id, set())
    outlets = len({docs.get(d, {}).get("outlet") or "doc:" + d for d in doc_ids})
    try:
        from claimgraph.store.derived import independent_count
    except ImportError:  # the reasoning layer is optional: distinct outlets then
        return {"documents": len(doc_ids), "outlets": outlets, "independent_sources": outlets}
    return {"documents": len(doc_ids), "outlets": outlets,
            "independent_sources": min(outlets, independent_count(doc_ids, docs))}


_tables_seen: dict[str, weakref.WeakSet[Any]] = {}  # table name -> engines known to have it


def has_table(conn: Connection, name: str) -> bool:
    """Whether the store has this table; a table once seen is remembered per engine (tables are added by
    migrations, never dropped under a running reader), so a page read asks the catalogue only until it exists."""
    seen = _tables_seen.setdefault(name, weakref.WeakSet())
    if conn.engine in seen:
        return True
    from sqlalchemy import inspect

    if name in inspect(conn).get_table_names():
        seen.add(conn.engine)
        return True
    return False


# built once, as the reads below: the documents' citation fields, of every document or of the documents `ids`
_DOCUMENT_ROWS = select(documents.c.id, documents.c.title, documents.c.source, documents.c.url, documents.c.published)
_DOCUMENT_ROWS_IN = _DOCUMENT_ROWS.where(in_ids(documents.c.id))


def _document_meta(conn: Connection, documents_of: Iterable[str] | None = None,
                   claim_ids: Iterable[str] | None = None) -> DocumentMeta:
    """Document metadata by id (citation, outlet, copy_of) and `aligned` (claim -> documents of its triple).

    Whole store without arguments; otherwise only the documents `documents_of`, the claims
    `claim_ids` (by default every claim with evidence in those documents: pass the claims shown,
    which is much less) and the documents aligned with them.
    """

    meta = DocumentMeta()
    meta.aligned = {}
    scoped = documents_of is not None or claim_ids is not None
    wanted = set(documents_of or ())
    try:
        from claimgraph.store.derived import aligned_documents, document_sources
    except ImportError:
        aligned_documents = document_sources = None  # type: ignore[assignment]
    have_sources = document_sources is not None and has_table(conn, "document_sources")
    if have_sources:
        if scoped and claim_ids is None:
            claim_ids = {cid for chunk in _chunks(wanted) for cid in conn.execute(
                select(evidence.c.claim_id).where(evidence.c.document_id.in_(chunk))).scalars()}
        meta.aligned = aligned_documents(conn, claim_ids if scoped else None)
        wanted |= {d for docs in meta.aligned.values() for d in docs}
    q = _DOCUMENT_ROWS_IN if scoped else _DOCUMENT_ROWS
    for r in (r for chunk in (_chunks(wanted) if scoped else [[]])
              for r in conn.execute(q, {"ids": chunk} if scoped else {}).mappings()):
        outlet = document_outlet(r["url"], r["source"])
        # cite a file by its name; a batch line or stdin by its title (or id)
        batch = r["source"].endswith(".jsonl") or r["source"].startswith("<")
        cite = (r["title"] or r["id"]) if batch else r["source"]
        meta[r["id"]] = {"title": r["title"], "source": r["source"], "outlet": outlet, "published": r["published"],
                         "cite": cite, "copy_of": None}
    if have_sources:
        sq = _sources_statement(document_sources) if scoped else select(
            document_sources.c.document_id, document_sources.c.outlet, document_sources.c.copy_of)
        for r in (r for chunk in (_chunks(wanted) if scoped else [[]])
                  for r in conn.execute(sq, {"ids": chunk} if scoped else {}).mappings()):
            if r["document_id"] in meta:
                meta[r["document_id"]]["copy_of"] = r["copy_of"]
                meta[r["document_id"]]["outlet"] = meta[r["document_id"]]["outlet"] or r["outlet"]
    return meta


def corroboration_counts(conn: Connection, claim_ids: Iterable[str]) -> dict[str, dict[str, int]]:
    """The `corroboration` of each of these claims as its claims.jsonl record counts it: what a graph edge shows.

    Read from the kept counts (store.corroborated) where they are current, else counted live."""
    asked = sorted(set(claim_ids))
    try:
        from claimgraph.store.corroborated import cached_counts
    except ImportError:  # the reasoning layer's tables are optional: count live then
        return live_corroboration_counts(conn, asked)
    kept = cached_counts(conn, asked)
    if kept is None:
        return live_corroboration_counts(conn, asked)
    missing = [c for c in asked if c not in kept]
    if missing:
        kept.update(live_corroboration_counts(conn, missing))
    return {c: kept[c] for c in asked}


def kept_corroboration(conn: Connection, claim_ids: list[str]) -> dict[str, dict[str, int]] | None:
    """The kept counts of these claims when every one of them is kept and current, else None."""
    try:
        from claimgraph.store.corroborated import cached_counts
    except ImportError:
        return None
    kept = cached_counts(conn, claim_ids)
    return kept if kept is not None and all(c in kept for c in claim_ids) else None


def live_corroboration_counts(conn: Connection, claim_ids: Iterable[str]) -> dict[str, dict[str, int]]:
    """corroboration_counts counted from the evidence, triple groups and document sources, reading only the
    outlet and copy link of the documents (no titles, texts or citations)."""

    asked = sorted(set(claim_ids))
    docs_of: dict[str, set[str]] = {c: set() for c in asked}
    for chunk in _chunks(asked):
        for cid, doc in conn.execute(_EVIDENCE_DOCUMENTS, {"ids": chunk}):
            docs_of[cid].add(doc)
    try:
        from claimgraph.store.derived import aligned_documents, document_sources
    except ImportError:
        aligned_documents = document_sources = None  # type: ignore[assignment]
    if document_sources is not None and has_table(conn, "document_sources"):
        for cid, docs in aligned_documents(conn, asked).items():
            docs_of[cid] |= docs
    meta = source_meta(conn, set().union(*docs_of.values()) if docs_of else set())
    return {c: count_from(docs_of[c], meta) for c in asked}


def source_meta(conn: Connection, doc_ids: Iterable[str] | None) -> DocumentMeta:
    """Outlet and copy link of these documents (every document with None): what corroboration counts by."""
    meta = DocumentMeta()
    meta.aligned = {}
    try:
        from claimgraph.store.derived import document_sources
    except ImportError:
        document_sources = None  # type: ignore[assignment]
    wanted = None if doc_ids is None else sorted(set(doc_ids))
    if document_sources is not None and has_table(conn, "document_sources"):
        # the outlet stored with the copy link is the one document_outlet gives
        if wanted is None:
            for doc, outlet, copy_of in conn.execute(select(document_sources.c.document_id, document_sources.c.outlet,
                                                            document_sources.c.copy_of)):
                meta[doc] = {"outlet": outlet, "copy_of": copy_of}
        else:
            for chunk in _chunks(wanted):
                for doc, outlet, copy_of in conn.execute(_sources_statement(document_sources), {"ids": chunk}):
                    meta[doc] = {"outlet": outlet, "copy_of": copy_of}
    rest = select(documents.c.id, documents.c.url, documents.c.source)
    queries = [rest] if wanted is None else [rest.where(documents.c.id.in_(chunk))
                                             for chunk in _chunks(d for d in wanted if d not in meta)]
    for query in queries:
        for doc, url, source in conn.execute(query):
            if doc not in meta:
                meta[doc] = {"outlet": document_outlet(url, source), "copy_of": None}
    return meta


def count_from(doc_ids: set[str], meta: DocumentMeta) -> dict[str, int]:
    """corroboration() of a claim whose group's documents are these."""
    return corroboration([{"document_id": d} for d in sorted(doc_ids)], meta)


# built once: an IN list given as one expanding parameter is not coerced element by element on every call
_EVIDENCE_DOCUMENTS = select(evidence.c.claim_id, evidence.c.document_id).where(
    in_ids(evidence.c.claim_id))
_SOURCES: dict[int, Select[Any]] = {}


def _sources_statement(table: Any) -> Select[Any]:
    """Outlet and copy link of the documents `ids` (the reasoning layer's table, built once)."""
    if id(table) not in _SOURCES:
        _SOURCES[id(table)] = select(table.c.document_id, table.c.outlet, table.c.copy_of).where(
            in_ids(table.c.document_id))
    return _SOURCES[id(table)]


def _chunks(ids: Iterable[str]) -> list[list[str]]:
    wanted = sorted(set(ids))
    return [wanted[k:k + 500] for k in range(0, len(wanted), 500)]


def iter_claims(conn: Connection, query: Select[Any] | None = None) -> Iterator[dict[str, Any]]:
    """claims.jsonl records (with evidence and corroboration) for a claims query."""
    rows = conn.execute(query if query is not None else claims_query()).mappings().all()
    ev_by_claim: dict[str, list[dict[str, Any]]] = defaultdict(list)
    ids = [r["id"] for r in rows]
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start: chunk_start + 500]
        for e in conn.execute(select(evidence).where(evidence.c.claim_id.in_(chunk))
                              .order_by(evidence.c.document_id, evidence.c.start)).mappings():
            ev_by_claim[e["claim_id"]].append(dict(e))
    # a whole-store export reads everything once; a selection reads only what its records show
    everything = query is None or len(ids) > 20_000
    index = entity_index(conn) if everything else _entity_rows(
        conn, {i for r in rows for i in (r["subject_id"], r["object_id"], r["attributed_to_id"]) if i})
    docs = _document_meta(conn) if everything else _document_meta(
        conn, {e["document_id"] for evs in ev_by_claim.values() for e in evs}, ids)
    for r in rows:
        yield claim_record(r, ev_by_claim[r["id"]], index, docs)


def _entity_rows(conn: Connection, ids: set[str]) -> dict[str, dict[str, Any]]:
    """Entity rows of these ids and of every entity their merges lead to (what entity_ref follows)."""
    out: dict[str, dict[str, Any]] = {}
    todo = set(ids)
    while todo:
        for chunk in _chunks(todo):
            out.update({r["id"]: dict(r) for r in conn.execute(select(entities).where(entities.c.id.in_(chunk)))
                        .mappings()})
        todo = {r["merged_into"] for r in out.values() if r["merged_into"]} - set(out)
    return out


def claim_record(r: Any, ev_rows: list[dict[str, Any]], index: dict[str, dict[str, Any]],
                 docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One claim row with its evidence rows as a contract record."""
    if r["object_id"]:
        obj = entity_ref(index, r["object_id"])
    else:
        value: Any = r["object_value"]
        obj = {"value": value, "type": r["object_type"] or "text"}
    return {
        "id": r["id"],
        "subject": entity_ref(index, r["subject_id"]),
        "predicate": r["predicate"],
        "object": obj,
        "qualifiers": r["qualifiers"] or {},
        "modality": r["modality"],
        "polarity": r["polarity"],
        "attributed_to": entity_ref(index, r["attributed_to_id"]),
        # each passage keeps the qualifiers it gave (two sources, two distances: both survive)
        "evidence": [{"document_id": e["document_id"],
                      "document": docs.get(e["document_id"], {}).get("cite"),
                      "start": e["start"], "end": e["end"], "text": e["text"],
                      **({"qualifiers": e["qualifiers"]} if e.get("qualifiers") and
                         e["qualifiers"] != (r["qualifiers"] or {}) else {})} for e in ev_rows],
        "confidence": round(max([r["confidence"], *(e["confidence"] for e in ev_rows)]), 3),
        "corroboration": corroboration(ev_rows, docs),
        "status": r["status"],
    }


def reference_record(r: Any, index: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One reference fact as a reference.jsonl record: a claim's fields, `provenance` instead of evidence."""
    if r["object_id"]:
        obj = entity_ref(index, r["object_id"])
    else:
        obj = {"value": r["object_value"], "type": r["object_type"] or "text"}
    return {"id": r["id"], "subject": entity_ref(index, r["subject_id"]), "predicate": r["predicate"],
            "object": obj, "qualifiers": r["qualifiers"] or {}, "confidence": r["confidence"],
            "status": "active", "provenance": r["provenance"] or {}}


def iter_reference(conn: Connection, entity_ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
    """reference.jsonl records (all, or those with one of these entities as subject or object).

    Two rows that merges make the same fact are yielded once.
    """

    if not has_table(conn, "reference_facts"):
        return
    q = select(reference_facts).order_by(reference_facts.c.id)
    if entity_ids is not None:
        ids = sorted(set(entity_ids))
        q = q.where(or_(reference_facts.c.subject_id.in_(ids), reference_facts.c.object_id.in_(ids)))
    found = list(conn.execute(q).mappings())
    # some entities' facts read just the entities they name (and where their merges lead)
    index = entity_index(conn) if entity_ids is None else _entity_rows(
        conn, {i for r in found for i in (r["subject_id"], r["object_id"]) if i})
    seen: set[tuple[Any, ...]] = set()
    for r in found:
        rec = reference_record(r, index)
        key = (rec["subject"] and rec["subject"]["id"], rec["predicate"], rec["object"].get("id") if rec["object"]
               else None)
        if key in seen or (rec["subject"] and rec["object"] and rec["subject"]["id"] == rec["object"].get("id")):
            continue
        seen.add(key)
        yield rec


def reference_text(rec: dict[str, Any]) -> str:
    """How a reference fact is shown: its provenance first, never a document ("gazetteer: Baghdad is in Iraq")."""
    verbs = {"located_in": "is in", "based_in": "is based in"}
    source = (rec.get("provenance") or {}).get("source") or "reference"
    obj = rec.get("object") or {}
    subject = (rec.get("subject") or {}).get("name") or "?"
    return f"{source}: {subject} {verbs.get(rec['predicate'], rec['predicate'].replace('_', ' '))} " \
           f"{obj.get('name') or obj.get('value') or '?'}"


def document_text(conn: Connection, document_id: str) -> str | None:
    """The stored text of a document."""
    return conn.execute(select(documents.c.text).where(documents.c.id == document_id)).scalar()


def count_rows(conn: Connection) -> dict[str, int]:
    """Row counts of the main tables."""
    out = {}
    for t in (documents, entities, mentions, claims, evidence):
        out[t.name] = conn.execute(select(func.count()).select_from(t)).scalar() or 0
    return out


