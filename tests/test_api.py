"""The read endpoints of the HTTP API over a store built once from the seed article."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert

from claimgraph.api.app import create_app
from claimgraph.model import SourceDocument
from claimgraph.pipeline import ingest
from claimgraph.settings import Settings, load_settings
from claimgraph.store.db import get_engine
from claimgraph.store.schema import aliases, claims, entities, evidence

SEED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "mko-article.txt"
SCRIPT_TEXT = ("The Harbor Workers Union said on Monday that <script>alert('x')</script> was found in a leaflet. "
               "The union denied any link to the Coastal Front.")
CSP = "default-src 'self'; script-src 'self'"


@pytest.fixture(scope="module")
def api_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings over a store holding the seed, a document with markup and a JSONL-style id."""
    settings = load_settings()
    settings.store.url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'api.db'}"
    docs = [SourceDocument(text=SEED.read_text(encoding="utf-8"), source="mko-article.txt"),
            SourceDocument(text=SCRIPT_TEXT, source="batch.jsonl", id="batch/7", title="Leaflet report",
                           published="2021-05-04")]
    report = ingest(docs, settings, get_engine(settings.store.url))
    assert len(report.stored) == 2, report.failures
    # a located place with a claim, written directly: the map needs coordinates the extractors may not give
    with get_engine(settings.store.url).begin() as conn:
        conn.execute(insert(entities).values(id="e-test-place", name="Port Lumen", type="Place",
                                             geo={"lat": 10.5, "lon": -20.25, "uncertainty_km": 3.0,
                                                  "method": "gazetteer"}, external_ids={}, attrs={}))
        conn.execute(insert(aliases).values(entity_id="e-test-place", alias="Port Lumen", norm="port lumen"))
        subject = conn.execute(entities.select().where(entities.c.type == "Organization").limit(1)).first()
        conn.execute(insert(claims).values(id="c-test-base", subject_id=subject.id, predicate="has_base",
                                           object_id="e-test-place", qualifiers={"time": {"start": "1986-03"}},
                                           modality="hedged", polarity="positive", confidence=0.6, status="active"))
        conn.execute(insert(evidence).values(claim_id="c-test-base", document_id="batch/7", start=0, end=10,
                                             text=SCRIPT_TEXT[:10], qualifiers={}, confidence=0.6, extractor="test"))
    return settings


@pytest.fixture(scope="module")
def client(api_settings: Settings) -> Iterator[TestClient]:
    """A test client of the app (write endpoints off)."""
    with TestClient(create_app(api_settings)) as c:
        yield c


@pytest.fixture(scope="module")
def all_claims(client: TestClient) -> list[dict[str, Any]]:
    """Every stored claim through the API."""
    body = client.get("/api/claims", params={"limit": 1000}).json()
    assert body["total"] == len(body["items"]) > 5
    return body["items"]


def _busiest_entity(client: TestClient) -> dict[str, Any]:
    return client.get("/api/entities", params={"limit": 1}).json()["items"][0]


# ---------------------------------------------------------------------------- search
def test_search_finds_entity_names_by_prefix_and_documents_by_words(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "Mojahed"}).json()
    assert any("Mojahed" in e["name"] or any("Mojahed" in a for a in e["aliases"]) for e in body["entities"])
    assert all({"id", "name", "type", "aliases"} <= e.keys() for e in body["entities"])
    words = client.get("/api/search", params={"q": "leaflet union"}).json()
    assert [d["id"] for d in words["documents"]] == ["batch/7"]
    assert "leaflet" in words["documents"][0]["snippet"].lower()
    assert words["documents"][0]["title"] == "Leaflet report"


def test_search_takes_query_syntax_as_plain_words(client: TestClient) -> None:
    for q in ['"unbalanced', "union AND (", "NEAR(a b)", "*", "union OR -x"]:
        r = client.get("/api/search", params={"q": q})
        assert r.status_code == 200, q
    assert client.get("/api/search", params={"q": "zzqxjv"}).json() == {"entities": [], "documents": []}
    assert client.get("/api/search", params={"q": ""}).status_code == 422


