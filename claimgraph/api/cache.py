"""Whole-store results the API reuses until the store changes (the conflict list, claim counts, outlets).

Listing every conflict reads every claim, which takes seconds on a large store; the list
must not pay that on every request (the conflicts of one entity are read from its claims). Each result is kept
with a fingerprint of the store (row counts and newest ids of the tables that feed it)
and computed again as soon as the fingerprint differs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
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

    def clear(self) -> None:
        """Forget every result."""
        with self._guard:
            self._values.clear()


STORE_CACHE = StoreCache()


def cached_conflicts(conn: Connection) -> list[dict[str, Any]]:
    """Every conflict the plugins find (claimgraph.plugins.conflicts), reused until the store changes."""
    from claimgraph import plugins

    return STORE_CACHE.get(conn, "conflicts", plugins.conflicts)  # type: ignore[no-any-return]


def warm_up(engine: Any) -> threading.Thread:
    """Compute the whole-store conflict list in a background thread (so the first /api/conflicts page is fast).

    Profiles, claim pages and graphs read only what they show and need nothing computed here.
    """
    import logging

    def run() -> None:
        try:
            with engine.connect() as conn:
                cached_conflicts(conn)
        except Exception:  # a failed warm-up only means the first request computes them
            logging.getLogger(__name__).exception("warming the API caches failed")

    thread = threading.Thread(target=run, name="claimgraph-cache-warm-up", daemon=True)
    thread.start()
    return thread
