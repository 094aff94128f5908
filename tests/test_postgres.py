"""The same store on PostgreSQL: migrations, round trip and the seed's export.

Runs against CLAIMGRAPH_TEST_PG_URL when set; otherwise starts a throw-away cluster with
Debian's PostgreSQL binaries (as the `postgres` user when run as root) and skips when none exist.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimgraph.export.base import export_store
from claimgraph.export.jsonl import JsonlExporter
from claimgraph.model import SourceDocument
from claimgraph.pipeline import ingest
from claimgraph.settings import load_settings
from claimgraph.store import records
from claimgraph.store.db import get_engine

PG_BIN = Path("/usr/lib/postgresql")


def _bin(name: str) -> str | None:
    versions = sorted(PG_BIN.glob("*/bin"), reverse=True) if PG_BIN.exists() else []
    for folder in versions:
        if (folder / name).exists():
            return str(folder / name)
    return shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL with an empty database."""
    if os.environ.get("CLAIMGRAPH_TEST_PG_URL"):
        yield os.environ["CLAIMGRAPH_TEST_PG_URL"]
        return
    pytest.importorskip("psycopg")
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) on this machine")
    # pytest's own temporary folders are private to root, out of reach of the postgres user
    data = Path(tempfile.mkdtemp(prefix="claimgraph-pg-")) / "data"
    port = _free_port()
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    if as_root:
        data.parent.chmod(0o777)
    subprocess.run(prefix + [initdb, "-D", str(data), "-A", "trust", "-U", "claimgraph", "--no-sync"],
                   check=True, capture_output=True)
    log = data.parent / "pg.log"
    if as_root:
        log.touch()
        shutil.chown(log, "postgres")
    subprocess.run(prefix + [pg_ctl, "-D", str(data), "-l", str(log), "-w", "-o",
                             f"-p {port} -c listen_addresses=127.0.0.1 -k {data} -c fsync=off", "start"],
                   check=True, capture_output=True, timeout=60)
    try:
        url = f"postgresql+psycopg://claimgraph@127.0.0.1:{port}/postgres"
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                get_engine(url, upgrade=False).connect().close()
                break
            except Exception:
                time.sleep(0.3)
        yield url
    finally:
        get_engine.cache_clear()
        subprocess.run(prefix + [pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(data.parent, ignore_errors=True)


def test_seed_on_postgres_matches_sqlite(pg_url: str, tmp_path: Path, seed_text: str) -> None:
    results = {}
    for name, url in (("postgres", pg_url), ("sqlite", f"sqlite:///{tmp_path / 'x.db'}")):
        settings = load_settings()
        settings.store.url = url
        engine = get_engine(url)
        docs = [SourceDocument(text=seed_text, source="mko-article.txt")]
        first = ingest(docs, settings, engine)
        again = ingest(docs, settings, engine)
        assert len(first.stored) == 1 and again.duplicates and not again.stored
        with engine.connect() as conn:
            export_store(conn, JsonlExporter(tmp_path / name))
            results[name] = (sorted((c["subject"]["name"], c["predicate"],
                                     (c["object"] or {}).get("name") or (c["object"] or {}).get("value"))
                                    for c in records.iter_claims(conn)),
                             records.count_rows(conn))
    assert results["postgres"] == results["sqlite"]
