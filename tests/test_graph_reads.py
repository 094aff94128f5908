"""The claim graph's edge walks (api/views.py): the rowid form SQLite runs keeps what the column form keeps."""

from __future__ import annotations

import json
import random
from typing import Any

from sqlalchemy import Engine, insert

from claimgraph.api.views import edges_statement
from claimgraph.store.schema import claims, entities

PREDICATES = ("allied_with", "member_of", "attacked")


def _claim(cid: str, subject: str, obj: str | None, confidence: float, status: str, predicate: str,
           modality: str) -> dict[str, Any]:
    return {"id": cid, "subject_id": subject, "predicate": predicate, "object_id": obj, "object_value": None,
            "object_type": None, "qualifiers": {}, "modality": modality, "polarity": "positive",
            "attributed_to_id": None, "confidence": confidence, "status": status, "triple_key": None}


def _store(engine: Engine) -> None:
    """Twelve bodies, a few hundred claims among them: tied confidences, rejected claims, claims without an
    object, and claims between two of the walked ids (each found by two walks)."""
    rng = random.Random(13)
    rows = []
    for k in range(300):
        subject = f"e{rng.randrange(12)}"
        obj = None if k % 17 == 0 else f"e{rng.randrange(12)}"
        rows.append(_claim(f"c{k:03d}", subject, obj, rng.choice((0.5, 0.7, 0.7, 0.9, rng.random())),
                           "rejected" if k % 11 == 0 else "active", rng.choice(PREDICATES),
                           rng.choice(("asserted", "reported"))))
    with engine.begin() as conn:
        conn.execute(insert(entities), [{"id": f"e{i}", "name": f"Body {i}", "type": "Organization",
                                         "external_ids": {}, "attrs": {}} for i in range(12)])
        conn.execute(insert(claims), rows)


def _plan(engine: Engine, size: int, by_rowid: bool) -> list[str]:
    statement = edges_statement(size, by_rowid=by_rowid)
    compiled = statement.compile(engine)
    params = {**{f"n{i}": f"e{i}" for i in range(size)}, "per_node": 5, "most": 10}
    values = compiled.construct_params(params)
    ordered = tuple(values[k] for k in compiled.positiontup or ())
    with engine.connect() as conn:
        return [str(row[3]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", ordered)]


def test_rowid_walks_read_the_edge_indexes_then_only_the_rows_kept(engine: Engine) -> None:
    """Each walk reads an edge index alone; the claims table is read by rowid, for the rows the cut kept."""
    plan = _plan(engine, 2, by_rowid=True)
    walks = [step for step in plan if "USING COVERING INDEX ix_claims_" in step and "_edges" in step]
    assert len(walks) == 4, plan  # two ids, each as subject and as object
    assert any("claims USING INTEGER PRIMARY KEY (rowid=?)" in step for step in plan), plan
    assert not any(step.startswith("SCAN claims") for step in plan), plan


def test_rowid_form_keeps_the_rows_the_column_form_keeps(engine: Engine) -> None:
    """Same rows for every filter, walk length and cut, ties in confidence broken by id alike."""
    _store(engine)
    kept = 0
    with engine.connect() as conn:
        for size, ids in ((1, ["e0"]), (4, ["e1", "e2", "e3"]), (16, [f"e{i}" for i in range(12)])):
            for by_predicate, by_modality in ((False, False), (True, False), (False, True), (True, True)):
                for per_node, most in ((3, 5), (10, 40), (50, 500)):
                    params: dict[str, Any] = {f"n{i}": ids[i] if i < len(ids) else None for i in range(size)}
                    params.update(per_node=per_node, most=most)
                    if by_predicate:
                        params["predicate"] = "member_of"
                    if by_modality:
                        params["modality"] = "asserted"
                    found = {}
                    for by_rowid in (False, True):
                        rows = conn.execute(edges_statement(size, by_predicate, by_modality, by_rowid),
                                            params).all()
                        found[by_rowid] = sorted((tuple(r) for r in rows), key=lambda r: (-r[7], r[0]))
                    assert found[True] == found[False], json.dumps([size, by_predicate, by_modality, per_node])
                    assert len(found[True]) <= most
                    assert all(row[6] != "rejected" and row[2] is not None for row in found[True])
                    kept += len(found[True])
    assert kept > 1000  # the cases found rows (not a comparison of two empty lists)


def test_a_connection_prepares_every_statement_size_once(engine: Engine, monkeypatch: Any) -> None:
    """Walks of 1 to 60 ids find what one walk an id finds, through the statement sizes of STATEMENT_SIZES only,
    each run once with no ids when the connection reads its first graph (SQLite keeps them prepared)."""
    from claimgraph.api import views

    _store(engine)
    asked: list[int] = []
    built = views.edges_statement

    def spy(size: int, *flags: bool) -> Any:
        asked.append(size)
        return built(size, *flags)

    monkeypatch.setattr(views, "edges_statement", spy)
    with engine.connect() as conn:
        views._strongest_edges(conn, ["e0"], 5, 1000)
        assert sorted(asked) == sorted([*views.STATEMENT_SIZES, 1])  # every size once, then the walk's own
        for n in range(1, 61):
            ids = [f"e{i % 12}" if i < 12 else f"e-none-{i}" for i in range(n)]
            rows, _ = views._strongest_edges(conn, ids, 5, 1000)
            alone = {row[0] for one in ids for row in views._strongest_edges(conn, [one], 5, 1000)[0]}
            assert {row[0] for row in rows} == alone
    assert set(asked) == set(views.STATEMENT_SIZES)
    assert asked.count(views.UNION_TERMS // 2) == 1  # prepared once for the connection, never needed after
