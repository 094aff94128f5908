"""Conflicts and changes over time that involve some claims, read from those claims' subjects only.

`claimgraph.plugins.conflicts` reads every claim of the store (seconds on a large one); a profile
or a page of claims needs only the conflicts that name one of its claims. Every conflict the
reasoning plugin finds, and every change over time, is decided among the claims of one canonical
subject (after merges, inverse and symmetric predicates), so reading the claims of the canonical
subjects of the claims shown gives exactly the whole-store records that name one of them
(tests/test_reads_conflicts.py compares both). Conflicts of other plugins come from their own hooks.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, select

from claimgraph.store.derived import finals_of, literal_key
from claimgraph.store.schema import claims, documents, entities

REASON_PLUGIN = "claimgraph.reason.plugin"


def _canonical_subjects(conn: Connection, claim_ids: list[str], schema: Any) -> set[str]:
    """The canonical subject (after merges, passive and symmetric forms) of each of these claims."""
    rows = [r for k in range(0, len(claim_ids), 500) for r in conn.execute(
        select(claims.c.subject_id, claims.c.predicate, claims.c.object_id, claims.c.object_value,
               claims.c.object_type).where(claims.c.id.in_(claim_ids[k:k + 500]))).mappings()]
    finals = finals_of(conn, {i for r in rows for i in (r["subject_id"], r["object_id"]) if i})
    out: set[str] = set()
    for r in rows:
        subject = finals.get(r["subject_id"], r["subject_id"])
        obj = finals.get(r["object_id"], r["object_id"]) if r["object_id"] else \
            literal_key(r["object_value"], r["object_type"])
        s, _, _ = schema.canonical(subject, r["predicate"], obj)
        if s:
            out.add(s)
    return out


def _cites(conn: Connection, doc_ids: set[str]) -> dict[str, str]:
    """How conflict notes cite these documents (as reason.conflicts cites every document)."""
    out: dict[str, str] = {}
    wanted = sorted(doc_ids)
    for k in range(0, len(wanted), 500):
        for r in conn.execute(select(documents.c.id, documents.c.title, documents.c.source, documents.c.published)
                              .where(documents.c.id.in_(wanted[k:k + 500]))):
            name = r.source if not (r.source.endswith(".jsonl") or r.source.startswith("<")) else (r.title or r.id)
            out[r.id] = f"{name} ({r.published})" if r.published else name
    return out


def _names(conn: Connection, ids: set[str]) -> dict[str, str]:
    wanted = sorted(i for i in ids if i)
    out: dict[str, str] = {}
    for k in range(0, len(wanted), 500):
        for entity_id, name in conn.execute(select(entities.c.id, entities.c.name)
                                            .where(entities.c.id.in_(wanted[k:k + 500]))):
            out[entity_id] = name
    return out


def _involving(found: list[dict[str, Any]], asked: set[str]) -> list[dict[str, Any]]:
    return [c for c in found if asked & set(c.get("claims") or [])]


def conflicts_and_changes(conn: Connection, claim_ids: Iterable[str]) -> tuple[list[dict[str, Any]],
                                                                                list[dict[str, Any]]]:
    """(conflicts, relation changes over time) that name one of these claims, as the whole-store readers give them.

    Without the reasoning layer installed: the conflicts every plugin finds, filtered, and no changes.
    """
    from claimgraph import plugins

    asked = set(claim_ids)
    pm = plugins.plugin_manager()
    try:
        from claimgraph.linking.schema import load_schema
        from claimgraph.reason import conflicts as reasoning
    except ImportError:  # the reasoning layer is optional
        return _involving(plugins.conflicts(conn), asked), []
    others: list[dict[str, Any]] = []
    if pm.get_plugin(REASON_PLUGIN) is not None:
        # every other plugin's conflicts come from its own hook (they may read what they like)
        rest = pm.subset_hook_caller("claimgraph_conflicts", remove_plugins=[pm.get_plugin(REASON_PLUGIN)])
        others = [c for group in rest(conn=conn) for c in group]
    else:
        return _involving(plugins.conflicts(conn), asked), []
    if not asked:
        return _involving(others, asked), []
    schema = load_schema()
    subjects = _canonical_subjects(conn, sorted(asked), schema)
    views = reasoning.load_views(conn, schema, subjects)
    names = _names(conn, {v.subject or "" for v in views})
    for v in views:  # as find_conflicts keeps labels readable
        names.setdefault(v.subject or "", v.subject or "")
    cite = _cites(conn, {doc for v in views for doc, _ in v.passages})
    found = (reasoning.value_conflicts(views, names, cite, schema)
             + reasoning.qualifier_conflicts(views, names, cite, schema)
             + reasoning.polarity_conflicts(views, names, cite)
             + reasoning.superseded_conflicts(views, names, schema))
    # pluggy calls the latest registered implementation first: installed plugins' before the built-in one
    ordered = others + found
    changes = reasoning.changes_over_time(views, names, cite)
    return _involving(ordered, asked), _involving(changes, asked)

