"""Every API endpoint answers bad input with a 4xx problem-details JSON error, never a 500.

A property test over /openapi.json (hypothesis): for every GET operation, every query and
path parameter is given values it must refuse (numbers out of range, 2^63 and beyond, values
outside an enumeration, text where a number goes, overlong and control-character text) and
values it may accept; no answer may be a 500, every error is application/problem+json with
the security headers. Also: facets, paging, the security scheme, gzip, merge/split/review
history through the API with the token.
"""

from __future__ import annotations

import gzip
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from test_web_ui import field_notes_analysis

from claimgraph.api.app import create_app
from claimgraph.settings import load_settings
from claimgraph.store.db import get_engine
from claimgraph.store.writer import write_analysis

TOKEN = "t0ken-for-tests"
PROBLEM = "application/problem+json"
BAD_NUMBERS = [-1, 2**63, 2**64 + 7, 10**30, -(2**63) - 1]
BAD_TEXT = ["bogus", "1e999", "NaN", "x" * 5000, "\u0000", "%00", "' OR 1=1 --", "../../etc/passwd"]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, template_store: Path) -> Iterator[TestClient]:
    """The app over a small hand-made store, with a write token."""
    db = tmp_path_factory.mktemp("problems") / "p.db"
    shutil.copyfile(template_store, db)
    settings = load_settings()
    settings.store.url = f"sqlite:///{db}"
    settings.api.token = TOKEN
    assert write_analysis(get_engine(settings.store.url), field_notes_analysis()) is not None
    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        yield c


def _get_operations(client: TestClient) -> list[tuple[str, list[dict[str, Any]]]]:
    spec = client.get("/openapi.json").json()
    return [(path, ops["get"].get("parameters", [])) for path, ops in sorted(spec["paths"].items()) if "get" in ops]


def _assert_problem(r: Any, where: str) -> None:
    assert r.status_code < 500, (where, r.status_code, r.text[:300])
    if r.status_code >= 400:
        assert r.headers["content-type"].startswith(PROBLEM), (where, r.headers["content-type"])
        body = r.json()
        assert body["status"] == r.status_code and body["title"] and "detail" in body, body
        assert r.headers["x-content-type-options"] == "nosniff", where


def _schema_kind(param: dict[str, Any]) -> dict[str, Any]:
    schema = param.get("schema", {})
    for option in schema.get("anyOf", []):  # Optional[...] comes as anyOf [T, null]
        if option.get("type") != "null":
            return option
    return schema


def _url(path: str, params: list[dict[str, Any]], name: str | None = None,
         value: Any = None) -> tuple[str, dict[str, Any]]:
    query: dict[str, Any] = {}
    for p in params:
        if p["in"] == "path":
            path = path.replace("{" + p["name"] + "}", quote(str(value), safe="") if p["name"] == name else "e-missing")
        elif p.get("required"):
            query[p["name"]] = "mko" if p["name"] in ("q",) else "e-missing"
    if name is not None and any(p["name"] == name and p["in"] == "query" for p in params):
        query[name] = value
    return path, query


def test_every_get_endpoint_refuses_out_of_range_and_unknown_values(client: TestClient) -> None:
    operations = _get_operations(client)
    assert len(operations) >= 15
    refused = 0
    for path, params in operations:
        for p in params:
            kind = _schema_kind(p)
            bad: list[Any] = []
            if kind.get("type") == "integer" or kind.get("type") == "number":
                bad = [*BAD_NUMBERS, "bogus"]
            elif "enum" in kind or "pattern" in kind:
                bad = ["bogus value", "x" * 5000]
            elif kind.get("maxLength"):
                bad = ["x" * (int(kind["maxLength"]) + 1)]
            for value in bad:
                url, query = _url(path, params, p["name"], value)
                r = client.get(url, params=query)
                _assert_problem(r, f"{path}?{p['name']}={str(value)[:20]}")
                assert 400 <= r.status_code < 500, (path, p["name"], value, r.status_code)
                refused += 1
    assert refused > 40


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_get_endpoint_answers_arbitrary_input_with_a_500(client: TestClient, data: st.DataObject) -> None:
    operations = _get_operations(client)
    path, params = data.draw(st.sampled_from(operations))
    if not params:
        return
    p = data.draw(st.sampled_from(params))
    value = data.draw(st.one_of(st.integers(min_value=-(2**70), max_value=2**70), st.sampled_from(BAD_TEXT),
                                st.text(max_size=40), st.floats(allow_nan=True)))
    url, query = _url(path, params, p["name"], value)
    _assert_problem(client.get(url, params=query), f"{path} {p['name']}={value!r}")


