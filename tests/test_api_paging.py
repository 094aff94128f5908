"""Keyset paging of claims-about and the timeline (API and CLI), on SQLite and PostgreSQL.

A cursor names the last item shown: walking the pages gives every item once, in the order of a single
page, and a claim added between two pages neither repeats nor hides an item the walk has not reached.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert

from claimgraph.api.app import create_app
from claimgraph.cli.main import cli
from claimgraph.settings import Settings, load_settings
from claimgraph.store.db import get_engine
from claimgraph.store.schema import aliases, claims, documents, entities, evidence

# the throw-away cluster of the store's PostgreSQL test (skips where no server binaries exist)
pg_url = pytest.importorskip("test_postgres").pg_url

STAMP = "2026-01-01T00:00:00+00:00"
# (claim id, time qualifier, confidence, document): times in no id order, two on one start, two unplaceable
CLAIMS = [
    ("c-01", {"text": "in 1994", "start": "1994"}, 0.5, "d/1"),
    ("c-02", {"text": "in the late 1970s", "start": "1970", "end": "1979"}, 0.9, "d/1"),
    ("c-03", {"text": "on Tuesday"}, 0.7, "d/2"),  # placed from the publication date of d/2
    ("c-04", {"text": "in March 2001", "start": "2001-03"}, 0.7, "d/1"),
    ("c-05", {"text": "before the great flood"}, 0.6, "d/1"),  # no date: unplaced
    ("c-06", {"text": "in 1994", "start": "1994"}, 0.8, "d/2"),
    ("c-07", None, 0.4, "d/1"),  # no time: not on the timeline
    ("c-08", {"text": "in 1961", "start": "1961"}, 0.7, "d/1"),
    ("c-09", {"text": "on Monday"}, 0.3, "d/1"),  # d/1 has no publication date: unplaced
]


def _fill(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(insert(documents), [
            {"id": "d/1", "sha256": "1" * 64, "title": "Valley report", "source": "feed.jsonl", "url": None,
             "published": None, "text": "The Lake Brigade and the Hill Council.", "word_count": 7,
             "ingested_at": STAMP},
            {"id": "d/2", "sha256": "2" * 64, "title": "Harbor report", "source": "feed.jsonl", "url": None,
             "published": "2024-05-09", "text": "The Lake Brigade and the Hill Council.", "word_count": 7,
             "ingested_at": STAMP}])
        conn.execute(insert(entities), [
            {"id": "e-brigade", "name": "Lake Brigade", "type": "Organization", "geo": None, "external_ids": {},
             "attrs": {}},
            {"id": "e-council", "name": "Hill Council", "type": "Organization", "geo": None, "external_ids": {},
             "attrs": {}}])
        conn.execute(insert(aliases), [
            {"entity_id": "e-brigade", "alias": "Lake Brigade", "norm": "lake brigade"},
            {"entity_id": "e-council", "alias": "Hill Council", "norm": "hill council"}])
        for cid, time, confidence, doc in CLAIMS:
            _claim(conn, cid, time, confidence, doc)


def _claim(conn: Any, cid: str, time: dict[str, Any] | None, confidence: float, doc: str) -> None:
    conn.execute(insert(claims).values(
        id=cid, subject_id="e-brigade", predicate="hostile_to", object_id="e-council",
        qualifiers={"time": time} if time else {}, modality="asserted", polarity="positive",
        confidence=confidence, status="active"))
    conn.execute(insert(evidence).values(claim_id=cid, document_id=doc, start=4, end=16, text="Lake Brigade",
                                         qualifiers={}, confidence=confidence, extractor="test"))


@pytest.fixture(params=["sqlite", "postgresql"], scope="module")
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Settings over a store of hand-made rows, on each database."""
    settings = load_settings()
    if request.param == "sqlite":
        settings.store.url = f"sqlite:///{tmp_path_factory.mktemp('paging') / 'paging.db'}"
    else:
        settings.store.url = request.getfixturevalue("pg_url")
    _fill(get_engine(settings.store.url))
    yield settings


@pytest.fixture
def client(store: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(store)) as c:
        yield c


def _walk(client: TestClient, path: str, size: int, **params: Any) -> list[dict[str, Any]]:
    pages, cursor = [], None
    while True:
        body = client.get(path, params={**params, "limit": size, **({"cursor": cursor} if cursor else {})}).json()
        pages.append(body)
        cursor = body["next_cursor"]
        if cursor is None:
            return pages
        assert len(pages) < 20


@pytest.mark.parametrize("sort", ["id", "confidence", "time"])
def test_claims_pages_by_cursor_equal_one_page(client: TestClient, sort: str) -> None:
    whole = client.get("/api/claims", params={"entity": "e-brigade", "sort": sort, "limit": 100}).json()
    assert whole["next_cursor"] is None and whole["total"] == len(CLAIMS)
    pages = _walk(client, "/api/claims", 2, entity="e-brigade", sort=sort)
    assert [c["id"] for p in pages for c in p["items"]] == [c["id"] for c in whole["items"]]
    assert [len(p["items"]) for p in pages] == [2, 2, 2, 2, 1]
    if sort == "confidence":
        assert [c["id"] for c in whole["items"]][:2] == ["c-02", "c-06"]