# ---------------------------------------------------------------------------- entities
def test_entity_list_pages_filters_and_counts(client: TestClient, all_claims: list[dict[str, Any]]) -> None:
    first = client.get("/api/entities", params={"limit": 5}).json()
    assert first["total"] > 5 and len(first["items"]) == 5
    counts = [e["claims"] for e in first["items"]]
    assert counts == sorted(counts, reverse=True)
    top = first["items"][0]
    # the one count of every view: claims involving it (subject, object or speaker), rejected ones left out
    touching = [c for c in all_claims if c["status"] != "rejected" and top["id"] in (
        c["subject"]["id"], (c["object"] or {}).get("id"), (c["attributed_to"] or {}).get("id"))]
    assert top["claims"] == len(touching)
    second = client.get("/api/entities", params={"limit": 5, "offset": 5}).json()
    assert not {e["id"] for e in first["items"]} & {e["id"] for e in second["items"]}
    orgs = client.get("/api/entities", params={"type": "organization", "limit": 1000}).json()
    assert orgs["items"] and all(e["type"] == "Organization" for e in orgs["items"])
    named = client.get("/api/entities", params={"q": "lumen"}).json()
    assert [e["id"] for e in named["items"]] == ["e-test-place"] and named["total"] == 1
    by_name = client.get("/api/entities", params={"sort": "name", "limit": 1000}).json()["items"]
    assert [e["name"] for e in by_name] == sorted(e["name"] for e in by_name)


def test_entity_record_and_unknown_entity(client: TestClient) -> None:
    top = _busiest_entity(client)
    one = client.get(f"/api/entities/{top['id']}").json()
    assert {k: one[k] for k in ("id", "name", "type", "aliases")} == {k: top[k] for k in ("id", "name", "type",
                                                                                          "aliases")}
    assert client.get("/api/entities/e-nope").status_code == 404


def test_profile_lines_are_cited_sentences(client: TestClient) -> None:
    top = _busiest_entity(client)
    prof = client.get(f"/api/entities/{top['id']}/profile").json()
    assert prof["entity"]["id"] == top["id"]
    assert isinstance(prof["aliases"], list) and isinstance(prof["conflicts"], list)
    lines = [ln for section in prof["sections"].values() for ln in section]
    assert lines
    for ln in lines:
        cited = {ev["document"] for ev in ln["claim"]["evidence"]}
        assert any(ln["text"].startswith(c) for c in cited), ln["text"]
    assert client.get("/api/entities/e-nope/profile").status_code == 404


def test_profile_matches_build_profile(client: TestClient, api_settings: Settings) -> None:
    from claimgraph.profile import build_profile, to_json

    engine = get_engine(api_settings.store.url)
    for entity in client.get("/api/entities", params={"limit": 8}).json()["items"]:
        with engine.connect() as conn:
            expected = build_profile(conn, entity["id"])
        got = client.get(f"/api/entities/{entity['id']}/profile").json()
        assert got["entity"] == expected.entity and got["aliases"] == expected.aliases
        assert got["conflicts"] == expected.conflicts and got["changes"] == expected.changes
        assert got["reference"] == to_json(expected)["reference"]
        assert {t: [(ln["text"], ln["claim"]) for ln in lines] for t, lines in got["sections"].items()} == \
            {t: [(ln.text, ln.claim) for ln in lines] for t, lines in expected.sections.items()}


