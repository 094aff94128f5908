"""Two ingest processes into one SQLite store take turns at the write lock: every document stored, once."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from sqlalchemy import text

from claimgraph.model import SourceDocument
from claimgraph.pipeline import ingest
from claimgraph.settings import Settings
from claimgraph.store.db import get_engine

SENTENCES = [
    "The Harbour Council said its members met envoys of the Ridge Movement in Tarsin on {d} May.",
    "Police in Omarra arrested {d} members of the Valley Front, a spokesman for the ministry said.",
    "The Ridge Movement denied that it had attacked the convoy near Tarsin on {d} June.",
]


def _docs() -> list[SourceDocument]:
    return [SourceDocument(text=s.format(d=d), source="t", id=f"d{d}-{i}")
            for d in range(1, 7) for i, s in enumerate(SENTENCES)]


def _run(docs: list[SourceDocument], url: str, out: multiprocessing.SimpleQueue) -> None:  # type: ignore[type-arg]
    settings = Settings()
    settings.store.url = url
    report = ingest(docs, settings, after=False)
    out.put((len(report.stored), [f.reason for f in report.failures]))


def test_two_ingest_processes_store_every_document_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    get_engine(url).dispose()  # the schema exists before the writers start, as after `claimgraph init`
    docs = _docs()
    ctx = multiprocessing.get_context("fork")
    out = ctx.SimpleQueue()
    procs = [ctx.Process(target=_run, args=(docs[i::2], url, out)) for i in range(2)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(timeout=300)
    results = [out.get() for _ in procs]
    assert [failures for _, failures in results] == [[], []]
    assert sum(stored for stored, _ in results) == len(docs)
    with get_engine(url).connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar() == len(docs)
