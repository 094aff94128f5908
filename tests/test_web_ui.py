"""The analyst's web UI in headless Chromium, with every request off this machine refused.

Install for these tests: Debian `chromium` (at /usr/bin/chromium) and the Python `playwright`
package (never `playwright install`: the system browser is used). Screenshots go to
/tmp/claimgraph-ui/ (CLAIMGRAPH_UI_SHOTS to change it).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from sqlalchemy import Engine

from claimgraph.model import Analysis, Claim, Entity, EvidenceSpan, LiteralValue, Mention, ReferenceFact, SourceDocument
from claimgraph.pipeline import ingest
from claimgraph.settings import Settings, load_settings
from claimgraph.store.db import get_engine
from claimgraph.store.writer import write_analysis

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "corpus" / "mko-article.txt"
DEV_CORPUS = Path(os.environ.get("CLAIMGRAPH_SHARED", ROOT.parent / "shared")) / "corpus" / "dev"
SHOTS = Path(os.environ.get("CLAIMGRAPH_UI_SHOTS", "/tmp/claimgraph-ui"))
TOKEN = "desk-token"
HUB_SPOKES = 170
CHROMIUM = os.environ.get("CLAIMGRAPH_CHROMIUM", "/usr/bin/chromium")
# --disable-dev-shm-usage: a container's /dev/shm can be 64 MB, too small for the 150-node graph's
# canvases, and the renderer then dies ("Target crashed"); Chromium writes those buffers to /tmp instead
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]

WEB = ROOT / "claimgraph" / "web" / "static"
# ways of turning text into markup or code that the UI's own scripts must never use
MARKUP_SINKS = ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                "setAttribute(\"style\"", "setTimeout(\"")

# A second document written for these tests: every way a claim can be made, an erratum,
# a located camp and markup that must come out as plain text.
FIELD_NOTES = """Field notes on the Mojahedin-e Khalq (MKO), written for interface tests.

One pamphlet says the MKO was founded in 1963.
A spokesman, Harlan Voss, told reporters at Camp Ardent on Tuesday that the MKO is hostile to the Republic of Veldra.
The MKO may have been trained by the Republic of Veldra in the late 1970s.
Analysts predict that the MKO will move its fighters to Camp Ardent in 2031.
The Republic of Veldra denies that it ever supported the MKO.
From 1986 the MKO kept its main base at Camp Ardent, 40 km north of Lake Miren.
Correction: an earlier version of these notes gave 1985 for the move to Camp Ardent.
A leaflet quoted by Voss read <script>window.__pwned = 1</script> and <b>not bold</b>.
Footer with no claim in it: <img src="x.png"> and <i>plain</i> text.
"""


def _span(text: str, phrase: str) -> EvidenceSpan:
    start = text.index(phrase)
    return EvidenceSpan(start=start, end=start + len(phrase), text=phrase)


def field_notes_analysis() -> Analysis:
    """The field notes as an analysis with hand-made entities, mentions and claims."""
    text = FIELD_NOTES
    doc = SourceDocument(text=text, source="field-notes.txt", title="Field notes on the MKO", published="2026-05-02")
    analysis = Analysis(document=doc, word_count=len(text.split()))
    ents = {
        "mko": Entity(key="mko", name="Mojahedin-e Khalq", type="Organization",
                      aliases={"MKO", "Mojahedin-e Khalq", "Mojahedin-e Khalq of Iran", "Mujahedin-e Khalq"}),
        "veldra": Entity(key="veldra", name="Republic of Veldra", type="Country", aliases={"Republic of Veldra"}),
        "voss": Entity(key="voss", name="Harlan Voss", type="Person", aliases={"Harlan Voss", "Voss"}),
        "ardent": Entity(key="ardent", name="Camp Ardent", type="Place", aliases={"Camp Ardent"},
                         geo={"lat": 34.1, "lon": 45.2, "uncertainty_km": 25.0, "method": "relative"}),
        "miren": Entity(key="miren", name="Lake Miren", type="Place", aliases={"Lake Miren"},
                        geo={"lat": 33.74, "lon": 45.2, "uncertainty_km": 5.0, "method": "gazetteer"}),
    }
    analysis.entities = ents
    for key, surface in [("mko", "Mojahedin-e Khalq"), ("mko", "MKO"), ("veldra", "Republic of Veldra"),
                         ("voss", "Harlan Voss"), ("ardent", "Camp Ardent"), ("miren", "Lake Miren")]:
        for m in re.finditer(re.escape(surface), text):
            analysis.mentions.append(Mention(start=m.start(), end=m.end(), text=surface, entity_key=key,
                                             type=ents[key].type))
    founded = "One pamphlet says the MKO was founded in 1963."
    hostile = ("A spokesman, Harlan Voss, told reporters at Camp Ardent on Tuesday that the MKO is hostile to the "
               "Republic of Veldra.")
    trained = "The MKO may have been trained by the Republic of Veldra in the late 1970s."
    move = "Analysts predict that the MKO will move its fighters to Camp Ardent in 2031."
    denial = "The Republic of Veldra denies that it ever supported the MKO."
    base = "From 1986 the MKO kept its main base at Camp Ardent, 40 km north of Lake Miren."
    erratum = "Correction: an earlier version of these notes gave 1985 for the move to Camp Ardent."
    leaflet = "A leaflet quoted by Voss read <script>window.__pwned = 1</script> and <b>not bold</b>."
    analysis.claims = [
        Claim("mko", "founded_in", LiteralValue("1963", "date"), [_span(text, founded)],
              qualifiers={"time": {"text": "1963", "start": "1963"}}),
        Claim("mko", "hostile_to", "veldra", [_span(text, hostile)], modality="attributed", attributed_to="voss",
              qualifiers={"time": {"text": "on Tuesday"},
                          "place": {"key": "ardent", "name": "Camp Ardent", "type": "Place"}}),
        Claim("mko", "trained_by", "veldra", [_span(text, trained)], modality="hedged",
              qualifiers={"time": {"text": "the late 1970s", "start": "1975", "end": "1979"}}),
        Claim("mko", "has_base", "ardent", [_span(text, move)], modality="speculative",
              qualifiers={"time": {"text": "2031", "start": "2031"}}),
        Claim("veldra", "supported", "mko", [_span(text, denial)], modality="negated", polarity="negative"),
        Claim("mko", "has_base", "ardent", [_span(text, base), _span(text, erratum)],
              qualifiers={"time": {"text": "1986", "start": "1986"},
                          "correction": {"from": "1985", "to": "1986", "evidence": erratum}}),
        Claim("ardent", "located_near", "miren", [_span(text, base)],
              qualifiers={"distance_km": 40, "direction": "N"}),
        Claim("voss", "said", LiteralValue("<script>window.__pwned = 1</script>", "text"), [_span(text, leaflet)]),
    ]
    return analysis


def hub_analysis() -> Analysis:
    """A made-up register: one coalition with HUB_SPOKES member groups, so the graph has 150+ nodes to draw."""
    lines = [f"Member group {n:03d} of the Northern Coalition joined it in {1990 + n % 30}." for n in range(HUB_SPOKES)]
    text = "Register of the Northern Coalition.\n" + "\n".join(lines) + "\n"
    doc = SourceDocument(text=text, source="coalition-register.txt", title="Coalition register",
                         published="2026-03-01")
    analysis = Analysis(document=doc, word_count=len(text.split()))
    hub = Entity(key="hub", name="Northern Coalition", type="Organization", aliases={"Northern Coalition"})
    analysis.entities = {"hub": hub}
    for n, line in enumerate(lines):
        key = f"g{n:03d}"
        name = f"Member group {n:03d}"
        analysis.entities[key] = Entity(key=key, name=name, type="Group" if n % 3 else "Organization",
                                        aliases={name})
        analysis.claims.append(Claim(key, "member_of", "hub", [_span(text, line)],
                                     modality="hedged" if n % 4 == 0 else "asserted",
                                     qualifiers={"time": {"text": str(1990 + n % 30), "start": str(1990 + n % 30)}}))
    return analysis


# A third made-up document: a listing that a later delisting ends and a tie denied for one period and said for a
# later one (changes over time, not disagreements), and a fact from the reference tables about a place it names.
ROSTER = """Roster of the Amber Hill Front, written for interface tests.

