"""The API on PostgreSQL: tsvector search, JSON filters and the map, over rows written directly."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert

from claimgraph.api.app import create_app
from claimgraph.api.search import search
from claimgraph.settings import load_settings
from claimgraph.store.db import get_engine
from claimgraph.store.schema import aliases, claims, documents, entities, evidence

# the throw-away cluster of the store's PostgreSQL test (skips where no server binaries exist)
pg_url = pytest.importorskip("test_postgres").pg_url

TEXTS = {
    "pg/1": ("Harbor strike", "Dock workers in Port Lumen walked out after the Lake Brigade threatened them."),
    "pg/2": ("Council vote", "The Hill Council voted to expel the brigade's envoys from the valley."),
}


@pytest.fixture(scope="module")
def pg_client(pg_url: str) -> Iterator[TestClient]:
    """A client of the app over a PostgreSQL store holding two documents and three entities."""
    settings = load_settings()
    settings.store.url = pg_url
    engine = get_engine(pg_url)
    stamp = "2026-01-01T00:00:00+00:00"
    with engine.begin() as conn:
        conn.execute(insert(documents), [
            {"id": i, "sha256": f"{n:064x}", "title": t, "source": "pg.jsonl", "url": None, "published": None,
             "text": body, "word_count": len(body.split()), "ingested_at": stamp}
            for n, (i, (t, body)) in enumerate(TEXTS.items())])
        conn.execute(insert(entities), [
            {"id": "e-brigade", "name": "Lake Brigade", "type": "Organization", "geo": None, "external_ids": {},
             "attrs": {}},
            {"id": "e-council", "name": "Hill Council", "type": "Organization", "geo": None, "external_ids": {},
             "attrs": {}},
            {"id": "e-port", "name": "Port Lumen", "type": "Place", "external_ids": {}, "attrs": {},
             "geo": {"lat": 1.5, "lon": 2.5, "uncertainty_km": 4.0, "method": "gazetteer"}}])
        conn.execute(insert(aliases), [
            {"entity_id": "e-brigade", "alias": "Lake Brigade", "norm": "lake brigade"},
            {"entity_id": "e-brigade", "alias": "Brigada del Lago", "norm": "brigada del lago"},
            {"entity_id": "e-council", "alias": "Hill Council", "norm": "hill council"},
            {"entity_id": "e-port", "alias": "Port Lumen", "norm": "port lumen"}])
        conn.execute(insert(claims), [
            {"id": "c-threat", "subject_id": "e-brigade", "predicate": "hostile_to", "object_id": "e-council",
             "qualifiers": {"time": {"start": "2019-04"}, "place": {"id": "e-port", "name": "Port Lumen",
                                                                    "type": "Place"}},
             "modality": "hedged", "polarity": "positive", "confidence": 0.6, "status": "active"},
            {"id": "c-expel", "subject_id": "e-council", "predicate": "expelled", "object_id": "e-brigade",
             "qualifiers": {"time": {"start": "2021"}}, "modality": "asserted", "polarity": "positive",
             "confidence": 0.8, "status": "active"}])
        conn.execute(insert(evidence), [
            {"claim_id": "c-threat", "document_id": "pg/1", "start": 0, "end": 11, "text": TEXTS["pg/1"][1][:11],
             "qualifiers": {}, "confidence": 0.6, "extractor": "test"},
            {"claim_id": "c-expel", "document_id": "pg/2", "start": 0, "end": 15, "text": TEXTS["pg/2"][1][:15],
             "qualifiers": {}, "confidence": 0.8, "extractor": "test"}])
    with TestClient(create_app(settings)) as client:
        yield client


def test_tsvector_search_ranks_names_and_documents(pg_client: TestClient, pg_url: str) -> None:
    with get_engine(pg_url).connect() as conn:
        entity_ids, hits = search(conn, "hil", 10)
        assert entity_ids == ["e-council"] and hits == []  # names match by prefix, prose by whole words
        assert search(conn, "brigada lago", 10)[0] == ["e-brigade"]
        _, hits = search(conn, "workers walked", 10)
        assert [h["id"] for h in hits] == ["pg/1"] and "walked" in hits[0]["snippet"]
        assert search(conn, "'; DROP TABLE documents; --", 10) == ([], [])
    body = pg_client.get("/api/search", params={"q": "council voted"}).json()
    assert [d["id"] for d in body["documents"]] == ["pg/2"]
    assert [e["id"] for e in pg_client.get("/api/search", params={"q": "hill"}).json()["entities"]] == ["e-council"]


def test_json_filters_and_views_on_postgres(pg_client: TestClient) -> None:
    def ids(**params: str) -> set[str]:
        return {c["id"] for c in pg_client.get("/api/claims", params=params).json()["items"]}

    assert ids(time_from="2020") == {"c-expel"}
    assert ids(time_to="2019-12") == {"c-threat"}
    assert ids(time_from="2019-04-15", time_to="2019-04-20") == {"c-threat"}
    assert ids(entity="e-brigade") == {"c-threat", "c-expel"}
    port = pg_client.get("/api/places").json()["features"]
    assert [(f["properties"]["id"], f["properties"]["claims"]) for f in port] == [("e-port", ["c-threat"])]
    graph = pg_client.get("/api/graph", params={"entity": "e-brigade", "hops": 2}).json()
    assert {e["id"] for e in graph["edges"]} == {"c-threat", "c-expel"}
    timeline = pg_client.get("/api/timeline").json()["items"]
    assert [i["claim_id"] for i in timeline] == ["c-threat", "c-expel"]
    doc = pg_client.get("/api/documents/pg/2").json()
    assert doc["evidence"][0]["claim_id"] == "c-expel"
    assert pg_client.get("/api/entities/e-brigade/profile").json()["entity"]["name"] == "Lake Brigade"
