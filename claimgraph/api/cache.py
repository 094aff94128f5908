"""Whole-store results the API reuses until the store changes (the conflict list, claim counts, outlets).

Listing every conflict reads every claim, which takes seconds on a large store; the list
must not pay that on every request (the conflicts of one entity are read from its claims). Each result is kept
with a fingerprint of the store (row counts and newest ids of the tables that feed it)
and computed again as soon as the fingerprint differs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Connection, func, inspect, select

from claimgraph.store.schema import claims, documents, entities, entity_merges, evidence, reviews

Fingerprint = tuple[Any, ...]


def store_fingerprint(conn: Connection) -> Fingerprint:
    """Cheap summary that changes whenever documents, claims, statuses, merges or reviews change."""
    parts: list[Any] = [
        select(func.count()).select_from(documents).scalar_subquery(),
        select(func.count()).select_from(claims).scalar_subquery(),
        # statuses change without new rows (supersession, review); the status index answers this
        select(func.count()).select_from(claims).where(claims.c.status != "active").scalar_subquery(),
        select(func.max(evidence.c.id)).scalar_subquery(),
        select(func.count()).select_from(entities).where(entities.c.merged_into.isnot(None)).scalar_subquery(),
        select(func.max(entity_merges.c.id)).scalar_subquery(),
        select(func.max(reviews.c.id)).scalar_subquery(),
    ]
    row = conn.execute(select(*parts)).one()
    extra: tuple[Any, ...] = ()
    if "document_sources" in _table_names(conn):  # the reasoning layer's per-document records
        from sqlalchemy import table

        extra = (conn.execute(select(func.count()).select_from(table("document_sources"))).scalar(),)
    return (*row, *extra)


_names_lock = threading.Lock()
_table_cache: dict[str, frozenset[str]] = {}


def _table_names(conn: Connection) -> frozenset[str]:
    url = str(conn.engine.url)
    with _names_lock:
        if url not in _table_cache:
            _table_cache[url] = frozenset(inspect(conn).get_table_names())
        return _table_cache[url]


class StoreCache:
    """Named results per store URL, each valid while the store fingerprint stays the same."""

    def __init__(self) -> None:
        self._values: dict[tuple[str, str], tuple[Fingerprint, Any]] = {}
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, conn: Connection, name: str, compute: Callable[[Connection], Any]) -> Any:
        """The cached result `name` for this store, computed again when the store has changed."""
        key = (str(conn.engine.url), name)
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        # one computation at a time per result: concurrent requests wait for it rather than repeat it
        with lock:
            fingerprint = store_fingerprint(conn)
            held = self._values.get(key)
            if held is not None and held[0] == fingerprint:
                return held[1]
            value = compute(conn)
            self._values[key] = (fingerprint, value)
            return value

    def peek(self, conn: Connection, name: str) -> Any:
        """The cached result `name` if it is held and still valid for the store as it is now, else None
        (never computes: a caller that cannot wait reads what it needs some other way)."""
        held = self._values.get((str(conn.engine.url), name))
        if held is None or held[0] != store_fingerprint(conn):
            return None
        return held[1]

    def clear(self) -> None:
        """Forget every result."""
        with self._guard:
            self._values.clear()


STORE_CACHE = StoreCache()


def cached_conflicts(conn: Connection) -> list[dict[str, Any]]:
    """Every conflict the plugins find (claimgraph.plugins.conflicts), reused until the store changes."""
    from claimgraph import plugins

    return STORE_CACHE.get(conn, "conflicts", plugins.conflicts)  # type: ignore[no-any-return]


def cached_changes(conn: Connection) -> list[dict[str, Any]]:
    """Every relation that changed over time (reason.conflicts.relation_changes), reused until the store changes;
    [] without the reasoning layer."""
    try:
        from claimgraph.reason.conflicts import relation_changes
    except ImportError:  # the reasoning layer is optional
        return []
    return STORE_CACHE.get(conn, "changes", relation_changes)  # type: ignore[no-any-return]


_warming: dict[str, threading.Thread] = {}
_warming_guard = threading.Lock()


def prepare(conn: Connection) -> None:
    """What the first profile, claim page or graph would otherwise set up on its own: the reasoning modules
    and predicate schema they import, the table list and the store fingerprint (a handful of indexed counts).
    Reads no claim: nothing here grows with the store."""
    import importlib

    for module in ("claimgraph.views.conflicts", "claimgraph.linking.schema", "claimgraph.reason.conflicts",
                   "claimgraph.profile", "claimgraph.views.counts", "claimgraph.views.timeline"):
        try:
            importlib.import_module(module)
        except ImportError:  # the reasoning layer is optional
            continue
    try:
        from claimgraph.linking.schema import load_schema
    except ImportError:
        pass
    else:
        load_schema()
    _table_names(conn)
    store_fingerprint(conn)


def warm_up(engine: Any) -> threading.Thread:
    """Prepare the reads (`prepare`) in a background thread, one thread a store at a time.

    Nothing whole-store is computed: a profile, an entity's conflicts or an export read the conflicts of
    their own claims (claimgraph.views.conflicts); only the unfiltered /api/conflicts list computes the
    whole-store list, when it is first asked for, and keeps it until the store changes.
    """
    import logging

    def run() -> None:
        try:
            with engine.connect() as conn:
                prepare(conn)
        except Exception:  # a failed warm-up only means the first request sets these up
            logging.getLogger(__name__).exception("warming the API up failed")

    with _warming_guard:
        running = _warming.get(str(engine.url))
        if running is not None and running.is_alive():
            return running
        thread = threading.Thread(target=run, name="claimgraph-warm-up", daemon=True)
        _warming[str(engine.url)] = thread
        thread.start()
        return thread


def conflicts_of(conn: Connection, claim_ids: Iterable[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(conflicts, changes over time) naming one of these claims: from the whole-store lists while they are
    valid (the /api/conflicts list computed them), else from the kept records while nothing is noted
    (views.conflict_sections), else read from the groups those claims are decided in."""
    from claimgraph.views import conflict_sections as kept
    from claimgraph.views.conflicts import conflicts_and_changes, other_conflicts

    asked = set(claim_ids)
    conflicts, changes = STORE_CACHE.peek(conn, "conflicts"), STORE_CACHE.peek(conn, "changes")
    if conflicts is not None and changes is not None:
        return ([c for c in conflicts if asked & set(c.get("claims") or [])],
                [c for c in changes if asked & set(c.get("claims") or [])])
    if asked and kept.has_kept(conn) and not kept.pending(conn):
        others = other_conflicts(conn)
        if others is not None:
            found, changed = kept.kept_records(conn, asked)
            # pluggy calls the latest registered implementation first: installed plugins' before the built-in one
            return [c for c in others if asked & set(c.get("claims") or [])] + found, changed
    # no whole-store computation is started here: it would compete with the requests it is meant to speed up
    return conflicts_and_changes(conn, asked)
