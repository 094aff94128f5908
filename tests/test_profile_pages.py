"""A profile page picks its claim ids from the edge indexes, then reads only those rows (api/profiles.py)."""

from __future__ import annotations

from sqlalchemy import Engine, insert, update

from claimgraph.api.profiles import profile_page_query, profile_query
from claimgraph.store.schema import claims, entities


def _store(engine: Engine) -> None:
    """Entity e-hub (and e-old, merged into it) named by 20 of 24 claims as subject or object (one of them rejected,
    some at both ends), stored out of id order; e-other's own 4 claims are no part of its profile."""
    with engine.begin() as conn:
        conn.execute(insert(entities), [{"id": i, "name": i, "type": "Organization", "attrs": {}}
                                        for i in ("e-hub", "e-old", "e-other")])
        conn.execute(update(entities).where(entities.c.id == "e-old").values(merged_into="e-hub"))
        rows = []
        for k in range(24):
            subject, obj = [("e-hub", "e-other"), ("e-other", "e-hub"), ("e-old", "e-other"), ("e-hub", "e-hub"),
                            ("e-other", "e-other")][k % 5]
            rows.append({"id": f"c-{(k * 7) % 24:02d}", "subject_id": subject, "predicate": "allied_with",
                         "object_id": obj, "qualifiers": {}, "modality": "asserted", "polarity": "positive",
                         "confidence": 0.9, "status": "rejected" if k == 5 else "active"})
        conn.execute(insert(claims), rows)


def _ids(engine: Engine, query: object) -> list[str]:
    with engine.connect() as conn:
        return [row.id for row in conn.execute(query)]  # type: ignore[call-overload]


def test_pages_hold_what_the_whole_list_holds_in_order(engine: Engine) -> None:
    _store(engine)
    ids = ["e-hub", "e-old"]
    whole = _ids(engine, profile_query(ids))
    assert len(whole) == len(set(whole)) == 19  # a claim naming it at both ends is listed once
    for limit in (1, 4, 7, 100):
        pages = [_ids(engine, profile_page_query(ids, limit, offset)) for offset in range(0, len(whole) + limit, limit)]
        assert [i for page in pages for i in page] == whole, limit
        assert all(len(page) <= limit for page in pages)
    assert _ids(engine, profile_page_query(ids, None, 5)) == whole[5:]


def test_a_page_picks_its_ids_from_the_indexes_alone(engine: Engine) -> None:
    """The ids of a page come from the covering edge indexes (no claims row read for them); the rows are read
    by id, one primary-key lookup each."""
    _store(engine)
    compiled = profile_page_query(["e-hub"], 10, 0).compile(engine, compile_kwargs={"literal_binds": True})
    with engine.connect() as conn:
        plan = [str(row[3]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")]
    searches = [step for step in plan if step.startswith("SEARCH claims")]
    assert any("COVERING INDEX ix_claims_subject_edges" in step for step in searches), plan
    assert any("COVERING INDEX ix_claims_object_edges" in step for step in searches), plan
    assert [step for step in searches if "COVERING" not in step] == \
        ["SEARCH claims USING INDEX sqlite_autoindex_claims_1 (id=?)"], plan