Tovan Reske joined the Amber Hill Front in 1998 and ran its press office.
In 2004 Tovan Reske left the Amber Hill Front after a quarrel over money.
The Amber Hill Front denies that it received money from the Salt Coast Syndicate before 2005.
Since 2011 the Salt Coast Syndicate has funded the Amber Hill Front.
The Front keeps an office in Port Ilse.
The Republic of Saltmarsh listed the Amber Hill Front as a terrorist group in 1999.
The Republic of Saltmarsh took the Amber Hill Front off its terrorist list in 2009.
"""


def roster_analysis() -> Analysis:
    """The roster as an analysis: a listing a later delisting ends (superseded), a denial and a reference fact."""
    text = ROSTER
    doc = SourceDocument(text=text, source="roster.txt", title="Roster of the Amber Hill Front", published="2026-02-10")
    analysis = Analysis(document=doc, word_count=len(text.split()))
    ents = {
        "front": Entity(key="front", name="Amber Hill Front", type="Organization",
                        aliases={"Amber Hill Front", "the Front"}),
        "reske": Entity(key="reske", name="Tovan Reske", type="Person", aliases={"Tovan Reske"}),
        "salt": Entity(key="salt", name="Salt Coast Syndicate", type="Organization", aliases={"Salt Coast Syndicate"}),
        "ilse": Entity(key="ilse", name="Port Ilse", type="Place", aliases={"Port Ilse"},
                       geo={"lat": 12.5, "lon": 41.3, "uncertainty_km": 3.0, "method": "gazetteer"}),
        "coast": Entity(key="coast", name="Republic of Saltmarsh", type="Country", aliases={"Republic of Saltmarsh"}),
    }
    analysis.entities = ents
    for key, surface in [("front", "Amber Hill Front"), ("reske", "Tovan Reske"), ("salt", "Salt Coast Syndicate"),
                         ("ilse", "Port Ilse"), ("coast", "Republic of Saltmarsh")]:
        for m in re.finditer(re.escape(surface), text):
            analysis.mentions.append(Mention(start=m.start(), end=m.end(), text=surface, entity_key=key,
                                             type=ents[key].type))
    joined = "Tovan Reske joined the Amber Hill Front in 1998 and ran its press office."
    left = "In 2004 Tovan Reske left the Amber Hill Front after a quarrel over money."
    denial = "The Amber Hill Front denies that it received money from the Salt Coast Syndicate before 2005."
    funded = "Since 2011 the Salt Coast Syndicate has funded the Amber Hill Front."
    office = "The Front keeps an office in Port Ilse."
    listed = "The Republic of Saltmarsh listed the Amber Hill Front as a terrorist group in 1999."
    delisted = "The Republic of Saltmarsh took the Amber Hill Front off its terrorist list in 2009."
    analysis.claims = [
        Claim("reske", "member_of", "front", [_span(text, joined)], qualifiers={"time": {"text": "1998", "start": "1998"}}),
        Claim("reske", "left", "front", [_span(text, left)], qualifiers={"time": {"text": "2004", "start": "2004"}}),
        Claim("salt", "supported", "front", [_span(text, denial)], modality="negated", polarity="negative",
              qualifiers={"time": {"text": "before 2005", "end": "2005"}}),
        Claim("salt", "supported", "front", [_span(text, funded)], qualifiers={"time": {"text": "since 2011", "start": "2011"}}),
        Claim("front", "has_base", "ilse", [_span(text, office)]),
        Claim("coast", "designated_terrorist", "front", [_span(text, listed)],
              qualifiers={"time": {"text": "1999", "start": "1999"}}),
        Claim("coast", "delisted_terrorist", "front", [_span(text, delisted)],
              qualifiers={"time": {"text": "2009", "start": "2009"}}),
    ]
    analysis.reference.append(ReferenceFact("ilse", "located_in", "coast",
                                            provenance={"source": "gazetteer", "rule": "place_hierarchy"}))
    return analysis


def build_store(settings: Settings) -> Engine:
    """The seed article through the real pipeline, then the field notes and the register written directly."""
    engine = get_engine(settings.store.url)
    doc = SourceDocument(text=SEED.read_text(encoding="utf-8"), source=SEED.name)
    report = ingest([doc], settings, engine)
    assert report.stored, report.failures
    assert write_analysis(engine, field_notes_analysis()) is not None
    assert write_analysis(engine, hub_analysis()) is not None
    assert write_analysis(engine, roster_analysis()) is not None
    return engine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, template_store: Path) -> Iterator[str]:
    """The real API app with the UI over the seed and the hand-made documents."""
    db = tmp_path_factory.mktemp("ui") / "ui.db"
    shutil.copyfile(template_store, db)  # migrated, gazetteer loaded
    settings = load_settings()
    settings.store.url = f"sqlite:///{db}"
    settings.api.token = TOKEN
    build_store(settings)
    yield from _serve(settings)


@pytest.fixture(scope="module")
def dev_server(tmp_path_factory: pytest.TempPathFactory, template_store: Path) -> Iterator[str]:
    """The app over the dev corpus (../shared/corpus/dev) ingested by the CLI, as a journalist's store would be."""
    import subprocess
    import sys

    db = tmp_path_factory.mktemp("ui-dev") / "dev.db"
    ready = os.environ.get("CLAIMGRAPH_UI_DEV_STORE")  # a store scripts/score-dev built: saves the ingest
    if ready:
        shutil.copyfile(ready, db)
    else:
        if not DEV_CORPUS.is_dir():
            pytest.skip(f"no dev corpus at {DEV_CORPUS}")
        shutil.copyfile(template_store, db)
        done = subprocess.run([sys.executable, "-m", "claimgraph", "--db", str(db), "ingest", "--quiet",
                               str(DEV_CORPUS)], capture_output=True, text=True, timeout=3600, cwd=ROOT)
        assert "stored" in done.stdout + done.stderr, done.stderr[-2000:]
    settings = load_settings()
    settings.store.url = f"sqlite:///{db}"
    settings.api.token = TOKEN
    yield from _serve(settings)


