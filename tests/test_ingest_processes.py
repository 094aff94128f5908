"""Worker processes give the in-process annotations and stored records, in input order, and lose no document."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from claimgraph.model import SourceDocument
from claimgraph.nlp.pipeline import ModelProcesses, load_nlp
from claimgraph.pipeline import ingest
from claimgraph.settings import Settings
from claimgraph.store.db import get_engine

TEXTS = [
    "The Coastal Front said on Monday that its fighters had left the port of Varna.",
    "Officials in the ministry denied the report; a spokesman called it \u201cbaseless\u201d.",
    "",
    "Nobody claimed the bombing. Police arrested two men near the old market on Friday.",
    "The council\u2019s envoy met leaders of the Northern Alliance in the capital.",
]
ATTRS = ["ORTH", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "SENT_START", "ENT_IOB", "ENT_TYPE"]


def test_worker_docs_equal_in_process_docs_in_order() -> None:
    nlp = load_nlp()
    items = [(i, t) for i, t in enumerate(TEXTS * 3)] + [(99, "skipped")]
    workers = ModelProcesses(nlp, 2, batch_size=2)
    try:
        out = list(workers.docs(items, lambda item: None if item[0] == 99 else item[1]))
    finally:
        workers.close()
    assert [item for item, _ in out] == items  # order kept, nothing lost
    assert out[-1][1] is None  # an item without a text is the caller's own
    for (_, sample), doc in out[:-1]:
        assert not isinstance(doc, str) and doc is not None
        here = nlp(sample)
        assert doc.text == here.text
        assert doc.to_array(ATTRS).tolist() == here.to_array(ATTRS).tolist(), sample


def test_ingest_with_worker_processes_stores_what_one_process_stores(tmp_path: Path) -> None:
    docs = [SourceDocument(text=t, source="t", id=f"d{i}") for i, t in enumerate(TEXTS) if t]
    counts = []
    for n in (1, 2):
        settings = Settings()
        settings.store.url = f"sqlite:///{tmp_path / f'n{n}.db'}"
        settings.nlp.n_process = n
        settings.nlp.batch_size = 2
        report = ingest(docs, settings)
        assert not report.failures
        with get_engine(settings.store.url).connect() as conn:
            rows = {table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()
                    for table in ("claims", "evidence", "mentions", "entities")}
        counts.append((sorted(report.stored), report.words, rows))
    assert counts[0][2]["claims"]  # the texts hold claims, so equal counts compare something
    assert counts[0] == counts[1]
