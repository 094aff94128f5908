"""The gazetteer in the store: loaded once, then read into a per-process index."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Engine, delete, func, insert, select

from claimgraph.geo.gazetteer import Gazetteer, Place, geonames_places
from claimgraph.geo.tables import gazetteer_meta, gazetteer_names, gazetteer_places
from claimgraph.geo.translit import name_keys
from claimgraph.store.db import get_engine

GAZETTEER_VERSION = "1"  # bump when the keys or the choice of places change: stores then reload
_BATCH = 20_000

_lock = threading.Lock()
_indexes: dict[tuple[str, int], Gazetteer] = {}


@dataclass
class LoadReport:
    """What a gazetteer load wrote and how long it took."""

    places: int
    names: int
    seconds: float
    min_population: int


def stored_meta(engine: Engine) -> dict[str, str]:
    """The load record of the stored gazetteer (empty when none is loaded)."""
    with engine.connect() as conn:
        return {k: v for k, v in conn.execute(select(gazetteer_meta.c.key, gazetteer_meta.c.value))}


def is_current(engine: Engine, min_population: int) -> bool:
    """True when the store holds a complete gazetteer of this version and population cut-off."""
    meta = stored_meta(engine)
    return meta.get("version") == GAZETTEER_VERSION and meta.get("min_population") == str(min_population)


def load_gazetteer(engine: Engine, min_population: int = 15000, include_seats: bool = True) -> LoadReport:
    """Replace the stored gazetteer with geonames cities, countries and their names (one transaction)."""
    started = time.perf_counter()
    n_places = n_names = 0
    with engine.begin() as conn:
        conn.execute(delete(gazetteer_meta))
        conn.execute(delete(gazetteer_names))
        conn.execute(delete(gazetteer_places))
        place_rows: list[dict[str, object]] = []
        name_rows: list[dict[str, object]] = []
        seen: set[int] = set()

        def flush() -> None:
            # places first: names refer to them
            if place_rows:
                conn.execute(insert(gazetteer_places), place_rows)
                place_rows.clear()
            if name_rows:
                conn.execute(insert(gazetteer_names), name_rows)
                name_rows.clear()

        for place, names in geonames_places(min_population, include_seats):
            if place.geonameid in seen:
                continue
            seen.add(place.geonameid)
            place_rows.append({"geonameid": place.geonameid, "name": place.name, "kind": place.kind,
                               "country": place.country, "admin1": place.admin1, "lat": place.lat,
                               "lon": place.lon, "population": place.population, "radius_km": place.radius_km})
            done: set[str] = set()
            for i, name in enumerate(names):
                n, t, sk = name_keys(name)
                if not n or n in done or len(n) > 200:
                    continue
                done.add(n)
                name_rows.append({"geonameid": place.geonameid, "name": name, "norm": n, "translit": t[:200],
                                  "skeleton": sk[:200], "is_primary": i == 0})
            n_places += 1
            if len(name_rows) >= _BATCH:
                n_names += len(name_rows)
                flush()
        n_names += len(name_rows)
        flush()
        meta = {"version": GAZETTEER_VERSION, "min_population": str(min_population),
                "include_seats": str(include_seats).lower(), "places": str(n_places), "names": str(n_names),
                "loaded_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        conn.execute(insert(gazetteer_meta), [{"key": k, "value": v} for k, v in meta.items()])
    return LoadReport(n_places, n_names, round(time.perf_counter() - started, 2), min_population)


def read_gazetteer(engine: Engine) -> Gazetteer:
    """Build the in-memory index from the stored places and their precomputed name keys."""
    gaz = Gazetteer(())
    with engine.connect() as conn:
        for row in conn.execute(select(gazetteer_places)):
            gaz.add(Place(row.geonameid, row.name, row.kind, row.country, row.admin1, row.lat, row.lon,
                          int(row.population), row.radius_km), [])
        q = select(gazetteer_names.c.geonameid, gazetteer_names.c.norm, gazetteer_names.c.translit,
                   gazetteer_names.c.skeleton, gazetteer_names.c.is_primary)
        for gid, n, t, sk, primary in conn.execute(q):
            gaz.add_keys(gid, (n, t, sk), bool(primary))
    gaz.finish()
    return gaz


def count_places(engine: Engine) -> int:
    """How many places the stored gazetteer holds."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(gazetteer_places)).scalar_one())


def ensure_gazetteer(engine: Engine, min_population: int = 15000) -> LoadReport | None:
    """Load the gazetteer when the store has none (or one of another cut-off); None when already there."""
    if is_current(engine, min_population):
        return None
    return load_gazetteer(engine, min_population)


def gazetteer_for(url: str, min_population: int = 15000) -> Gazetteer:
    """The process-wide index for a store URL: loaded into the store on first use, then read once."""
    key = (url, min_population)
    gaz = _indexes.get(key)
    if gaz is not None:
        return gaz
    with _lock:
        gaz = _indexes.get(key)
        if gaz is None:
            engine = get_engine(url)
            ensure_gazetteer(engine, min_population)
            gaz = _indexes[key] = read_gazetteer(engine)
    return gaz


def forget_indexes() -> None:
    """Drop the cached indexes (after a reload through another connection)."""
    with _lock:
        _indexes.clear()
