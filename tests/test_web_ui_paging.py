"""The web UI reads long lists a page at a time: the timeline's and the profile's "Show more" follow the API's
cursor, in headless Chromium (skipped where Chromium or playwright is missing, as tests/test_web_ui.py)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from claimgraph.settings import load_settings
from claimgraph.store.db import get_engine
from claimgraph.store.schema import aliases, claims, documents, entities, evidence

web_ui = pytest.importorskip("test_web_ui")
chromium = web_ui.chromium
STAMP = "2026-01-01T00:00:00+00:00"
# more placed claims than two pages of the timeline and of the profile (100 each)
YEARS = list(range(1790, 2025))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, template_store: Path) -> Iterator[str]:
    """The app over one organisation with a dated claim for each of YEARS, in no id order of their years."""
    db = tmp_path_factory.mktemp("ui-paging") / "ui.db"
    shutil.copyfile(template_store, db)
    settings = load_settings()
    settings.store.url = f"sqlite:///{db}"
    text = "The Lake Brigade fought the Hill Council."
    with get_engine(settings.store.url).begin() as conn:
        conn.execute(insert(documents).values(id="d/1", sha256="1" * 64, title="Valley chronicle",
                                              source="feed.jsonl", url=None, published="2025-01-01", text=text,
                                              word_count=7, ingested_at=STAMP))
        conn.execute(insert(entities), [
            {"id": "e-brigade", "name": "Lake Brigade", "type": "Organization", "geo": None, "external_ids": {},
             "attrs": {}},
            {"id": "e-council", "name": "Hill Council", "type": "Organization", "geo": None, "external_ids": {},
             "attrs": {}}])
        conn.execute(insert(aliases), [
            {"entity_id": "e-brigade", "alias": "Lake Brigade", "norm": "lake brigade"},
            {"entity_id": "e-council", "alias": "Hill Council", "norm": "hill council"}])
        # ids run against the years: the id order of the API is not the timeline's
        conn.execute(insert(claims), [
            {"id": f"c-{len(YEARS) - k:04d}", "subject_id": "e-brigade", "predicate": "hostile_to",
             "object_id": "e-council", "qualifiers": {"time": {"text": f"in {year}", "start": str(year)}},
             "modality": "asserted", "polarity": "positive", "confidence": 0.7, "status": "active"}
            for k, year in enumerate(YEARS)])
        conn.execute(insert(evidence), [
            {"claim_id": f"c-{len(YEARS) - k:04d}", "document_id": "d/1", "start": 4, "end": 16,
             "text": "Lake Brigade", "qualifiers": {}, "confidence": 0.7, "extractor": "test"}
            for k in range(len(YEARS))])
    yield from web_ui._serve(settings)


@pytest.fixture
def ui(chromium: Any, server: str) -> Iterator[Any]:
    """A fresh browser tab on the test server."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    yield web_ui.Browser(context.new_page(), server)
    context.close()


def _years(page: Any) -> list[str]:
    return [t.split(":")[0].strip()[-4:] for t in page.locator("#timeline-list li button.tl-select").all_inner_texts()]


def test_timeline_shows_more_by_cursor(ui: Any) -> None:
    page = ui.open("/ui/timeline?entity=e-brigade")
    page.wait_for_selector("#timeline .vis-item")
    assert _years(page) == [str(y) for y in YEARS[:100]]
    assert "100 of 235" in page.inner_text("#timeline-paging")
    for shown in (200, len(YEARS)):
        page.click("#timeline-more")
        page.wait_for_selector(f"#timeline-list li:nth-child({shown})")  # the page's policy allows no evaluated script
        assert _years(page) == [str(y) for y in YEARS[:shown]]  # each page after the last one shown, none twice
    assert page.query_selector("#timeline-more") is None and page.query_selector("#timeline .vis-item")
    ui.shot("timeline-more")
    ui.assert_clean()


def test_profile_reads_its_next_pages(ui: Any) -> None:
    page = ui.open("/ui/entity/e-brigade")
    text = page.inner_text("#app")
    assert "Lake Brigade" in text
    for _ in range(2):
        page.click("#more-claims")
        for _ in range(100):  # until the next page is drawn (the button comes back enabled, or goes)
            # read in the page at once: a handle taken first may be redrawn away before it is asked
            if page.evaluate("() => { const b = document.querySelector('#more-claims'); return !b || !b.disabled; }"):
                break
            page.wait_for_timeout(100)
    assert page.query_selector("#more-claims") is None
    assert page.inner_text("#app").count("Valley chronicle") >= len(YEARS)
    ui.assert_clean()
