"""The kept corroboration counts (store.corroborated, migration 0015) against counting them live."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, insert, update

from claimgraph.store import corroborated, records
from claimgraph.store.derived import document_sources, triple_hash
from claimgraph.store.schema import claims, documents, entities, evidence

# the throw-away PostgreSQL cluster of the store's PostgreSQL tests (skips where no server binaries exist)
pg_url = pytest.importorskip("test_postgres").pg_url

PEOPLE = [f"e-{n}" for n in range(10)]
PREDICATES = ["leader_of", "led_by", "collaborates_with", "member_of", "founded_in"]


def _fill(conn: Connection, seed: int, n_claims: int = 200, n_docs: int = 24) -> None:
    """Documents from a few outlets (some copies of others), entities, claims said in several documents."""
    rng = random.Random(seed)
    conn.execute(insert(documents), [{"id": f"d-{n}", "sha256": f"{n:064d}", "title": None,
                                      "source": f"http://outlet{n % 5}.example/{n}", "url": None, "text": "t",
                                      "word_count": 1, "ingested_at": "2024-01-01"} for n in range(n_docs)])
    conn.execute(insert(document_sources), [{"document_id": f"d-{n}", "outlet": f"outlet{n % 5}.example",
                                             "copy_of": "d-1" if n % 7 == 3 else None, "similarity": None,
                                             "signature": []} for n in range(n_docs)])
    conn.execute(insert(entities), [{"id": i, "name": i, "type": "Organization", "geo": None, "external_ids": {},
                                     "attrs": {}, "merged_into": None} for i in PEOPLE])
    rows, passages = [], []
    for n in range(n_claims):
        predicate = rng.choice(PREDICATES)
        literal = predicate == "founded_in"
        row: dict[str, Any] = {
            "id": f"c-{n:03d}", "subject_id": rng.choice(PEOPLE), "predicate": predicate,
            "object_id": None if literal else rng.choice(PEOPLE),
            "object_value": rng.choice(["1990", "1991"]) if literal else None,
            "object_type": "date" if literal else None, "qualifiers": {}, "modality": "asserted",
            "polarity": rng.choice(["positive", "positive", "negative"]),
            "attributed_to_id": rng.choice([None, None, "e-3"]), "confidence": 0.5, "status": "active"}
        row["triple_key"] = triple_hash(row)
        rows.append(row)
        passages += [{"claim_id": row["id"], "document_id": f"d-{rng.randrange(n_docs)}", "start": k, "end": k + 1,
                      "text": "t", "extractor": "test", "confidence": 0.5} for k in range(rng.choice([1, 2, 3]))]
    conn.execute(insert(claims), rows)
    conn.execute(insert(evidence), passages)


def _all_ids(conn: Connection) -> list[str]:
    return sorted(conn.execute(claims.select().with_only_columns(claims.c.id)).scalars())


def _agree(conn: Connection) -> dict[str, dict[str, int]]:
    """Refresh, then the kept counts of every claim, which must be the live ones."""
    assert corroborated.cached_counts(conn, ["c-000"]) is None  # something was noted: readers count live
    corroborated.refresh(conn)
    ids = _all_ids(conn)
    kept = corroborated.cached_counts(conn, ids)
    live = records.live_corroboration_counts(conn, ids)
    assert kept == live
    assert records.corroboration_counts(conn, ids) == live
    return live


def test_kept_counts_follow_evidence_merges_splits_and_copy_links(engine: Engine) -> None:
    """Each kind of write the triggers note leaves the kept counts equal to counting live once refreshed."""
    _follow_writes(engine)


def test_kept_counts_follow_the_writes_on_postgres(pg_url: str) -> None:
    """The PostgreSQL triggers note the same writes (the throw-away cluster of the store's PostgreSQL tests)."""
    from claimgraph.store.db import get_engine

    _follow_writes(get_engine(pg_url))


def _follow_writes(engine: Engine) -> None:
    with engine.begin() as conn:
        _fill(conn, 3)
        first = _agree(conn)
        assert sum(1 for c in first.values() if c["documents"] > 1) > 20
        # a merge joins two groups: claims of either end are counted anew
        conn.execute(update(entities).where(entities.c.id == "e-1").values(merged_into="e-0"))
        conn.execute(update(entities).where(entities.c.id == "e-2").values(merged_into="e-1"))
        merged = _agree(conn)
        assert merged != first
        # a split takes a member out again (its chain too)
        conn.execute(update(entities).where(entities.c.id == "e-1").values(merged_into=None))
        _agree(conn)
        # a new document's evidence for a claim said before, and a copy link that makes a document dependent
        conn.execute(insert(documents).values(id="d-new", sha256="f" * 64, title=None, source="b.txt", url=None,
                                              text="t", word_count=1, ingested_at="2024-01-02"))
        from claimgraph.store.derived import aligned_groups

        said_again = sorted(aligned_groups(conn, _all_ids(conn)).items())[0]
        before = records.live_corroboration_counts(conn, said_again[1])
        conn.execute(insert(evidence).values(claim_id=said_again[0], document_id="d-new", start=0, end=1, text="t",
                                             extractor="test", confidence=0.5))
        after = _agree(conn)
        # every claim of the group gained the document, not only the one it was said for
        assert all(after[c]["documents"] == before[c]["documents"] + 1 for c in said_again[1])
        # a new entity row joining a group, with a new document's claim saying what a claim of the group says:
        # noted as a join alone, the group's claims are recounted through the new claim's group
        said = next(r for r in conn.execute(claims.select().where(claims.c.subject_id == "e-0",
                                                                  claims.c.object_id.isnot(None))).mappings())
        before = records.live_corroboration_counts(conn, [said["id"]])[said["id"]]
        conn.execute(insert(entities).values(id="e-new", name="e-new", type="Organization", geo=None,
                                             external_ids={}, attrs={}, merged_into=None))
        conn.execute(insert(documents).values(id="d-new2", sha256="e" * 64, title=None, source="c.txt", url=None,
                                              text="t", word_count=1, ingested_at="2024-01-03"))
        fresh = {**dict(said), "id": "c-new", "subject_id": "e-new"}
        conn.execute(insert(claims).values(**{**fresh, "triple_key": triple_hash(fresh)}))
        conn.execute(insert(evidence).values(claim_id="c-new", document_id="d-new2", start=0, end=1, text="t",
                                             extractor="test", confidence=0.5))
        conn.execute(update(entities).where(entities.c.id == "e-new").values(merged_into="e-0"))
        noted = {r.kind for r in conn.execute(corroborated.corroboration_stale.select())}
        assert noted == {"document", "join"}
        joined = _agree(conn)
        assert joined[said["id"]]["documents"] == before["documents"] + 1 and joined["c-new"] == joined[said["id"]]
        conn.execute(update(document_sources).where(document_sources.c.document_id == "d-2").values(copy_of="d-4"))
        _agree(conn)
        # a claim's ends changed in place
        conn.execute(update(claims).where(claims.c.id == "c-010").values(subject_id="e-9"))
        _agree(conn)


def test_a_noted_write_makes_readers_count_live(engine: Engine) -> None:
    """Between a write and the refresh, corroboration_counts gives what counting live gives, not the old rows."""
    with engine.begin() as conn:
        _fill(conn, 5)
        corroborated.refresh(conn)
        conn.execute(insert(evidence).values(claim_id="c-001", document_id="d-9", start=50, end=51, text="t",
                                             extractor="test", confidence=0.5))
        ids = _all_ids(conn)
        assert records.corroboration_counts(conn, ids) == records.live_corroboration_counts(conn, ids)


def test_after_ingest_steps_keep_the_counts_of_ingested_documents(settings: Any, engine: Engine) -> None:
    """The same claim stored from two documents: once the steps ran, the kept counts are the live ones."""
    from test_store import _analysis

    from claimgraph.reason.plugin import after_ingest
    from claimgraph.store.pending import complete_pending
    from claimgraph.store.writer import write_analysis

    for n, source in enumerate(("first.txt", "second.txt")):
        write_analysis(engine, _analysis(f"The Red Dawn Front was founded by Ana Ruiz, report {n} says.", source))
    complete_pending(engine, after_ingest)
    with engine.connect() as conn:
        ids = _all_ids(conn)
        kept = corroborated.cached_counts(conn, ids)
        assert kept == records.live_corroboration_counts(conn, ids)
        assert kept and max(c["documents"] for c in kept.values()) == 2


def test_migration_counts_an_existing_store(tmp_path: Path) -> None:
    """A store at 0014 with claims is counted by the upgrade to 0015, as live counting counts it."""
    from alembic import command
    from sqlalchemy import create_engine

    from claimgraph.store.db import alembic_config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    command.upgrade(alembic_config(url), "0014_claim_rank_indexes")
    old = create_engine(url)
    with old.begin() as conn:
        _fill(conn, 11)
    old.dispose()
    command.upgrade(alembic_config(url), "head")
    engine = create_engine(url)
    with engine.connect() as conn:
        ids = _all_ids(conn)
        kept = corroborated.cached_counts(conn, ids)
        assert kept is not None and set(kept) == set(ids)
        assert kept == records.live_corroboration_counts(conn, ids)
    engine.dispose()


@pytest.mark.parametrize("many", [False, True])
def test_refresh_of_many_documents_counts_the_whole_store(engine: Engine, many: bool,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Past WHOLE_STORE_AT noted documents the refresh recounts everything in one pass, to the same counts."""
    monkeypatch.setattr(corroborated, "WHOLE_STORE_AT", 3 if many else 10_000)
    with engine.begin() as conn:
        _fill(conn, 13)
        _agree(conn)
