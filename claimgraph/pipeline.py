"""From source documents to stored claims: NLP, the registered stages, then the store."""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from functools import partial
from queue import Queue
from threading import Thread

from spacy.language import Language
from spacy.tokens import Doc
from sqlalchemy import Engine

from claimgraph import plugins
from claimgraph.core.stages import Stage
from claimgraph.extract.context import DocContext, ReadingContext
from claimgraph.geo.cache import serve_territory_names
from claimgraph.ingest.guard import OverBudget, time_budget
from claimgraph.ingest.sources import Failure
from claimgraph.model import Analysis, SourceDocument
from claimgraph.nlp.pipeline import ForkedWorkers, ModelProcesses, load_nlp, parse_alone, parse_in_sections
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


def analyze_docs(docs: Iterable[SourceDocument], settings: Settings,
                 on_ready: Callable[[], None] | None = None) -> Iterator[DocContext]:
    """Run spaCy and every enabled stage over documents, yielding one context per document.

    Short documents are parsed in batches; a document longer than the section size is parsed section by
    section and joined into one Doc (offsets stay the stored text's). A failure in spaCy or in a stage,
    or a document over its time budget, fails that document only (`ctx.failure`). `on_ready` is called
    once the model is loaded and the stages planned, before the first document.
    """
    nlp = load_nlp(settings.nlp.model, settings.nlp.max_length)
    stage_list = plugins.stages(settings.extract.enabled, settings.extract.disabled)
    serve_territory_names(settings.geo.cache_dir)  # reference data read from the machine's cache, not rebuilt
    limit = section_chars(settings)
    warm_up(nlp, stage_list, settings)
    if on_ready is not None:
        on_ready()
    for source, parsed in _parsed(nlp, docs, settings, limit):
        ctx = ReadingContext(analysis=Analysis(document=source), doc=nlp.make_doc(""), settings=settings)
        try:
            with time_budget(settings.ingest.doc_seconds) as check:  # one slow document never holds the batch
                if parsed is None:  # a long document: its sections count against its own budget
                    try:
                        parsed = parse_in_sections(nlp, source.text, limit, check)
                    except OverBudget:
                        raise
                    except Exception as exc:
                        parsed = f"analysis failed in spaCy: {type(exc).__name__}: {exc}"
                if isinstance(parsed, str):
                    ctx.failure = parsed
                else:
                    ctx.doc = parsed
                    ctx.analysis.word_count = sum(1 for t in parsed if not t.is_punct and not t.is_space)
                    _run_stages(ctx, stage_list, check)
        except OverBudget as exc:
            ctx.failure = str(exc)
        if settings.extract.min_confidence > 0:
            ctx.analysis.claims = [c for c in ctx.analysis.claims if c.confidence >= settings.extract.min_confidence]
        yield ctx


# a text of this module's own that reaches the stages' reference tables (nationality words, places, a speaker, a
# date): the first document of a process no longer pays for loading them, and words/s times the analysis alone
WARM_UP_TEXT = ("LONDON, 4 March 2024 - A spokesman for the northern council said on Monday that Iranian and "
                "Syrian forces had attacked the group's offices near Basra airport, according to a statement.")
_warmed: set[tuple[str, ...]] = set()


def warm_up(nlp: Language, stage_list: list[Stage], settings: Settings) -> None:
    """Run the stages once per process over WARM_UP_TEXT, so that their tables load during set-up (output dropped)."""
    key = (nlp.meta.get("name", ""), *(stage.name for stage in stage_list))
    if key in _warmed:
        return
    _warmed.add(key)
    ctx = ReadingContext(analysis=Analysis(document=SourceDocument(text=WARM_UP_TEXT, source="warm-up")),
                         doc=nlp(WARM_UP_TEXT), settings=settings)
    try:
        with time_budget(settings.ingest.doc_seconds) as check:
            _run_stages(ctx, stage_list, check)
    except Exception:  # a stage that fails here fails again on a real document, and is reported there
        pass
    # what is loaded by now (the model, its vocabulary, the reference tables, the stages) lives as long as the
    # process: frozen, the cyclic collector no longer walks it in each full collection of the run
    gc.collect()
    gc.freeze()


@dataclass
class Analysed:
    """What the store needs of one analysed document: what a worker process sends back (no Doc)."""

    analysis: Analysis
    failure: str | None
    roots: dict[str, str]  # each local entity key's representative (the context's union-find, resolved)

    def find(self, key: str) -> str:
        """The representative key of a local entity key."""
        return self.roots.get(key, key)

    @classmethod
    def of(cls, ctx: DocContext) -> Analysed:
        """The analysed document of a context."""
        return cls(ctx.analysis, ctx.failure, {key: ctx.find(key) for key in ctx.analysis.entities})