def test_profile_pages_hold_every_claim_once(client: TestClient) -> None:
    """Pages of a profile (limit, offset) together show the claims of the whole profile, each once."""
    top = _busiest_entity(client)
    whole = client.get(f"/api/entities/{top['id']}/profile").json()
    shown = sorted(ln["claim"]["id"] for lines in whole["sections"].values() for ln in lines)
    assert whole["next_offset"] is None and whole["total"] >= len(set(shown)) >= 3
    paged: list[str] = []
    offset: int | None = 0
    while offset is not None:
        page = client.get(f"/api/entities/{top['id']}/profile", params={"limit": 2, "offset": offset}).json()
        assert page["total"] == whole["total"] and page["limit"] == 2
        paged += sorted({ln["claim"]["id"] for lines in page["sections"].values() for ln in lines})
        offset = page["next_offset"]
    assert sorted(paged) == sorted(set(shown))
    assert client.get(f"/api/entities/{top['id']}/profile", params={"limit": 0}).status_code == 422


# ---------------------------------------------------------------------------- claims
def test_claim_filters_match_the_records(client: TestClient, all_claims: list[dict[str, Any]]) -> None:
    top = _busiest_entity(client)
    about = client.get("/api/claims", params={"entity": top["id"], "limit": 1000}).json()
    expected = {c["id"] for c in all_claims
                if top["id"] in (c["subject"]["id"], (c["object"] or {}).get("id"), (c["attributed_to"] or {}).get("id"))}
    assert {c["id"] for c in about["items"]} == expected and about["total"] == len(expected)
    predicate = all_claims[0]["predicate"]
    assert {c["id"] for c in client.get("/api/claims", params={"predicate": predicate}).json()["items"]} == \
        {c["id"] for c in all_claims if c["predicate"] == predicate}
    assert {c["id"] for c in client.get("/api/claims", params={"modality": "hedged"}).json()["items"]} == \
        {c["id"] for c in all_claims if c["modality"] == "hedged"}
    in_doc = client.get("/api/claims", params={"document": "batch/7"}).json()["items"]
    assert {c["id"] for c in in_doc} == {c["id"] for c in all_claims
                                         if any(e["document_id"] == "batch/7" for e in c["evidence"])}
    assert client.get("/api/claims", params={"status": "rejected"}).json()["total"] == \
        sum(c["status"] == "rejected" for c in all_claims)
    page = client.get("/api/claims", params={"limit": 3, "offset": 2}).json()
    assert [c["id"] for c in page["items"]] == [c["id"] for c in all_claims[2:5]]


def _overlaps(claim: dict[str, Any], lo: str | None, hi: str | None) -> bool:
    t = (claim.get("qualifiers") or {}).get("time") or {}
    first, last = t.get("start") or t.get("end"), t.get("end") or t.get("start")
    if not first:
        return False
    return (lo is None or last >= lo[:len(last)]) and (hi is None or first <= hi[:len(first)])


@pytest.mark.parametrize("lo,hi", [("1986-05", None), (None, "1979"), ("1980", "1990-12-31"), ("1986", "1986")])
def test_claim_time_range_keeps_overlapping_claims(client: TestClient, all_claims: list[dict[str, Any]],
                                                   lo: str | None, hi: str | None) -> None:
    params = {k: v for k, v in (("time_from", lo), ("time_to", hi)) if v}
    got = {c["id"] for c in client.get("/api/claims", params={**params, "limit": 1000}).json()["items"]}
    assert got == {c["id"] for c in all_claims if _overlaps(c, lo, hi)}


def test_claim_by_id(client: TestClient, all_claims: list[dict[str, Any]]) -> None:
    one = client.get(f"/api/claims/{all_claims[0]['id']}").json()
    assert {k: v for k, v in one.items() if k != "text"} == all_claims[0]
    assert one["text"]
    assert client.get("/api/claims/c-nope").status_code == 404


