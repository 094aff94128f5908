"""The same store on PostgreSQL: migrations, round trip and the seed's export.

Runs against CLAIMGRAPH_TEST_PG_URL when set; otherwise starts a throw-away cluster with
Debian's PostgreSQL binaries (as the `postgres` user when run as root) and skips when none exist.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimgraph.export.base import export_store
from claimgraph.export.jsonl import JsonlExporter
from claimgraph.model import SourceDocument
from claimgraph.pipeline import ingest
from claimgraph.settings import load_settings
from claimgraph.store import records
from claimgraph.store.db import get_engine
from claimgraph.store.pg_server import server_binary, throwaway_server


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL with an empty database."""
    if os.environ.get("CLAIMGRAPH_TEST_PG_URL"):
        yield os.environ["CLAIMGRAPH_TEST_PG_URL"]
        return
    pytest.importorskip("psycopg")
    if not server_binary("initdb") or not server_binary("pg_ctl"):
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) on this machine")
    try:
        with throwaway_server() as url:
            yield url
    finally:
        get_engine.cache_clear()


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
    # a database of its own: the module's shared one holds the documents of the tests before
    fresh_pg = _pg_database(pg_url, "bad_batch")
    for name, url in (("postgres", fresh_pg), ("sqlite", f"sqlite:///{tmp_path / 'bad.db'}")):
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


def test_claim_counts_follow_the_claims_on_postgres(pg_url: str) -> None:
    from test_reads_scale import counts_follow_every_change

    counts_follow_every_change(get_engine(_pg_database(pg_url, "claim_counts")))


def _pg_database(base_url: str, name: str) -> str:
    """A fresh database on the throw-away cluster, its URL."""
    from sqlalchemy import create_engine, text

    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base_url.rsplit("/", 1)[0] + "/" + name


def _pg_snapshot(url: str) -> dict[str, list[str]]:
    """Every table as sorted rows, without timestamps and serial counters (as test_crash does on SQLite)."""
    from sqlalchemy import create_engine, text
    from test_crash import VOLATILE

    engine = create_engine(url)
    out: dict[str, list[str]] = {}
    with engine.connect() as conn:
        tables = [r[0] for r in conn.execute(text(
            "SELECT table_name FROM information_schema.tables WHERE table_schema='public' AND table_type='BASE TABLE'"))]
        for table in tables:
            cols = [r[0] for r in conn.execute(text(
                "SELECT column_name FROM information_schema.columns WHERE table_schema='public' AND table_name=:t "
                "AND NOT (data_type='integer' AND column_default LIKE 'nextval%') ORDER BY ordinal_position"),
                {"t": table}) if r[0] not in VOLATILE and r[0] != "search_vector"]
            listed = ", ".join(f'"{c}"' for c in cols)
            out[table] = sorted(repr(tuple(r)) for r in conn.execute(text(f'SELECT {listed} FROM "{table}"')))
    engine.dispose()
    return out


@pytest.mark.slow
def test_kill_at_random_points_then_rerun_equals_a_clean_run_on_postgres(pg_url: str, tmp_path: Path) -> None:
    """The ten kill points of the SQLite crash test, on PostgreSQL: every table equals a clean run's after a re-run."""
    import sys

    from sqlalchemy import create_engine, text
    from test_crash import _corpus, kill_at, kill_points

    batch = tmp_path / "batch.jsonl"
    _corpus(batch)

    def run(url: str) -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-m", "claimgraph", "--db", url, "ingest", "--quiet", str(batch)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "CLAIMGRAPH_NLP_BATCH_SIZE": "2"})

    clean = _pg_database(pg_url, "crash_clean")
    proc = run(clean)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    expected = _pg_snapshot(clean)
    assert len(expected["documents"]) == 12
    points = kill_points()
    assert len(points) == 10
    for n, (kind, at) in enumerate(points):
        url = _pg_database(pg_url, f"crash_killed{n}")
        engine = create_engine(url)

        def stored(engine: Any = engine) -> int:
            try:
                with engine.connect() as conn:
                    return int(conn.execute(text("SELECT count(*) FROM documents")).scalar() or 0)
            except Exception:  # the table does not exist yet
                return -1

        kill_at(run(url), kind, at, stored)
        engine.dispose()
        again = run(url)
        _, err = again.communicate(timeout=600)
        assert again.returncode == 0, err
        got = _pg_snapshot(url)
        assert set(got) == set(expected)
        for table, rows in expected.items():
            assert got[table] == rows, f"kill point {kind}={at}: table {table} differs from the clean run"
        check = subprocess.run([sys.executable, "-m", "claimgraph", "--db", url, "check"],
                               capture_output=True, text=True, timeout=300)
        assert check.returncode == 0, check.stdout + check.stderr
