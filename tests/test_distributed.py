"""Ingest on a Dask cluster stores the same documents and claims as a local run."""

from __future__ import annotations

import shutil
from copy import deepcopy
from pathlib import Path

import pytest
from sqlalchemy import Engine

from claimgraph.ingest.sources import Failure
from claimgraph.model import SourceDocument
from claimgraph.pipeline import ingest
from claimgraph.settings import Settings
from claimgraph.store import records
from claimgraph.store.db import get_engine
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


def test_dask_ingest_stores_what_a_local_run_stores(settings: Settings, engine: Engine, template_store: Path,
                                                     tmp_path: Path) -> None:
    from claimgraph.distributed import ingest_on_dask

    docs = [SourceDocument(text=t, source=f"{i}.txt") for i, t in enumerate(TEXTS)]
    local = deepcopy(settings)
    local.store.url = f"sqlite:///{tmp_path / 'local.db'}"
    shutil.copyfile(template_store, tmp_path / "local.db")
    ingest(docs, local, get_engine(local.store.url))
    with distributed.LocalCluster(processes=False, n_workers=1, threads_per_worker=1,
                                  dashboard_address=None) as cluster:
        ingest_on_dask(list(docs), settings, cluster.scheduler_address, batch_size=4)

    def stored(url: str) -> tuple[dict[str, int], list[str]]:
        with get_engine(url).connect() as conn:
            return records.count_rows(conn), sorted(c["id"] for c in records.iter_claims(conn))

    ours, theirs = stored(settings.store.url), stored(local.store.url)
    assert ours == theirs and ours[0]["claims"] > 0