def test_a_cursor_is_stable_when_claims_are_added_between_pages(store: Settings) -> None:
    with TestClient(create_app(store)) as client:
        first = client.get("/api/claims", params={"entity": "e-brigade", "limit": 4}).json()
        assert [c["id"] for c in first["items"]] == ["c-01", "c-02", "c-03", "c-04"]
        first_times = client.get("/api/timeline", params={"entity": "e-brigade", "limit": 2}).json()
        with get_engine(store.store.url).begin() as conn:  # sorts before every item shown so far
            _claim(conn, "c-00", {"text": "in 1950", "start": "1950"}, 0.5, "d/1")
        try:
            rest = client.get("/api/claims", params={"entity": "e-brigade", "limit": 100,
                                                     "cursor": first["next_cursor"]}).json()
            assert [c["id"] for c in rest["items"]] == ["c-05", "c-06", "c-07", "c-08", "c-09"]
            # an offset would have shifted by the new claim and shown c-04 again
            shifted = client.get("/api/claims", params={"entity": "e-brigade", "limit": 100, "offset": 4}).json()
            assert shifted["items"][0]["id"] == "c-04"
            later = client.get("/api/timeline", params={"entity": "e-brigade", "limit": 100,
                                                        "cursor": first_times["next_cursor"]}).json()
            shown = [i["claim_id"] for i in first_times["items"]] + [i["claim_id"] for i in later["items"]]
            assert len(shown) == len(set(shown)) and "c-00" not in shown
        finally:
            with get_engine(store.store.url).begin() as conn:
                conn.execute(evidence.delete().where(evidence.c.claim_id == "c-00"))
                conn.execute(claims.delete().where(claims.c.id == "c-00"))


def test_timeline_pages_keep_the_placement_order(client: TestClient) -> None:
    whole = client.get("/api/timeline", params={"entity": "e-brigade"}).json()
    order = [i["claim_id"] for i in whole["items"]]
    # 1961, the late 1970s (placed at 1977), 1994 twice (by id), March 2001, the Tuesday before 2024-05-09
    assert order == ["c-08", "c-02", "c-01", "c-06", "c-04", "c-03"]
    assert whole["total"] == 6 and whole["next_cursor"] is None
    assert whole["items"][-1]["placement"]["start"] == "2024-05-07"
    assert sorted(i["claim_id"] for i in whole["unplaced"]) == ["c-05", "c-09"] and whole["unplaced_total"] == 2
    pages = _walk(client, "/api/timeline", 4, entity="e-brigade")
    assert [i["claim_id"] for p in pages for i in p["items"]] == order
    assert [len(p["items"]) for p in pages] == [4, 2] and all(p["total"] == 6 for p in pages)
    # the unplaced ones come with the first page only
    assert len(pages[0]["unplaced"]) == 2 and pages[1]["unplaced"] == [] and pages[1]["unplaced_total"] == 2
    assert pages[0]["items"][0]["text"] and pages[0]["items"][0]["source"] == "Valley report"


def test_a_cursor_of_another_list_is_bad_input(client: TestClient) -> None:
    timeline_cursor = client.get("/api/timeline", params={"entity": "e-brigade", "limit": 1}).json()["next_cursor"]
    claims_cursor = client.get("/api/claims", params={"entity": "e-brigade", "limit": 1}).json()["next_cursor"]
    assert client.get("/api/claims", params={"cursor": timeline_cursor}).status_code == 422
    assert client.get("/api/claims", params={"cursor": claims_cursor, "sort": "confidence"}).status_code == 422
    assert client.get("/api/timeline", params={"cursor": claims_cursor}).status_code == 422
    assert client.get("/api/claims", params={"cursor": "%%%not-base64"}).status_code == 422
    assert client.get("/api/claims", params={"cursor": claims_cursor, "offset": 2}).status_code == 422
    no_total = client.get("/api/claims", params={"entity": "e-brigade", "limit": 1, "total": "false"}).json()
    assert no_total["total"] is None and no_total["next_cursor"]


def test_cli_pages_claims_about_and_the_timeline(store: Settings, tmp_path: Path) -> None:
    if not store.store.url.startswith("sqlite"):
        pytest.skip("the CLI reads the same functions; one database is enough")
    runner = CliRunner()
    db = ["--db", store.store.url]
    first = runner.invoke(cli, ["claims", "--about", "Lake Brigade", "--limit", "4", "--json", *db])
    assert first.exit_code == 0, first.output
    shown = [line for line in first.stdout.splitlines() if line.startswith("{")]
    assert len(shown) == 4 and "--after" in first.stderr
    cursor = first.stderr.split("--after", 1)[1].split()[0]
    rest = runner.invoke(cli, ["claims", "--about", "Lake Brigade", "--after", cursor, "--json", *db])
    assert rest.exit_code == 0, rest.output
    assert len([line for line in rest.stdout.splitlines() if line.startswith("{")]) == len(CLAIMS) - 4
    assert "--after" not in rest.stderr
    timeline = runner.invoke(cli, ["timeline", "Lake Brigade", "--limit", "4", *db])
    assert timeline.exit_code == 0, timeline.output
    lines = timeline.stdout.splitlines()
    assert lines[0].startswith("1961") and len([line for line in lines if line[:4].isdigit()]) == 4
    assert "--after" in timeline.stderr and "cannot be placed" in timeline.stdout
    cursor = timeline.stderr.split("--after", 1)[1].split()[0]
    later = runner.invoke(cli, ["timeline", "Lake Brigade", "--after", cursor, *db])
    assert [line[:10] for line in later.stdout.splitlines() if line[:4].isdigit()] == ["2001-03-01", "2024-05-07"]
