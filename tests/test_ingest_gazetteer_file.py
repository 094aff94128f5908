"""The gazetteer file's sharded tables: read a shard at a time, and the same as the dict they were made from."""

from __future__ import annotations

import pickle
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from claimgraph.geo.cache import SHARDS, PlaceTable, ShardedTable, _place_row, _sharded, shard_of
from claimgraph.geo.gazetteer import Place


def _table(source: dict[str, list[int]]) -> ShardedTable[str, list[int]]:
    bounds, data = _sharded(source)
    return ShardedTable(b"head" + data, [4 + b for b in bounds], len(source))


def test_point_reads_load_only_their_shard() -> None:
    source = {f"town{i}": [i, i + 1] for i in range(2000)}
    table = _table(source)
    assert len(table) == 2000 and bool(table)  # size from the header: nothing read yet
    assert table.get("town7") == [7, 8] and table["town42"] == [42, 43] and "town9" in table
    assert table.get("nowhere") is None and "nowhere" not in table and table.get("nowhere", []) == []
    assert sum(table._loaded) <= 5  # three names and one miss (and its shard) read, not the whole table
    assert dict(table.items()) == source and sum(table._loaded) == SHARDS  # iteration reads every shard


def test_shards_are_stable_across_processes_and_copies_are_plain_dicts() -> None:
    assert shard_of("Baghdad") == shard_of("Baghdad") and 0 <= shard_of("Mosul") < SHARDS
    assert shard_of(SHARDS + 3) == 3
    table = _table({"a": [1], "b": [2]})
    copy = pickle.loads(pickle.dumps(table))
    assert type(copy) is dict and copy == {"a": [1], "b": [2]}


def test_processes_starting_at_once_build_the_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimgraph.geo import cache

    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path))
    builds: list[int] = []

    def slow_build(path: Path, min_population: int, started: float) -> cache.BuildReport:
        builds.append(min_population)
        time.sleep(0.3)  # the others arrive while this one builds
        path.write_bytes(b"x")
        return cache.BuildReport(path, 1, 0.3, True)

    monkeypatch.setattr(cache, "_build", slow_build)
    with ThreadPoolExecutor(3) as pool:  # each call opens the lock file anew, as another process would
        reports = list(pool.map(lambda _: cache.build(123), range(3)))
    assert builds == [123] and sorted(r.built for r in reports) == [False, False, True]


def test_files_of_other_sources_in_use_are_kept_older_versions_dropped(tmp_path: Path) -> None:
    import os

    from claimgraph.geo import cache

    current = tmp_path / "gazetteer-v10-p1000-aaaa.bin"
    other_source = tmp_path / "gazetteer-v10-p1000-bbbb.bin"  # another checkout, or a process started earlier
    unused = tmp_path / "gazetteer-v10-p1000-cccc.bin"
    old_version = tmp_path / "gazetteer-v9-p1000-dddd.bin"
    other_cut = tmp_path / "gazetteer-v9-p5000-eeee.bin"
    for path in (current, other_source, unused, old_version, other_cut):
        path.write_bytes(b"x")
    day_ago = time.time() - cache.KEEP_OTHER_SOURCES_S - 60
    os.utime(unused, (day_ago, day_ago))
    cache._drop_stale(current)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([current.name, other_source.name, other_cut.name])


def test_places_are_built_from_their_rows_when_asked_for() -> None:
    rows = {gid: Place(gid, f"Town {gid}", "city", "ZZ", "01", 1.0 + gid, 2.0, 1000 * gid, 5.0)
            for gid in range(1, 3000)}
    bounds, data = _sharded(rows, _place_row)
    table = PlaceTable(b"head" + data, [4 + b for b in bounds], len(rows))
    assert len(table) == len(rows) and dict.__len__(table) == 0  # nothing built yet
    assert table[42] == rows[42] and table.get(7) == rows[7] and 99 in table
    assert table.get(5000) is None and 5000 not in table and table.get(5000, "none") == "none"
    with pytest.raises(KeyError):
        table[5000]
    assert dict.__len__(table) == 2  # only the places asked for became Place objects
    assert dict(table.items()) == rows and sorted(table) == sorted(rows)
    assert pickle.loads(pickle.dumps(table)) == rows
