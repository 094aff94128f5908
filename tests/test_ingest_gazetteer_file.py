"""The gazetteer file's sharded tables: read a shard at a time, and the same as the dict they were made from."""

from __future__ import annotations

import pickle

from claimgraph.geo.cache import SHARDS, ShardedTable, _sharded, shard_of


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
