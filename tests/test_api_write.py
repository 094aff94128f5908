"""The write endpoints: off without a token, bearer-token checked, refused in read-only mode."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from claimgraph.api.app import create_app
from claimgraph.cli.main import cli
from claimgraph.settings import Settings, load_settings

TOKEN = "s3cret-token-for-tests"
TEXT = ("The Northern Valley Brigade attacked a police post in Darvan in 2019, according to local officials. "
        "The Northern Valley Brigade was founded in 2011.")


@pytest.fixture(scope="module")
def base_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings over an empty store of this module."""
    settings = load_settings()
    settings.store.url = f"sqlite:///{tmp_path_factory.mktemp('apiw') / 'write.db'}"
    return settings


def _client(settings: Settings, token: str = "", read_only: bool = False) -> TestClient:
    s = copy.deepcopy(settings)
    s.api.token, s.api.read_only = token, read_only
    return TestClient(create_app(s))


@pytest.fixture(scope="module")
def writer(base_settings: Settings) -> Iterator[TestClient]:
    """A client of an app with a token configured."""
    with _client(base_settings, token=TOKEN) as c:
        yield c


def _auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="module")
def stored(writer: TestClient) -> dict[str, Any]:
    """The answer to ingesting one document through the API."""
    r = writer.post("/api/ingest", json={"text": TEXT, "title": "Valley report", "id": "valley-1",
                                          "published": "2020-01-02"}, headers=_auth())
    assert r.status_code == 200, r.text
    return r.json()


def test_ingest_stores_and_skips_duplicates(writer: TestClient, stored: dict[str, Any]) -> None:
    assert stored["stored"] == ["valley-1"] and not stored["failures"]
    doc = writer.get("/api/documents/valley-1").json()
    assert doc["text"] == TEXT and doc["title"] == "Valley report" and doc["published"] == "2020-01-02"
    again = writer.post("/api/ingest", json=[{"text": TEXT}], headers=_auth()).json()
    assert again["stored"] == [] and len(again["duplicates"]) == 1
    assert writer.post("/api/ingest", json={"text": ""}, headers=_auth()).status_code == 422


