"""Writing one analysed document in one transaction, idempotently."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, bindparam, insert, select, update

from claimgraph.model import Analysis, Claim, Entity, LiteralValue, ReferenceFact, stable_id
from claimgraph.resolve.names import is_acronym, norm_name
from claimgraph.store.derived import triple_hash
from claimgraph.store.schema import aliases, claims, documents, entities, evidence, mentions, reference_facts

# types that may share one entity across documents (a Place can turn out to be a Country)
COMPATIBLE_TYPES = {"Place": {"Place", "Country"}, "Country": {"Country", "Place"}}


# mention sources that are descriptions or pronouns ("the group", "it"), never names
NOT_NAME_SOURCES = frozenset({"coref", "nominal"})


# the statements written for every entity, built once with bound parameters
_ENTITY_ID = select(entities.c.id).where(entities.c.id == bindparam("id"))
_ENTITY_GEO = select(entities.c.geo, entities.c.external_ids).where(entities.c.id == bindparam("id"))
_INSERT_ENTITY = insert(entities)
_ALIASES_OF = select(aliases.c.alias).where(aliases.c.entity_id == bindparam("id"))
_INSERT_ALIASES = insert(aliases)
_ENTITIES_IN = select(entities.c.id).where(entities.c.id.in_(bindparam("ids", expanding=True)))


def now() -> str:
    """UTC timestamp in ISO 8601 (seconds)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def document_exists(conn: Connection, sha256: str) -> str | None:
    """Id of the stored document with this content, if any."""
    return conn.execute(select(documents.c.id).where(documents.c.sha256 == sha256)).scalar()


class EntityLinker(Protocol):
    """What the writer asks of cross-document linking (claimgraph.linking.crossdoc, through the plugin hook)."""

    THRESHOLD: float

    def find_matches(self, conn: Connection, entity: Entity, context: set[str] | None = None,
                     exclude: str | None = None) -> list[Any]: ...
    def entity_row_id(self, entity: Entity) -> str: ...
    def resolve_new_entity(self, conn: Connection, entity: Entity, entity_id: str, context: set[str] | None,
                           when: str) -> Any: ...
    def final_of(self, conn: Connection, entity_id: str) -> str: ...
    def split_aliases(self, conn: Connection, group: str) -> set[str]: ...
    def type_safe_aliases(self, name: str, type_: str, names: set[str]) -> set[str]: ...
    def add_keys(self, conn: Connection, entity_id: str, names: set[str], type_: str) -> Any: ...


def _linker() -> EntityLinker:
    # the linking layer sits above the store: it is reached through the plugin hook, never imported
    from claimgraph import plugins

    linker: EntityLinker = plugins.entity_linker()
    return linker


def _find_entity(conn: Connection, entity: Entity) -> str | None:
    """The stored entity group this entity's names match well enough (see linking/crossdoc.py), if any."""
    crossdoc = _linker()
    matches = crossdoc.find_matches(conn, entity, set(entity.attrs.get("_context") or []))
    return matches[0].group if matches and matches[0].score >= crossdoc.THRESHOLD else None


# longest document title shown in a stand-in's name
TITLE_CHARS = 60


def placeholder_name(entity: Entity, title: str) -> str:
    """The shown name of a stand-in: its own, else "unnamed perpetrator (<document title>)", never empty."""
    if entity.name.strip():
        return entity.name
    role = str(entity.attrs.get("stands_for") or "unnamed actor")
    title = " ".join(title.split())
    if len(title) > TITLE_CHARS:
        title = title[: TITLE_CHARS - 1].rstrip() + "\u2026"
    return f"{role} ({title})" if title else role


def _write_placeholder(conn: Connection, entity: Entity, document_id: str, title: str = "") -> str:
    """A stand-in ("unnamed perpetrator") is its document's own: no aliases, never matched or merged."""
    entity_id = stable_id("e", entity.type, norm_name(entity.name), document_id)
    if conn.execute(select(entities.c.id).where(entities.c.id == entity_id)).first() is None:
        conn.execute(insert(entities).values(id=entity_id, name=placeholder_name(entity, title), type=entity.type,
                                             geo=None, external_ids={}, attrs=entity.attrs))
    return entity_id