# ---------------------------------------------------------------------------- documents
def test_document_list_and_detail_offsets(client: TestClient, all_claims: list[dict[str, Any]]) -> None:
    listed = client.get("/api/documents").json()
    assert listed["total"] == 2 and {d["id"] for d in listed["items"]} == {"batch/7", listed["items"][1]["id"]}
    assert listed["items"][0]["id"] == "batch/7"  # the dated one comes first
    seed_id = listed["items"][1]["id"]
    doc = client.get(f"/api/documents/{seed_id}").json()
    assert doc["text"] == SEED.read_text(encoding="utf-8")
    by_id = {c["id"]: c for c in all_claims}
    assert doc["evidence"]
    for span in doc["evidence"]:
        claim = by_id[span["claim_id"]]
        assert any(e["start"] == span["start"] and e["end"] == span["end"] and e["document_id"] == seed_id
                   for e in claim["evidence"])
        assert span["predicate"] == claim["predicate"] and span["modality"] == claim["modality"]
    assert doc["mentions"]
    for m in doc["mentions"]:
        assert doc["text"][m["start"]:m["end"]] == m["text"] and m["entity_id"]
    assert client.get("/api/documents/d-nope").status_code == 404


def test_markup_in_a_document_comes_back_as_json_text(client: TestClient) -> None:
    r = client.get("/api/documents/batch/7")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["content-security-policy"].startswith(CSP)
    assert r.json()["text"] == SCRIPT_TEXT


# ---------------------------------------------------------------------------- views
def test_graph_edges_join_listed_nodes(client: TestClient) -> None:
    top = _busiest_entity(client)
    one = client.get("/api/graph", params={"entity": top["id"], "hops": 1}).json()
    two = client.get("/api/graph", params={"entity": top["id"], "hops": 2}).json()
    for g in (one, two):
        ids = {n["id"] for n in g["nodes"]}
        assert top["id"] in ids
        for e in g["edges"]:
            assert {e["source"], e["target"]} <= ids
            assert {"id", "predicate", "modality", "polarity", "corroboration", "status"} <= e.keys()
    assert one["edges"] and all(top["id"] in (e["source"], e["target"]) for e in one["edges"])
    assert {n["id"] for n in one["nodes"]} <= {n["id"] for n in two["nodes"]}
    assert client.get("/api/graph", params={"entity": top["id"], "hops": 3}).status_code == 422
    capped = client.get("/api/graph", params={"entity": top["id"], "hops": 2, "limit": 1}).json()
    assert len(capped["edges"]) == 1 and capped["truncated"]


def test_graph_edges_count_corroboration_as_the_claim_records(client: TestClient,
                                                               all_claims: list[dict[str, Any]]) -> None:
    """An edge's corroboration (read from its documents' outlets and copy links only) is its record's."""
    records = {c["id"]: c for c in all_claims}
    top = _busiest_entity(client)
    edges = client.get("/api/graph", params={"entity": top["id"], "hops": 2}).json()["edges"]
    assert edges
    for e in edges:
        assert e["corroboration"] == records[e["id"]]["corroboration"], e["id"]


def test_timeline_is_dated_and_ordered(client: TestClient, all_claims: list[dict[str, Any]]) -> None:
    items = client.get("/api/timeline").json()["items"]
    dated = {c["id"] for c in all_claims if (c["qualifiers"].get("time") or {}).get("start")
             or (c["qualifiers"].get("time") or {}).get("end")}
    assert {i["claim_id"] for i in items} == dated and "c-test-base" in dated
    keys = [i["start"] or i["end"] for i in items]
    assert keys == sorted(keys)
    assert all(i["text"] and i["predicate"] and i["modality"] for i in items)
    top = _busiest_entity(client)
    about = client.get("/api/timeline", params={"entity": top["id"]}).json()["items"]
    assert {i["claim_id"] for i in about} <= dated


def test_places_are_geojson_points_with_their_claims(client: TestClient) -> None:
    body = client.get("/api/places").json()
    assert body["type"] == "FeatureCollection"
    port = next(f for f in body["features"] if f["properties"]["id"] == "e-test-place")
    assert port["geometry"] == {"type": "Point", "coordinates": [-20.25, 10.5]}
    assert port["properties"]["uncertainty_km"] == 3.0 and port["properties"]["method"] == "gazetteer"
    assert port["properties"]["claims"] == ["c-test-base"]