def _analyse_batch(settings: Settings, docs: list[SourceDocument]) -> list[Analysed]:
    """A worker's batch: the model and every stage, in its own process (settings with one process)."""
    return [Analysed.of(ctx) for ctx in analyze_docs(docs, settings)]


# documents a worker analyses per batch when it runs the stages too: small, so the workers end together
WORKER_BATCH = 6


def analyse_in_workers(docs: Iterable[SourceDocument], settings: Settings,
                       on_ready: Callable[[], None] | None = None) -> Iterator[Analysed]:
    """`analyze_docs` spread over `nlp.n_process` forked workers, each running the model and every stage on its
    batches; results come back in input order while this process stores the ones before."""
    load_nlp(settings.nlp.model, settings.nlp.max_length)  # loaded before the fork: every worker shares it
    plugins.stages(settings.extract.enabled, settings.extract.disabled)  # a bad setting fails here, not in each
    serve_territory_names(settings.geo.cache_dir)  # before the fork, so every worker shares it
    one = deepcopy(settings)
    one.nlp.n_process = 1
    if on_ready is not None:
        on_ready()
    # several small batches queued per worker: one that finishes early starts the next while this process waits
    # for an earlier one (results are taken in input order)
    workers = ForkedWorkers(partial(_analyse_batch, one), settings.nlp.n_process,
                            min(WORKER_BATCH, max(1, settings.nlp.batch_size)), ahead=4)
    try:
        for source, result in workers.pipe(docs, lambda d: d):
            yield result if isinstance(result, Analysed) else Analysed(Analysis(document=source), str(result), {})
    finally:
        workers.close()


def section_chars(settings: Settings) -> int:
    """The longest text spaCy is given in one piece: ingest.section_chars, never over nlp.max_length."""
    sizes = [v for v in (settings.ingest.section_chars, settings.nlp.max_length) if v > 0]
    return min(sizes) if sizes else 0


def _run_stages(ctx: DocContext, stage_list: list[Stage], check: Callable[[], None]) -> None:
    for stage in stage_list:
        try:
            check()
            stage.run(ctx)
        except OverBudget:
            raise
        except Exception as exc:  # a stage failing on one document fails that document only
            ctx.failure = f"analysis failed in stage {stage.name}: {type(exc).__name__}: {exc}"
            return
    ctx.settle_texts()


def _parsed(nlp: Language, docs: Iterable[SourceDocument], settings: Settings, limit: int
            ) -> Iterator[tuple[SourceDocument, Doc | str | None]]:
    """Each document with its Doc, the reason spaCy failed on it, or None when it is parsed in sections.

    With `nlp.n_process` over 1 the model runs in that many worker processes, a few batches ahead of the stages
    (claimgraph.nlp.pipeline.ModelProcesses). In process, documents are parsed a chunk at a time; when spaCy raises
    inside a chunk, that chunk is parsed again one document at a time so that only the document it fails on is
    lost. Order is kept either way.
    """
    if settings.nlp.n_process > 1:
        workers = ModelProcesses(nlp, settings.nlp.n_process, settings.nlp.batch_size)
        try:
            yield from workers.docs(docs, lambda d: None if limit and len(d.text) > limit else d.text)
        finally:
            workers.close()
        return
    chunk: list[SourceDocument] = []

    def flush() -> Iterator[tuple[SourceDocument, Doc | str | None]]:
        if not chunk:
            return
        try:
            parsed: list[Doc | str] = list(nlp.pipe([d.text for d in chunk], batch_size=settings.nlp.batch_size))
        except Exception:  # one text broke the batch: find it, keep the others
            parsed = [parse_alone(nlp, d.text) for d in chunk]
        yield from zip(chunk, parsed)
        chunk.clear()

    for doc in docs:
        if limit and len(doc.text) > limit:
            yield from flush()
            yield doc, None
            continue
        chunk.append(doc)
        if len(chunk) >= max(1, settings.nlp.batch_size):
            yield from flush()
    yield from flush()



# (the stored document's id, or None for a duplicate; why it could not be stored, or None)
Written = tuple[str | None, str | None]


def _write_one(engine: Engine, ctx: DocContext | Analysed) -> Written:
    """Write one analysed document in its own transaction (retried while another writer holds the lock)."""
    from claimgraph.ingest.guard import with_retry
    from claimgraph.ingest.sources import one_line

    try:
        return with_retry(lambda: write_analysis(engine, ctx.analysis, ctx.find)), None
    except Exception as exc:  # one bad document never loses the batch
        return None, f"could not be stored: {one_line(exc)}"


class _StoreWork:
    """The writer process's work: each analysed document of a batch written, with the engine's pool made anew in
    the forked process (connections opened before the fork belong to the parent)."""

    def __init__(self, engine: Engine) -> None:
        self.engine, self.pid = engine, os.getpid()

    def __call__(self, batch: list[Analysed]) -> list[Written]:
        if os.getpid() != self.pid:
            self.engine.dispose(close=False)
            self.pid = os.getpid()
        return [_write_one(self.engine, item) for item in batch]