def _write_entity(conn: Connection, entity: Entity, stored: set[str] | None = None) -> str:
    """Store the row of this entity's own name; a new name is linked to the stored entity it matches.

    `stored` holds ids known to have a row (the document's entity rows read in one query, and those written since):
    an id in it is not asked again, one not in it is new (its row is written and added)."""
    crossdoc = _linker()

    entity_id = crossdoc.entity_row_id(entity)
    # keys starting with "_" are analysis-time hints (co-mentioned names), not stored attributes
    attrs = {k: v for k, v in entity.attrs.items() if not k.startswith("_")}
    new = entity_id not in stored if stored is not None else \
        conn.execute(_ENTITY_ID, {"id": entity_id}).first() is None
    if new:
        conn.execute(_INSERT_ENTITY, {"id": entity_id, "name": entity.name, "type": entity.type, "geo": entity.geo,
                                      "external_ids": entity.external_ids, "attrs": attrs})
        if stored is not None:
            stored.add(entity_id)
        crossdoc.resolve_new_entity(conn, entity, entity_id, set(entity.attrs.get("_context") or []), now())
    group = crossdoc.final_of(conn, entity_id)
    for target in dict.fromkeys((entity_id, group)) if entity.geo or entity.external_ids else ():
        current = conn.execute(_ENTITY_GEO, {"id": target}).first()
        changes: dict[str, Any] = {}
        if entity.geo and current is not None and not current.geo:
            changes["geo"] = entity.geo
        if entity.external_ids and current is not None and not current.external_ids:
            changes["external_ids"] = entity.external_ids
        if changes:
            conn.execute(update(entities).where(entities.c.id == target).values(**changes))
    # names a reviewer split away from this entity are not added back by a later document
    split_away = crossdoc.split_aliases(conn, group) - {norm_name(entity.name)}
    # every spelling is a row of its own ("al Qaeda" beside "al-Qaeda", "Hizbollah" beside "HIZBOLLAH"): readers
    # and exports list the names as written, the norm index finds them all (migration 0013)
    # a row written just now has no aliases yet (each alias row names its entity's row): nothing to read
    existing = set() if new else set(conn.execute(_ALIASES_OF, {"id": entity_id}).scalars())
    written = set()
    new_rows = []
    # an alias that does not fit the entity's type (a group's acronym on a country) is not stored
    for alias in sorted(crossdoc.type_safe_aliases(entity.name, entity.type, entity.aliases | {entity.name})):
        key = norm_name(alias)
        if key in split_away:
            continue
        written.add(alias)
        if key and alias not in existing and (len(key) > 1 or is_acronym(alias)):
            new_rows.append({"entity_id": entity_id, "alias": alias, "norm": key})
            existing.add(alias)
    if new_rows:
        conn.execute(_INSERT_ALIASES, new_rows)
    # names stored before already have their keys; only a new row or new names need them
    fresh = written if new else {r["alias"] for r in new_rows}
    if fresh:
        crossdoc.add_keys(conn, entity_id, fresh, entity.type)
    return entity_id


def _stored_entities(conn: Connection, entity_ids: list[str]) -> set[str]:
    """Those of these entity ids that have a row."""
    wanted = sorted(set(entity_ids))
    found: set[str] = set()
    for at in range(0, len(wanted), 500):
        found |= set(conn.execute(_ENTITIES_IN, {"ids": wanted[at:at + 500]}).scalars())
    return found


def claim_key(subject_id: str, claim: Claim, object_id: str | None, attributed_id: str | None) -> str:
    """Deterministic claim id: the same statement, said the same way, is one claim."""
    obj = object_id if object_id else f"{claim.object.type}:{norm_name(str(claim.object.value))}" \
        if isinstance(claim.object, LiteralValue) else ""
    return stable_id("c", subject_id, claim.predicate, obj, claim.polarity, claim.modality, attributed_id or "")


# qualifiers that may name an entity: {"key": local key, "name", "type"} becomes a stored entity ref
ENTITY_QUALIFIERS = ("place", "weapon", "via")


def _stored_refs(qualifiers: dict[str, Any], ids: dict[str, str]) -> dict[str, Any]:
    """Qualifiers with local entity keys replaced by stored entity ids."""
    out = dict(qualifiers)
    for name in ENTITY_QUALIFIERS:
        ref = out.get(name)
        if isinstance(ref, dict) and "key" in ref:
            ref = {k: v for k, v in ref.items() if k != "key"}
            if qualifiers[name]["key"] in ids:
                ref["id"] = ids[qualifiers[name]["key"]]
            out[name] = ref
    return out


