"""Reads that stay flat as the store grows: the claim counts table, bounded search, every spelling of a name."""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import Engine, delete, func, insert, or_, select, update

from claimgraph.model import Analysis, Claim, Entity, EvidenceSpan, Mention, SourceDocument
from claimgraph.store import records
from claimgraph.store.db import get_engine
from claimgraph.store.derived import refill_claim_counts
from claimgraph.store.schema import aliases, claims, entities, entity_claim_counts
from claimgraph.store.writer import write_analysis
from claimgraph.views.counts import claim_counts, claim_counts_by_role, claim_counts_by_rows, party_count

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))


def _stored_counts(engine: Engine) -> dict[str, tuple[int, int]]:
    with engine.connect() as conn:
        return {r.entity_id: (r.claims, r.party) for r in conn.execute(select(entity_claim_counts)) if r.claims}


def _row_counts(engine: Engine) -> dict[str, tuple[int, int]]:
    """(claims naming each entity, of those naming it as subject or object), from the claim rows."""
    with engine.connect() as conn:
        ids = list(conn.execute(select(entities.c.id)).scalars())
        party = {i: conn.execute(select(func.count()).select_from(claims).where(
            claims.c.status != "rejected", or_(claims.c.subject_id == i, claims.c.object_id == i))).scalar()
            for i in ids}
        return {k: (v, party[k]) for k, v in claim_counts_by_role(conn, ids).items() if v}


def _claim(cid: str, subject: str, obj: str | None, speaker: str | None = None, status: str = "active") -> dict:
    return {"id": cid, "subject_id": subject, "predicate": "allied_with", "object_id": obj, "object_value": None,
            "object_type": None, "qualifiers": {}, "modality": "asserted", "polarity": "positive",
            "attributed_to_id": speaker, "confidence": 0.8, "status": status, "triple_key": None}


def test_counts_table_follows_every_change_of_the_claims(engine: Engine) -> None:
    counts_follow_every_change(engine)


def counts_follow_every_change(engine: Engine) -> None:
    """Inserts, rejections, restorations, a new speaker and a delete keep the table equal to the rows
    (also run on PostgreSQL by tests/test_postgres.py)."""
    with engine.begin() as conn:
        conn.execute(insert(entities), [{"id": f"e{i}", "name": f"Body {i}", "type": "Organization",
                                         "external_ids": {}, "attrs": {}} for i in range(4)])
        conn.execute(insert(claims), [
            _claim("c1", "e0", "e1"), _claim("c2", "e0", "e1", "e2"), _claim("c3", "e1", "e1", "e1"),
            _claim("c4", "e2", None, "e2"), _claim("c5", "e3", "e0", status="rejected"),
            _claim("c6", "e0", "e2", "e0")])
    assert _stored_counts(engine) == _row_counts(engine) == {"e0": (3, 3), "e1": (3, 3), "e2": (3, 2)}
    with engine.begin() as conn:
        conn.execute(update(claims).where(claims.c.id == "c1").values(status="rejected"))
        conn.execute(update(claims).where(claims.c.id == "c5").values(status="active"))
        conn.execute(update(claims).where(claims.c.id == "c2").values(status="superseded"))
        conn.execute(update(claims).where(claims.c.id == "c4").values(attributed_to_id="e3"))
        conn.execute(update(claims).where(claims.c.id == "c3").values(qualifiers={"as_of": "2020"}))
        conn.execute(delete(claims).where(claims.c.id == "c6"))
    assert _stored_counts(engine) == _row_counts(engine) == {"e0": (2, 2), "e1": (2, 2), "e2": (2, 1),
                                                             "e3": (2, 1)}
    with engine.begin() as conn:
        assert claim_counts(conn, ["e0", "e3", "nobody"]) == {"e0": 2, "e3": 2, "nobody": 0}
        assert party_count(conn, "e3") == 1 and party_count(conn, "nobody") == 0
        # a merged-in entity's claims are folded into the one it joined, each claim once
        conn.execute(update(entities).where(entities.c.id == "e1").values(merged_into="e0"))
        ids = ["e0", "e2", "e3"]
        assert claim_counts(conn, ids) == claim_counts_by_rows(conn, ids) == {"e0": 3, "e2": 2, "e3": 2}
        assert party_count(conn, "e0") is None  # merged into: its profile counts its members' rows
        conn.execute(delete(entity_claim_counts))
        refill_claim_counts(conn)
    assert _stored_counts(engine) == _row_counts(engine)


def test_bench_store_counts_equal_the_claim_rows(tmp_path: Path) -> None:
    from bench_api import build_store

    engine = get_engine(f"sqlite:///{tmp_path / 'bench.db'}")
    build_store(engine, 120)  # a bulk load that holds the triggers off and refills the table
    assert _stored_counts(engine) == _row_counts(engine)
    assert sum(n for n, _ in _stored_counts(engine).values()) > 0


def _named(text: str, key: str, name: str, spelled: set[str]) -> Analysis:
    start = text.index(name)
    return Analysis(document=SourceDocument(text=text, source=f"{key}.txt"),
                    entities={key: Entity(key=key, name=name, type="Organization", aliases=spelled | {name})},
                    mentions=[Mention(start, start + len(name), name, key, "Organization")],
                    claims=[Claim(key, "designated_as", key, [EvidenceSpan(0, len(text), text)])],
                    word_count=len(text.split()))


def test_every_spelling_of_a_name_is_kept(engine: Engine) -> None:
    write_analysis(engine, _named("The Lantern-Brigade held the pass.", "a", "Lantern-Brigade",
                                  {"Lantern Brigade", "LANTERN BRIGADE"}))
    write_analysis(engine, _named("Lantern-Brigade fighters left the pass.", "b", "Lantern-Brigade",
                                  {"Lantern Brigade", "Lantern Brigadé"}))
    with engine.connect() as conn:
        stored = sorted(conn.execute(select(aliases.c.alias)).scalars())
        exported = {e["name"]: e["aliases"] for e in records.iter_entities(conn)}
    assert stored == ["LANTERN BRIGADE", "Lantern Brigade", "Lantern Brigadé", "Lantern-Brigade"]
    assert sorted(exported["Lantern-Brigade"]) == ["LANTERN BRIGADE", "Lantern Brigade", "Lantern Brigadé"]


def test_migration_down_and_up_again_recounts_and_keeps_name_search(engine: Engine) -> None:
    from alembic import command

    from claimgraph.api.search import search
    from claimgraph.store.db import alembic_config

    write_analysis(engine, _named("The Lantern-Brigade held the pass.", "a", "Lantern-Brigade", {"Lantern Brigade"}))
    cfg = alembic_config(str(engine.url))
    for target in ("0012_claim_confidence_indexes", "heads"):
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            (command.downgrade if target.startswith("0012") else command.upgrade)(cfg, target)
    write_analysis(engine, _named("Lantern-Brigade fighters left.", "b", "Lantern-Brigade", {"LANTERN BRIGADE"}))
    with engine.begin() as conn:
        assert search(conn, "lantern brig")[0]  # the names' FTS triggers came back with the rebuilt table
        assert len(set(conn.execute(select(aliases.c.alias)).scalars())) == 3
    assert _stored_counts(engine) == _row_counts(engine) != {}
