"""The jsonl export follows ../shared/spec/claims-format.md, field by field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from claimgraph.export.base import export_store
from claimgraph.export.jsonl import JsonlExporter
from claimgraph.model import ENTITY_TYPES, MODALITIES, POLARITIES, STATUSES, SourceDocument
from claimgraph.pipeline import ingest
from claimgraph.settings import Settings

SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "claims-format.md"


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture
def exported(settings: Settings, engine: Engine, seed_text: str, tmp_path: Path) -> Path:
    ingest([SourceDocument(text=seed_text, source="mko-article.txt"),
            SourceDocument(text="Hamas was founded in 1987 by Ahmed Yassin in Gaza.", source="b.txt",
                           id="doc-b", published="2020-05-01")], settings, engine)
    out = tmp_path / "out"
    with engine.connect() as conn:
        export_store(conn, JsonlExporter(out))
    return out


def _is_ref(ref: object) -> bool:
    return isinstance(ref, dict) and {"id", "name", "type"} <= set(ref) and ref["type"] in ENTITY_TYPES


def test_files_exist(exported: Path) -> None:
    for name in ("documents", "entities", "mentions", "claims", "conflicts"):
        assert (exported / f"{name}.jsonl").exists()


def test_documents(exported: Path, seed_text: str) -> None:
    docs = {d["id"]: d for d in _rows(exported / "documents.jsonl")}
    assert "doc-b" in docs and docs["doc-b"]["published"] == "2020-05-01"
    for d in docs.values():
        assert {"id", "title", "source", "published", "sha256"} <= set(d)
        assert len(d["sha256"]) == 64


def test_entities_and_mentions(exported: Path, seed_text: str) -> None:
    ents = {e["id"]: e for e in _rows(exported / "entities.jsonl")}
    mentioned = {m["entity_id"] for m in _rows(exported / "mentions.jsonl")}
    for e in ents.values():
        # only a stand-in for an actor the text does not name (never mentioned) has no name
        assert isinstance(e["name"], str) and (e["name"] or e["id"] not in mentioned)
        assert e["type"] in ENTITY_TYPES
        assert isinstance(e["aliases"], list) and e["name"] not in e["aliases"]
        assert e["geo"] is None or {"lat", "lon", "uncertainty_km", "method"} <= set(e["geo"])
        assert isinstance(e["external_ids"], dict)
    texts = {d["id"]: None for d in _rows(exported / "documents.jsonl")}
    seed_id = next(d["id"] for d in _rows(exported / "documents.jsonl") if d["source"] == "mko-article.txt")
    texts[seed_id] = seed_text
    for m in _rows(exported / "mentions.jsonl"):
        assert m["entity_id"] in ents
        assert m["type"] in ENTITY_TYPES
        if m["document_id"] == seed_id:
            assert seed_text[m["start"]:m["end"]] == m["text"]


def test_claims(exported: Path, seed_text: str) -> None:
    ents = {e["id"] for e in _rows(exported / "entities.jsonl")}
    claims = _rows(exported / "claims.jsonl")
    assert claims
    ids = [c["id"] for c in claims]
    assert len(ids) == len(set(ids))
    for c in claims:
        assert _is_ref(c["subject"]) and c["subject"]["id"] in ents
        assert isinstance(c["predicate"], str) and c["predicate"]
        obj = c["object"]
        assert _is_ref(obj) or ("value" in obj and obj["type"] in ("date", "text", "quantity"))
        assert isinstance(c["qualifiers"], dict)
        assert c["modality"] in MODALITIES and c["polarity"] in POLARITIES and c["status"] in STATUSES
        assert c["attributed_to"] is None or _is_ref(c["attributed_to"])
        assert 0.0 <= c["confidence"] <= 1.0
        assert c["corroboration"]["documents"] >= c["corroboration"]["independent_sources"] >= 1
        assert c["evidence"]
        for ev in c["evidence"]:
            assert {"document_id", "document", "start", "end", "text"} <= set(ev)
            if ev["document"] == "mko-article.txt":
                assert seed_text[ev["start"]:ev["end"]] == ev["text"]
                assert "\n" not in ev["text"].strip()
        time = c["qualifiers"].get("time")
        if time:
            for key in ("start", "end"):
                if time.get(key):
                    assert time[key][:4].isdigit()


def test_conflicts_shape(exported: Path) -> None:
    claim_ids = {c["id"] for c in _rows(exported / "claims.jsonl")}
    for row in _rows(exported / "conflicts.jsonl"):
        assert row["kind"] in ("value", "qualifier", "polarity", "superseded")
        assert set(row["claims"]) <= claim_ids and len(row["claims"]) >= 2
        assert isinstance(row["note"], str) and row["note"]


def test_spec_is_where_the_contract_says() -> None:
    if not SPEC.exists():
        pytest.skip("../shared is not beside the checkout")
    assert "claims.jsonl" in SPEC.read_text(encoding="utf-8")
