"""URL ingest against a real HTTP server on 127.0.0.1: the page lands with its URL, a missing page is one failure."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from claimgraph.ingest.readers import ReadLimits
from claimgraph.ingest.sources import Failure, iter_documents
from claimgraph.pipeline import ingest, prepare_store
from claimgraph.settings import load_settings

PAGE = (b"<html><head><title>Harbour Front profile</title></head><body><article><h1>Harbour Front</h1>"
        b"<p>The Harbour Front is an armed group that was founded in 1971 by dock workers in a port town.</p>"
        b"<p>Officials said the Harbour Front attacked a customs post in 1984.</p></article></body></html>")


class Pages(BaseHTTPRequestHandler):
    """Serves one article at /article; everything else is a 404."""

    def do_GET(self) -> None:
        """Answer one request."""
        if self.path == "/article":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)
        else:
            self.send_error(404)

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_page_is_ingested_with_its_url_and_a_missing_one_fails_alone(server: str, tmp_path: Path) -> None:
    settings = load_settings()
    settings.store.url = f"sqlite:///{tmp_path / 'store.db'}"
    engine = prepare_store(settings)
    report = ingest(iter_documents([f"{server}/article", f"{server}/missing"], limits=ReadLimits(private_urls=True)),
                    settings, engine)
    assert len(report.stored) == 1
    assert [f.source for f in report.failures] == [f"{server}/missing"]
    with engine.connect() as conn:
        from sqlalchemy import text

        row = conn.execute(text("select url, text from documents")).one()
    assert row.url == f"{server}/article"
    assert "founded in 1971" in row.text


def test_loopback_urls_are_refused_unless_allowed(server: str) -> None:
    (item,) = list(iter_documents([f"{server}/article"]))
    assert isinstance(item, Failure)  # SSRF protection holds by default
