"""Benchmark: how reads and the after-ingest step grow with the store, from 1k documents up.

    .venv/bin/python benchmarks/bench_scale.py [--docs 1000 10000 100000] [--db URL_OR_DIR] [--rounds 30]

For each size a synthetic store is generated (about 10 claims a document, names reused so entities collide: the
generator of bench_api.py), then the p50/p95 of profile, claims-about, timeline, 2-hop graph and search are timed
through the HTTP API in process (and of the second page, by cursor, of claims-about and the timeline), with the
first call (cold caches) reported apart, and the after-ingest step (copy detection, outlets, conflicts, as_of) is
timed for one more document, after the steps have run over
the generated documents as their ingest would have run them (the first one more document apart, as it also
compiles the steps' statements; the figure is the median of the next five). `--db` takes a directory for SQLite
files (one a size) or a PostgreSQL URL (the database is emptied first; sizes run one after the other). It prints the
growth from the smallest to the largest size and, as its last line,
    scale: docs=N profile_p95_ms=... claims_about_p95_ms=... graph2_p95_ms=... search_p95_ms=... after_ingest_ms=...
for the largest size it ran.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_api import WORDS, build_store, percentile

from claimgraph import plugins
from claimgraph.model import SourceDocument
from claimgraph.pipeline import analyze_docs
from claimgraph.settings import Settings, load_settings
from claimgraph.store.db import get_engine
from claimgraph.store.pending import state_metadata
from claimgraph.store.schema import claims, documents, entity_claim_counts, evidence, metadata
from claimgraph.store.writer import write_analysis

AFTER_INGEST_ROUNDS = 5
NEXT_PAGE = 20  # items a page of the cursor cases (claims_next, timeline_next) shows
EXTRA_DOC = ("The Lantern Brigade, an armed group founded in 1994, attacked a police post in the hill town. "
             "Officials said the Lantern Brigade is backed by the Northern Union.")


def store_for(db: str, n_docs: int, reuse: bool = False) -> tuple[Settings, Engine, bool]:
    """Settings, an engine and whether it is reused, for the store of one size (a fresh SQLite file, or an
    emptied PostgreSQL database; with `reuse`, a SQLite file a run before built for this size is kept)."""
    settings = load_settings()
    if db.startswith("postgresql"):
        settings.store.url = db
        engine = get_engine(db)
        with engine.begin() as conn:
            for table in [*state_metadata.sorted_tables, *reversed(metadata.sorted_tables), entity_claim_counts]:
                conn.execute(table.delete())
    else:
        folder = Path(db) if db else Path(tempfile.mkdtemp(prefix="bench-scale-"))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"scale-{n_docs}.db"
        if reuse and path.exists():
            settings.store.url = f"sqlite:///{path}"
            engine = get_engine(settings.store.url)
            with engine.connect() as conn:
                stored = conn.execute(select(func.count()).select_from(documents)).scalar() or 0
            if stored >= n_docs:  # built before (plus the one-more documents of earlier runs)
                return settings, engine, True
            engine.dispose()
            get_engine.cache_clear()
        path.unlink(missing_ok=True)
        settings.store.url = f"sqlite:///{path}"
        engine = get_engine(settings.store.url)
    return settings, engine, False


def complete_generated(engine: Engine) -> float:
    """Bring the generated documents to the state their ingest's after-ingest steps would leave; seconds taken.

    On a fresh store the steps' results are written in bulk (derive_in_bulk); where that cannot be done
    (a store that had documents before, a near-copy among the generated texts) the steps run as ingest
    runs them, a batch at a time.
    """
    from claimgraph.reason.plugin import after_ingest
    from claimgraph.store.pending import complete_pending

    started = time.perf_counter()
    if not derive_in_bulk(engine):
        complete_pending(engine, after_ingest)
        from claimgraph.views.conflict_sections import has_kept, refresh_all
        from claimgraph.views.timeline_keys import has_keys, refresh_keys

        with engine.begin() as conn:
            if has_keys(conn):  # the bulk load held the triggers off: nothing was noted for the steps
                refresh_keys(conn)
            if has_kept(conn):
                refresh_all(conn)
    return time.perf_counter() - started


def derive_in_bulk(engine: Engine) -> bool:
    """What the after-ingest steps (linking.align.refresh_sources, reason.timeline.set_as_of, review replay,
    reason.supersession.apply_status, store.corroborated.fill_all) leave after every pending document, written in
    one pass: each document's outlet, MinHash signature and bands, each undated claim's as_of (the latest
    publication of its documents), the statuses supersession decides over the whole store, every claim's
    corroboration counts, and the documents marked done. False, with
    nothing written, when a document has no source record to compute alone: one of the store had its
    steps run already, or a document copies an earlier one (copy links are left to the real steps).
    tests/test_store.py checks the result against the steps' own (claimgraph.store.pending.check_derived)."""
    import numpy as np
    from sqlalchemy import bindparam, update

    from claimgraph.linking import align
    from claimgraph.reason import review, supersession
    from claimgraph.store import corroborated
    from claimgraph.store.derived import band_keys, document_bands, document_sources
    from claimgraph.store.pending import after_ingest_done, pending_documents
    from claimgraph.store.writer import now
    from claimgraph.views.conflict_sections import has_kept, refresh_all
    from claimgraph.views.timeline_keys import has_keys, refresh_keys

    with engine.begin() as conn:
        if conn.execute(select(func.count()).select_from(document_sources)).scalar():
            return False
        order = pending_documents(conn)
        signatures: list[Any] = []
        band_owner: dict[int, list[int]] = {}
        sources, bands = [], []
        for k in range(0, len(order), 2000):
            rows = {r.id: r for r in conn.execute(select(documents.c.id, documents.c.text, documents.c.url,
                                                         documents.c.source).where(documents.c.id.in_(order[k:k + 2000])))}
            for doc_id in order[k:k + 2000]:
                row = rows[doc_id]
                sig = align.minhash(row.text)
                keys = band_keys(sig)
                mine = np.array(sig, dtype=np.uint64)
                for other in {o for key in keys for o in band_owner.get(key, ())}:
                    if len(sig) and float((signatures[other] == mine).mean()) >= align.COPY_THRESHOLD:
                        conn.rollback()
                        return False  # a copy: refresh_sources links it
                for key in keys:
                    band_owner.setdefault(key, []).append(len(signatures))
                signatures.append(mine)
                sources.append({"document_id": doc_id, "outlet": align.outlet_of(row.url, row.source),
                                "copy_of": None, "similarity": None, "signature": sig})
                bands += [{"document_id": doc_id, "key": key} for key in keys]
        for k in range(0, len(sources), 5000):
            conn.execute(insert(document_sources), sources[k:k + 5000])
        for k in range(0, len(bands), 50000):
            conn.execute(insert(document_bands), bands[k:k + 50000])
        latest = dict(conn.execute(select(evidence.c.claim_id, func.max(documents.c.published))
                                   .join(documents, documents.c.id == evidence.c.document_id)
                                   .where(documents.c.published.isnot(None)).group_by(evidence.c.claim_id)).all())
        dated = []
        for claim_id, qualifiers in conn.execute(select(claims.c.id, claims.c.qualifiers)):
            q = dict(qualifiers or {})
            if not q.get("time") and latest.get(claim_id) and q.get("as_of") != str(latest[claim_id]):
                dated.append({"cid": claim_id, "q": {**q, "as_of": str(latest[claim_id])}})
        if dated:
            conn.execute(update(claims).where(claims.c.id == bindparam("cid")).values(qualifiers=bindparam("q")),
                         dated)
        review.replay(conn)
        supersession.apply_status(conn, now())
        corroborated.fill_all(conn)  # the bulk load held the triggers off: nothing was noted
        if has_keys(conn):
            refresh_keys(conn)  # the timeline keys of every timed claim
        if has_kept(conn):
            refresh_all(conn)  # every kept conflict, from one whole-store reading
        when = now()
        for k in range(0, len(order), 5000):
            conn.execute(insert(after_ingest_done), [{"document_id": d, "done_at": when} for d in order[k:k + 5000]])
    return True