def _serve(settings: Settings) -> Iterator[str]:
    """Serve the real API app with the UI by uvicorn on a free local port until the fixture ends."""
    import uvicorn

    from claimgraph.api.app import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning",
                            lifespan="off")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


class Browser:
    """One page in headless Chromium that refuses every request off 127.0.0.1 and logs problems."""

    def __init__(self, page: Any, base: str) -> None:
        self.page = page
        self.base = base
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.failed: list[str] = []
        page.route("**/*", self._route)
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", lambda r: self.failed.append(r.url))

    def _route(self, route: Any) -> None:
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def open(self, path: str) -> Any:
        """Load a UI page and wait until its view has been drawn."""
        self.page.goto(self.base + path)
        return self.ready()

    def ready(self) -> Any:
        """Wait for the view script to finish drawing."""
        self.page.wait_for_selector("body[data-ready='true']", timeout=15000)
        return self.page

    def shot(self, name: str) -> Path:
        """Save a full-page screenshot under artifacts/ui/."""
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=False)
        assert path.stat().st_size > 5000, f"{name}: an empty screenshot"
        return path

    def assert_clean(self) -> None:
        """No request left the machine and nothing went wrong in the page."""
        assert not self.blocked, f"requests to other hosts: {self.blocked}"
        assert not self.errors, f"page errors: {self.errors}"
        assert not self.failed, f"failed requests: {self.failed}"
        assert not self.page.query_selector("#app .error"), self.page.inner_text("#app")


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright (the test is skipped where either is missing)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="the Python playwright package is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def ui(chromium: Any, server: str) -> Iterator[Browser]:
    """A fresh browser tab on the test server."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    yield Browser(page, server)
    context.close()


@pytest.fixture
def fresh_ui(chromium: Any, server: str) -> Iterator[Browser]:
    """A tab in a browser of its own: the 150-node graph crashed a renderer that earlier tests had used."""
    browser = chromium.browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    yield Browser(context.new_page(), server)
    context.close()
    browser.close()


def test_pages_and_assets_are_served_with_a_strict_policy(settings: Settings) -> None:
    """Every UI route gives the page with a no-inline-script CSP; every file it loads is there."""
    from fastapi.testclient import TestClient

    from claimgraph.api.app import create_app

    client = TestClient(create_app(settings))
    for path in ("/", "/ui", "/ui/entity/e-1", "/ui/document/feed/item%2F7", "/ui/timeline", "/ui/map",
                 "/ui/graph", "/ui/conflicts"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
        policy = response.headers["content-security-policy"]
        assert "script-src 'self';" in policy and "unsafe" not in policy, policy
    page = client.get("/").text
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), "inline script in the page"
    assert not re.search(r"\son[a-z]+\s*=", page), "inline event handler in the page"
    assets = re.findall(r'(?:src|href)="(/ui/static/[^"]+)"', page)
    loader = (WEB / "js" / "loader.js").read_text(encoding="utf-8")
    vendored = re.findall(r"`(\$\{VENDOR\}/[^`]+)`", loader)
    assets += [path.replace("${VENDOR}", "/ui/static/vendor") for path in vendored]
    assert len(assets) >= 8, assets
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    countries = client.get("/ui/geo/countries.json")
    assert countries.status_code == 200 and countries.json()["type"] == "Topology"


def test_ui_scripts_never_turn_data_into_markup() -> None:
    """The UI's own scripts build nodes and text only; vendored libraries keep their licence files."""
    scripts = sorted((WEB / "js").rglob("*.js"))
    assert len(scripts) >= 8
    for script in scripts:
        code = script.read_text(encoding="utf-8")
        for sink in MARKUP_SINKS:
            assert sink not in code, f"{script.name} uses {sink}"
    for library in sorted((WEB / "vendor").iterdir()):
        assert re.search(r"-\d+\.\d+\.\d+$", library.name), f"{library.name}: version missing from the name"
        assert any(f.name.startswith("LICENSE") for f in library.iterdir()), f"{library.name}: no licence"


def _mko_id(ui: Browser) -> str:
    """Find the MKO through the search box, the way an analyst would."""
    page = ui.open("/")
    page.fill("#search-box", "Mojahedin-e Khalq")
    page.press("#search-box", "Enter")
    ui.ready()
    link = page.locator("#entity-results a.entity-name", has_text="Mojahedin").first
    href = link.get_attribute("href") or ""
    assert href.startswith("/ui/entity/"), href
    return href.rsplit("/", 1)[1]


@pytest.mark.browser
def test_profile_claim_links_to_highlighted_passage(ui: Browser) -> None:
    """Profile → click a claim → the document opens on that passage, highlighted."""
    entity_id = _mko_id(ui)
    page = ui.open(f"/ui/entity/{entity_id}")
    assert "not a fact" in page.inner_text(".profile .banner")
    assert "MKO" in page.inner_text("#names")
    for label in ("hedged", "attributed to Harlan Voss", "forecast / speculative", "denied", "negative"):
        assert page.locator("#profile .claim-meta .badge", has_text=label).count() >= 1, label
    correction = page.locator("#profile .badge.correction").first
    assert "1985" in correction.inner_text() and "1986" in correction.inner_text()
    ui.shot("profile")

    line = page.locator("#profile .claims-section li.claim", has_text="Harlan Voss").first
    claim_id = line.get_attribute("data-claim-id")
    with page.expect_navigation():
        line.locator("a.claim-text").click()
    ui.ready()
    assert "/ui/document/" in page.url and f"claim={claim_id}" in page.url
    target = page.locator("mark.target")
    assert target.count() >= 1
    assert "hostile to the Republic of Veldra" in "".join(target.all_inner_texts())
    assert claim_id in (target.first.get_attribute("data-claims") or "")
    box = target.first.bounding_box()
    assert box and 0 <= box["y"] <= 900, "the passage is not scrolled into view"
    assert page.locator("#span-panel li.claim").count() >= 1
    ui.shot("document-passage")
    ui.assert_clean()


@pytest.mark.browser
def test_document_shows_markup_as_text_and_errata(ui: Browser) -> None:
    """A document's `<script>` shows literally and never runs; errata show from → to."""
    page = ui.open("/?q=leaflet+quoted")
    link = page.locator("#document-results a").first
    with page.expect_navigation():
        link.click()
    ui.ready()
    body = page.inner_text("#doc-text")
    assert "<script>window.__pwned = 1</script>" in body
    assert "<b>not bold</b>" in body
    assert page.evaluate("window.__pwned") is None
    assert '<img src="x.png"> and <i>plain</i>' in body
    assert page.locator("#doc-text script, #doc-text b, #doc-text img, #doc-text i").count() == 0
    errata = page.inner_text("#errata")
    assert "1985" in errata and "1986" in errata
    modalities = set(page.eval_on_selector_all("#doc-text mark.ev", "els => els.map(e => e.className)"))
    joined = " ".join(modalities)
    for m in ("mod-hedged", "mod-attributed", "mod-speculative", "mod-negated", "corrected"):
        assert m in joined, m
    page.locator("#doc-text mark.mod-hedged").first.click()
    assert "trained by" in page.inner_text("#span-panel")
    ui.shot("document-errata")
    ui.assert_clean()


