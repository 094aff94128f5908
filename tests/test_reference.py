"""Reference knowledge (gazetteer, tables) is its own layer: never a document's claim, scope, count or conflict."""

from __future__ import annotations

import importlib.util
import json
from importlib.machinery import SourceFileLoader
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, inspect, select

from claimgraph.export.base import export_store
from claimgraph.export.jsonl import JsonlExporter
from claimgraph.model import ReferenceFact, SourceDocument
from claimgraph.reason.conflicts import find_conflicts
from claimgraph.reason.sources import source_profiles
from claimgraph.reason.synth import build_analysis, store
from claimgraph.store import records
from claimgraph.store.schema import claims, evidence, reference_facts

ROOT = Path(__file__).resolve().parents[1]


def check_trust() -> Any:
    """The scripts/check-trust module (a script without a .py suffix)."""
    loader = SourceFileLoader("check_trust", str(ROOT / "scripts" / "check-trust"))
    spec = importlib.util.spec_from_loader("check_trust", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def export(engine: Engine, out: Path) -> dict[str, list[dict[str, Any]]]:
    with engine.connect() as conn:
        export_store(conn, JsonlExporter(out))
    return {name: [json.loads(line) for line in (out / f"{name}.jsonl").read_text().splitlines()]
            for name in ("claims", "reference", "conflicts", "entities")}


def test_a_denial_near_a_city_never_negates_the_gazetteer(ingest_texts: Any, engine: Engine, tmp_path: Path) -> None:
    ingest_texts("A nurse from Marseille did not join the march in France last week, her union said.",
                 "Unions in France said clerks in Marseille were not paid for months.")
    out = export(engine, tmp_path / "export")
    place_claims = [c for c in out["claims"] if c["predicate"] in ("located_in", "based_in")
                    and c["subject"]["name"] == "Marseille"]
    assert place_claims == []  # neither document says Marseille is in France, so no claim says so
    facts = [r for r in out["reference"] if r["subject"]["name"] == "Marseille"]
    assert ("located_in", "France", "gazetteer") in \
        [(r["predicate"], r["object"]["name"], r["provenance"]["source"]) for r in facts]
    assert all(r["provenance"]["source"] in ("gazetteer", "table") for r in out["reference"])
    assert not any(key in r for r in facts for key in ("evidence", "modality", "corroboration", "attributed_to"))
    found = check_trust().check(tmp_path / "export")
    assert found["negated_place_facts"] == [] and found["name_only_evidence"] == []
    assert found["reference_in_claims"] == []


def test_reference_facts_stay_out_of_counts_conflicts_and_source_profiles(engine: Engine) -> None:
    text = "Officials in Tarsk, Varnia said the Red Dawn Front did not operate near Tarsk."
    analysis = build_analysis(SourceDocument(text=text, source="a.txt", id="a"),
                              [("Tarsk", "Place"), ("Varnia", "Country"), ("Red Dawn Front", "Organization")],
                              [{"subject": "Red Dawn Front", "predicate": "operates_in", "object": "Tarsk",
                                "polarity": "negative"}])
    analysis.reference.append(ReferenceFact("Place:tarsk", "located_in", "Country:varnia",
                                            provenance={"source": "gazetteer", "rule": "place_hierarchy"}))
    second = build_analysis(SourceDocument(text="Tarsk, Varnia, was quiet.", source="b.txt", id="b"),
                            [("Tarsk", "Place"), ("Varnia", "Country")])
    second.reference.append(ReferenceFact("Place:tarsk", "located_in", "Country:varnia",
                                          provenance={"source": "gazetteer"}))
    store(engine, [analysis, second])
    with engine.connect() as conn:
        facts = list(records.iter_reference(conn))
        stored_claims = list(records.iter_claims(conn))
        conflicts = find_conflicts(conn)
        profiles = {p.get("document_id"): p for p in source_profiles(conn) if p["kind"] == "document"}
    assert len(facts) == 1 and records.reference_text(facts[0]) == "gazetteer: Tarsk is in Varnia"
    assert [c["predicate"] for c in stored_claims] == ["operates_in"]
    assert conflicts == []
    assert profiles["a"]["claims"] == 1 and profiles["b"]["claims"] == 0
    assert all(s["name"] != "Varnia" for s in profiles["a"]["stance"])


def test_migration_moves_old_gazetteer_claims_out_of_claims(engine: Engine) -> None:
    """A store written before reference_facts existed: its gazetteer-only claims move over on upgrade."""
    from alembic import command

    from claimgraph.store.db import alembic_config

    analysis = build_analysis(SourceDocument(text="Tarsk, Varnia.", source="a.txt", id="a"),
                              [("Tarsk", "Place"), ("Varnia", "Country")],
                              [{"subject": "Tarsk", "predicate": "located_in", "object": "Varnia"}])
    store(engine, [analysis], after_ingest=False)
    with engine.begin() as conn:
        conn.execute(evidence.update().values(extractor="relations.gazetteer"))
        conn.execute(reference_facts.delete())
    cfg = alembic_config(str(engine.url))
    # back to the schema of that time: first below the revisions merging 0005_reference with the other
    # branches (a relative step from there is taken from the merged head), then 0005_reference itself
    for target in ("0005_reference", "0005_reference@-1"):
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, target)
    with engine.connect() as conn:
        assert "reference_facts" not in inspect(conn).get_table_names()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")
    with engine.connect() as conn:
        assert conn.execute(select(claims.c.id)).all() == []
        rows = conn.execute(select(reference_facts.c.predicate, reference_facts.c.provenance)).all()
    assert [(r.predicate, r.provenance["source"]) for r in rows] == [("located_in", "gazetteer")]


