"""From source documents to stored claims: NLP, the registered stages, then the store."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from queue import Queue
from threading import Thread

from sqlalchemy import Engine

from claimgraph import plugins
from claimgraph.extract.context import DocContext
from claimgraph.ingest.guard import OverBudget, time_budget
from claimgraph.ingest.sources import Failure
from claimgraph.model import Analysis, SourceDocument
from claimgraph.nlp.pipeline import load_nlp
from claimgraph.settings import Settings
from claimgraph.store.db import get_engine
from claimgraph.store.writer import document_exists, write_analysis


@dataclass
class IngestReport:
    """What one ingest run did."""

    stored: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    words: int = 0
    notes: list[str] = field(default_factory=list)
    pending: int = 0


def prepare_store(settings: Settings) -> Engine:
    """Create or migrate the store and let plugins load their reference data (the gazetteer)."""
    engine = get_engine(settings.store.url)
    plugins.plugin_manager().hook.claimgraph_prepare_store(engine=engine, settings=settings)
    return engine


def analyze_docs(docs: Iterable[SourceDocument], settings: Settings) -> Iterator[DocContext]:
    """Run spaCy and every enabled stage over documents, yielding one context per document."""
    nlp = load_nlp(settings.nlp.model, settings.nlp.max_length)
    stage_list = plugins.stages(settings.extract.enabled, settings.extract.disabled)
    pairs = ((d.text, d) for d in docs)
    for spacy_doc, source in nlp.pipe(pairs, as_tuples=True, batch_size=settings.nlp.batch_size,
                                      n_process=settings.nlp.n_process):
        analysis = Analysis(document=source, word_count=sum(1 for t in spacy_doc if not t.is_punct
                                                            and not t.is_space))
        ctx = DocContext(analysis=analysis, doc=spacy_doc, settings=settings)
        try:
            with time_budget(settings.ingest.doc_seconds) as check:  # one slow document never holds the batch
                for stage in stage_list:
                    try:
                        check()
                        stage.run(ctx)
                    except OverBudget:
                        raise
                    except Exception as exc:  # a stage failing on one document fails that document only
                        ctx.failure = f"analysis failed in stage {stage.name}: {type(exc).__name__}: {exc}"
                        break
        except OverBudget as exc:
            ctx.failure = str(exc)
        if settings.extract.min_confidence > 0:
            analysis.claims = [c for c in analysis.claims if c.confidence >= settings.extract.min_confidence]
        yield ctx


def ingest(items: Iterable[SourceDocument | Failure], settings: Settings, engine: Engine | None = None,
           on_document: Callable[[str, int], None] | None = None,
           on_failure: Callable[[Failure], None] | None = None) -> IngestReport:
    """Analyse and store documents; failures are reported and skipped, stored ones are skipped.

    Every document passes the type rules and limits first (claimgraph.ingest.guard); each is
    written in its own transaction, retried when another writer holds the lock; the cross-source
    steps then run for every pending document, including any an earlier, killed run left behind.
    """
    from claimgraph.ingest.guard import admit, notes_of, origin_of, with_retry
    from claimgraph.ingest.sources import one_line
    from claimgraph.ingest.validate import IngestError
    from claimgraph.store.pending import pending_documents

    engine = engine or get_engine(settings.store.url)
    report = IngestReport()

    def fail(failure: Failure) -> None:
        report.failures.append(failure)
        if on_failure:
            on_failure(failure)

    def fresh() -> Iterator[SourceDocument]:
        seen: set[str] = set()
        for item in items:
            if isinstance(item, Failure):
                fail(item)
                continue
            try:
                item = admit(item, settings)
            except IngestError as exc:
                fail(Failure(origin_of(item), str(exc), item.id if isinstance(item.id, str) else None))
                continue
            with engine.connect() as conn:
                known = document_exists(conn, item.sha256)
            if known or item.sha256 in seen:
                report.duplicates.append(known or item.doc_id)
                if on_document:
                    on_document(item.doc_id, 0)
                continue
            seen.add(item.sha256)
            yield item

    def store(ctx: DocContext) -> None:
        doc = ctx.analysis.document
        if ctx.failure:
            fail(Failure(origin_of(doc), ctx.failure.strip().splitlines()[0][:500], doc.id))
            return
        try:
            doc_id = with_retry(lambda: write_analysis(engine, ctx.analysis, ctx.find))
        except Exception as exc:  # one bad document never loses the batch
            fail(Failure(origin_of(doc), f"could not be stored: {one_line(exc)}", doc.id))
            return
        if doc_id is None:
            report.duplicates.append(doc.doc_id)
        else:
            report.stored.append(doc_id)
            report.words += ctx.analysis.word_count
            report.notes += [f"{origin_of(doc)}: {note}" for note in notes_of(doc)]  # what was left out of it
        if on_document:
            on_document(doc.doc_id, ctx.analysis.word_count)

    # one writer thread stores documents in order while spaCy analyses the next ones: the
    # database work overlaps the model's, and each document is still one transaction
    queue: Queue[DocContext | None] = Queue(maxsize=2 * settings.nlp.batch_size)

    def writer() -> None:
        while (ctx := queue.get()) is not None:
            store(ctx)

    thread = Thread(target=writer, name="claimgraph-writer", daemon=True)
    thread.start()
    try:
        for ctx in analyze_docs(fresh(), settings):
            if not thread.is_alive():
                raise RuntimeError("the store writer stopped")
            queue.put(ctx)
    finally:
        queue.put(None)
        thread.join()
    with engine.connect() as conn:
        pending = bool(report.stored) or bool(pending_documents(conn))
    if pending:
        plugins.plugin_manager().hook.claimgraph_after_ingest(engine=engine, document_ids=report.stored)
        with engine.connect() as conn:
            report.pending = len(pending_documents(conn))
    return report
