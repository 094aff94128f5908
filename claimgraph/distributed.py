"""Ingest on a Dask cluster: workers analyse and store batches, each document in its own transaction.

The store must be reachable from every worker (PostgreSQL for a real cluster); a local
cluster can share a SQLite file. Failures come back to the client like a local run's. The
cross-source steps (alignment, corroboration, conflicts) run once, in the client, after every batch
is stored: workers writing at once never run them side by side, and they see every document in
the store's own order (publication date, then id), as a one-process run does. A new name is
matched to the stored entities as its document is written (store/writer.py), so which entity a
merge keeps, and now and then whether two names merge, follows the order the workers store in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from copy import deepcopy
from dataclasses import asdict
from itertools import islice

from claimgraph.ingest.sources import Failure
from claimgraph.model import SourceDocument
from claimgraph.pipeline import IngestReport, complete_pending, ingest
from claimgraph.settings import Settings


def _batches(items: Iterable[SourceDocument], size: int) -> Iterator[list[SourceDocument]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _ingest_batch(docs: list[SourceDocument], settings: Settings) -> dict[str, list]:  # type: ignore[type-arg]
    """Worker side: analyse and store one batch (runs in the worker process)."""
    report = ingest(docs, settings, after=False)  # the client runs the cross-source steps once for all
    return {"stored": report.stored, "duplicates": report.duplicates,
            "failures": [asdict(f) for f in report.failures], "words": [report.words]}


def ingest_on_dask(items: Iterable[SourceDocument | Failure], settings: Settings, scheduler: str,
                   batch_size: int = 64) -> IngestReport:
    """Spread documents over a Dask cluster (`scheduler` address, or "local" for a local cluster)."""
    from distributed import Client, LocalCluster, as_completed

    from claimgraph.store.db import get_engine

    # migrate the store here, once, before any worker connects, rather than have the workers race to migrate it
    engine = get_engine(settings.store.url)
    report = IngestReport()
    docs: list[SourceDocument] = []
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Failure):
            report.failures.append(item)
        elif item.sha256 in seen:  # the same text twice: one copy is analysed, as in a local run
            report.duplicates.append(item.doc_id)
        else:
            seen.add(item.sha256)
            docs.append(item)
    workers = max(1, settings.nlp.n_process)
    # each worker is one process: it runs spaCy in process (a Dask worker may not start processes of its own)
    worker_settings = deepcopy(settings)
    worker_settings.nlp.n_process = 1
    cluster = LocalCluster(processes=True, n_workers=workers, threads_per_worker=1,
                           dashboard_address=None) if scheduler == "local" else None
    client = Client(cluster if cluster is not None else scheduler)
    try:
        futures = [client.submit(_ingest_batch, batch, worker_settings, pure=False)
                   for batch in _batches(docs, batch_size)]
        for future in as_completed(futures):
            part = future.result()
            report.stored += part["stored"]
            report.duplicates += part["duplicates"]
            report.failures += [Failure(**f) for f in part["failures"]]
            report.words += sum(part["words"])
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    complete_pending(engine, report)
    return report
