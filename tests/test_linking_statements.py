"""Linking a new name reads the stored names and keys in one statement and stores its keys in one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event, insert, select

from claimgraph.linking import crossdoc
from claimgraph.model import Entity
from claimgraph.resolve.names import norm_name
from claimgraph.store.derived import entity_keys
from claimgraph.store.schema import aliases, entities


@contextmanager
def _counted(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _store_group(engine: Engine) -> None:
    """'Northern Lantern Society' (with its keys), and its short form 'NLS' merged into it."""
    with engine.begin() as conn:
        conn.execute(insert(entities), [
            {"id": "e-society", "name": "Northern Lantern Society", "type": "Organization", "external_ids": {},
             "attrs": {}, "merged_into": None},
            {"id": "e-nls", "name": "NLS", "type": "Organization", "external_ids": {}, "attrs": {},
             "merged_into": "e-society"},
        ])
        conn.execute(insert(aliases), [
            {"entity_id": "e-society", "alias": "Northern Lantern Society", "norm": norm_name("Northern Lantern Society")},
            {"entity_id": "e-nls", "alias": "NLS", "norm": norm_name("NLS")},
        ])
        crossdoc.add_keys(conn, "e-society", {"Northern Lantern Society"}, "Organization")
        crossdoc.add_keys(conn, "e-nls", {"NLS"}, "Organization")


def test_add_keys_is_one_statement_and_idempotent(engine: Engine) -> None:
    _store_group(engine)
    with engine.begin() as conn:
        before = sorted(conn.execute(select(entity_keys.c.entity_id, entity_keys.c.kind, entity_keys.c.key)).all())
    with engine.begin() as conn, _counted(engine) as seen:
        crossdoc.add_keys(conn, "e-society", {"Northern Lantern Society", "Lantern Society"}, "Organization")
    assert len([s for s in seen if "entity_keys" in s]) == 1
    with engine.begin() as conn:
        after = sorted(conn.execute(select(entity_keys.c.entity_id, entity_keys.c.kind, entity_keys.c.key)).all())
    # the keys stored before stay once each; the new name adds its own
    assert set(before) < set(after)
    assert len(after) == len(set(after))


def test_a_new_name_is_looked_up_in_one_statement_and_finds_the_group_through_merged_into(engine: Engine) -> None:
    _store_group(engine)
    new = Entity(key="k1", name="NLS", type="Organization", aliases={"NLS", "Northern Lantern Society"})
    with engine.begin() as conn, _counted(engine) as seen:
        matches = crossdoc.find_matches(conn, new, set())
    lookups = [s for s in seen if "aliases" in s or "entity_keys" in s]
    assert len(lookups) == 1
    # the row 'NLS' stands for 'Northern Lantern Society': both names find the one group
    assert [m.group for m in matches] == ["e-society"]
    assert matches[0].score >= crossdoc.THRESHOLD
    # the exact names come before the keys in the reasons, as the merge log writes them
    reasons = matches[0].reasons
    assert reasons[0].startswith("same name")
    assert any("key" in r for r in reasons)
