"""Throughput: words per second of a full ingest against spaCy alone (the stock pipeline) on the same texts."""

from __future__ import annotations

import json
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from claimgraph.model import SourceDocument
from claimgraph.nlp.pipeline import load_nlp
from claimgraph.settings import Settings, load_settings


@dataclass
class Throughput:
    """Words per second of bare nlp.pipe and of the full ingest (analysis and store) on one batch."""

    documents: int
    words: int
    nlp_seconds: float
    ingest_seconds: float

    @property
    def nlp_wps(self) -> float:
        """Words per second of spaCy alone."""
        return self.words / max(self.nlp_seconds, 1e-9)

    @property
    def ingest_wps(self) -> float:
        """Words per second of the full ingest."""
        return self.words / max(self.ingest_seconds, 1e-9)


def read_texts(path: Path, limit: int) -> list[SourceDocument]:
    """The first `limit` documents of a JSONL file with a "text" field (ids from "id"/"doc_id")."""
    docs: list[SourceDocument] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if len(docs) >= limit:
                break
            if line.strip():
                row = json.loads(line)
                doc_id = str(row.get("id") or row.get("doc_id") or f"doc-{n}")
                docs.append(SourceDocument(text=row["text"], source=path.name, id=doc_id))
    return docs


def measure(docs: list[SourceDocument], settings: Settings | None = None) -> Throughput:
    """Time spaCy alone, then a full ingest into a fresh temporary store, on the same documents."""
    import spacy

    from claimgraph.nlp.pipeline import choose_model
    from claimgraph.pipeline import ingest
    from claimgraph.store.db import get_engine

    settings = settings or load_settings()
    nlp = spacy.load(choose_model(settings.nlp.model))  # the stock pipeline: what "spaCy alone" means
    next(iter(nlp.pipe(["Warm-up sentence."])))
    next(iter(load_nlp(settings.nlp.model, settings.nlp.max_length).pipe(["Warm-up sentence."])))
    started = time.perf_counter()
    words = 0
    for doc in nlp.pipe((d.text for d in docs), batch_size=settings.nlp.batch_size):
        words += sum(1 for t in doc if not t.is_punct and not t.is_space)
    nlp_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory(prefix="claimgraph-speed-") as tmp:
        settings.store.url = f"sqlite:///{Path(tmp) / 'speed.db'}"
        engine = get_engine(settings.store.url)
        started = time.perf_counter()
        ingest(docs, settings, engine)
        ingest_seconds = time.perf_counter() - started
        engine.dispose()
    return Throughput(documents=len(docs), words=words, nlp_seconds=nlp_seconds, ingest_seconds=ingest_seconds)
