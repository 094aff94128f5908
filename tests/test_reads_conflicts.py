"""The conflicts and changes over time of some claims, read from their subjects only, equal the whole-store ones."""

from __future__ import annotations

import random
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, insert, update

from claimgraph.store.schema import claims, documents, entities, evidence, metadata

PREDICATES = ["founded_in", "headquarters_in", "collaborates_with", "member_of", "left", "leader_of", "led_by",
              "stepped_down_from", "attacked", "designated_terrorist", "delisted_terrorist", "arrested", "released",
              "restricted"] + ["designated_terrorist", "delisted_terrorist"] * 3


@pytest.fixture(scope="module")
def engine() -> Engine:
    """A store of drawn claims that disagree in every way the reasoning layer knows, with merges."""
    rng = random.Random(11)
    eng = create_engine("sqlite://")
    metadata.create_all(eng)
    groups = [f"e-{n}" for n in range(10)]
    with eng.begin() as conn:
        conn.execute(insert(documents), [
            {"id": f"d-{n}", "sha256": f"{n:064d}", "title": f"Wire {n}", "source": "feed.jsonl" if n % 3 else f"{n}.txt",
             "published": f"20{10 + n % 9}-0{1 + n % 8}-01" if n % 5 else None, "text": "t", "word_count": 1,
             "ingested_at": "2024-01-01"} for n in range(25)])
        conn.execute(insert(entities), [{"id": i, "name": f"Group {i}", "type": "Organization", "geo": None,
                                         "external_ids": {}, "attrs": {}, "merged_into": None} for i in groups])
        for merged, into in (("e-1", "e-0"), ("e-7", "e-6")):
            conn.execute(update(entities).where(entities.c.id == merged).values(merged_into=into))
        rows: list[dict[str, Any]] = []
        passages: list[dict[str, Any]] = []
        for n in range(400):
            predicate = rng.choice(PREDICATES)
            literal = predicate == "founded_in"
            year = rng.choice(["1990", "1991", "1995", None])
            rows.append({"id": f"c-{n:03d}", "subject_id": rng.choice(groups), "predicate": predicate,
                         # listings name a few targets, so that offices of one state list the same one
                         "object_id": None if literal else rng.choice(
                             groups[8:] if predicate.endswith("terrorist") else groups),
                         "object_value": rng.choice(["1990", "1994"]) if literal else None,
                         "object_type": "date" if literal else None,
                         "qualifiers": {**({"time": {"start": year}} if year else {}),
                                        # an office's listing names the state it acts for
                                        **({"designator_state": rng.choice(["Atlantis", "Utopia"])}
                                           if predicate.endswith("terrorist") and rng.random() < 0.5 else {})},
                         "modality": rng.choice(["asserted", "asserted", "speculative", "negated"]),
                         "polarity": rng.choice(["positive", "positive", "negative"]),
                         "attributed_to_id": None, "confidence": 0.5, "status": rng.choice(["active"] * 5 + ["rejected"])})
            for k in range(rng.choice([1, 2])):
                passages.append({"claim_id": f"c-{n:03d}", "document_id": f"d-{rng.randrange(25)}", "start": k,
                                 "end": k + 1, "text": "t", "extractor": "test", "confidence": 0.5,
                                 "qualifiers": {"distance_km": rng.choice([5, 40])} if rng.random() < 0.2 else {}})
        conn.execute(insert(claims), rows)
        conn.execute(insert(evidence), passages)
    return eng


def test_conflicts_of_some_claims_equal_the_whole_store_reading(engine: Engine) -> None:
    from claimgraph.reason.conflicts import find_conflicts, relation_changes
    from claimgraph.views.conflicts import conflicts_and_changes

    rng = random.Random(3)
    with engine.connect() as conn:
        every, changes = find_conflicts(conn), relation_changes(conn)
        assert len(every) > 10 and {c["kind"] for c in every} >= {"value", "polarity", "superseded"}
        assert changes
        # each claim alone (what its conflicts need is read for it alone), then drawn sets of them
        for asked in [{f"c-{n:03d}"} for n in range(400)] + [
                {f"c-{n:03d}" for n in rng.sample(range(400), size)} for size in (5, 40, 400)]:
            got, got_changes = conflicts_and_changes(conn, asked)
            assert got == [c for c in every if asked & set(c["claims"])], asked
            assert got_changes == [c for c in changes if asked & set(c["claims"])], asked


def test_no_claims_have_no_conflicts(engine: Engine) -> None:
    from claimgraph.views.conflicts import conflicts_and_changes

    with engine.connect() as conn:
        assert conflicts_and_changes(conn, []) == ([], [])


@pytest.mark.parametrize("limit", [4, 1000])
def test_conflict_pages_walk_every_conflict_once(engine: Engine, limit: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Following the cursor from "" gives the whole-store conflicts, each once, whatever the page size and the
    entities read a step; a small read budget only makes pages shorter."""
    from claimgraph.reason.conflicts import find_conflicts
    from claimgraph.views import conflicts as views

    def key(c: dict[str, Any]) -> str:
        return repr((c["kind"], c["claims"], c["note"]))

    with engine.connect() as conn:
        every = sorted(key(c) for c in find_conflicts(conn))
        for step, budget in ((views.PAGE_ENTITIES, views.PAGE_CLAIMS), (3, views.PAGE_CLAIMS), (3, 1)):
            monkeypatch.setattr(views, "PAGE_ENTITIES", step)
            walked: list[str] = []
            cursor: str | None = ""
            pages = 0
            while cursor is not None:
                page, cursor = views.conflicts_page(conn, cursor, limit, most_claims=budget)
                assert len(page) <= limit
                walked += [key(c) for c in page]
                pages += 1
                assert pages < 200
            assert sorted(walked) == every, (limit, step, budget)
            assert pages > 1 or limit == 1000
