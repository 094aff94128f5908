"""Timeline keys (views.timeline_keys, migration 0017): kept by triggers and the after-ingest steps, they equal a
full recomputation after every kind of write, and the pages read from them equal the pages placed live."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, insert, select, update

from claimgraph.api.queries import ClaimFilters, claim_records
from claimgraph.model import SourceDocument
from claimgraph.reason.plugin import after_ingest
from claimgraph.store.schema import claims, documents, entities, evidence
from claimgraph.views.timeline_keys import refresh_keys, timeline_keys, timeline_stale
from claimgraph.views.timeline_page import timeline_page

# the throw-away cluster of the store's PostgreSQL test (skips where no server binaries exist)
pg_url = pytest.importorskip("test_postgres").pg_url

FIRST = ("The Lake Brigade attacked a police post in the hill town in 1994. "
         "In the late 1970s the Lake Brigade was founded by Arun Vale.")
SECOND = ("The Hill Council said on Tuesday that the Lake Brigade had attacked the harbor in March 2001. "
          "The Lake Brigade denied that it attacked the harbor in 2001.")
ERRATUM = ("Correction: an earlier version of this report said the Lake Brigade attacked the police post in 1994; "
           "it attacked the post in 1995.")


def _keys(engine: Engine) -> set[tuple[str, str, str | None]]:
    with engine.connect() as conn:
        return {tuple(r) for r in conn.execute(select(timeline_keys.c.entity_id, timeline_keys.c.claim_id,
                                                      timeline_keys.c.start))}


def _recounted(engine: Engine) -> set[tuple[str, str, str | None]]:
    """The keys a full recomputation gives, rolled back so the store keeps its own."""
    with engine.connect() as conn, conn.begin() as tx:
        refresh_keys(conn)
        found = {tuple(r) for r in conn.execute(select(timeline_keys.c.entity_id, timeline_keys.c.claim_id,
                                                       timeline_keys.c.start))}
        tx.rollback()
    return found


def _noted(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(select(timeline_stale.c.claim_id)).scalars())


def _pages(engine: Engine, entity_ids: list[str] | None, size: int, **filters: Any) -> list[str]:
    shown, cursor = [], None
    with engine.connect() as conn:
        while True:
            page = timeline_page(conn, ClaimFilters(entity_ids=entity_ids, **filters), size, cursor,
                                 claim_records=claim_records)
            shown += [i["claim_id"] for i in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                return shown


def test_keys_after_each_ingest_equal_a_full_recomputation(ingest_texts: Callable[..., list[str]],
                                                           engine: Engine) -> None:
    for k, text in enumerate((FIRST, SECOND, ERRATUM)):
        assert ingest_texts(SourceDocument(text=text, source=f"report{k}.txt", published=f"2024-05-0{k + 7}"))
        assert _noted(engine) == []  # the after-ingest steps keyed what the triggers noted
        assert _keys(engine) == _recounted(engine)
    keys = _keys(engine)
    assert {start for _, _, start in keys if start} >= {"1994-01-01", "2001-03-01"}
    assert any(entity == "" for entity, _, _ in keys)
    # a document's date may move the claims placed from it ("on Tuesday"): its claims are noted, then keyed again
    with engine.begin() as conn:
        conn.execute(update(documents).values(published="2023-01-05"))
    assert _noted(engine)
    with engine.begin() as conn:
        after_ingest(conn, [])
    assert _noted(engine) == [] and _keys(engine) == _recounted(engine)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_engine(request: pytest.FixtureRequest, engine: Engine) -> Iterator[Engine]:
    """The test's SQLite store, or the PostgreSQL test database (emptied of these rows afterwards)."""
    if request.param == "sqlite":
        yield engine
        return
    from claimgraph.store.db import get_engine

    pg = get_engine(request.getfixturevalue("pg_url"))
    yield pg
    with pg.begin() as conn:
        for table in (timeline_keys, timeline_stale, evidence, claims, entities, documents):
            conn.execute(table.delete())


def test_keyed_pages_equal_live_pages_and_take_in_new_claims(any_engine: Engine) -> None:
    engine = any_engine
    stamp = "2026-01-01T00:00:00+00:00"
    with engine.begin() as conn:
        conn.execute(insert(documents).values(id="d/1", sha256="1" * 64, title="Chronicle", source="feed.jsonl",
                                              url=None, published="2024-05-09", text="The Lake Brigade.",
                                              word_count=3, ingested_at=stamp))
        conn.execute(insert(entities), [{"id": e, "name": e, "type": "Organization", "geo": None,
                                         "external_ids": {}, "attrs": {}} for e in ("e-a", "e-b")])
        for n, time in enumerate(["1994", "1961", "2001-03", "1994", None, "1977", "2010"]):
            qualifiers = {"time": {"text": f"in {time}", "start": time}} if time else {"time": {"text": "on Tuesday"}}
            conn.execute(insert(claims).values(id=f"c-{n}", subject_id="e-a" if n % 2 else "e-b",
                                               predicate="hostile_to", object_id="e-b" if n % 2 else "e-a",
                                               qualifiers=qualifiers, modality="asserted", polarity="positive",
                                               confidence=0.3 + n / 10, status="active"))
            conn.execute(insert(evidence).values(claim_id=f"c-{n}", document_id="d/1", start=0, end=4, text="The ",
                                                 qualifiers={}, confidence=0.5, extractor="test"))
    owners = {"e-a": ["e-a"], "e-b": ["e-b"], "store": None}
    live = {who: _pages(engine, ids, 2) for who, ids in owners.items()}
    assert live["store"] == ["c-1", "c-5", "c-0", "c-3", "c-2", "c-6", "c-4"]  # Tuesday before 2024-05-09 last
    confident = _pages(engine, None, 2, min_confidence=0.55)  # a filter on the claims beside the keys
    assert confident == ["c-5", "c-3", "c-6", "c-4"]
    assert _noted(engine)
    with engine.begin() as conn:
        refresh_keys(conn, _noted(engine))
    assert _pages(engine, None, 2, min_confidence=0.55) == confident
    assert _noted(engine) == []
    assert {who: _pages(engine, ids, 2) for who, ids in owners.items()} == live
    assert {who: _pages(engine, ids, 100) for who, ids in owners.items()} == live
    # a claim written now is noted and placed live beside the keyed ones
    with engine.begin() as conn:
        conn.execute(insert(claims).values(id="c-new", subject_id="e-a", predicate="hostile_to", object_id="e-b",
                                           qualifiers={"time": {"text": "in 1980", "start": "1980"}},
                                           modality="asserted", polarity="positive", confidence=0.5,
                                           status="active"))
        conn.execute(insert(evidence).values(claim_id="c-new", document_id="d/1", start=0, end=4, text="The ",
                                             qualifiers={}, confidence=0.5, extractor="test"))
    assert _noted(engine) == ["c-new"]
    assert _pages(engine, ["e-a"], 2) == ["c-1", "c-5", "c-new", "c-0", "c-3", "c-2", "c-6", "c-4"]
    with engine.connect() as conn:
        page = timeline_page(conn, ClaimFilters(entity_ids=["e-b"]), 3, claim_records=claim_records)
    assert page["total"] == 8 and [i["claim_id"] for i in page["items"]] == ["c-1", "c-5", "c-new"]
