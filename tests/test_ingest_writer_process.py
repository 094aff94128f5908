"""The forked writer process: the same store as the writer thread, failures kept per document, and no orphan."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

import claimgraph.pipeline as pipeline
from claimgraph.model import SourceDocument
from claimgraph.nlp.pipeline import ForkedWorkers
from claimgraph.settings import Settings
from claimgraph.store.db import get_engine
from claimgraph.store.writer import write_analysis

LINES = [
    "The Amber Circle said on {d} March that its fighters had attacked a depot of the Salt Coast Front in Varnos.",
    "A spokesman for the Salt Coast Front denied that the group held {d} hostages, the Varnos Herald reported.",
    "The Amber Circle is based in Keldar, according to officials who met its envoys on {d} April.",
]


def _docs() -> list[SourceDocument]:
    return [SourceDocument(text=line.format(d=d), source="t", id=f"w{d}-{i}")
            for d in range(1, 4) for i, line in enumerate(LINES)]


def _rows(url: str) -> dict[str, list[Any]]:
    with get_engine(url).connect() as conn:
        return {"documents": sorted(conn.execute(text("SELECT sha256, word_count FROM documents")).all()),
                "claims": sorted(conn.execute(text("SELECT predicate, modality, polarity, confidence FROM claims")).all()),
                "entities": sorted(conn.execute(text("SELECT name, type FROM entities")).all())}


def _settings(url: str) -> Settings:
    settings = Settings()
    settings.store.url = url
    return settings


def _ingest_alone(url: str, out: Any) -> None:
    """Ingest _docs() in a spawned process of its own: no thread another test left running can rule out the fork."""
    made: list[bool] = []
    real = pipeline._writer_process

    def spy(engine: Any) -> ForkedWorkers | None:
        workers = real(engine)
        made.append(workers is not None)
        return workers

    pipeline._writer_process = spy
    report = pipeline.ingest(_docs(), _settings(url))
    out.put((made, len(report.failures), len(report.stored), report.words))


def _spawned(target: Any, *args: Any) -> Any:
    ctx = multiprocessing.get_context("spawn")
    out = ctx.SimpleQueue()
    proc = ctx.Process(target=target, args=(*args, out))
    proc.start()
    got = out.get()
    proc.join()
    return got


def test_writer_process_stores_what_the_writer_thread_stores(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    in_process = f"sqlite:///{tmp_path / 'process.db'}"
    made, failures, stored, words = _spawned(_ingest_alone, in_process)
    assert made == [True] and not failures and stored == len(_docs())
    monkeypatch.setattr(pipeline, "_writer_process", lambda engine: None)
    in_thread = f"sqlite:///{tmp_path / 'thread.db'}"
    twin = pipeline.ingest(_docs(), _settings(in_thread))
    assert words == twin.words and len(twin.stored) == stored
    got, expected = _rows(in_process), _rows(in_thread)
    assert got["claims"] and got == expected
    again = pipeline.ingest(_docs(), _settings(in_process))  # every one known now, checked before analysis
    assert not again.stored and len(again.duplicates) == len(_docs())


def test_a_document_the_writer_process_cannot_store_fails_alone(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    real = write_analysis

    def flaky(engine: Any, analysis: Any, find: Any) -> Any:
        if analysis.document.id == "w2-1":
            raise ValueError("a disk that says no")
        return real(engine, analysis, find)

    monkeypatch.setattr(pipeline, "write_analysis", flaky)  # the fork copies the patched module
    report = pipeline.ingest(_docs(), _settings(f"sqlite:///{tmp_path / 's.db'}"))
    assert [(f.doc_id, "a disk that says no" in f.reason) for f in report.failures] == [("w2-1", True)]
    assert len(report.stored) == len(_docs()) - 1


def test_no_writer_process_where_a_fork_is_not_safe(tmp_path: Path) -> None:
    assert pipeline._writer_process(get_engine("sqlite://")) is None  # a store in this process's memory
    file_store = get_engine(f"sqlite:///{tmp_path / 'f.db'}")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert pipeline._writer_process(file_store) is None  # another thread could hold a lock across the fork
    finally:
        stop.set()
        other.join()
    assert _spawned(_forks, str(tmp_path / "f.db"))  # with this thread alone (another test's may still run here)


def _forks(path: str, out: Any) -> None:
    workers = pipeline._writer_process(get_engine(f"sqlite:///{path}"))
    out.put(workers is not None)
    if workers is not None:
        workers.close()


def _parent(out: Any) -> None:
    workers = ForkedWorkers(lambda batch: batch, 1, 1)
    out.put(workers._procs[0].pid)
    time.sleep(60)  # killed before this ends


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat", encoding="ascii") as fh:  # a zombie waiting for init is gone too
        return fh.read().split(")")[-1].split()[0] != "Z"


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
def test_a_worker_ends_with_the_process_that_forked_it() -> None:
    ctx = multiprocessing.get_context("fork")
    out = ctx.SimpleQueue()
    parent = ctx.Process(target=_parent, args=(out,))
    parent.start()
    worker = out.get()
    assert _alive(worker)
    os.kill(parent.pid or 0, signal.SIGKILL)
    parent.join()
    deadline = time.monotonic() + 10
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(worker)
