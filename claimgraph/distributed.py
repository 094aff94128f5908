"""Ingest on a Dask cluster: workers analyse and store batches, each document in its own transaction.

The store must be reachable from every worker (PostgreSQL for a real cluster); a local
cluster can share a SQLite file. Failures come back to the client like a local run's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict
from itertools import islice

from claimgraph.ingest.sources import Failure
from claimgraph.model import SourceDocument
from claimgraph.pipeline import IngestReport, ingest
from claimgraph.settings import Settings


def _batches(items: Iterable[SourceDocument], size: int) -> Iterator[list[SourceDocument]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _ingest_batch(docs: list[SourceDocument], settings: Settings) -> dict[str, list]:  # type: ignore[type-arg]
    """Worker side: analyse and store one batch (runs in the worker process)."""
    report = ingest(docs, settings)
    return {"stored": report.stored, "duplicates": report.duplicates,
            "failures": [asdict(f) for f in report.failures], "words": [report.words]}


def ingest_on_dask(items: Iterable[SourceDocument | Failure], settings: Settings, scheduler: str,
                   batch_size: int = 64) -> IngestReport:
    """Spread documents over a Dask cluster (`scheduler` address, or "local" for a local cluster)."""
    from distributed import Client, LocalCluster, as_completed

    report = IngestReport()
    docs: list[SourceDocument] = []
    for item in items:
        if isinstance(item, Failure):
            report.failures.append(item)
        else:
            docs.append(item)
    cluster = LocalCluster(processes=True, n_workers=settings.nlp.n_process or 1, threads_per_worker=1,
                           dashboard_address=None) if scheduler == "local" else None
    client = Client(cluster if cluster is not None else scheduler)
    try:
        futures = [client.submit(_ingest_batch, batch, settings, pure=False)
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
    return report