def after_ingest_ms(settings: Settings, engine: Engine, profile: bool = False) -> tuple[float, float]:
    """Milliseconds (wall, process CPU) of the after-ingest hooks for one more analysed and stored document."""
    # a new text each run (a store reused by --reuse already holds the earlier ones)
    stamp = time.time_ns()
    (ctx,) = list(analyze_docs([SourceDocument(text=f"{EXTRA_DOC} Filed as report {stamp}.",
                                               source=f"one-more-{stamp}.txt")], settings))
    doc_id = write_analysis(engine, ctx.analysis, ctx.find)
    hook = plugins.plugin_manager().hook.claimgraph_after_ingest
    if profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
    started, used = time.perf_counter(), time.process_time()
    hook(engine=engine, document_ids=[doc_id])
    elapsed, cpu = (time.perf_counter() - started) * 1000, (time.process_time() - used) * 1000
    if profile:
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(18)
    return elapsed, cpu


def timed_cpu(call: Callable[[], Any], rounds: int) -> tuple[float, list[float], list[float]]:
    """As bench_api.timed, with the process CPU milliseconds of each call too: on a machine that other work
    keeps busy the wall time grows with the load, the CPU time much less."""
    started = time.perf_counter()
    call()
    first = (time.perf_counter() - started) * 1000
    wall, cpu = [], []
    for _ in range(rounds):
        started, used = time.perf_counter(), time.process_time()
        call()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    return first, wall, cpu