def test_named_bad_inputs_of_the_issue(client: TestClient) -> None:
    r = client.get("/api/documents", params={"offset": 2**63})
    assert r.status_code == 422 and r.headers["content-type"].startswith(PROBLEM)
    assert r.headers["content-security-policy"].startswith("default-src 'self'")
    r = client.get("/api/claims", params={"modality": "bogus"})
    assert r.status_code == 422 and "modality" in r.json()["detail"]
    assert client.get("/api/claims/c-nope").status_code == 404
    missing = client.get("/api/entities/e-nope")
    assert missing.status_code == 404 and missing.json()["detail"] == "no entity 'e-nope'"
    page = client.get("/ui/no/such/page")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")


def test_openapi_declares_the_bearer_scheme_on_write_endpoints(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["components"]["securitySchemes"]["bearerToken"] == {**spec["components"]["securitySchemes"]
                                                                    ["bearerToken"], "type": "http",
                                                                    "scheme": "bearer"}
    for path in ("/api/review", "/api/ingest", "/api/merge", "/api/split"):
        assert spec["paths"][path]["post"]["security"] == [{"bearerToken": []}], path
    assert "security" not in spec["paths"]["/api/claims"]["get"]


def test_large_answers_are_gzipped(client: TestClient) -> None:
    r = client.get("/api/claims", headers={"Accept-Encoding": "gzip"})
    assert r.headers.get("content-encoding") == "gzip"
    assert r.json()["total"] == 8  # the client decodes it
    raw = client.get("/openapi.json", headers={"Accept-Encoding": "gzip"})
    assert raw.headers.get("content-encoding") == "gzip" and gzip.compress(raw.content)


def _mko(client: TestClient) -> str:
    return str(client.get("/api/entities", params={"q": "mojahedin"}).json()["items"][0]["id"])


def test_facets_count_the_filtered_claims(client: TestClient) -> None:
    mko = _mko(client)
    every = client.get("/api/claims", params={"entity": mko, "limit": 1000}).json()["items"]
    facets = client.get("/api/claims/facets", params={"entity": mko}).json()
    assert facets["total"] == len(every)
    modality = {f["value"]: f["count"] for f in facets["facets"]["modality"]}
    for value, n in modality.items():
        assert n == sum(c["modality"] == value for c in every), value
    sources = {f["value"]: f["count"] for f in facets["facets"]["source"]}
    assert sources == {"field-notes.txt": len(every)}
    # the filter a facet value stands for gives exactly that many claims
    attributed = client.get("/api/claims", params={"entity": mko, "modality": "attributed",
                                                   "source": "field-notes.txt"}).json()
    assert attributed["total"] == modality["attributed"] and attributed["items"][0]["attributed_to"]["name"]
    speaker = facets["facets"]["speaker"][0]
    assert speaker["label"] == "Harlan Voss"
    assert client.get("/api/claims", params={"speaker": speaker["value"]}).json()["total"] == speaker["count"]
    years = [f["value"] for f in facets["facets"]["year"]]
    assert years == sorted(years) and "1986" in years


def test_lists_page_and_say_their_total(client: TestClient) -> None:
    for path in ("/api/conflicts", "/api/documents", "/api/claims", "/api/timeline"):
        body = client.get(path, params={"limit": 1}).json()
        assert len(body["items"]) <= 1 and body["total"] >= len(body["items"]), path
    places = client.get("/api/places", params={"limit": 1})
    assert len(places.json()["features"]) == 1 and int(places.headers["x-total-count"]) == places.json()["total"] == 2
    sources = client.get("/api/sources", params={"limit": 1})
    assert len(sources.json()) == 1 and int(sources.headers["x-total-count"]) >= 1


def test_timeline_places_partial_times_and_names_the_source(client: TestClient) -> None:
    items = client.get("/api/timeline", params={"entity": _mko(client)}).json()["items"]
    by_text = {i["time_text"]: i for i in items}
    late = by_text["the late 1970s"]["placement"]
    assert (late["start"], late["end"]) == ("1975-01-01", "1979-12-31")
    assert by_text["1986"]["placement"]["precision"] == "year"
    assert all(i["source"] == "field-notes.txt" for i in items)
    hedged = client.get("/api/timeline", params={"entity": _mko(client), "modality": "hedged"}).json()["items"]
    assert [i["time_text"] for i in hedged] == ["the late 1970s"]


def test_map_takes_the_timeline_filters(client: TestClient) -> None:
    mko = _mko(client)
    speculative = client.get("/api/places", params={"entity": mko, "modality": "speculative"}).json()
    (camp,) = [f for f in speculative["features"] if f["properties"]["claims"]]
    assert camp["properties"]["name"] == "Camp Ardent" and len(camp["properties"]["claims"]) == 1
    assert client.get("/api/places", params={"modality": "question"}).json()["features"] == []


def test_review_merge_split_and_history_need_the_token(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    claim = client.get("/api/claims", params={"modality": "speculative"}).json()["items"][0]["id"]
    assert client.post("/api/review", json={"kind": "claim", "id": claim, "action": "reject"}).status_code == 401
    r = client.post("/api/review", headers=auth, json={"kind": "claim", "id": claim, "action": "reject",
                                                       "note": "a forecast, not a base", "reviewer": "desk"})
    assert r.status_code == 200, r.text
    assert client.get(f"/api/claims/{claim}").json()["status"] == "rejected"
    history = client.get("/api/reviews", params={"target": claim}).json()
    assert [(h["action"], h["reviewer"], h["note"]) for h in history["items"]] == \
        [("reject", "desk", "a forecast, not a base")]
    people = client.get("/api/entities", params={"type": "Person"}).json()["items"]
    places = client.get("/api/entities", params={"type": "Place"}).json()["items"]
    keep, other = places[0]["id"], places[1]["id"]
    assert client.post("/api/merge", json={"keep": keep, "other": other}).status_code == 401
    merged = client.post("/api/merge", headers=auth, json={"keep": keep, "other": other, "reviewer": "desk"})
    assert merged.status_code == 200, merged.text
    assert client.get(f"/api/entities/{other}").json()["id"] == keep
    again = client.post("/api/merge", headers=auth, json={"keep": keep, "other": other})
    assert again.status_code == 422 and again.headers["content-type"].startswith(PROBLEM)
    log = client.get("/api/reviews", params={"target": keep}).json()["merges"]
    assert log and log[0]["action"] == "merge" and log[0]["reviewer"] == "desk"
    name = places[1]["name"]
    split = client.post("/api/split", headers=auth, json={"entity": keep, "alias": name})
    assert split.status_code == 200, split.text
    assert client.get(f"/api/entities/{other}").json()["id"] == other
    assert people  # the person list is reachable for the page's merge picker


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "ftm", "gexf", "geojson", "rdf"])
def test_the_current_view_downloads_in_every_format(client: TestClient, fmt: str) -> None:
    import io
    import json
    import zipfile

    params = {"entity": _mko(client), "modality": "hedged", "format": fmt}
    r = client.get("/api/export", params=params)
    assert r.status_code == 200, r.text
    assert "attachment" in r.headers["content-disposition"]
    hedged = client.get("/api/claims", params={k: v for k, v in params.items() if k != "format"}).json()
    if fmt == "jsonl":
        lines = [json.loads(line) for line in r.text.splitlines()]
        assert [c["id"] for c in lines] == [c["id"] for c in hedged["items"]]
        assert lines[0]["evidence"][0]["text"] and lines[0]["modality"] == "hedged"
    elif fmt in ("csv", "rdf"):
        names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
        assert ("claims.csv" in names and "evidence.csv" in names) if fmt == "csv" else \
            ("claimgraph.ttl" in names and "claimgraph-vocab.ttl" in names)
    elif fmt == "ftm":
        schemata = [json.loads(line)["schema"] for line in r.text.splitlines()]
        assert "Article" in schemata and "Documentation" in schemata
        article = next(json.loads(line) for line in r.text.splitlines() if json.loads(line)["schema"] == "Article")
        assert "trained by" in article["properties"]["bodyText"][0]
    elif fmt == "geojson":
        assert r.json()["type"] == "FeatureCollection"
    assert client.get("/api/export", params={**params, "format": "bogus"}).status_code == 422