def _payload(ctx: DocContext | Analysed) -> Analysed | None:
    """What the writer process needs of a document; None for a failed one, which is not written."""
    if ctx.failure:
        return None
    return ctx if isinstance(ctx, Analysed) else Analysed.of(ctx)


def _writer_process(engine: Engine) -> ForkedWorkers | None:
    """A forked process that writes documents, or None where forking is not safe here: no fork on this platform,
    a daemon process (which may not have children), other threads running (a lock one holds would stay locked in
    the child) or a store in this process's memory."""
    if "fork" not in multiprocessing.get_all_start_methods() or multiprocessing.current_process().daemon:
        return None
    if threading.active_count() > 1 or engine.url.get_backend_name() == "sqlite" and \
            engine.url.database in (None, "", ":memory:") or "mode=memory" in str(engine.url):
        return None
    try:
        return ForkedWorkers(_StoreWork(engine), 1, 1, ahead=2)
    except OSError:  # no process to be had (limits): the writer thread
        return None


def ingest(items: Iterable[SourceDocument | Failure], settings: Settings, engine: Engine | None = None,
           on_document: Callable[[str, int], None] | None = None,
           on_failure: Callable[[Failure], None] | None = None, after: bool = True,
           on_ready: Callable[[], None] | None = None) -> IngestReport:
    """Analyse and store documents; failures are reported and skipped, stored ones are skipped.

    Every document passes the type rules and limits first (claimgraph.ingest.guard); each is
    written in its own transaction, retried when another writer holds the lock; the cross-source
    steps then run for every pending document, including any an earlier, killed run left behind
    (`after=False` leaves them pending, for a caller that runs them once for many writers). `on_ready`
    is called when the model is loaded, so that a progress line can time the analysis apart from set-up.
    """
    from claimgraph.ingest.guard import admit, notes_of, origin_of
    from claimgraph.ingest.validate import IngestError

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

    def store(ctx: DocContext | Analysed, written: Written | str | None) -> None:
        doc = ctx.analysis.document
        if ctx.failure:
            fail(Failure(origin_of(doc), ctx.failure.strip().splitlines()[0][:500], doc.id))
            return
        if not isinstance(written, tuple):  # the writer process failed on the batch (a string) or sent nothing
            written = (None, f"could not be stored: {written or 'no answer from the writer process'}")
        doc_id, error = written
        if error is not None:
            fail(Failure(origin_of(doc), error, doc.id))
            return
        if doc_id is None:
            report.duplicates.append(doc.doc_id)
        else:
            report.stored.append(doc_id)
            report.words += ctx.analysis.word_count
            report.notes += [f"{origin_of(doc)}: {note}" for note in notes_of(doc)]  # what was left out of it
        if on_document:
            on_document(doc.doc_id, ctx.analysis.word_count)

    # one writer stores documents in order while spaCy analyses the next ones, each document one transaction: in a
    # forked writer process where that is safe (the writes are mostly Python, which a thread would run under the
    # analysis's interpreter lock), else in this process's writer thread
    queue: Queue[DocContext | Analysed | None] = Queue(maxsize=2 * settings.nlp.batch_size)
    writers = _writer_process(engine) if settings.nlp.n_process <= 1 else None

    def queued() -> Iterator[DocContext | Analysed]:
        while (ctx := queue.get()) is not None:
            yield ctx

    def writer() -> None:
        if writers is None:
            for ctx in queued():
                store(ctx, None if ctx.failure else _write_one(engine, ctx))
            return
        for done, written in writers.pipe(queued(), _payload):
            store(done, written)

    thread = Thread(target=writer, name="claimgraph-writer", daemon=True)
    thread.start()
    try:
        # with worker processes, they run the model and the stages and this process only stores
        analysed: Iterable[DocContext | Analysed] = analyse_in_workers(fresh(), settings, on_ready) \
            if settings.nlp.n_process > 1 else analyze_docs(fresh(), settings, on_ready)
        for ctx in analysed:
            if not thread.is_alive():
                raise RuntimeError("the store writer stopped")
            queue.put(ctx)
    finally:
        queue.put(None)
        thread.join()
        if writers is not None:
            writers.close()
    if after:
        complete_pending(engine, report)
    return report


def complete_pending(engine: Engine, report: IngestReport) -> None:
    """Run the cross-source steps for every pending document; `report.pending` is what is still left."""
    from claimgraph.store.pending import pending_documents

    with engine.connect() as conn:
        pending = bool(report.stored) or bool(pending_documents(conn))
    if pending:
        plugins.plugin_manager().hook.claimgraph_after_ingest(engine=engine, document_ids=report.stored)
        with engine.connect() as conn:
            report.pending = len(pending_documents(conn))