def test_writes_need_the_right_bearer_token(writer: TestClient, stored: dict[str, Any]) -> None:
    body = {"text": "The River Guard opposed the Hill Council."}
    assert writer.post("/api/ingest", json=body).status_code == 401
    assert writer.post("/api/ingest", json=body, headers=_auth("wrong")).status_code == 401
    assert writer.post("/api/ingest", json=body, headers={"Authorization": TOKEN}).status_code == 401
    r = writer.post("/api/review", json={"kind": "claim", "id": "c-x", "action": "reject"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"


def test_writes_are_off_without_a_token_and_in_read_only_mode(base_settings: Settings,
                                                              stored: dict[str, Any]) -> None:
    review = {"kind": "claim", "id": "c-x", "action": "reject"}
    with _client(base_settings) as no_token:
        assert no_token.post("/api/ingest", json={"text": "x y z"}).status_code == 403
        assert no_token.post("/api/review", json=review, headers=_auth()).status_code == 403
        assert no_token.get("/api/documents/valley-1").status_code == 200
    with _client(base_settings, token=TOKEN, read_only=True) as read_only:
        assert read_only.post("/api/ingest", json={"text": "x y z"}, headers=_auth()).status_code == 403
        assert read_only.post("/api/review", json=review, headers=_auth()).status_code == 403
        assert read_only.get("/api/claims").status_code == 200


def test_review_rejects_a_claim(writer: TestClient, stored: dict[str, Any]) -> None:
    claims = writer.get("/api/claims", params={"document": "valley-1"}).json()["items"]
    assert claims, "the ingested text should give at least one claim"
    target = claims[0]["id"]
    r = writer.post("/api/review", json={"kind": "claim", "id": target, "action": "reject",
                                         "note": "misread", "reviewer": "tester"}, headers=_auth())
    assert r.status_code == 200, r.text
    assert writer.get(f"/api/claims/{target}").json()["status"] == "rejected"
    # the profile (built over cached whole-store results) sees the change at once
    subject = claims[0]["subject"]["id"]
    profile = writer.get(f"/api/entities/{subject}/profile").json()
    assert target not in {ln["claim"]["id"] for lines in profile["sections"].values() for ln in lines}
    bad = writer.post("/api/review", json={"kind": "claim", "id": target, "action": "delete"}, headers=_auth())
    assert bad.status_code == 422
    missing = writer.post("/api/review", json={"kind": "entity", "id": "e-nope", "action": "accept"},
                          headers=_auth())
    assert missing.status_code == 404
    history = writer.post("/api/review", json={"kind": "claim", "id": target, "action": "accept"}, headers=_auth())
    assert history.status_code == 200
    assert writer.get(f"/api/claims/{target}").json()["status"] != "rejected"


def test_serve_binds_loopback_by_default(monkeypatch: pytest.MonkeyPatch, base_settings: Settings) -> None:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    monkeypatch.delenv("CLAIMGRAPH_API_TOKEN", raising=False)
    db = base_settings.store.url
    result = CliRunner().invoke(cli, ["--db", db, "serve", "--port", "9911", "--read-only", "--token", "t"])
    assert result.exit_code == 0, result.output
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 9911
    settings = calls[0]["app"].state.settings
    assert settings.api.read_only and settings.api.token == "t"


def test_whole_store_results_are_reused_until_the_store_changes(writer: TestClient, base_settings: Settings,
                                                                 stored: dict[str, Any]) -> None:
    from claimgraph.api.cache import STORE_CACHE
    from claimgraph.store.db import get_engine

    engine = get_engine(base_settings.store.url)
    computed: list[int] = []

    def compute(_conn: Any) -> int:
        computed.append(1)
        return len(computed)

    with engine.connect() as conn:
        assert STORE_CACHE.get(conn, "probe", compute) == 1
        assert STORE_CACHE.get(conn, "probe", compute) == 1
    entity = writer.get("/api/entities", params={"limit": 1}).json()["items"][0]["id"]
    r = writer.post("/api/review", json={"kind": "entity", "id": entity, "action": "annotate", "note": "checked"},
                    headers=_auth())
    assert r.status_code == 200
    with engine.connect() as conn:
        assert STORE_CACHE.get(conn, "probe", compute) == 2


def test_merged_entities_answer_as_the_kept_one(writer: TestClient, base_settings: Settings,
                                                stored: dict[str, Any]) -> None:
    from sqlalchemy import insert

    from claimgraph.store.db import get_engine
    from claimgraph.store.schema import aliases, claims, entities, evidence

    with get_engine(base_settings.store.url).begin() as conn:
        conn.execute(insert(entities), [
            {"id": "e-kept", "name": "Delta Front", "type": "Organization", "geo": None, "external_ids": {},
             "attrs": {}, "merged_into": None},
            {"id": "e-dup", "name": "Front of the Delta", "type": "Organization", "geo": None, "external_ids": {},
             "attrs": {}, "merged_into": "e-kept"},
            {"id": "e-foe", "name": "Reed Guard", "type": "Organization", "geo": None, "external_ids": {},
             "attrs": {}, "merged_into": None}])
        conn.execute(insert(aliases), [{"entity_id": "e-kept", "alias": "Delta Front", "norm": "delta front"},
                                       {"entity_id": "e-dup", "alias": "Front of the Delta",
                                        "norm": "front of the delta"}])
        conn.execute(insert(claims).values(id="c-merged", subject_id="e-dup", predicate="opposes",
                                           object_id="e-foe", qualifiers={}, modality="asserted",
                                           polarity="positive", confidence=0.7, status="active"))
        conn.execute(insert(evidence).values(claim_id="c-merged", document_id="valley-1", start=0, end=4,
                                             text=TEXT[:4], qualifiers={}, confidence=0.7, extractor="test"))
    assert writer.get("/api/entities/e-dup").json()["id"] == "e-kept"
    kept = writer.get("/api/entities/e-kept").json()
    assert kept["aliases"] == ["Front of the Delta"]
    assert [c["id"] for c in writer.get("/api/claims", params={"entity": "e-kept"}).json()["items"]] == ["c-merged"]
    assert writer.get("/api/claims/c-merged").json()["subject"]["id"] == "e-kept"
    found = writer.get("/api/entities", params={"q": "front of the"}).json()["items"]
    assert [e["id"] for e in found] == ["e-kept"]
    graph = writer.get("/api/graph", params={"entity": "e-dup"}).json()
    assert [(e["source"], e["target"]) for e in graph["edges"]] == [("e-kept", "e-foe")]
    assert "e-dup" not in {n["id"] for n in graph["nodes"]}
    assert [e["id"] for e in writer.get("/api/search", params={"q": "front of the delta"}).json()["entities"]] == \
        ["e-kept"]