def test_reference_rows_written_twice_are_one_fact(engine: Engine) -> None:
    first = build_analysis(SourceDocument(text="Tarsk, Varnia.", source="a.txt", id="a"),
                           [("Tarsk", "Place"), ("Varnia", "Country")])
    first.reference.append(ReferenceFact("Place:tarsk", "located_in", "Country:varnia", {"source": "gazetteer"}))
    store(engine, [first])
    with engine.begin() as conn:  # an older row of the same fact under another id is read once
        row = dict(conn.execute(select(reference_facts)).mappings().one())
        conn.execute(insert(reference_facts).values({**row, "id": "r-other"}))
    with engine.connect() as conn:
        assert len(list(records.iter_reference(conn))) == 1


def test_a_profile_keeps_reference_facts_apart_from_what_documents_say(engine: Engine) -> None:
    """The profile's `reference` part holds the gazetteer fact; no section line cites a document for it."""
    from claimgraph.profile import build_profile, to_json

    analysis = build_analysis(SourceDocument(text="Brask, Olvenia, hosted the Tin Lantern Circle.", source="c.txt",
                                             id="c"),
                              [("Brask", "Place"), ("Olvenia", "Country"), ("Tin Lantern Circle", "Organization")],
                              [{"subject": "Tin Lantern Circle", "predicate": "based_in", "object": "Brask"}])
    analysis.reference.append(ReferenceFact("Place:brask", "located_in", "Country:olvenia",
                                            provenance={"source": "gazetteer"}))
    store(engine, [analysis])
    with engine.connect() as conn:
        ids = {e["name"]: e["id"] for e in records.iter_entities(conn)}
        shown = to_json(build_profile(conn, ids["Brask"]))
        group = to_json(build_profile(conn, ids["Tin Lantern Circle"]))
    assert [r["text"] for r in shown["reference"]] == ["gazetteer: Brask is in Olvenia"]
    assert group["reference"] == []
    lines = [line["text"] for lines in group["sections"].values() for line in lines]
    assert lines and all("Olvenia" not in t for t in lines)
    assert all(t.startswith("c.txt says: ") for t in lines)
