"""One claim count per entity in every view, and unnamed actors named by role and document everywhere."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert

from claimgraph.api.app import create_app
from claimgraph.export.base import export_store
from claimgraph.export.jsonl import JsonlExporter
from claimgraph.profile import build_profile
from claimgraph.settings import Settings, load_settings
from claimgraph.store.db import get_engine
from claimgraph.store.schema import aliases, claims, documents, entities, evidence

TOKEN = "count-token"
TEXT = ("The Amber League said the Tide Brigade attacked a depot. Gunmen later shelled the harbour, "
        "and the League's spokesman said the Brigade had ties to the Salt Council.")
TITLE = "Harbour shelling report"


def _entity(entity_id: str, name: str, type_: str = "Organization", attrs: dict[str, Any] | None = None
            ) -> dict[str, Any]:
    return {"id": entity_id, "name": name, "type": type_, "geo": None, "external_ids": {}, "attrs": attrs or {},
            "merged_into": None}


def _claim(claim_id: str, subject: str, obj: str | None, status: str = "active", speaker: str | None = None
           ) -> dict[str, Any]:
    return {"id": claim_id, "subject_id": subject, "predicate": "opposes", "object_id": obj, "qualifiers": {},
            "modality": "attributed" if speaker else "asserted", "polarity": "positive",
            "attributed_to_id": speaker, "confidence": 0.7, "status": status}


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A store of one document: a group known under two entities (merged below), its rivals, an unnamed actor."""
    s = load_settings()
    s.store.url = f"sqlite:///{tmp_path_factory.mktemp('counts') / 'counts.db'}"
    s.api.token = TOKEN
    with get_engine(s.store.url).begin() as conn:
        conn.execute(insert(documents).values(id="doc-1", sha256="0" * 64, title=TITLE, source="harbour.txt",
                                              text=TEXT, word_count=len(TEXT.split()),
                                              ingested_at="2024-01-01T00:00:00"))
        conn.execute(insert(entities), [
            _entity("e-brigade", "Tide Brigade"), _entity("e-brigade-2", "the Brigade"),
            _entity("e-league", "Amber League"), _entity("e-council", "Salt Council"),
            _entity("e-unnamed", "", "Group", {"placeholder": True, "stands_for": "unnamed perpetrator"}),
            _entity("e-harbour", "harbour", "Place")])
        conn.execute(insert(aliases), [{"entity_id": i, "alias": n, "norm": n.lower()} for i, n in (
            ("e-brigade", "Tide Brigade"), ("e-brigade-2", "the Brigade"), ("e-league", "Amber League"),
            ("e-council", "Salt Council"), ("e-harbour", "harbour"))])
        conn.execute(insert(claims), [
            _claim("c-1", "e-brigade", "e-league"),                      # kept entity as subject
            _claim("c-2", "e-league", "e-brigade-2"),                    # merged-in entity as object
            _claim("c-3", "e-brigade-2", "e-council", speaker="e-league"),
            _claim("c-4", "e-council", "e-league", speaker="e-brigade-2"),  # merged-in entity as speaker only
            _claim("c-5", "e-brigade", "e-brigade-2"),                   # both ends one entity after the merge
            _claim("c-6", "e-brigade-2", "e-league", status="rejected"),  # rejected: counted nowhere
            _claim("c-7", "e-unnamed", "e-harbour")])
        conn.execute(insert(evidence), [
            {"claim_id": c, "document_id": "doc-1", "start": 0, "end": 20, "text": TEXT[:20], "qualifiers": {},
             "confidence": 0.7, "extractor": "test"} for c in ("c-1", "c-2", "c-3", "c-4", "c-5", "c-6", "c-7")])
    return s


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    """A client over the store, after a reviewer merged the two Brigade entities through the API."""
    with TestClient(create_app(copy.deepcopy(settings))) as c:
        r = c.post("/api/merge", json={"keep": "e-brigade", "other": "e-brigade-2"},
                   headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200, r.text
        yield c


def test_one_claim_count_for_a_merged_entity_in_every_view(client: TestClient, settings: Settings) -> None:
    # c-1..c-5 involve the Brigade (subject, object or speaker, either entity); c-5 once; c-6 is rejected
    expected = 5
    listed = {e["id"]: e["claims"] for e in client.get("/api/entities", params={"limit": 100}).json()["items"]}
    assert listed["e-brigade"] == expected and "e-brigade-2" not in listed
    assert client.get("/api/entities/e-brigade-2").json()["claims"] == expected
    assert client.get("/api/entities/e-brigade/profile").json()["claim_count"] == expected
    found = client.get("/api/search", params={"q": "brigade"}).json()["entities"]
    assert [e["claims"] for e in found if e["id"] == "e-brigade"] == [expected]
    graph = client.get("/api/graph", params={"entity": "e-league"}).json()
    assert {n["id"]: n["claims"] for n in graph["nodes"]}["e-brigade"] == expected
    page = client.get("/api/claims", params={"entity": "e-brigade", "limit": 100}).json()["items"]
    assert len([c for c in page if c["status"] != "rejected"]) == expected
    with get_engine(settings.store.url).connect() as conn:
        assert build_profile(conn, "e-brigade").claim_count == expected


def test_entity_list_is_ordered_by_the_count_it_shows(client: TestClient) -> None:
    items = client.get("/api/entities", params={"limit": 100}).json()["items"]
    counts = [e["claims"] for e in items]
    assert counts == sorted(counts, reverse=True)
    # the League is in c-1..c-4 (c-6 rejected): it ranks by that, not by raw subject/object rows
    assert {e["id"]: e["claims"] for e in items}["e-league"] == 4


def test_a_rejected_claim_leaves_every_count(client: TestClient) -> None:
    before = client.get("/api/entities/e-council").json()["claims"]
    r = client.post("/api/review", json={"kind": "claim", "id": "c-4", "action": "reject"},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    assert client.get("/api/entities/e-council").json()["claims"] == before - 1
    listed = {e["id"]: e["claims"] for e in client.get("/api/entities", params={"limit": 100}).json()["items"]}
    assert listed["e-council"] == before - 1
    assert client.get("/api/entities/e-council/profile").json()["claim_count"] == before - 1


def test_unnamed_actor_is_named_by_role_and_document(client: TestClient, settings: Settings,
                                                    tmp_path: Path) -> None:
    shown = f"unnamed perpetrator ({TITLE})"
    assert client.get("/api/claims/c-7").json()["subject"]["name"] == shown
    assert client.get("/api/claims/c-7").json()["text"] == f"harbour.txt says: {shown} opposes harbour"
    assert client.get("/api/entities/e-unnamed").json()["name"] == shown
    assert client.get("/api/entities/e-unnamed/profile").json()["entity"]["name"] == shown
    doc = client.get("/api/documents/doc-1").json()
    assert {s["subject"]["name"] for s in doc["evidence"] if s["claim_id"] == "c-7"} == {shown}
    with get_engine(settings.store.url).connect() as conn:
        assert build_profile(conn, "e-unnamed").entity["name"] == shown
        export_store(conn, JsonlExporter(tmp_path / "out"))
    exported = [json.loads(line) for line in (tmp_path / "out" / "entities.jsonl").read_text().splitlines()]
    assert {e["id"]: e["name"] for e in exported}["e-unnamed"] == shown
    claim = next(json.loads(line) for line in (tmp_path / "out" / "claims.jsonl").read_text().splitlines()
                 if json.loads(line)["id"] == "c-7")
    assert claim["subject"]["name"] == shown
    view = client.get("/api/export", params={"format": "jsonl", "entity": "e-unnamed"})
    assert view.status_code == 200 and shown in view.text and '"name": ""' not in view.text


def test_counted_by_index_equals_counted_by_rows() -> None:
    """The fast count (role by role, from the indexes) equals the count read claim by claim, merges and all."""
    import random

    from sqlalchemy import create_engine, update

    from claimgraph.store.schema import metadata
    from claimgraph.views.counts import claim_counts, claim_counts_by_rows

    rng = random.Random(13)
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    ids = [f"e-{n}" for n in range(40)]
    with engine.begin() as conn:
        conn.execute(insert(entities), [_entity(i, f"Group {i}") for i in ids])
        # merge chains (e-1 -> e-0, e-2 -> e-1, ...) and single merges
        for merged, into in (("e-1", "e-0"), ("e-2", "e-1"), ("e-3", "e-1"), ("e-11", "e-10"), ("e-21", "e-20")):
            conn.execute(update(entities).where(entities.c.id == merged).values(merged_into=into))
        rows = []
        for n in range(600):
            subject = rng.choice(ids)
            obj = rng.choice([None, subject, *ids])  # literals, self-loops, any entity
            speaker = rng.choice([None, None, subject, obj, *ids])
            rows.append(_claim(f"c-{n}", subject, obj, status=rng.choice(["active", "active", "rejected",
                                                                           "superseded"]), speaker=speaker))
        conn.execute(insert(claims), rows)
    with engine.connect() as conn:
        standing = [i for i in ids if i not in {"e-1", "e-2", "e-3", "e-11", "e-21"}]
        asked = [*standing, "e-unknown"]
        fast, slow = claim_counts(conn, asked), claim_counts_by_rows(conn, asked)
        assert fast == slow and fast["e-unknown"] == 0
        # e-0 holds the claims of the chain merged into it (asked apart, each member keeps its own)
        assert fast["e-0"] > claim_counts(conn, ["e-0", "e-1", "e-2", "e-3"])["e-0"] > 0
        # asked for a merged entity together with the one it was merged into, as a list of nodes may be
        assert claim_counts(conn, ["e-1", "e-0"]) == claim_counts_by_rows(conn, ["e-1", "e-0"])


def test_conflicts_by_cursor_are_the_listed_ones(client: TestClient) -> None:
    """/api/conflicts?cursor= pages (null total, next_cursor until the last) give what the offset list gives."""
    listed = client.get("/api/conflicts", params={"limit": 1000}).json()["items"]
    walked: list[dict[str, Any]] = []
    cursor: str | None = ""
    while cursor is not None:
        body = client.get("/api/conflicts", params={"cursor": cursor, "limit": 1}).json()
        assert body["total"] is None and body["cursor"] == cursor and len(body["items"]) <= 1
        walked += body["items"]
        cursor = body["next_cursor"]
        assert len(walked) <= len(listed)
    assert sorted(map(repr, walked)) == sorted(map(repr, listed))
