"""Kept conflicts (views.conflict_sections, migration 0019): kept by triggers and the after-ingest steps, they equal
a full recomputation after every kind of write, and what a profile reads from them equals live reasoning."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, delete, insert, select, update

from claimgraph.model import SourceDocument
from claimgraph.reason.plugin import after_ingest
from claimgraph.store.schema import claims, documents, entities, evidence
from claimgraph.views.conflict_sections import (
    conflict_record_claims,
    conflict_records,
    conflict_stale,
    kept_records,
    refresh_all,
    refresh_stale,
)

# the throw-away cluster of the store's PostgreSQL test (skips where no server binaries exist)
pg_url = pytest.importorskip("test_postgres").pg_url

STAMP = "2026-01-01T00:00:00+00:00"
GROUPS = [f"e-{n}" for n in range(8)]
PREDICATES = ["founded_in", "headquarters_in", "collaborates_with", "member_of", "left", "leader_of", "attacked",
              "designated_terrorist", "delisted_terrorist", "designated_terrorist", "delisted_terrorist"]


def _tables(conn: Connection) -> set[tuple[Any, ...]]:
    """Each kept record (section, order key, record) with the claims it names, whatever its row id."""
    named: dict[int, set[str]] = {}
    for claim_id, record_id in conn.execute(select(conflict_record_claims.c.claim_id,
                                                   conflict_record_claims.c.record_id)):
        named.setdefault(record_id, set()).add(claim_id)
    return {(r.section, r.order_key, r.record, tuple(sorted(named.get(r.id, ()))))
            for r in conn.execute(select(conflict_records))}


def _kept(engine: Engine) -> set[tuple[Any, ...]]:
    with engine.connect() as conn:
        return _tables(conn)


def _recomputed(engine: Engine) -> set[tuple[Any, ...]]:
    """What a full recomputation gives, rolled back so the store keeps its own."""
    with engine.connect() as conn, conn.begin() as tx:
        refresh_all(conn)
        found = _tables(conn)
        tx.rollback()
    return found


def _noted(engine: Engine) -> set[tuple[str, str]]:
    with engine.connect() as conn:
        return {tuple(r) for r in conn.execute(select(conflict_stale.c.kind, conflict_stale.c.id))}


def _profile_claims(conn: Connection, entity: str) -> list[str]:
    from claimgraph.api.profiles import profile_query
    from claimgraph.api.queries import merged_ids

    return list(conn.execute(profile_query(merged_ids(conn, entity)).with_only_columns(claims.c.id)
                             .order_by(claims.c.id)).scalars())


def _reads_equal_live(engine: Engine) -> int:
    """Every kept entity's profile claims, and a part of them, read from the kept records equal live reasoning;
    returns how many records were read."""
    from claimgraph.api.cache import conflicts_of
    from claimgraph.views.conflicts import conflicts_and_changes, reasoned

    read = 0
    noted = bool(_noted(engine))
    with engine.connect() as conn:
        kept = list(conn.execute(select(entities.c.id).where(entities.c.merged_into.is_(None))).scalars())
        for entity in sorted(kept):
            mine = _profile_claims(conn, entity)
            for asked in (mine, mine[::3], mine[1::4]):
                assert conflicts_of(conn, asked) == conflicts_and_changes(conn, asked)
                if noted:  # the kept records may be behind: conflicts_of reasoned live
                    continue
                stored = kept_records(conn, asked)
                live = reasoned(conn, asked) if asked else ([], [])
                assert json.dumps(stored) == json.dumps(live), (entity, asked)  # the API's bytes, keys in order
                read += len(stored[0]) + len(stored[1])
    return read


def _draw_claims(rng: random.Random, start: int, count: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows: list[dict[str, Any]] = []
    passages: list[dict[str, Any]] = []
    for n in range(start, start + count):
        predicate = rng.choice(PREDICATES)
        literal = predicate == "founded_in"
        year = rng.choice(["1990", "1991", "1995", None])
        rows.append({"id": f"c-{n:03d}", "subject_id": rng.choice(GROUPS), "predicate": predicate,
                     "object_id": None if literal else rng.choice(
                         GROUPS[6:] if predicate.endswith("terrorist") else GROUPS),
                     "object_value": rng.choice(["1990", "1994"]) if literal else None,
                     "object_type": "date" if literal else None,
                     "qualifiers": {**({"time": {"start": year}} if year else {}),
                                    **({"designator_state": rng.choice(["Atlantis", "Utopia"])}
                                       if predicate.endswith("terrorist") and rng.random() < 0.5 else {})},
                     "modality": rng.choice(["asserted", "asserted", "speculative", "negated"]),
                     "polarity": rng.choice(["positive", "positive", "negative"]), "attributed_to_id": None,
                     "confidence": 0.5, "status": rng.choice(["active"] * 5 + ["rejected"])})
        for k in range(rng.choice([1, 2])):
            passages.append({"claim_id": f"c-{n:03d}", "document_id": f"d-{rng.randrange(12)}", "start": k,
                             "end": k + 1, "text": "t", "extractor": "test", "confidence": 0.5,
                             "qualifiers": {"distance_km": rng.choice([5, 40])} if rng.random() < 0.2 else {}})
    return rows, passages


@pytest.fixture(params=["sqlite", "postgresql"])
def any_engine(request: pytest.FixtureRequest, engine: Engine) -> Iterator[Engine]:
    """The test's SQLite store, or the PostgreSQL test database (emptied of these rows afterwards)."""
    if request.param == "sqlite":
        yield engine
        return
    from claimgraph.store.db import get_engine

    pg = get_engine(request.getfixturevalue("pg_url"))
    yield pg
    with pg.begin() as conn:
        for table in (conflict_records, conflict_record_claims, conflict_stale, evidence, claims, entities,
                      documents):
            conn.execute(table.delete())