def run_size(db: str, n_docs: int, rounds: int, profile: bool = False, reuse: bool = False) -> dict[str, float]:
    """Build one store and time every read; figures in milliseconds."""
    from fastapi.testclient import TestClient

    from claimgraph.api import queries
    from claimgraph.api.app import create_app
    from claimgraph.api.cache import conflicts_of
    from claimgraph.api.profiles import profile_query

    settings, engine, reused = store_for(db, n_docs, reuse)
    if reused:
        print(f"\n{n_docs} documents: reusing {settings.store.url}")
    else:
        started = time.perf_counter()
        build_store(engine, n_docs)
        print(f"\n{n_docs} documents: store built in {time.perf_counter() - started:.1f} s, "
              f"after-ingest steps over them in {complete_generated(engine):.1f} s")
    rng = random.Random(5)
    with engine.connect() as conn:
        ranked = [r.subject_id for r in conn.execute(
            select(claims.c.subject_id).group_by(claims.c.subject_id).order_by(func.count().desc())).all()]
        years = [r[0] for r in conn.execute(select(documents.c.published).limit(1))]
    sample: list[str] = rng.sample(ranked, min(rounds, len(ranked)))
    client = TestClient(create_app(settings))
    turn = {"i": 0}

    def entity() -> str:
        turn["i"] += 1
        return sample[turn["i"] % len(sample)]

    def get(url: str, **params: Any) -> None:
        r = client.get(url, params=params)
        if r.status_code != 200:
            raise SystemExit(f"{url} {params}: {r.status_code} {r.text[:200]}")

    # the second page (by cursor) of the claims and the timeline of the entities that have one: read after the
    # items before it, it should cost what the first page costs
    later: dict[str, list[tuple[str, str]]] = {"claims": [], "timeline": []}
    for one in sample:
        for path, key in (("/api/claims", "claims"), ("/api/timeline", "timeline")):
            cursor = client.get(path, params={"entity": one, "limit": NEXT_PAGE}).json().get("next_cursor")
            if cursor:
                later[key].append((one, cursor))

    def next_page(path: str, key: str) -> None:
        turn["i"] += 1
        one, cursor = later[key][turn["i"] % len(later[key])]
        get(path, entity=one, limit=NEXT_PAGE, cursor=cursor)

    cases: dict[str, Callable[[], None]] = {
        "profile": lambda: get(f"/api/entities/{entity()}/profile"),
        "claims_about": lambda: get("/api/claims", entity=entity(), limit=100),
        "timeline": lambda: get("/api/timeline", entity=entity()),
        "graph2": lambda: get("/api/graph", entity=entity(), hops=2),
        "search": lambda: get("/api/search", q=rng.choice(WORDS[20:2000])),
    }
    # the five most-named entities: their conflict sections grew with their claim groups while they were reasoned
    # at request time (views.conflict_sections keeps them); the profile through the API and the section alone
    top = ranked[:5]
    reader = engine.connect()
    pages = {one: list(reader.execute(profile_query(queries.merged_ids(reader, one)).with_only_columns(claims.c.id)
                                      .order_by(claims.c.id).limit(100)).scalars()) for one in top}

    def busiest() -> str:
        turn["i"] += 1
        return top[turn["i"] % len(top)]

    cases["profile_top5"] = lambda: get(f"/api/entities/{busiest()}/profile")
    cases["conflicts_top5"] = lambda: conflicts_of(reader, pages[busiest()])
    if later["claims"]:
        cases["claims_next"] = lambda: next_page("/api/claims", "claims")
    if later["timeline"]:
        cases["timeline_next"] = lambda: next_page("/api/timeline", "timeline")
    figures: dict[str, float] = {}
    print(f"{'read':<14}{'first ms':>9}{'p50 ms':>9}{'p95 ms':>9}{'cpu p50':>9}{'cpu p95':>9}"
          f"   (published e.g. {years[:1]})")
    for name, call in cases.items():
        first, ms, cpu = timed_cpu(call, rounds)
        figures[f"{name}_first_ms"] = first
        figures[f"{name}_p95_ms"] = percentile(ms, 95)
        figures[f"{name}_cpu_p95_ms"] = percentile(cpu, 95)
        print(f"{name:<14}{first:>9.1f}{statistics.median(ms):>9.1f}{percentile(ms, 95):>9.1f}"
              f"{statistics.median(cpu):>9.1f}{percentile(cpu, 95):>9.1f}")
    # the first document also pays for compiling the steps' statements (once a process, at any size):
    # reported apart, as the first call of a read is; the figure is the median of the next ones
    figures["after_ingest_first_ms"] = after_ingest_ms(settings, engine)[0]
    steps = [after_ingest_ms(settings, engine, profile and k == 0) for k in range(AFTER_INGEST_ROUNDS)]
    figures["after_ingest_ms"] = statistics.median(wall for wall, _ in steps)
    figures["after_ingest_cpu_ms"] = statistics.median(cpu for _, cpu in steps)
    print(f"{'after-ingest':<14}{figures['after_ingest_first_ms']:>9.1f}{figures['after_ingest_ms']:>9.1f}"
          f"{max(wall for wall, _ in steps):>9.1f}{figures['after_ingest_cpu_ms']:>9.1f}"
          f"{max(cpu for _, cpu in steps):>9.1f}   (one more document each, {AFTER_INGEST_ROUNDS} after the first: "
          "median, max; cpu median, max)")
    reader.close()
    engine.dispose()
    return figures


