"""Store reads that stay flat as the store grows: the plans SQLite picks and the JSON IN lists (store.idlists)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine, bindparam, insert, select, text

from claimgraph.api.views import edges_statement
from claimgraph.store.db import get_engine
from claimgraph.store.idlists import in_ids
from claimgraph.store.pending import after_ingest_done, pending_documents
from claimgraph.store.schema import documents, entities


def _plan(engine: Engine, statement: str, params: tuple[object, ...]) -> list[str]:
    with engine.connect() as conn:
        return [str(row[3]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params)]


def _sqlite(engine: Engine, statement: object, params: dict[str, object]) -> tuple[str, tuple[object, ...]]:
    """The SQL SQLite is given and its parameters in order (values as the driver gets them: an id list as JSON)."""
    compiled = statement.compile(engine)  # type: ignore[attr-defined]
    values = compiled.construct_params(params)
    return str(compiled), tuple(json.dumps(v) if isinstance(v, list) else v for v in
                                (values[k] for k in compiled.positiontup))


def test_graph_edges_are_read_from_the_indexes_alone(engine: Engine) -> None:
    """Each (end, confidence, id) walk of a graph's edges reads no claims row (migration 0016)."""
    for by_predicate, by_modality in ((False, False), (True, False), (True, True)):
        params: dict[str, object] = {"n0": "e-1", "n1": "e-2", "per_node": 10, "most": 20}
        if by_predicate:
            params["predicate"] = "member_of"
        if by_modality:
            params["modality"] = "asserted"
        sql, ordered = _sqlite(engine, edges_statement(2, by_predicate, by_modality), params)
        searches = [step for step in _plan(engine, sql, ordered) if "claims" in step]
        assert len(searches) == 4, searches  # two ids, each as subject and as object
        assert all("USING COVERING INDEX ix_claims_" in step and "_edges" in step for step in searches), searches


def test_a_json_id_list_finds_what_an_expanded_list_finds(engine: Engine) -> None:
    """in_ids reads the same rows as IN (...) of the same ids, through the key's index, and no row for none."""
    with engine.begin() as conn:
        conn.execute(insert(entities), [{"id": f"e-{k}", "name": f"Name {k}", "type": "Organization"}
                                        for k in range(30)])
        asked = ["e-3", "e-17", "e-29", "e-nobody", "e-3"]
        expanded = select(entities.c.id, entities.c.name).where(
            entities.c.id.in_(bindparam("ids", expanding=True))).order_by(entities.c.id)
        listed = select(entities.c.id, entities.c.name).where(in_ids(entities.c.id)).order_by(entities.c.id)
        found = conn.execute(listed, {"ids": asked}).all()
        assert found == conn.execute(expanded, {"ids": asked}).all()
        assert [row.id for row in found] == ["e-17", "e-29", "e-3"]
        assert conn.execute(listed, {"ids": []}).all() == []
        odd = ['a "quoted" id', "back\\slash", "ünïcode"]
        conn.execute(insert(entities), [{"id": i, "name": i, "type": "Person"} for i in odd])
        assert sorted(conn.execute(select(entities.c.id).where(in_ids(entities.c.id)), {"ids": odd}).scalars()) \
            == sorted(odd)
    sql, params = _sqlite(engine, select(entities.c.name).where(in_ids(entities.c.id)), {"ids": ["e-1"]})
    assert "= 1" not in sql  # no boolean comparison appended after the IN: it would hide the column's index
    assert any("SEARCH entities USING" in step and "(id=?)" in step for step in _plan(engine, sql, params))


def test_pending_documents_are_looked_up_not_scanned(engine: Engine) -> None:
    """The pending documents come in publication order, read from the pending table, not a walk of documents."""
    with engine.begin() as conn:
        conn.execute(insert(documents), [
            {"id": f"d-{k}", "sha256": f"{k:064d}", "title": None, "source": f"s{k}.txt", "url": None,
             "published": None if k % 4 == 0 else f"2020-0{1 + k % 3}-1{k % 7}", "text": "x", "word_count": 1,
             "ingested_at": "2026-01-01T00:00:00"} for k in range(12)])
        conn.execute(insert(after_ingest_done), [{"document_id": f"d-{k}", "done_at": "t"} for k in range(0, 12, 3)])
        rows = conn.execute(text("SELECT id, published FROM documents WHERE id NOT IN "
                                 "(SELECT document_id FROM after_ingest_done)")).all()
        expected = [r.id for r in sorted(rows, key=lambda r: (r.published is None, r.published or "", r.id))]
        assert pending_documents(conn) == expected
    from claimgraph.store import pending

    sql, params = _sqlite(engine, pending._PENDING, {})
    plan = _plan(engine, sql, params)
    assert not any(step.startswith("SCAN documents") for step in plan), plan


def test_a_store_at_0015_is_upgraded_to_the_edge_indexes(tmp_path: Path) -> None:
    """An existing store gets the covering edge indexes and loses the rank indexes they replace."""
    from alembic import command

    from claimgraph.store.db import alembic_config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    command.upgrade(alembic_config(url), "0015_claim_corroboration")
    engine = get_engine(url)
    with engine.connect() as conn:
        names = set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index' AND "
                                      "tbl_name = 'claims'")).scalars())
    engine.dispose()
    assert {"ix_claims_subject_edges", "ix_claims_object_edges"} <= names
    assert not names & {"ix_claims_subject_rank", "ix_claims_object_rank"}