def _follow(ui: Browser, profile: str, link_text: str) -> Any:
    """From the profile, follow one of its view links and wait for the view."""
    page = ui.open(profile)
    with page.expect_navigation():
        page.locator(".profile-links a", has_text=link_text).click()
    return ui.ready()


@pytest.mark.browser
def test_map_timeline_graph_load_offline(ui: Browser) -> None:
    """From the profile to the map (shapes + uncertainty circles), timeline and graph, with no network."""
    profile = f"/ui/entity/{_mko_id(ui)}"
    page = _follow(ui, profile, "map")
    page.wait_for_selector("#map path.place", state="attached")
    shapes = page.locator("#map .leaflet-overlay-pane path").count()
    assert shapes > 100, f"only {shapes} shapes: country borders missing"
    assert page.locator("#map path.uncertainty.method-relative").count() >= 1
    # the side list holds only the places in the MKO's claims, most claims first
    names = page.locator("#place-list li a").all_inner_texts()
    assert "Camp Ardent" in names, names
    counts = [int(re.search(r"(\d+) claims?\b", t).group(1))  # type: ignore[union-attr]
              for t in page.locator("#place-list li .meta").all_inner_texts()]
    assert counts == sorted(counts, reverse=True) and min(counts) >= 1
    shown = re.match(r"(\d+) places?\b", page.inner_text("#related-note"))
    assert shown and int(shown.group(1)) == len(names)
    assert page.locator("#map .place-label").count() + page.locator("#map .cluster").count() >= 1
    page.locator("#place-list li", has_text="Camp Ardent").locator("button").click()
    page.wait_for_selector("#map .place-label:has-text('Camp Ardent')")  # labelled on the map once zoomed in
    ui.shot("map")

    page = _follow(ui, profile, "timeline")
    page.wait_for_selector("#timeline .vis-item")
    texts = " ".join(page.locator("#timeline .vis-item").all_inner_texts())
    assert "founded in 1963" in texts and "2031" in texts
    ui.shot("timeline")
    page.locator("#timeline .vis-item.vis-box.mod-hedged").first.click()
    page.wait_for_selector("#timeline-detail li.claim")
    assert "trained by" in page.inner_text("#timeline-detail")
    assert page.locator("#timeline-detail a.passage-link").count() >= 1

    page = _follow(ui, profile, "relationship graph")
    page.wait_for_function("window.claimgraphCy && window.claimgraphCy.nodes().length > 1")
    edges = page.evaluate("window.claimgraphCy.edges().map(e => [e.data('label'), e.style('line-style')])")
    labels = {label for label, _ in edges}
    assert "hostile to" in labels and "NOT supported" in labels
    assert ("trained by", "dashed") in {tuple(e) for e in edges}
    # void: the emitted collection itself is too big to send back to Python
    page.evaluate("void window.claimgraphCy.edges('[modality = \"attributed\"]').first().emit('tap')")
    page.wait_for_selector("#graph-detail li.claim")
    assert "attributed to Harlan Voss" in page.inner_text("#graph-detail")
    ui.shot("graph")
    ui.assert_clean()


@pytest.mark.browser
def test_conflicts_page_shows_every_side(ui: Browser) -> None:
    """Disagreements list: as many as the API reports (first page), each side with its passage."""
    page = ui.open("/ui/conflicts")
    reported = page.request.get(ui.base + "/api/conflicts").json()["items"]
    assert reported, "the field notes disagree with the article on the founding year"
    shown = page.locator("#conflict-list .conflict").count() + page.locator("#change-list .change").count()
    assert shown == min(len(reported), 25)
    assert page.locator("#conflict-list li.claim.missing").count() == 0
    founding = page.locator("#conflict-list .conflict", has_text=re.compile(r"founded.*1963"))
    assert founding.count() == 1 and "1965" in founding.inner_text()
    assert founding.locator(".side").count() == 2
    assert founding.locator("a.passage-link").count() >= 2
    ui.shot("conflicts")
    ui.assert_clean()


def _boxes_overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"] and b["y1"] < a["y2"]


@pytest.mark.browser
def test_journalist_task_end_to_end(ui: Browser) -> None:
    """Find the MKO, filter to attributed claims from one source, read, reject, merge, follow to timeline and map,
    download the view."""
    page = ui.page
    entity_id = _mko_id(ui)
    page = ui.open(f"/ui/entity/{entity_id}")
    total = int(re.search(r"\((\d+)\)", page.inner_text("#claims-browser h2")).group(1))  # type: ignore[union-attr]
    facet = page.locator("#facets .facet-modality a.facet-value[data-value='attributed']")
    expected = int(facet.locator("xpath=..").locator(".count").inner_text())
    assert 0 < expected < total
    with page.expect_navigation():
        facet.click()
    ui.ready()
    assert "modality=attributed" in page.url
    with page.expect_navigation():
        page.locator("#facets .facet-source a.facet-value[data-value='field-notes.txt']").click()
    ui.ready()
    assert "source=field-notes.txt" in page.url and "modality=attributed" in page.url
    lines = page.locator("#claim-list li.claim")
    assert lines.count() == int(re.search(r"\((\d+)\)", page.inner_text("#claims-browser h2")).group(1))  # type: ignore[union-attr]
    assert all("mod-attributed" in (c or "") for c in lines.evaluate_all("els => els.map(e => e.className)"))
    assert page.locator("#active-filters .filter-chip").count() == 2
    ui.shot("journalist-1-filtered")

    # open the passage: the speaker is named beside it
    filtered_url = page.url
    claim_id = lines.first.get_attribute("data-claim-id")
    with page.expect_navigation():
        lines.first.locator("a.claim-text").click()
    ui.ready()
    assert page.locator("mark.target").count() >= 1
    panel = page.inner_text("#span-panel")
    assert "speaker: Harlan Voss" in panel
    assert page.locator("#doc-text .name", has_text="Harlan Voss").count() >= 1  # names highlighted
    assert "2026-05-02" in page.inner_text("#doc-meta")
    ui.shot("journalist-2-passage")
    page.go_back()
    ui.ready()
    assert page.url == filtered_url

    # reject the claim with the token; the history shows who did it
    page.fill("#review-token", TOKEN)
    page.locator("#token-box button[type=submit]").click()
    line = page.locator(f"#claim-list li.claim[data-claim-id='{claim_id}']")
    line.locator("input.note-input").fill("the spokesman is not a source on this")
    line.locator("button.review-reject").click()
    page.wait_for_selector(f"#claim-list li.claim[data-claim-id='{claim_id}'] .review-ok")
    assert "status-rejected" in (line.get_attribute("class") or "")
    line.locator("button.review-history-toggle").click()
    page.wait_for_selector(f"li.claim[data-claim-id='{claim_id}'] .review-history li:not(.empty)")
    assert "reject" in line.locator(".review-history").inner_text()
    assert page.request.get(f"{ui.base}/api/claims/{claim_id}").json()["status"] == "rejected"
    ui.shot("journalist-3-rejected")

    # merge two records of one place from the place's page
    ardent = page.request.get(f"{ui.base}/api/search?q=Camp+Ardent").json()["entities"][0]["id"]
    page = ui.open(f"/ui/entity/{ardent}")
    page.fill("#merge-name", "Lake Miren")
    page.locator(".merge-form button[type=submit]").click()
    page.wait_for_selector("#merge-results .merge-button")
    other = page.locator("#merge-results .merge-button").first.get_attribute("data-other")
    page.locator("#merge-results .merge-button").first.click()
    page.wait_for_selector("#curation-status .review-ok")
    assert page.request.get(f"{ui.base}/api/entities/{other}").json()["id"] == ardent
    ui.shot("journalist-4-merged")

    # the timeline and the map take the same filters
    page = ui.open(filtered_url.replace(ui.base, ""))
    with page.expect_navigation():
        page.locator("#to-timeline").click()
    ui.ready()
    assert "modality=attributed" in page.url and "source=field-notes.txt" in page.url
    page.wait_for_selector("#timeline .vis-item")
    items = page.locator("#timeline .vis-item.vis-box").all_inner_texts()
    assert items and all("field-notes.txt" in t for t in items)
    assert any("2026-04-28" in t or "Tuesday" in t for t in items), items  # the weekday, from the publication date
    with page.expect_navigation():
        page.locator("#to-map").click()
    ui.ready()
    assert "modality=attributed" in page.url
    page.wait_for_selector("#place-list li")
    assert page.locator("#place-list li a").all_inner_texts() == ["Camp Ardent"]
    page.locator("#map path.place").first.click(force=True)
    page.wait_for_selector(".popup-claims q")
    assert "hostile to the Republic of Veldra" in page.inner_text(".popup-claims")
    # Leaflet fades a popup in: the screenshot waits until it is drawn in full
    # (polled from here: the page's CSP forbids the eval that wait_for_function polls with)
    for _ in range(50):
        if page.evaluate("getComputedStyle(document.querySelector('.leaflet-popup')).opacity") == "1":
            break
        page.wait_for_timeout(50)
    ui.shot("journalist-5-map")

    # download exactly the view
    page = ui.open(filtered_url.replace(ui.base, ""))
    with page.expect_download() as download:
        page.locator("#exports a[data-format='jsonl']").click()
    path = download.value.path()
    import json

    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]
    assert rows and {r["modality"] for r in rows} == {"attributed"}
    assert all(any(e["document"] == "field-notes.txt" or "field-notes" in e["document_id"] for e in r["evidence"])
               for r in rows)
    ui.assert_clean()


