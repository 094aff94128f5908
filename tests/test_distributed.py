"""Ingest on a Dask cluster stores the same documents and claims as a local run."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from claimgraph.ingest.sources import Failure
from claimgraph.model import SourceDocument
from claimgraph.settings import Settings
from claimgraph.store import records
from claimgraph.store.pending import pending_documents

distributed = pytest.importorskip("distributed")

TEXTS = [f"Report {i}: The Red Dawn Front attacked a police post in Mosul in 200{i}." for i in range(6)]


def test_dask_ingest_matches_local(settings: Settings, engine: Engine) -> None:
    from claimgraph.distributed import ingest_on_dask

    docs: list[SourceDocument | Failure] = [SourceDocument(text=t, source=f"{i}.txt") for i, t in enumerate(TEXTS)]
    docs.append(Failure("broken.pdf", "corrupt PDF"))
    with distributed.LocalCluster(processes=False, n_workers=1, threads_per_worker=1,
                                  dashboard_address=None) as cluster:
        report = ingest_on_dask(docs, settings, cluster.scheduler_address, batch_size=2)
        again = ingest_on_dask(docs, settings, cluster.scheduler_address, batch_size=4)
    assert len(report.stored) == 6 and [f.source for f in report.failures] == ["broken.pdf"]
    assert not again.stored and len(again.duplicates) == 6
    with engine.connect() as conn:
        assert records.count_rows(conn)["documents"] == 6
        # the workers leave the cross-source steps to the client, which runs them once for every document
        assert report.pending == 0 and pending_documents(conn) == []