def test_sources_and_conflicts(client: TestClient, all_claims: list[dict[str, Any]],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    sources = client.get("/api/sources").json()
    assert isinstance(sources, list) and sources
    # without the reasoning layer: documents per source name
    import importlib.util

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "claimgraph.reason.sources" else real_find_spec(name, *a))
    plain = client.get("/api/sources").json()
    assert {s["source"]: s["documents"] for s in plain} == {"mko-article.txt": 1, "batch.jsonl": 1}
    monkeypatch.undo()
    conflicts = client.get("/api/conflicts").json()["items"]
    known = {c["id"] for c in all_claims}
    for c in conflicts:
        assert c["kind"] and set(c["claims"]) <= known


# ---------------------------------------------------------------------------- safety and docs
def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for path in ("/api/search?q=union", "/api/entities/e-nope", "/openapi.json", "/docs", "/nowhere"):
        r = client.get(path)
        policy = r.headers["content-security-policy"]
        assert policy.startswith(CSP) and "unsafe-inline" not in policy, path
        assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert r.headers["x-content-type-options"] == "nosniff"


def test_docs_page_uses_only_vendored_files(client: TestClient) -> None:
    page = client.get("/docs").text
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    assert scripts and all('src="/' in attrs and not body.strip() for attrs, body in scripts)
    assert "http://" not in page and "https://" not in page
    for ref in re.findall(r'(?:src|href)="([^"]+)"', page):
        r = client.get(ref)
        assert r.status_code == 200 and len(r.content) > 100, ref
        assert r.headers["content-security-policy"].startswith(CSP)


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/search", "/api/entities", "/api/entities/{entity_id}", "/api/entities/{entity_id}/profile",
                 "/api/claims", "/api/claims/{claim_id}", "/api/documents", "/api/documents/{document_id}",
                 "/api/conflicts", "/api/graph", "/api/timeline", "/api/places", "/api/sources", "/api/ingest",
                 "/api/review"):
        assert path in paths, path
    assert "post" in paths["/api/ingest"] and "post" in paths["/api/review"]


def test_substring_search_stands_in_without_a_full_text_index(api_settings: Settings) -> None:
    from claimgraph.api.search import search_fallback, search_sqlite

    with get_engine(api_settings.store.url).connect() as conn:
        fts_entities, fts_docs = search_sqlite(conn, "leaflet", 10)
        plain_entities, plain_docs = search_fallback(conn, "leaflet", 10)
        assert [d["id"] for d in plain_docs] == [d["id"] for d in fts_docs] == ["batch/7"]
        assert "leaflet" in plain_docs[0]["snippet"]
        assert search_fallback(conn, "port lumen", 10)[0] == search_sqlite(conn, "port lumen", 10)[0] == \
            ["e-test-place"]


def test_warm_up_reads_no_claim_and_computes_nothing_whole_store(api_settings: Settings) -> None:
    """The server's warm-up prepares the reads (modules, schema, table list) without reading claims: the
    whole-store conflict list waits for the one page that lists every conflict."""
    from sqlalchemy import event

    from claimgraph.api.cache import STORE_CACHE, warm_up

    engine = get_engine(api_settings.store.url)
    STORE_CACHE.clear()
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", seen)
    try:
        warm_up(engine).join(timeout=60)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert statements, "the warm-up read nothing at all"
    rows_read = [s for s in statements if re.search(r"\bFROM (claims|evidence)\b", s) and "count(" not in s]
    assert not rows_read, rows_read
    with engine.connect() as conn:
        assert STORE_CACHE.peek(conn, "conflicts") is None and STORE_CACHE.peek(conn, "changes") is None