def test_kept_sections_equal_a_full_recomputation_after_every_write(any_engine: Engine) -> None:
    engine = any_engine
    rng = random.Random(7)
    with engine.begin() as conn:
        conn.execute(insert(documents), [
            {"id": f"d-{n}", "sha256": f"{n:064d}", "title": f"Wire {n}", "source": "feed.jsonl" if n % 3 else
             f"{n}.txt", "published": f"20{10 + n % 9}-0{1 + n % 8}-01" if n % 5 else None, "text": "t",
             "word_count": 1, "ingested_at": STAMP} for n in range(12)])
        conn.execute(insert(entities), [{"id": i, "name": f"Group {i}", "type": "Organization", "geo": None,
                                         "external_ids": {}, "attrs": {}, "merged_into": None} for i in GROUPS])
    writes: list[Callable[[Connection], Any]] = []
    for batch in range(3):  # claims written in batches, as ingests write them
        rows, passages = _draw_claims(rng, 100 * batch, 70)

        def write(conn: Connection, rows: list[dict[str, Any]] = rows,
                  passages: list[dict[str, Any]] = passages) -> None:
            conn.execute(insert(claims), rows)
            conn.execute(insert(evidence), passages)
        writes.append(write)
    writes += [
        lambda conn: conn.execute(update(entities).where(entities.c.id == "e-1").values(merged_into="e-0")),
        lambda conn: conn.execute(update(claims).where(claims.c.id.in_(["c-003", "c-104", "c-205"]))
                                  .values(status="rejected")),
        lambda conn: conn.execute(update(claims).where(claims.c.id == "c-010").values(polarity="negative")),
        lambda conn: conn.execute(update(documents).where(documents.c.id == "d-3").values(published="2001-02-03")),
        lambda conn: conn.execute(update(entities).where(entities.c.id == "e-6").values(name="The Sixth")),
        lambda conn: (conn.execute(delete(evidence).where(evidence.c.claim_id == "c-020")),
                      conn.execute(delete(claims).where(claims.c.id == "c-020"))),
        lambda conn: conn.execute(update(entities).where(entities.c.id == "e-1").values(merged_into=None)),
    ]
    for step, write in enumerate(writes):
        with engine.begin() as conn:
            write(conn)
        assert _noted(engine), step  # every write here may change a record
        with engine.begin() as conn:
            refresh_stale(conn)
        assert _noted(engine) == set()
        assert _kept(engine) == _recomputed(engine), step
    assert _reads_equal_live(engine) > 20
    with engine.connect() as conn:
        kinds = {json.loads(r).get("kind") for r in conn.execute(select(conflict_records.c.record)).scalars()}
    assert kinds >= {"value", "polarity", "superseded"}


FIRST = SourceDocument(text="The United States designated the Blue Crescent Army a terrorist organization in 1997. "
                            "The Blue Crescent Army was founded in 1989. It is headquartered in Basra.",
                       source="a.txt", published="1999-01-10")
CONFLICTING = SourceDocument(text="The Blue Crescent Army was founded in 1991.", source="b.txt",
                             published="2003-04-02")
# the erratum's corrected claim (a later seat) ends the first report's seat
ERRATUM = SourceDocument(text="The Blue Crescent Army is headquartered in Erbil.\n\nCorrection: for \"Erbil\" read "
                              "\"Mosul\".", source="b2.txt", published="2006-04-05")
DELISTING = SourceDocument(text="In 2012, the United States removed the Blue Crescent Army from its list of terrorist "
                                "organizations.", source="c.txt", published="2012-09-30")


def test_sections_after_each_ingest_equal_a_full_recomputation(ingest_texts: Callable[..., list[str]],
                                                                engine: Engine) -> None:
    from claimgraph.reason.conflicts import find_conflicts

    kinds: set[str] = set()
    for doc in (FIRST, CONFLICTING, ERRATUM, DELISTING):
        assert ingest_texts(doc)
        assert _noted(engine) == set()  # the after-ingest steps recomputed what the triggers noted
        assert _kept(engine) == _recomputed(engine)
        with engine.connect() as conn:
            kinds |= {c["kind"] for c in find_conflicts(conn)}
    assert {"superseded", "value"} <= kinds, kinds  # two founding years, two seats, a delisting
    assert _kept(engine)  # some records are kept
    assert _reads_equal_live(engine)
    with engine.connect() as conn:
        statuses = sorted(conn.execute(select(claims.c.predicate, claims.c.status).where(
            claims.c.predicate.in_(["designated_terrorist", "headquarters_in"]))).all())
    # the delisting ended the listing, the erratum's corrected seat the first report's
    assert statuses == [("designated_terrorist", "superseded"), ("headquarters_in", "active"),
                        ("headquarters_in", "superseded")]
    # a write outside an ingest is noted and read live until the steps run
    with engine.begin() as conn:
        conn.execute(update(documents).values(published="2011-01-01"))
    assert _noted(engine)
    assert _reads_equal_live(engine) == 0
    with engine.begin() as conn:
        after_ingest(conn, [])
    assert _noted(engine) == set() and _kept(engine) == _recomputed(engine)
