"""Benchmark: `claimgraph ingest --dask local` (2 workers) into PostgreSQL against a one-process ingest, checked.

    .venv/bin/python benchmarks/bench_dask.py [--docs 1000] [--workers 2] [--db postgresql+psycopg://USER@HOST/DB]

Starts a throw-away PostgreSQL cluster with Debian's server binaries (as the `postgres` user when run as root)
unless `--db` names a server, makes two fresh databases, ingests the first N BBC articles into the first with the
ordinary one-process `claimgraph ingest` and into the second with `claimgraph ingest --dask local`
(`nlp.n_process` workers), both through the CLI as the README documents it. It then checks that no text is
stored twice (same sha256), that no claim id is stored twice, and that every table of the store holds as many
rows in both; it prints each run's wall time and docs/s, their ratio, and as its last line
`dask: docs=N one_process_s=... dask_s=... ratio=... same_counts=yes|no duplicates=0`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from claimgraph.reason.conflicts import find_conflicts
from claimgraph.store.pg_server import throwaway_server

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "eval-data" / "bbc-news" / "bbc_news_2225.jsonl"
# bookkeeping tables whose rows say nothing about what was ingested
SKIP_TABLES = {"alembic_version"}


def fresh_database(admin_url: str, name: str) -> str:
    """Drop and create database `name` on the server of `admin_url`; return its URL."""
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    deadline = time.time() + 20
    while True:
        try:
            with engine.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            break
        except Exception:
            if time.time() > deadline:
                raise
            time.sleep(0.3)
    engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def write_batch(data: Path, n: int, out: Path) -> int:
    """The first n articles of `data` as a JSONL batch at `out`; returns how many were written."""
    count = 0
    with data.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            row = json.loads(line)
            dst.write(json.dumps({"id": row["id"], "text": row["text"], "title": row.get("title")}) + "\n")
            count += 1
            if count == n:
                break
    return count


def run_ingest(url: str, batch: Path, workers: int, dask: bool) -> tuple[float, float, str]:
    """Time one `claimgraph ingest` of the batch into `url`: wall seconds, CPU seconds of the ingest's processes
    (the PostgreSQL server's not counted) and its summary line."""
    env = dict(os.environ, CLAIMGRAPH_NLP_N_PROCESS=str(workers if dask else 1))
    cmd = [str(Path(sys.executable).parent / "claimgraph"), "--db", url, "ingest", "--quiet", str(batch)]
    if dask:
        cmd[-1:-1] = ["--dask", "local"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = [ln for ln in proc.stderr.splitlines() + proc.stdout.splitlines() if ln.strip()]
    summary = next((ln for ln in reversed(lines) if ln.startswith("stored ")), lines[-1] if lines else "")
    if proc.returncode != 0:
        print(proc.stderr[-4000:], file=sys.stderr)
        raise SystemExit(f"ingest {'--dask ' if dask else ''}failed with exit status {proc.returncode}")
    return elapsed, cpu, summary


def table_counts(url: str) -> dict[str, int]:
    """Rows of every table of the store at `url`, its conflicts by kind and its claims by status."""
    engine = create_engine(url)
    with engine.connect() as conn:
        names = sorted(set(inspect(conn).get_table_names()) - SKIP_TABLES)
        counts = {n: int(conn.execute(text(f'SELECT count(*) FROM "{n}"')).scalar() or 0) for n in names}
        # conflicts are no table: they are read from the claims, as `claimgraph conflicts` reads them
        for found in find_conflicts(conn):
            key = f"conflicts ({found['kind']})"
            counts[key] = counts.get(key, 0) + 1
        for status, n in conn.execute(text("SELECT status, count(*) FROM claims GROUP BY status")):
            counts[f"claims ({status})"] = int(n)
    engine.dispose()
    return counts


def duplicates(url: str) -> dict[str, int]:
    """Texts stored twice (same sha256) and claim ids stored twice."""
    engine = create_engine(url)
    with engine.connect() as conn:
        docs = conn.execute(text("SELECT count(*) FROM (SELECT sha256 FROM documents GROUP BY sha256 "
                                 "HAVING count(*) > 1) d")).scalar() or 0
        claims = conn.execute(text("SELECT count(*) FROM (SELECT id FROM claims GROUP BY id "
                                   "HAVING count(*) > 1) c")).scalar() or 0
    engine.dispose()
    return {"documents_same_sha256": int(docs), "claims_same_id": int(claims)}


def claim_ids(url: str) -> set[str]:
    """Every claim id of the store (ids are content hashes, so two runs of the same input share them)."""
    engine = create_engine(url)
    with engine.connect() as conn:
        ids = {str(r[0]) for r in conn.execute(text("SELECT id FROM claims"))}
    engine.dispose()
    return ids


def main() -> int:
    """Run both ingests, check them and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2, help="Dask workers (nlp.n_process of the --dask run)")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--db", default=None, help="PostgreSQL URL of a server where two databases may be made")
    args = ap.parse_args()
    if not args.data.exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-dask-") as tmp:
        batch = Path(tmp) / "batch.jsonl"
        n = write_batch(args.data, args.docs, batch)
        with (throwaway_server() if args.db is None else _given(args.db)) as admin:
            one_url = fresh_database(admin, "bench_one_process")
            dask_url = fresh_database(admin, "bench_dask")
            one_s, one_cpu, one_line = run_ingest(one_url, batch, 1, dask=False)
            print(f"one process: {one_s:.1f} s wall, {one_cpu:.1f} s CPU, {n / one_s:.2f} docs/s  [{one_line}]",
                  flush=True)
            dask_s, dask_cpu, dask_line = run_ingest(dask_url, batch, args.workers, dask=True)
            print(f"dask local, {args.workers} workers: {dask_s:.1f} s wall, {dask_cpu:.1f} s CPU, "
                  f"{n / dask_s:.2f} docs/s  [{dask_line}]", flush=True)
            one, dask = table_counts(one_url), table_counts(dask_url)
            dups = {k: duplicates(one_url)[k] + v for k, v in duplicates(dask_url).items()}
            same_ids = claim_ids(one_url) == claim_ids(dask_url)
    print(f"{'table':<28}{'one process':>12}{'dask':>12}")
    for name in sorted(set(one) | set(dask)):
        mark = "" if one.get(name) == dask.get(name) else "  <- differs"
        print(f"{name:<28}{one.get(name, '-')!s:>12}{dask.get(name, '-')!s:>12}{mark}")
    print(f"duplicates (both stores): {dups}; same claim ids: {'yes' if same_ids else 'no'}")
    ratio = one_s / dask_s
    print(f"speed-up (one process / dask wall): {ratio:.2f}x")
    print(f"dask: docs={n} one_process_s={one_s:.1f} dask_s={dask_s:.1f} ratio={ratio:.2f} "
          f"same_counts={'yes' if one == dask else 'no'} duplicates={sum(dups.values())}")
    return 0


@contextmanager
def _given(url: str) -> Iterator[str]:
    yield url


if __name__ == "__main__":
    sys.exit(main())
