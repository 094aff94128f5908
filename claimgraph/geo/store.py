"""The process-wide gazetteer index, read from the machine's cache file (never copied into a store)."""

from __future__ import annotations

import threading

from claimgraph.geo import cache
from claimgraph.geo.gazetteer import Gazetteer

DEFAULT_MIN_POPULATION = 1000

_lock = threading.Lock()
_shared: dict[tuple[int, str], Gazetteer] = {}


def gazetteer_for(url: str = "", min_population: int | None = DEFAULT_MIN_POPULATION, cache_dir: str = "") -> Gazetteer:
    """The index for a population cut-off, loaded once per process from the shared cache file.

    `url` is accepted for callers that name their store; every store on the machine shares one
    gazetteer, so it plays no part. min_population=None takes the default cut-off.
    """
    wanted = DEFAULT_MIN_POPULATION if min_population is None else int(min_population)
    key = (wanted, cache_dir)
    gaz = _shared.get(key)
    if gaz is not None:
        return gaz
    with _lock:
        gaz = _shared.get(key)
        if gaz is None:
            gaz = _shared[key] = cache.load(wanted, cache_dir)
    return gaz


def forget_indexes() -> None:
    """Drop the cached indexes (after a rebuild of the cache file)."""
    with _lock:
        _shared.clear()
