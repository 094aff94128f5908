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


def test_the_same_bad_batch_gives_the_same_store_on_both(pg_url: str, tmp_path: Path) -> None:
    """One set of type rules at the boundary: NUL bytes, long ids, list titles, odd ids fare alike on both stores."""
    import json

    from claimgraph.ingest.sources import iter_documents

    rows = [{"id": "nul", "text": "The Amber League\u0000 met in Tunis."},
            {"id": "x" * 201, "text": "An id too long for a key."},
            {"id": "title", "text": "A list-valued title.", "title": ["a", "b"]},
            {"id": True, "text": "A boolean id."},
            {"id": 12, "text": "The River Guard met in Basra."},
            {"id": "date", "text": "A bad date.", "published": "2020-13-45"},
            {"id": "ok", "text": "The Hill Council met in Mosul.", "title": "Plain title"}]
    batch = tmp_path / "bad.jsonl"
    batch.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    results = {}
    for name, url in (("postgres", pg_url), ("sqlite", f"sqlite:///{tmp_path / 'bad.db'}")):
        settings = load_settings()
        settings.store.url = url
        engine = get_engine(url)
        report = ingest(iter_documents([str(batch)]), settings, engine)
        from sqlalchemy import select

        from claimgraph.store.schema import documents

        with engine.connect() as conn:
            docs = sorted(tuple(r) for r in conn.execute(select(documents.c.id, documents.c.title, documents.c.text)))
        results[name] = (docs, sorted(f.source.rsplit(":", 1)[1] for f in report.failures))
    assert results["postgres"] == results["sqlite"]
    docs, failed = results["sqlite"]
    assert failed == ["2", "3", "4", "6"]
    assert [d[0] for d in docs] == ["12", "nul", "ok"]
    assert "\u0000" not in docs[1][2]