@pytest.mark.browser
def test_graph_of_150_nodes_has_readable_labels_and_keyboard_access(fresh_ui: Browser) -> None:
    """150 nodes: every drawn label is at least 10 px on screen at every zoom and no two drawn labels overlap."""
    try:
        _check_graph_of_150_nodes(fresh_ui)
    except Exception as error:  # playwright's Error; only a dead renderer earns a second try
        if "crashed" not in str(error):
            raise
        # headless Chromium's software renderer has died now and then on CI drawing this page (never the page's
        # own script: pageerror stays empty); a second tab in the same browser must pass every check
        warnings.warn(f"renderer crashed, checking again in a new tab: {error}", stacklevel=1)
        _check_graph_of_150_nodes(Browser(fresh_ui.page.context.new_page(), fresh_ui.base))


def _check_graph_of_150_nodes(fresh_ui: Browser) -> None:
    hub = fresh_ui.page.request.get(f"{fresh_ui.base}/api/search?q=Northern+Coalition").json()["entities"][0]["id"]
    page = fresh_ui.open(f"/ui/graph?entity={hub}&nodes=150")
    page.wait_for_function("window.claimgraphCy && window.claimgraphCy.nodes().length >= 150")
    assert page.evaluate("window.claimgraphCy.nodes().length") == 150
    assert page.locator("#graph-truncated").count() == 1
    # what cytoscape draws: labels not hidden for lack of room, at no less than min-zoomed-font-size on screen
    measure = """() => {
      const cy = window.claimgraphCy;
      const px = (n) => parseFloat(n.style('font-size')) * cy.zoom();
      const floor = (n) => parseFloat(n.style('min-zoomed-font-size'));
      const drawn = cy.nodes().filter((n) => !n.hasClass('minor') && px(n) >= floor(n));
      return { count: drawn.length, floor: Math.min(...cy.nodes().map(floor)), sizes: drawn.map(px),
        boxes: drawn.map((n) => n.renderedBoundingBox({ includeNodes: false, includeEdges: false,
                                                        includeLabels: true })),
        edgeLabels: cy.edges('.labelled').length };
    }"""
    fresh_ui.shot("graph-150")  # the fitted view, as the page first draws it
    for zoom, at_least in ((None, 10), (1.5, 10), (0.3, 0)):
        if zoom is not None:
            page.evaluate(f"window.claimgraphCy.zoom({zoom})")
            page.wait_for_timeout(150)  # the label room is measured again on the next frame
        m = page.evaluate(measure)
        assert m["floor"] >= 10  # a label under 10 px on screen is never drawn
        assert m["count"] >= at_least, (zoom, m["count"])
        assert not m["sizes"] or min(m["sizes"]) >= 10, (zoom, min(m["sizes"]))
        boxes = m["boxes"]
        clashes = [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes))
                   if _boxes_overlap(boxes[i], boxes[j])]
        assert not clashes, (zoom, len(clashes))
        assert m["edgeLabels"] == 0  # 150+ edge labels would only hide each other
    colours = page.evaluate("[...new Set(window.claimgraphCy.nodes().map(n => n.data('type') + '=' + "
                            "n.style('background-color')))]")
    assert len({c.split("=")[1] for c in colours}) == len(colours)  # one colour per type
    # keyboard: focus the graph, walk to a node, open it, expand it
    page.focus("#graph")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    page.wait_for_selector("#graph-detail #expand-node")
    before = page.evaluate("window.claimgraphCy.nodes().length")
    page.locator("#node-list .node-button").nth(5).click()
    page.locator("#expand-node").click()
    page.wait_for_selector("#expanded")
    assert page.evaluate("window.claimgraphCy.nodes().length") >= before
    fresh_ui.assert_clean()


@pytest.mark.browser
def test_timeline_labels_are_readable_unclipped_and_keyboard_usable(ui: Browser) -> None:
    page = ui.open("/ui/timeline")
    page.wait_for_selector("#timeline .vis-item")
    frame = page.locator("#timeline .vis-panel.vis-center").bounding_box()
    assert frame
    labels = page.eval_on_selector_all("#timeline .vis-item .tl-item", """els => els.map(e => {
      const r = e.getBoundingClientRect();
      return { x1: r.left, x2: r.right, y1: r.top, y2: r.bottom, size: parseFloat(getComputedStyle(e).fontSize),
               text: e.textContent, full: e.scrollWidth <= e.clientWidth + 1 };
    })""")
    visible = [b for b in labels if b["x2"] > frame["x"] and b["x1"] < frame["x"] + frame["width"]]
    assert len(visible) >= 10
    assert min(b["size"] for b in visible) >= 12
    clipped = [b["text"] for b in visible if b["x1"] < frame["x"] - 1 or b["x2"] > frame["x"] + frame["width"] + 1]
    assert not clipped, clipped
    assert all(b["full"] for b in visible)  # nothing truncated
    clashes = [(a["text"], b["text"]) for i, a in enumerate(visible) for b in visible[i + 1:] if _boxes_overlap(a, b)]
    assert not clashes, clashes[:3]
    assert all(" — " in b["text"] for b in visible)  # each names its source
    late = next(b["text"] for b in labels if "late 1970s" in b["text"])
    assert "1975–1979" in late  # a partial time shows the span it allows
    ui.shot("timeline-labels")
    page.focus("#timeline-list button.tl-select >> nth=0")
    page.keyboard.press("Enter")
    page.wait_for_selector("#timeline-detail li.claim")
    ui.assert_clean()


