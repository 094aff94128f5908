"""Entity groups: the reviewers' splits are read once per transaction, and a split recorded in it is seen at once."""

from __future__ import annotations

from sqlalchemy import Engine, insert, update

from claimgraph.linking import groups
from claimgraph.store.schema import entities


def _rows(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(insert(entities), [
            {"id": "e-front", "name": "Red Dawn Front", "type": "Organization", "external_ids": {}, "attrs": {},
             "merged_into": None},
            {"id": "e-rdf", "name": "RDF", "type": "Organization", "external_ids": {}, "attrs": {},
             "merged_into": "e-front"},
        ])


def test_a_split_recorded_in_a_transaction_is_seen_by_the_next_read_in_it(engine: Engine) -> None:
    _rows(engine)
    with engine.begin() as conn:
        assert groups.split_aliases(conn, "e-front") == set()
        assert groups.blocked_pairs(conn, {"e-front"}) == set()
        # the reviewer's split takes the row out of the group, then logs it
        conn.execute(update(entities).where(entities.c.id == "e-rdf").values(merged_into=None))
        groups.record_merge(conn, "split", "e-front", "e-rdf", "RDF", 1.0, "two bodies", "ana", "2024-01-01")
        assert groups.split_aliases(conn, "e-front") == {"rdf"}
        assert groups.blocked_pairs(conn, {"e-front"}) == {frozenset(("e-front", "e-rdf"))}


def test_a_split_made_in_another_transaction_is_seen_by_a_later_one(engine: Engine) -> None:
    _rows(engine)
    with engine.begin() as conn:
        assert groups.split_aliases(conn, "e-front") == set()
    with engine.begin() as conn:
        groups.record_merge(conn, "split", "e-front", "e-rdf", "RDF", 1.0, "two bodies", "ana", "2024-01-01")
    with engine.begin() as conn:
        assert groups.split_aliases(conn, "e-front") == {"rdf"}


def test_an_auto_merge_leaves_the_splits_alone_and_groups_follow_merged_into(engine: Engine) -> None:
    _rows(engine)
    with engine.begin() as conn:
        groups.record_merge(conn, "auto", "e-front", "e-rdf", "RDF", 0.9, "acronym", None, "2024-01-01")
        assert groups.split_aliases(conn, "e-front") == set()
        assert groups.final_of(conn, "e-rdf") == "e-front"
        assert groups.group_members(conn, "e-front") == {"e-front", "e-rdf"}
