"""Benchmark: words/s of `claimgraph ingest` against bare `nlp.pipe` with the same model, in one run.

    .venv/bin/python benchmarks/bench_ingest.py [--docs 300] [--workers 2] [--data ../shared/eval-data/bbc-news/...]

Prints both throughputs, their ratio (full ingest / bare spaCy: the stock pipeline as `spacy.load` gives it), the
same ingest with the model in `--workers` worker processes (`nlp.n_process`), the scaling of `--workers` ingest
processes into one store against one, the CPU seconds of the bare and the ingest run (the analysis process and the
writer process apart), and the peak RSS of the process. On a shared machine compare the figures of one run only.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import spacy

from claimgraph.model import SourceDocument
from claimgraph.nlp.pipeline import choose_model, load_nlp
from claimgraph.pipeline import ingest, prepare_store
from claimgraph.settings import Settings, load_settings

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval-data" / "bbc-news" / "bbc_news_2225.jsonl"


def read_docs(path: Path, n: int) -> list[SourceDocument]:
    """The first n articles of a JSONL file as documents."""
    docs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            docs.append(SourceDocument(text=row["text"], source=path.name, id=row["id"], title=row.get("title")))
            if len(docs) == n:
                break
    return docs


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user and system) of this process and of its ended children (the writer process once joined)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker(docs: list[SourceDocument], settings: Settings, out: multiprocessing.SimpleQueue) -> None:  # type: ignore[type-arg]
    """One ingest process: its share of the documents into the shared store; reports its word count."""
    report = ingest(docs, settings)
    out.put((report.words, len(report.stored), len(report.failures)))


def scaling(docs: list[SourceDocument], settings: Settings, workers: int) -> tuple[float, int, int]:
    """Words/s of `workers` ingest processes (forked with the model loaded) into one store, and stored/failed."""
    ctx = multiprocessing.get_context("fork")
    out = ctx.SimpleQueue()
    shares = [docs[i::workers] for i in range(workers)]
    procs = [ctx.Process(target=_worker, args=(share, settings, out)) for share in shares]
    start = time.perf_counter()
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()
    elapsed = time.perf_counter() - start
    results = [out.get() for _ in procs]
    return sum(r[0] for r in results) / elapsed, sum(r[1] for r in results), sum(r[2] for r in results)


def main() -> int:
    """Run both measurements and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--rounds", type=int, default=2, help="alternating rounds; the best of each is kept")
    ap.add_argument("--workers", type=int, default=2, help="ingest processes for the scaling figure (0: none)")
    args = ap.parse_args()
    if not args.data.exists():
        print(f"data not found: {args.data}", file=sys.stderr)
        return 2
    settings = load_settings()
    docs = read_docs(args.data, args.docs)
    # the bare figure is the stock pipeline; ingest runs its own (claimgraph.nlp.pipeline.load_nlp)
    nlp = spacy.load(choose_model(settings.nlp.model))
    load_nlp(settings.nlp.model, settings.nlp.max_length)
    batch = settings.nlp.batch_size
    words = sum(sum(1 for t in d if not t.is_punct and not t.is_space) for d in nlp.pipe(
        (x.text for x in docs[:20]), batch_size=batch))  # warm-up, and a first word count
    bare_best = full_best = pool_best = 0.0
    bare_cpu = full_cpu = (float("inf"), 0.0)  # the least CPU of any round: (total, of it in child processes)
    tmp = Path(tempfile.mkdtemp(prefix="claimgraph-bench-"))
    template = tmp / "template.db"
    start = time.perf_counter()
    settings.store.url = f"sqlite:///{template}"
    with prepare_store(settings).connect() as conn:  # schema and gazetteer, as a first run makes them
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    setup_s = time.perf_counter() - start
    # warm-up of the ingest side too: reference data (the gazetteer file, built here if missing) and caches
    settings.store.url = f"sqlite:///{tmp / 'warm-up.db'}"
    ingest(docs[:5], settings)
    for n in range(args.rounds):
        start, cpu = time.perf_counter(), cpu_seconds()
        words = sum(sum(1 for t in d if not t.is_punct and not t.is_space)
                    for d in nlp.pipe((x.text for x in docs), batch_size=batch))
        bare_best = max(bare_best, words / (time.perf_counter() - start))
        bare_cpu = min(bare_cpu, (sum(cpu_seconds()) - sum(cpu), 0.0))
        for n_process in (1, args.workers) if args.workers > 1 else (1,):
            db = tmp / f"round{n}-{n_process}.db"
            shutil.copyfile(template, db)
            settings.store.url = f"sqlite:///{db}"
            settings.nlp.n_process = n_process
            start, cpu = time.perf_counter(), cpu_seconds()
            report = ingest(docs, settings)
            elapsed = time.perf_counter() - start
            own, kids = (b - a for a, b in zip(cpu, cpu_seconds(), strict=True))
            if len(report.stored) != len(docs):
                print(f"stored {len(report.stored)} of {len(docs)}; failures: {report.failures[:3]}",
                      file=sys.stderr)
            if n_process == 1:
                full_best = max(full_best, report.words / elapsed)
                full_cpu = min(full_cpu, (own + kids, kids))
            else:
                pool_best = max(pool_best, report.words / elapsed)
        settings.nlp.n_process = 1
    multi_wps = 0.0
    if args.workers > 1:
        db = tmp / "workers.db"
        shutil.copyfile(template, db)
        settings.store.url = f"sqlite:///{db}"
        multi_wps, stored, failed = scaling(docs, settings, args.workers)
        if stored != len(docs):
            print(f"{args.workers} workers stored {stored} of {len(docs)}, {failed} failed", file=sys.stderr)
    print(f"model: {choose_model(settings.nlp.model)}, batch size {batch}, {len(docs)} documents, {words:,} words")
    print(f"bare nlp.pipe:      {bare_best:10,.0f} words/s")
    print(f"claimgraph ingest:  {full_best:10,.0f} words/s (NLP, every stage, SQLite writes)")
    print(f"ratio ingest/bare:  {full_best / bare_best:10.2f}")
    # what the two cost, whatever else runs on the machine: where other work leaves this run about one core, the
    # wall ratio tends to the CPU ratio (the writer process then no longer runs beside the analysis for free)
    print(f"CPU seconds:        bare {bare_cpu[0]:.1f}, ingest {full_cpu[0]:.1f} ({full_cpu[0] - full_cpu[1]:.1f} "
          f"analysis process + {full_cpu[1]:.1f} writer process): CPU ratio bare/ingest {bare_cpu[0] / full_cpu[0]:.2f}")
    if pool_best:
        print(f"nlp.n_process={args.workers}:    {pool_best:10,.0f} words/s (model and stages in {args.workers} worker "
              f"processes, writes in one): ratio to bare {pool_best / bare_best:.2f}, "
              f"{pool_best / full_best:.2f}x one process")
    if multi_wps:
        print(f"{args.workers} ingest processes: {multi_wps:10,.0f} words/s into one store, "
              f"{multi_wps / full_best:.2f}x one (target >= 1.8x on 2 cores)")
    print(f"peak RSS:           {peak_rss_mb():10,.0f} MiB")
    print(f"one-time store setup (schema and gazetteer, not in the ratio): {setup_s:.1f} s")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
