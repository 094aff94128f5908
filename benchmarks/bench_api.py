"""Benchmark: API latency over a store of 10,000 synthetic documents.

    .venv/bin/python benchmarks/bench_api.py [--docs 10000] [--db /tmp/bench-api.db] [--rounds 40]

Builds the store by writing rows directly with SQLAlchemy (no spaCy), then times the
profile, claims and 2-hop graph endpoints in process through FastAPI's TestClient and
prints p50/p95/max per endpoint against the targets (profile and claims p95 < 100 ms,
2-hop graph p95 < 300 ms). A store already built at --db with the same size is reused.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import accumulate
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select

from claimgraph.settings import load_settings
from claimgraph.store.db import get_engine
from claimgraph.store.derived import triple_hash
from claimgraph.store.schema import aliases, claims, documents, entities, evidence, mentions

TARGETS_MS = {"profile": 100.0, "claims": 100.0, "graph 2-hop": 300.0}
SYLLABLES = ["ka", "ri", "mo", "den", "tal", "shu", "vor", "ein", "las", "pa", "gor", "mi", "ter", "zan", "ul", "bo", "fre", "na", "dus", "kel"]
# a made-up vocabulary of 8,000 words drawn with Zipf-like frequencies, so that a search
# word is as selective as in real text (common words everywhere, rare ones in a few documents)
WORDS = sorted({a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES})[:8000]
WORD_WEIGHTS = [1.0 / (rank + 1) for rank in range(len(WORDS))]
# cumulative once: random.choices given `weights` sums them again on every call (the same draws either way)
WORD_CUMULATIVE = list(accumulate(WORD_WEIGHTS))
PREDICATES = ("supported", "opposes", "hostile_to", "tied_to", "member_of", "leader_of", "has_base",
              "attacked", "kidnapped", "designated_terrorist", "trained", "agreement_with", "founded_in")
MODALITIES = ("asserted", "asserted", "asserted", "hedged", "attributed", "speculative", "negated")
TYPES = ("Organization", "Organization", "Person", "Person", "Place", "Country", "Group")


CLAIMS_PER_DOC = 10  # claims a generated document states (the scale benchmark's "about 10 claims each")
DOCS_PER_TRANSACTION = 5000


def _stable_id(*parts: str) -> str:
    """A claim id from its parts that is the same in every run (Python's hash() of a str is not)."""
    return "c-bench" + hashlib.blake2b("|".join(parts).encode(), digest_size=6).hexdigest()


@contextmanager
def bulk_load(conn: Connection) -> Iterator[None]:
    """On an empty SQLite store, drop the secondary indexes of the bulk tables and the documents' search
    trigger while rows go in, then build them once from the rows (a sort each, not a b-tree insert per row):
    the store comes out as row-by-row inserts would leave it. Elsewhere, nothing changes."""
    if conn.dialect.name != "sqlite" or conn.execute(select(func.count()).select_from(documents)).scalar():
        yield
        return
    tables = ("documents", "claims", "evidence", "mentions")
    held = conn.exec_driver_sql(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL "
        f"AND tbl_name IN ({', '.join(repr(t) for t in tables)}) AND name NOT LIKE 'documents_pending%'").all()
    fts = any(name == "documents_fts_insert" for _, name, _ in held)
    for kind, name, _ in held:
        conn.exec_driver_sql(f'DROP {kind.upper()} "{name}"')
    conn.commit()
    try:
        yield
    finally:
        for _kind, _, sql in sorted(held, key=lambda r: r[0]):  # indexes first, then the triggers
            conn.exec_driver_sql(sql)
        if fts:  # what documents_fts_insert would have written for each document
            conn.exec_driver_sql("INSERT INTO documents_fts(rowid, document_id, title, text) "
                                 "SELECT rowid, id, coalesce(title, ''), text FROM documents")
        if any(name == "claim_counts_insert" for _, name, _ in held):  # what the claims' count triggers keep
            from claimgraph.store.derived import refill_claim_counts

            refill_claim_counts(conn)
        conn.commit()


def build_store(engine: Engine, n_docs: int, seed: int = 7, claims_per_doc: int = CLAIMS_PER_DOC) -> dict[str, int]:
    """Write n_docs documents with entities, mentions, claims and evidence straight into the tables."""
    rng = random.Random(seed)
    n_entities = max(50, n_docs // 5)
    entity_ids = [f"e-bench{i:06d}" for i in range(n_entities)]
    # a few entities are named often and most rarely, as in news (cumulative weights: summed once)
    weights = list(accumulate(1.0 / (rank + 1) ** 0.8 for rank in range(n_entities)))
    stamp = "2026-01-01T00:00:00+00:00"
    stored: set[str] = set()  # claim ids written (a claim said again gets only a new evidence row)
    with engine.connect() as conn, bulk_load(conn):
        if conn.dialect.name == "sqlite":  # this connection only: the bulk load's pages stay in memory
            conn.exec_driver_sql("PRAGMA cache_size=-400000")
        conn.execute(insert(entities), [
            {"id": eid, "name": f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {i}",
             "type": TYPES[i % len(TYPES)], "external_ids": {}, "attrs": {},
             "geo": {"lat": rng.uniform(-60, 60), "lon": rng.uniform(-170, 170), "uncertainty_km": 5.0,
                     "method": "gazetteer"} if TYPES[i % len(TYPES)] == "Place" else None}
            for i, eid in enumerate(entity_ids)])
        conn.execute(insert(aliases), [
            {"entity_id": eid, "alias": alias, "norm": alias.lower()}
            for i, eid in enumerate(entity_ids) for alias in (f"Alias{i}", f"Alt name {i}")])
        conn.commit()
        for start in range(0, n_docs, DOCS_PER_TRANSACTION):
            docs: list[dict[str, Any]] = []
            ments: list[dict[str, Any]] = []
            evs: dict[tuple[str, str, int, int], dict[str, Any]] = {}
            fresh: dict[str, dict[str, Any]] = {}
            for d in range(start, min(n_docs, start + DOCS_PER_TRANSACTION)):
                doc_id = f"bench/{d}"
                body = " ".join(rng.choices(WORDS, cum_weights=WORD_CUMULATIVE, k=300))
                docs.append({"id": doc_id, "sha256": f"{d:064x}", "title": f"Report {d}", "source": "bench.jsonl",
                             "url": f"https://outlet{d % 40}.example/{d}",
                             "published": f"20{10 + d % 15}-0{1 + d % 9}-1{d % 9}",
                             "text": body, "word_count": 300, "ingested_at": stamp})
                involved = list(dict.fromkeys(rng.choices(entity_ids, cum_weights=weights, k=8)))
                for m, eid in enumerate(involved):
                    ments.append({"entity_id": eid, "document_id": doc_id, "start": m * 20, "end": m * 20 + 8,
                                  "text": body[m * 20: m * 20 + 8], "type": "Organization"})
                for c in range(claims_per_doc):
                    subject, obj = rng.sample(involved, 2) if len(involved) > 1 else (entity_ids[0], entity_ids[1])
                    predicate = rng.choice(PREDICATES)
                    modality = rng.choice(MODALITIES)
                    claim_id = _stable_id(subject, predicate, obj, modality)
                    year = 1970 + rng.randrange(50)
                    dated = rng.random() < 0.4
                    span = rng.randrange(5)
                    confidence = round(rng.uniform(0.4, 0.95), 2)
                    if claim_id not in stored and claim_id not in fresh:
                        literal = predicate == "founded_in"
                        row: dict[str, Any] = {
                            "id": claim_id, "subject_id": subject, "predicate": predicate,
                            "object_id": None if literal else obj, "object_value": str(year) if literal else None,
                            "object_type": "date" if literal else None,
                            "qualifiers": {"time": {"start": str(year), "end": str(year + span)}} if dated else {},
                            "modality": modality, "polarity": "negative" if modality == "negated" else "positive",
                            "attributed_to_id": None, "confidence": confidence, "status": "active"}
                        row["triple_key"] = triple_hash(row)
                        fresh[claim_id] = row
                    evs.setdefault((claim_id, doc_id, 30 * c, 30 * c + 25), {
                        "claim_id": claim_id, "document_id": doc_id, "start": 30 * c, "end": 30 * c + 25,
                        "text": body[30 * c: 30 * c + 25], "qualifiers": {}, "confidence": 0.7,
                        "extractor": "bench"})
            conn.execute(insert(documents), docs)
            conn.execute(insert(mentions), ments)
            if fresh:
                conn.execute(insert(claims), list(fresh.values()))
            conn.execute(insert(evidence), list(evs.values()))
            conn.commit()
            stored.update(fresh)
    with engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar() or 0
                for t in (documents, entities, mentions, claims, evidence)}


def timed(call: Callable[[], Any], rounds: int) -> tuple[float, list[float]]:
    """Milliseconds of a first (warm-up) call and of each of `rounds` calls after it."""
    started = time.perf_counter()
    call()
    first = (time.perf_counter() - started) * 1000
    out = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        out.append((time.perf_counter() - started) * 1000)
    return first, out


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def main() -> int:
    """Build (or reuse) the store, time the endpoints, print the figures; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=None, help="SQLite file (default: a temporary one)")
    parser.add_argument("--rounds", type=int, default=40, help="Timed requests per endpoint.")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    from fastapi.testclient import TestClient

    from claimgraph.api.app import create_app

    path = args.db or Path(tempfile.mkdtemp(prefix="bench-api-")) / "bench.db"
    settings = load_settings()
    settings.store.url = f"sqlite:///{path}"
    engine = get_engine(settings.store.url)
    with engine.connect() as conn:
        present = conn.execute(select(func.count()).select_from(documents)).scalar() or 0
    started = time.perf_counter()
    if present == 0:
        counts = build_store(engine, args.docs)
        print(f"built store in {time.perf_counter() - started:.1f} s: {counts}")
    elif present != args.docs:
        print(f"{path} holds {present} documents, not {args.docs}: remove it or pass another --db", file=sys.stderr)
        return 2
    else:
        print(f"reusing {path} ({present} documents)")

    rng = random.Random(11)
    with engine.connect() as conn:
        ranked = list(conn.execute(select(claims.c.subject_id, func.count().label("n")).group_by(claims.c.subject_id)
                                   .order_by(func.count().desc())).all())
    # typical entities (drawn across the ranking) and the busiest one, reported apart
    sample: list[str] = [r.subject_id for r in rng.sample(ranked, min(args.rounds, len(ranked)))]
    hub, hub_claims = ranked[0].subject_id, ranked[0].n
    client = TestClient(create_app(settings))
    cursor = {"i": 0}

    def next_entity() -> str:
        cursor["i"] += 1
        return sample[cursor["i"] % len(sample)]

    def get(url: str, **params: Any) -> None:
        r = client.get(url, params=params)
        if r.status_code != 200:
            raise SystemExit(f"{url} {params}: {r.status_code} {r.text[:200]}")

    cases: dict[str, Callable[[], None]] = {
        "profile": lambda: get(f"/api/entities/{next_entity()}/profile"),
        "claims": lambda: get("/api/claims", entity=next_entity(), limit=100),
        "claims (filters)": lambda: get("/api/claims", predicate="attacked", time_from="1990", time_to="1999",
                                        limit=100),
        "graph 2-hop": lambda: get("/api/graph", entity=next_entity(), hops=2),
        "search": lambda: get("/api/search", q=rng.choice(WORDS[20:2000])),
        "entities": lambda: get("/api/entities", limit=50),
        "places": lambda: get("/api/places"),
        "document": lambda: get(f"/api/documents/bench/{rng.randrange(args.docs)}"),
    }
    failed = False
    # the first call of an endpoint that reads whole-store results (conflicts, document
    # alignment) computes and caches them; later calls reuse them until the store changes
    print(f"{'endpoint':<18}{'first ms':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}  target")
    for name, call in cases.items():
        first, ms = timed(call, args.rounds)
        target = TARGETS_MS.get(name)
        p95 = percentile(ms, 95)
        verdict = "" if target is None else (f"< {target:.0f} ms " + ("ok" if p95 < target else "MISSED"))
        failed |= target is not None and p95 >= target
        print(f"{name:<18}{first:>9.1f}{statistics.median(ms):>9.1f}{p95:>9.1f}{max(ms):>9.1f}  {verdict}")
    for name, call in (("profile", lambda: get(f"/api/entities/{hub}/profile")),
                       ("graph 2-hop", lambda: get("/api/graph", entity=hub, hops=2))):
        first, ms = timed(call, 5)
        print(f"{name + ' (hub)':<18}{first:>9.1f}{statistics.median(ms):>9.1f}{percentile(ms, 95):>9.1f}{max(ms):>9.1f}"
              f"  busiest entity, subject of {hub_claims} claims")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