def _write_claims(conn: Connection, document_id: str, claim_list: list[Claim], ids: dict[str, str]) -> None:
    """Insert new claims and every evidence row of a new document, a few statements in all."""
    new_claims: dict[str, dict[str, Any]] = {}
    evidence_rows: dict[tuple[str, int, int], dict[str, Any]] = {}
    for claim in claim_list:
        subject_id = ids[claim.subject]
        object_id = ids[claim.object] if isinstance(claim.object, str) else None
        attributed_id = ids.get(claim.attributed_to) if claim.attributed_to else None
        claim_id = claim_key(subject_id, claim, object_id, attributed_id)
        qualifiers = _stored_refs(claim.qualifiers, ids)
        if claim_id not in new_claims:
            literal = claim.object if isinstance(claim.object, LiteralValue) else None
            new_claims[claim_id] = dict(
                id=claim_id, subject_id=subject_id, predicate=claim.predicate, object_id=object_id,
                object_value=str(literal.value) if literal else None, object_type=literal.type if literal else None,
                qualifiers=qualifiers, modality=claim.modality, polarity=claim.polarity,
                attributed_to_id=attributed_id, confidence=claim.confidence, status=claim.status)
            new_claims[claim_id]["triple_key"] = triple_hash(new_claims[claim_id])
        for ev in claim.evidence:
            # the document is new, so its evidence rows are too; only repeats within it are dropped
            evidence_rows.setdefault((claim_id, ev.start, ev.end), dict(
                claim_id=claim_id, document_id=document_id, start=ev.start, end=ev.end, text=ev.text,
                qualifiers=qualifiers, confidence=claim.confidence, extractor=claim.extractor))
    if not new_claims:
        return
    stored: set[str] = set()
    keys = sorted(new_claims)
    for i in range(0, len(keys), 500):
        stored |= set(conn.execute(select(claims.c.id).where(claims.c.id.in_(keys[i:i + 500]))).scalars())
    rows = [row for cid, row in new_claims.items() if cid not in stored]
    if rows:
        conn.execute(insert(claims), rows)
    conn.execute(insert(evidence), list(evidence_rows.values()))


def reference_key(subject_id: str, predicate: str, object_id: str) -> str:
    """Deterministic id of a reference fact: the same fact met in many documents is one row."""
    return stable_id("r", subject_id, predicate, object_id)


def _write_reference(conn: Connection, facts: list[ReferenceFact], ids: dict[str, str]) -> None:
    """Store the reference facts the document met (gazetteer, tables): no evidence, no modality, no document."""
    rows: dict[str, dict[str, Any]] = {}
    for fact in facts:
        subject_id, object_id = ids.get(fact.subject), ids.get(fact.object)
        if not subject_id or not object_id or subject_id == object_id:
            continue
        fact_id = reference_key(subject_id, fact.predicate, object_id)
        rows.setdefault(fact_id, dict(id=fact_id, subject_id=subject_id, predicate=fact.predicate,
                                      object_id=object_id, object_value=None, object_type=None,
                                      qualifiers=dict(fact.qualifiers), provenance=dict(fact.provenance),
                                      confidence=fact.confidence))
    if not rows:
        return
    stored = set(conn.execute(select(reference_facts.c.id).where(reference_facts.c.id.in_(sorted(rows)))).scalars())
    new = [row for fact_id, row in rows.items() if fact_id not in stored]
    if new:
        conn.execute(insert(reference_facts), new)


def write_analysis(engine: Engine, analysis: Analysis, find=None) -> str | None:  # type: ignore[no-untyped-def]
    """Store one document with its entities, mentions and claims in one transaction.

    Returns the document id, or None when the same content was stored before. `find`
    maps a local entity key to its representative (the analysis context's union-find).
    """
    find = find or (lambda k: k)
    doc = analysis.document
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            # take the write lock first, waiting out another writer (the busy timeout): a transaction that reads
            # first and writes later fails at once, unwaited, when another writer committed in between
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        if document_exists(conn, doc.sha256):
            return None
        document_id = doc.doc_id
        conn.execute(insert(documents).values(
            id=document_id, sha256=doc.sha256, title=doc.title, source=doc.source, url=doc.url,
            published=doc.published, text=doc.text, word_count=analysis.word_count, ingested_at=now()))
        ids: dict[str, str] = {}
        # which of the document's entity rows exist, read in one query, not one query an entity; a row another
        # writer adds meanwhile (PostgreSQL: no store-wide write lock) fails the insert as a duplicate key, and the
        # document's transaction is retried (ingest.guard.with_retry), as when each row was asked for
        named = [entity for key, entity in analysis.entities.items()
                 if find(key) == key and not entity.attrs.get("placeholder")]
        stored = _stored_entities(conn, [_linker().entity_row_id(entity) for entity in named])
        for key, entity in analysis.entities.items():
            if find(key) == key:
                ids[key] = _write_placeholder(conn, entity, document_id, doc.title or doc.source or document_id) \
                    if entity.attrs.get("placeholder") \
                    else _write_entity(conn, entity, stored)
                stored.add(ids[key])  # a stand-in's row too: a later entity of the same id finds it
        for key in analysis.entities:
            ids[key] = ids[find(key)]
        mention_rows: dict[tuple[int, int, str], dict[str, Any]] = {}
        for m in analysis.mentions:
            if m.source in NOT_NAME_SOURCES:  # mentions.jsonl lists names, whichever stages ran
                continue
            entity_id = ids[find(m.entity_key)]
            mention_rows.setdefault((m.start, m.end, entity_id), dict(
                entity_id=entity_id, document_id=document_id, start=m.start, end=m.end, text=m.text, type=m.type))
        if mention_rows:
            conn.execute(insert(mentions), list(mention_rows.values()))
        _write_claims(conn, document_id, analysis.claims, ids)
        _write_reference(conn, analysis.reference, ids)
        return document_id