@pytest.mark.browser
def test_navigation_pagers_back_and_not_found(ui: Browser) -> None:
    page = ui.open("/")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 6000, height
    assert page.locator("#all-documents").count() + page.locator("#documents li").count() >= 1
    with page.expect_navigation():
        page.locator("#entity-list + .pager a", has_text="next").click()
    ui.ready()
    assert "offset=50" in page.url
    page.evaluate("window.scrollTo(0, 400)")
    y = page.evaluate("window.scrollY")
    with page.expect_navigation():
        page.locator("#entity-list a.entity-name").nth(20).click()
    ui.ready()
    page.go_back()
    ui.ready()
    assert abs(page.evaluate("window.scrollY") - y) < 5
    response = page.goto(ui.base + "/ui/nowhere/at/all")
    assert response is not None and response.status == 404
    assert "Not found" in page.inner_text("h1")


@pytest.fixture
def dev_ui(chromium: Any, dev_server: str) -> Iterator[Browser]:
    """A fresh tab on the dev-corpus server."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    yield Browser(context.new_page(), dev_server)
    context.close()


def _count_in(text: str) -> int:
    found = re.search(r"\((\d+)\)", text)
    assert found, text
    return int(found.group(1))


def _one_count(ui: Browser, entity_id: str) -> int:
    """The claim count of an entity, checked equal in the entity record, the profile and the entity list."""
    api = ui.page.request
    record = api.get(f"{ui.base}/api/entities/{entity_id}").json()
    profile = api.get(f"{ui.base}/api/entities/{entity_id}/profile").json()
    listed = {e["id"]: e["claims"] for e in api.get(f"{ui.base}/api/entities?limit=1000").json()["items"]}
    assert record["claims"] == profile["claim_count"] == listed.get(record["id"], record["claims"]), entity_id
    return int(record["claims"])


@pytest.mark.browser
def test_journalist_walk_on_the_dev_corpus(dev_ui: Browser) -> None:
    """The issue's walk on the dev corpus: find the MEK, filter to attributed claims of one source, read the
    passage, reject a claim, merge two entities, timeline and map filtered alike, download the view."""
    ui = dev_ui
    page = ui.open("/")
    page.fill("#search-box", "MEK")
    page.press("#search-box", "Enter")
    ui.ready()
    hits = page.locator("#entity-results a.entity-name")
    assert hits.count() >= 1
    names = hits.all_inner_texts()
    assert all(n.strip() for n in names), names
    ui.shot("dev-1-search")
    entity_id = (hits.first.get_attribute("href") or "").rsplit("/", 1)[1]
    page = ui.open(f"/ui/entity/{entity_id}")
    count = _one_count(ui, entity_id)
    assert page.inner_text("#claim-count").startswith(f"{count} ")  # the overview shows the same number
    assert page.inner_text("h1").strip()

    # attributed claims (else the most frequent way of saying: the walk needs some filter), then one source
    modality = page.locator("#facets .facet-modality a.facet-value[data-value='attributed']")
    if modality.count() == 0:
        modality = page.locator("#facets .facet-modality a.facet-value").first
    wanted = modality.get_attribute("data-value")
    with page.expect_navigation():
        modality.click()
    ui.ready()
    source = page.locator("#facets .facet-source a.facet-value").first
    outlet = source.get_attribute("data-value") or ""
    with page.expect_navigation():
        source.click()
    ui.ready()
    assert f"modality={wanted}" in page.url and "source=" in page.url
    lines = page.locator("#claim-list li.claim")
    assert 0 < lines.count() == _count_in(page.inner_text("#claims-browser h2"))
    assert all(f"mod-{wanted}" in (c or "") for c in lines.evaluate_all("els => els.map(e => e.className)"))
    ui.shot("dev-2-filtered")
    filtered = page.url.replace(ui.base, "")

    # the passage: marked in the document, the document's metadata above it
    claim_id = lines.first.get_attribute("data-claim-id")
    with page.expect_navigation():
        lines.first.locator("a.claim-text").click()
    ui.ready()
    assert page.locator("mark.target").count() >= 1
    assert page.inner_text("#doc-meta").strip()
    ui.shot("dev-3-passage")
    page.go_back()
    ui.ready()

    # reject it: it leaves the one count everywhere
    page.fill("#review-token", TOKEN)
    page.locator("#token-box button[type=submit]").click()
    line = page.locator(f"#claim-list li.claim[data-claim-id='{claim_id}']")
    line.locator("button.review-reject").click()
    page.wait_for_selector(f"#claim-list li.claim[data-claim-id='{claim_id}'] .review-ok")
    assert page.request.get(f"{ui.base}/api/claims/{claim_id}").json()["status"] == "rejected"
    assert _one_count(ui, entity_id) == count - 1
    ui.shot("dev-4-rejected")

    # merge another record of the group into it from its page; the counts add up in every view
    # a name of the group that another record still holds (which one depends on how well names were resolved)
    term = next(t for t in ("Mujahedin", "Mojahedin", "MKO", "PMOI", "MEK", "Resistance")
                if any(e["id"] != entity_id for e in
                       ui.page.request.get(f"{ui.base}/api/search", params={"q": t, "limit": 10}).json()["entities"]))
    page = ui.open(f"/ui/entity/{entity_id}")
    page.fill("#merge-name", term)
    page.locator(".merge-form button[type=submit]").click()
    page.wait_for_selector("#merge-results .merge-button")
    other = page.locator("#merge-results .merge-button").first.get_attribute("data-other") or ""
    before = _one_count(ui, entity_id) + _one_count(ui, other)
    page.locator("#merge-results .merge-button").first.click()
    page.wait_for_selector("#curation-status .review-ok")
    assert page.request.get(f"{ui.base}/api/entities/{other}").json()["id"] == entity_id
    merged = _one_count(ui, entity_id)
    assert count - 1 <= merged <= before  # claims between the two count once
    page = ui.open(f"/ui/entity/{entity_id}")
    assert page.inner_text("#claim-count").startswith(f"{merged} ")
    # the list still shows the rejected claim, and says it is left out of the count above
    assert "1 rejected" in page.inner_text("#claims-browser h2")
    ui.shot("dev-5-merged")

    # timeline and map keep the filters; every timeline item names the source
    page = ui.open(filtered)
    with page.expect_navigation():
        page.locator("#to-timeline").click()
    ui.ready()
    assert f"modality={wanted}" in page.url and "source=" in page.url
    ui.shot("dev-6-timeline")
    boxes = page.locator("#timeline .vis-item.vis-box").all_inner_texts()
    assert all(" — " in b for b in boxes), boxes
    with page.expect_navigation():
        page.locator("#to-map").click()
    ui.ready()
    assert f"modality={wanted}" in page.url and "source=" in page.url
    ui.shot("dev-7-map")

    # the download holds exactly the filtered claims
    page = ui.open(filtered)
    with page.expect_download() as download:
        page.locator("#exports a[data-format='jsonl']").click()
    import json

    rows = [json.loads(x) for x in Path(download.value.path()).read_text(encoding="utf-8").splitlines()]
    assert rows and {r["modality"] for r in rows} == {wanted}
    assert all(r["subject"]["name"].strip() for r in rows)

    # no entity is shown with an empty name or a raw id anywhere in the lists
    every = page.request.get(f"{ui.base}/api/entities?limit=1000").json()["items"]
    blank = [e["id"] for e in every if not e["name"].strip() or e["name"] == e["id"]]
    assert not blank, blank[:5]
    assert outlet
    ui.assert_clean()


BUSY_STATEMENTS = 130  # over one profile page (100 claims): the profile needs its "more" control


def busy_speaker_analysis() -> Analysis:
    """A made-up bulletin: one spokesman's numbered statements, each a claim of its own."""
    lines = [f"Bulletin item {n:03d}: the spokesman Orin Dask said the convoy {n:03d} had reached the valley."
             for n in range(BUSY_STATEMENTS)]
    text = "Bulletin of statements.\n" + "\n".join(lines) + "\n"
    doc = SourceDocument(text=text, source="bulletin.txt", title="Bulletin of statements", published="2026-04-01")
    analysis = Analysis(document=doc, word_count=len(text.split()))
    analysis.entities = {"dask": Entity(key="dask", name="Orin Dask", type="Person", aliases={"Orin Dask"})}
    for m in re.finditer("Orin Dask", text):
        analysis.mentions.append(Mention(start=m.start(), end=m.end(), text="Orin Dask", entity_key="dask",
                                         type="Person"))
    for n, line in enumerate(lines):
        analysis.claims.append(Claim("dask", "said", LiteralValue(f"the convoy {n:03d} had reached the valley", "text"),
                                     [_span(text, line)]))
    return analysis