def main() -> int:
    """Run every size, print the growth and the summary line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--db", default="", help="directory for SQLite stores, or a PostgreSQL URL")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the after-ingest step")
    parser.add_argument("--reuse", action="store_true",
                        help="keep a SQLite store an earlier run built for a size (built once, timed many times)")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    sizes = sorted(args.docs)
    results = {n: run_size(args.db, n, args.rounds, args.profile, args.reuse) for n in sizes}
    small, large = results[sizes[0]], results[sizes[-1]]
    # wall figures grow with whatever else the machine runs; the cpu ones (this process's time) much less
    print(f"\ngrowth {sizes[0]} -> {sizes[-1]} documents (target: under 2x):")
    for key in sorted(large):
        if (key.endswith("_p95_ms") or key in ("after_ingest_ms", "after_ingest_cpu_ms")) and key in small:
            ratio = large[key] / small[key] if small[key] else float("inf")
            print(f"  {key:<22}{small[key]:>9.1f} -> {large[key]:>9.1f} ms  x{ratio:.2f}")
    print(f"scale: docs={sizes[-1]} profile_p95_ms={large['profile_p95_ms']:.1f} "
          f"claims_about_p95_ms={large['claims_about_p95_ms']:.1f} graph2_p95_ms={large['graph2_p95_ms']:.1f} "
          f"search_p95_ms={large['search_p95_ms']:.1f} after_ingest_ms={large['after_ingest_ms']:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
