"""What an entity without a name is called in every view and export: "unnamed perpetrator (<document>)".

Extraction stores an unnamed actor ("a bomb exploded", "gunmen attacked") as a stand-in entity of
its document with an empty name and `attrs.stands_for` saying what it stands for. An empty string
or a raw id on a page reads as a bug, and two stand-ins of two documents must not read alike, so
every interface shows the role and the document it comes from.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, func, or_, select

from claimgraph.store.schema import claims, documents, entities, evidence, mentions

CHUNK = 500
DEFAULT_ROLE = "unnamed actor"
TITLE_CHARS = 60


def _document_of(conn: Connection, ids: list[str]) -> dict[str, str]:
    """The document each entity comes from: where it is mentioned, else where a claim about it is evidenced."""
    found: dict[str, str] = {}
    for at in range(0, len(ids), CHUNK):
        chunk = ids[at: at + CHUNK]
        for entity_id, doc_id in conn.execute(select(mentions.c.entity_id, mentions.c.document_id)
                                              .where(mentions.c.entity_id.in_(chunk))
                                              .order_by(mentions.c.document_id)):
            found.setdefault(entity_id, doc_id)
        rest = [i for i in chunk if i not in found]
        if not rest:
            continue
        query = (select(claims.c.subject_id, claims.c.object_id, claims.c.attributed_to_id, evidence.c.document_id)
                 .join(evidence, evidence.c.claim_id == claims.c.id)
                 .where(or_(claims.c.subject_id.in_(rest), claims.c.object_id.in_(rest),
                            claims.c.attributed_to_id.in_(rest)))
                 .order_by(evidence.c.document_id))
        wanted = set(rest)
        for *ends, doc_id in conn.execute(query):
            for end in ends:
                if end in wanted:
                    found.setdefault(end, doc_id)
    return found


def _titles(conn: Connection, doc_ids: Iterable[str]) -> dict[str, str]:
    """A readable name per document: its title, else its source, else its id."""
    wanted = sorted(set(doc_ids))
    out: dict[str, str] = {}
    for at in range(0, len(wanted), CHUNK):
        for doc_id, title, source in conn.execute(select(documents.c.id, documents.c.title, documents.c.source)
                                                  .where(documents.c.id.in_(wanted[at: at + CHUNK]))):
            out[doc_id] = _short((title or "").strip() or (source or "").strip() or doc_id)
    return out


def _short(text: str, limit: int = TITLE_CHARS) -> str:
    """A title cut at a word before `limit` characters (some extracted titles are a whole first sentence)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.-–—")
    return f"{cut or text[:limit]}…"


def unnamed_names(conn: Connection, ids: Iterable[str]) -> dict[str, str]:
    """Display names ("unnamed perpetrator (<document title>)") for the entities among `ids` with no name."""
    wanted = sorted({i for i in ids if i})
    roles: dict[str, str] = {}
    for at in range(0, len(wanted), CHUNK):
        for entity_id, name, attrs in conn.execute(select(entities.c.id, entities.c.name, entities.c.attrs)
                                                   .where(entities.c.id.in_(wanted[at: at + CHUNK]))):
            if not (name or "").strip():
                stands_for = (attrs or {}).get("stands_for") if isinstance(attrs, dict) else None
                roles[entity_id] = str(stands_for or DEFAULT_ROLE)
    if not roles:
        return {}
    docs = _document_of(conn, sorted(roles))
    titles = _titles(conn, docs.values())
    return {i: f"{role} ({titles[docs[i]]})" if i in docs and docs[i] in titles else role
            for i, role in roles.items()}


def all_unnamed_names(conn: Connection) -> dict[str, str]:
    """unnamed_names for every entity of the store that has no name (for whole-store exports)."""
    blank = or_(entities.c.name.is_(None), func.trim(entities.c.name) == "")
    empty = [i for i, in conn.execute(select(entities.c.id).where(blank))]
    return unnamed_names(conn, empty)


def name_rows(rows: dict[str, dict[str, Any]], names: dict[str, str]) -> None:
    """Put the display names into entity rows (by id) whose name is empty, in place."""
    for entity_id, name in names.items():
        row = rows.get(entity_id)
        if row is not None and not (row.get("name") or "").strip():
            row["name"] = name


def name_refs(record: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """A claim record whose entity references (subject, object, speaker) carry display names for empty ones."""
    for role in ("subject", "object", "attributed_to"):
        ref = record.get(role)
        if isinstance(ref, dict) and ref.get("id") in names and not (ref.get("name") or "").strip():
            record[role] = {**ref, "name": names[ref["id"]]}
    return record