@pytest.fixture(scope="module")
def busy_server(tmp_path_factory: pytest.TempPathFactory, template_store: Path) -> Iterator[str]:
    """The app over a store whose one entity has more claims than one profile page holds."""
    db = tmp_path_factory.mktemp("ui-busy") / "busy.db"
    shutil.copyfile(template_store, db)
    settings = load_settings()
    settings.store.url = f"sqlite:///{db}"
    assert write_analysis(get_engine(settings.store.url), busy_speaker_analysis()) is not None
    yield from _serve(settings)


@pytest.mark.browser
def test_profile_longer_than_a_page_reads_more_on_request(chromium: Any, busy_server: str) -> None:
    """A profile of more than one page (100 claims) shows the first, says how many remain and reads the rest on a
    click."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    ui = Browser(context.new_page(), busy_server)
    try:
        found = ui.page.request.get(f"{busy_server}/api/entities", params={"q": "Orin Dask"}).json()
        entity_id = found["items"][0]["id"]
        page = ui.open(f"/ui/entity/{entity_id}")
        lines = "#profile .claims-section li.claim"
        assert page.locator(lines).count() == 100
        assert page.inner_text("#profile-shown").startswith(f"100 of {BUSY_STATEMENTS} claims shown")
        more = page.locator("#more-claims")
        assert more.inner_text() == f"Show {BUSY_STATEMENTS - 100} more"
        more.scroll_into_view_if_needed()
        ui.shot("profile-more")
        more.click()
        page.wait_for_selector("#profile-more", state="detached", timeout=15000)
        assert page.locator(lines).count() == BUSY_STATEMENTS
        ids = page.eval_on_selector_all(lines, "els => els.map(e => e.dataset.claimId)")
        assert len(set(ids)) == BUSY_STATEMENTS, "a claim shown twice"
        assert f"({BUSY_STATEMENTS})" in page.inner_text("#profile .claims-section h2")
        ui.shot("profile-more-read")
        ui.assert_clean()
    finally:
        context.close()


RAW_PREDICATE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def _entity(ui: Browser, name: str) -> str:
    found = ui.page.request.get(f"{ui.base}/api/search", params={"q": name, "limit": 5}).json()["entities"]
    return str(next(e["id"] for e in found if e["name"] == name))


def _no_sideways_scroll(ui: Browser, path: str, shot: str) -> None:
    """At a phone's width (390 px) the page itself never scrolls sideways (a wide table scrolls in its box)."""
    ui.page.set_viewport_size({"width": 390, "height": 800})
    page = ui.open(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 391, path
    ui.shot(shot)
    ui.page.set_viewport_size({"width": 1280, "height": 800})


@pytest.mark.browser
def test_profile_says_exactly_what_each_source_says(ui: Browser) -> None:
    """One sentence per way of saying (no 'denies: NOT'), the exact passage under each claim with a link to it,
    and denials kept out of the relationships."""
    entity_id = _mko_id(ui)
    ui.page.set_viewport_size({"width": 1280, "height": 800})
    page = ui.open(f"/ui/entity/{entity_id}")
    lines = page.locator("#profile .claims-section li.claim")
    # the sections and the faceted list (which keeps claims an earlier test rejected)
    texts = page.locator("#profile li.claim .claim-text").all_inner_texts()
    assert texts and not [t for t in texts if "NOT " in t or re.search(RAW_PREDICATE, t)]
    for wording in ("denies: Republic of Veldra supported Mojahedin", "says (hedged): Mojahedin-e Khalq of Iran trained by",
                    "reports that Harlan Voss says: Mojahedin", "expects or considers possible: Mojahedin"):
        assert any(wording in t for t in texts), wording
    # every claim quotes its passages exactly: the stored text at the evidence offsets, the source, a link there
    claims = {c["id"]: c for c in page.request.get(f"{ui.base}/api/claims",
                                                    params={"entity": entity_id, "limit": 500}).json()["items"]}
    docs: dict[str, str] = {}
    for line in lines.all()[:40]:
        claim = claims[line.get_attribute("data-claim-id") or ""]
        quotes = line.locator("figure.passage")
        assert quotes.count() == min(len(claim["evidence"]), 3)
        for i, ev in enumerate(claim["evidence"][:3]):
            if ev["document_id"] not in docs:
                docs[ev["document_id"]] = page.request.get(f"{ui.base}/api/documents/{ev['document_id']}").json()["text"]
            quote = quotes.nth(i)
            assert quote.locator("blockquote").inner_text() == docs[ev["document_id"]][ev["start"]:ev["end"]]
            assert quote.locator(".passage-source").inner_text() == ev["document"]
            href = quote.locator("a.passage-link").get_attribute("href") or ""
            assert f"start={ev['start']}" in href and f"end={ev['end']}" in href and f"claim={claim['id']}" in href
    ui.shot("h7-profile-quotes")
    # relationships: a denial is no link; each counted row is the claims that are not denials
    denial = lambda c: c["polarity"] == "negative" or c["modality"] == "negated"  # noqa: E731
    said: dict[str, int] = {}
    denied: dict[str, int] = {}
    for c in claims.values():
        if c["status"] == "rejected":
            continue
        ends = [(c["subject"], denied if denial(c) else said), (c["object"], denied if denial(c) else said),
                (c.get("attributed_to"), said)]  # a speaker did speak, whatever it said
        for end, table in ends:
            if isinstance(end, dict) and end.get("id") and end["id"] != entity_id:
                table[end["name"]] = table.get(end["name"], 0) + 1
    rows = {r.locator("td").nth(0).inner_text(): int(r.locator("td").nth(3).inner_text())
            for r in page.locator("#rel-links tbody tr").all()}
    denials = {r.locator("td").nth(0).inner_text(): r.locator("td").nth(2).inner_text()
               for r in page.locator("#rel-denials tbody tr").all()}
    assert "Republic of Veldra" in denials and "supported" in denials["Republic of Veldra"]
    assert "supported" not in page.locator("#rel-links tr", has_text="Republic of Veldra").inner_text()
    assert rows == said
    assert set(denials) == set(denied)
    page.locator("#relationships").scroll_into_view_if_needed()
    ui.shot("h7-relationships")
    _no_sideways_scroll(ui, f"/ui/entity/{entity_id}", "h7-profile-390")
    ui.assert_clean()


@pytest.mark.browser
def test_reference_data_is_its_own_section_never_a_document(ui: Browser) -> None:
    page = ui.open(f"/ui/entity/{_entity(ui, 'Port Ilse')}")
    section = page.locator("#reference")
    assert "Reference data" in section.locator("h2").inner_text()
    fact = section.locator("li.reference-fact")
    assert fact.count() == 1
    assert "Port Ilse located in Republic of Saltmarsh" in fact.inner_text()
    assert "gazetteer" in fact.locator(".badge").inner_text().lower()
    assert "says" not in section.inner_text() and section.locator("figure.passage").count() == 0
    assert page.locator("#profile li.claim", has_text="Republic of Saltmarsh").count() == 0  # no claim says it
    assert page.locator(".toc a[href='#reference']").count() == 1
    section.scroll_into_view_if_needed()
    ui.shot("h7-reference")
    ui.assert_clean()


@pytest.mark.browser
def test_a_change_over_time_is_no_disagreement(ui: Browser) -> None:
    """A delisting ends a listing: 'Changed: ... until 2009, then ...', apart from the disagreements, nothing struck
    through; conflict notes name predicates by their labels."""
    page = ui.open("/ui/conflicts")
    change = page.locator("#change-list .change", has_text="Republic of Saltmarsh")
    assert change.count() == 1
    title = change.locator(".change-title").inner_text()
    assert re.search(r"Changed: Republic of Saltmarsh designated as terrorist Amber Hill Front \(1999\) until 2009, "
                     r"then Republic of Saltmarsh delisted as terrorist Amber Hill Front", title), title
    assert "disagree" not in change.inner_text().lower()
    assert page.locator("#disagreements .change, #conflict-list .change").count() == 0
    struck = page.eval_on_selector_all("#change-list *, #conflict-list *",
                                       "els => els.filter(e => getComputedStyle(e).textDecorationLine"
                                       ".includes('line-through')).map(e => e.textContent)")
    assert not struck, struck
    notes = page.locator(".conflict-note, .change-title").all_inner_texts()
    assert notes and not [n for n in notes if re.search(RAW_PREDICATE, n)], notes
    assert "founded in" in " ".join(notes)
    ui.shot("h7-conflicts")
    page = ui.open(f"/ui/entity/{_entity(ui, 'Amber Hill Front')}")
    assert page.locator("#changes .change", has_text="until 2009").count() == 1
    tie = page.locator("#changes .change", has_text="Salt Coast Syndicate supported Amber Hill Front")
    assert "not so until 2005, then so from 2011" in tie.locator(".change-title").inner_text()
    assert tie.locator("li.claim").count() == 2
    tie.scroll_into_view_if_needed()
    ui.shot("h7-profile-changes")
    assert page.locator("#conflicts").count() == 0  # nothing here disagrees
    _no_sideways_scroll(ui, "/ui/conflicts", "h7-conflicts-390")
    ui.assert_clean()


@pytest.mark.browser
def test_timeline_says_how_each_claim_was_made_in_words(ui: Browser) -> None:
    page = ui.open(f"/ui/timeline?entity={_mko_id(ui)}")
    page.wait_for_selector("#timeline .vis-item")
    words = {"asserted", "hedged", "attributed", "forecast", "denied", "denied (hedged)", "question"}
    items = page.eval_on_selector_all("#timeline .vis-item.vis-box", """els => els.map(e => ({
      cls: e.className, word: (e.querySelector('.tl-mod') || {}).textContent }))""")
    assert items and all(i["word"] in words for i in items), items
    for modality, word in (("mod-hedged", "hedged"), ("mod-speculative", "forecast"), ("mod-attributed", "attributed")):
        assert any(modality in i["cls"] and i["word"] == word for i in items), modality
    listed = page.locator("#timeline-list li .tl-mod").all_inner_texts()
    assert len(listed) == page.locator("#timeline-list li").count() and set(listed) <= words
    ui.shot("h7-timeline")
    _no_sideways_scroll(ui, page.url.replace(ui.base, ""), "h7-timeline-390")
    ui.assert_clean()


@pytest.mark.browser
def test_graph_side_list_scrolls_and_shows_every_number(fresh_ui: Browser) -> None:
    page = fresh_ui.open(f"/ui/graph?entity={_entity(fresh_ui, 'Northern Coalition')}")
    page.wait_for_function("window.claimgraphCy && window.claimgraphCy.nodes().length > 10")
    box = page.evaluate("""() => {
      const list = document.getElementById('node-list');
      const style = getComputedStyle(list);
      const ctx = document.createElement('canvas').getContext('2d');
      ctx.font = `${style.fontSize} ${style.fontFamily}`;
      const items = list.querySelectorAll('li');
      const last = items[items.length - 1];
      last.scrollIntoView({ block: 'nearest' });
      const lr = list.getBoundingClientRect(), r = last.getBoundingClientRect();
      return { overflow: style.overflowY, scrolls: list.scrollHeight > list.clientHeight, items: items.length,
               room: parseFloat(style.paddingLeft), marker: ctx.measureText(`${items.length}. `).width,
               lastShown: r.top >= lr.top - 1 && r.bottom <= lr.bottom + 1 };
    }""")
    assert box["items"] >= 10 and box["overflow"] in ("auto", "scroll") and box["scrolls"], box
    assert box["lastShown"] and box["room"] >= box["marker"], box
    fresh_ui.shot("h7-graph-list")
    _no_sideways_scroll(fresh_ui, page.url.replace(fresh_ui.base, ""), "h7-graph-390")
    fresh_ui.assert_clean()
