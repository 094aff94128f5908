"""Limits with a clear answer: long texts in sections, a ceiling (skip or truncate), PDFs by pages, time budgets."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from sqlalchemy import func, select

from claimgraph.extract.context import DocContext
from claimgraph.ingest.guard import OverBudget, admit, ceiling, cut_point, time_budget
from claimgraph.ingest.readers import Located
from claimgraph.ingest.validate import IngestError
from claimgraph.model import SourceDocument
from claimgraph.nlp.pipeline import section_bounds
from claimgraph.settings import Settings, load_settings


def _settings(tmp_path: Path, **ingest: Any) -> Settings:
    tmp_path.mkdir(parents=True, exist_ok=True)
    settings = load_settings()
    settings.store.url = f"sqlite:///{tmp_path / 'limits.db'}"
    for key, value in ingest.items():
        setattr(settings.ingest, key, value)
    return settings


def test_cut_point_prefers_a_paragraph_then_a_line_break() -> None:
    text = "First paragraph here.\n\nSecond one follows.\nA third line runs on and on."
    assert text[:cut_point(text, 30)] == "First paragraph here."
    assert text[:cut_point(text, 50)].endswith("Second one follows.")
    assert cut_point("short", 100) == 5
    assert cut_point("x" * 100, 40) == 40  # no break at all: a hard cut at the limit


def test_long_text_is_truncated_with_a_note_or_skipped(tmp_path: Path) -> None:
    para = "The Amber League held a rally in Tunis. " * 20
    text = "\n\n".join([para] * 50)
    settings = _settings(tmp_path, max_chars=5000, too_long="truncate")
    doc = admit(SourceDocument(text=text, source="long.txt"), settings)
    assert isinstance(doc, Located) and len(doc.text) <= 5000 and text.startswith(doc.text)
    assert doc.notes and "truncated" in doc.notes[0] and f"{len(text):,}" in doc.notes[0]
    again = admit(SourceDocument(text=text, source="long.txt"), settings)
    assert again.sha256 == doc.sha256  # the same input truncates the same way: a re-run sees a duplicate
    with pytest.raises(IngestError, match="skipped: too long"):
        admit(SourceDocument(text=text, source="long.txt"), _settings(tmp_path, max_chars=5000, too_long="skip"))


def test_a_text_over_spacys_limit_is_kept_whole(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    settings.nlp.max_length = 1000
    text = "A line of text.\n" * 200
    assert admit(SourceDocument(text=text, source="x.txt"), settings).text == text  # analysed in sections instead


def test_the_memory_budget_skips_a_text_with_the_reason(tmp_path: Path) -> None:
    settings = _settings(tmp_path, max_memory_mb=1)
    text = "The Amber League met in Tunis.\n\n" * 100
    with pytest.raises(IngestError, match=r"skipped: too long \(3,200 characters would need about 3 MB"):
        admit(SourceDocument(text=text, source="x.txt"), settings)
    assert ceiling(settings)[1] == "ingest.max_memory_mb"
    short = SourceDocument(text="The Amber League met in Tunis.", source="y.txt")
    assert admit(short, settings).text == short.text
    truncated = admit(SourceDocument(text=text, source="x.txt"), _settings(tmp_path, max_memory_mb=1,
                                                                          too_long="truncate"))
    assert isinstance(truncated, Located) and len(truncated.text) <= 1000 and "ingest.max_memory_mb" in \
        truncated.notes[0]


def test_section_bounds_cover_the_text_and_cut_at_breaks() -> None:
    paragraph = "One short sentence here. Another follows it."
    text = "\n\n".join([paragraph] * 30)
    bounds = section_bounds(text, 200)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))  # consecutive, no gap, no overlap
    assert all(0 < end - start <= 200 for start, end in bounds)
    assert all(text[start - 2:start] == "\n\n" for start, _ in bounds[1:])  # each starts a paragraph
    lines = "\n".join(["a line without a blank one after it"] * 40)
    assert all(lines[start - 1] == "\n" for start, _ in section_bounds(lines, 300)[1:])
    prose = " ".join(["Words in one long paragraph end here."] * 40)
    assert all(prose[start - 2:start] == ". " for start, _ in section_bounds(prose, 300)[1:])
    solid = "x" * 1000
    assert section_bounds(solid, 300) == [(0, 300), (300, 600), (600, 900), (900, 1000)]
    assert section_bounds("short", 300) == [(0, 5)] and section_bounds(solid, 0) == [(0, 1000)]


def _claims(ctx: DocContext) -> list[tuple[str, str, str, str, tuple[tuple[int, int], ...]]]:
    def name(key: object) -> str:
        return ctx.entity(key).name if isinstance(key, str) and key in ctx.analysis.entities else repr(key)

    return sorted((c.predicate, name(c.subject), name(c.object), c.modality, tuple((e.start, e.end) for e in c.evidence))
                  for c in ctx.analysis.claims)


def test_a_document_in_sections_gives_the_claims_of_the_whole(tmp_path: Path) -> None:
    from claimgraph.pipeline import analyze_docs

    paragraphs = ["The Amber League opened an office in Tunis in 2004, officials said.",
                  "Its leader Marta Ilves was arrested in Basra in 2011.",
                  "The River Guard is based in Mosul.\nThe River Guard attacked a post near Kirkuk in 2015.",
                  "According to police, the Hill Council claimed the bombing of a market in Tripoli."]
    text = "\n\n".join(f"{paragraphs[i % 4]} Item {i}." for i in range(40))
    results = []
    for size in (0, 400):  # the whole text in one piece, then in sections of at most 400 characters
        settings = _settings(tmp_path, section_chars=size)
        (ctx,) = list(analyze_docs([SourceDocument(text=text, source="t.txt")], settings))
        assert ctx.failure is None and ctx.doc.text == text
        assert all(text[e.start:e.end] == e.text for c in ctx.analysis.claims for e in c.evidence)
        assert all(text[m.start:m.end] == m.text for m in ctx.analysis.mentions)
        results.append((_claims(ctx), sorted((m.start, m.end, m.type) for m in ctx.analysis.mentions)))
    assert len(section_bounds(text, 400)) > 5
    whole, sections = results
    assert sections == whole
    assert any(spans and spans[0][0] > len(text) - 500 for *_, spans in sections[0])  # claims to the very end


def test_time_budget_interrupts_the_main_thread() -> None:
    started = time.monotonic()
    with pytest.raises(OverBudget), time_budget(0.3):
        time.sleep(5)
    assert time.monotonic() - started < 2
    with time_budget(5) as check:  # within budget: nothing happens
        check()


def test_a_slow_document_is_skipped_and_the_others_land(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimgraph import pipeline
    from claimgraph.store.schema import documents

    class Slow:
        name = "test.slow"
        requires: tuple[str, ...] = ()
        provides: tuple[str, ...] = ()

        def run(self, ctx: DocContext) -> None:
            if "stalls" in ctx.analysis.document.text:
                time.sleep(30)

    monkeypatch.setattr(pipeline.plugins, "stages", lambda *_a, **_k: [Slow()])
    settings = _settings(tmp_path, doc_seconds=1.0)
    docs = [SourceDocument(text="The Amber League met in Tunis.", source="a.txt"),
            SourceDocument(text="This report stalls the analysis.", source="slow.txt"),
            SourceDocument(text="The River Guard met in Basra.", source="b.txt")]
    started = time.monotonic()
    report = pipeline.ingest(docs, settings)
    assert time.monotonic() - started < 20
    assert len(report.stored) == 2
    assert [f.source for f in report.failures] == ["slow.txt"]
    assert "skipped: analysis took over 1 s" in report.failures[0].reason
    engine = pipeline.get_engine(settings.store.url)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(documents)).scalar() == 2


@pytest.fixture(scope="module")
def big_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A PDF of 5,000 pages, one sentence a page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path_factory.mktemp("pdf") / "big.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for i in range(5000):
        pdf.drawString(72, 800, f"Page {i}: the Amber League opened an office in Tunis.")
        pdf.showPage()
    pdf.save()
    return path


def test_a_5000_page_pdf_is_read_up_to_the_page_limit(big_pdf: Path) -> None:
    from claimgraph.ingest.guard import read_limits
    from claimgraph.ingest.readers import read_file

    settings = load_settings()
    started = time.monotonic()
    doc = read_file(big_pdf, limits=read_limits(settings))
    assert time.monotonic() - started < 120
    assert isinstance(doc, Located)
    assert doc.notes and f"first {settings.ingest.max_pdf_pages:,} of 5,000 pages" in doc.notes[0]
    assert f"Page {settings.ingest.max_pdf_pages - 1}:" in doc.text and f"Page {settings.ingest.max_pdf_pages}:" \
        not in doc.text


def test_truncated_document_is_stored_with_exact_offsets(tmp_path: Path) -> None:
    from claimgraph import pipeline
    from claimgraph.store.schema import documents, evidence

    paragraph = "The Amber League opened an office in Tunis in 2004. Its leader Marta Ilves was arrested in Basra."
    text = "\n\n".join(f"{paragraph} Section {i}." for i in range(60))
    settings = _settings(tmp_path, max_chars=1500, too_long="truncate")
    report = pipeline.ingest([SourceDocument(text=text, source="long.txt", id="long")], settings)
    assert report.stored == ["long"] and not report.failures
    assert report.notes and "truncated" in report.notes[0] and "long.txt" in report.notes[0]
    engine = pipeline.get_engine(settings.store.url)
    with engine.connect() as conn:
        stored = conn.execute(select(documents.c.text).where(documents.c.id == "long")).scalar_one()
        spans = conn.execute(select(evidence.c.start, evidence.c.end, evidence.c.text)
                             .where(evidence.c.document_id == "long")).all()
    assert len(stored) <= 1500 and text.startswith(stored) and stored.endswith(".")
    assert spans and all(stored[s:e] == t for s, e, t in spans)
    again = pipeline.ingest([SourceDocument(text=text, source="long.txt", id="long")], settings)
    assert again.duplicates and not again.stored  # the same input truncates the same way


@Language.component("claimgraph_test_raises")
def _raises_on_marker(doc: Doc) -> Doc:
    """A component that fails on one kind of text, as a broken model or plugin would."""
    if "detonator" in doc.text:
        raise RuntimeError("component broke on this text")
    return doc


def test_an_exception_inside_nlp_pipe_fails_that_document_only(tmp_path: Path) -> None:
    from claimgraph import pipeline
    from claimgraph.nlp.pipeline import load_nlp

    settings = _settings(tmp_path, section_chars=300)
    settings.nlp.batch_size = 4
    long_good = "\n\n".join(f"The River Guard met in Basra in {1990 + i}." for i in range(20))
    docs = [SourceDocument(text="The Amber League met in Tunis.", source="a.txt"),
            SourceDocument(text="A detonator report from Mosul.", source="bad.txt"),
            SourceDocument(text=long_good, source="long.txt"),  # analysed in sections
            SourceDocument(text=long_good.replace("1999", "the detonator year"), source="long-bad.txt"),
            SourceDocument(text="The Hill Council met in Tripoli.", source="b.txt")]
    nlp = load_nlp(settings.nlp.model, settings.nlp.max_length)
    nlp.add_pipe("claimgraph_test_raises", last=True)
    try:
        report = pipeline.ingest(docs, settings)
    finally:
        nlp.remove_pipe("claimgraph_test_raises")
    assert sorted(f.source for f in report.failures) == ["bad.txt", "long-bad.txt"]
    assert "analysis failed in spaCy component claimgraph_test_raises: RuntimeError" in report.failures[0].reason
    assert "RuntimeError: component broke" in report.failures[1].reason
    assert len(report.stored) == 3


def test_a_100000_line_document_is_skipped_with_a_reason_and_the_others_land(tmp_path: Path) -> None:
    from claimgraph import pipeline

    huge = "".join(f"Line {i}: the Amber League met in Tunis.\n" for i in range(100_000))
    docs = [SourceDocument(text="The Amber League met in Tunis.", source="a.txt"),
            SourceDocument(text=huge, source="huge.txt"),
            SourceDocument(text="The River Guard met in Basra.", source="b.txt")]
    # the default ceiling: over the memory budget, skipped at once
    started = time.monotonic()
    report = pipeline.ingest(docs, _settings(tmp_path))
    assert len(report.stored) == 2 and [f.source for f in report.failures] == ["huge.txt"]
    assert report.failures[0].reason.startswith("skipped: too long (4,2") and "ingest.max_memory_mb" in \
        report.failures[0].reason
    assert time.monotonic() - started < 60
    # no ceiling: analysed in sections until the time budget, then skipped; the others land
    settings = _settings(tmp_path / "t", max_memory_mb=0, doc_seconds=2.0)
    started = time.monotonic()
    report = pipeline.ingest(docs, settings)
    assert time.monotonic() - started < 30
    assert len(report.stored) == 2 and [f.source for f in report.failures] == ["huge.txt"]
    assert "skipped: analysis took over 2 s (ingest.doc_seconds)" in report.failures[0].reason


def test_a_5000_page_pdf_finishes_or_is_skipped_within_the_budget(tmp_path: Path, big_pdf: Path) -> None:
    from claimgraph import pipeline
    from claimgraph.ingest.guard import read_limits
    from claimgraph.ingest.sources import iter_documents

    good = tmp_path / "good.txt"
    good.write_text("The River Guard met in Basra.", encoding="utf-8")
    # the process's first document loads the gazetteer and the lexicons: not part of any one document's budget
    list(pipeline.analyze_docs([SourceDocument(text="The River Guard met in Basra.", source="w.txt")],
                               _settings(tmp_path / "warm")))
    for pages, budget in ((0, 3.0), (40, 60.0)):  # every page under a tight budget, then a page limit
        settings = _settings(tmp_path / f"p{pages}", max_pdf_pages=pages, doc_seconds=budget)
        started = time.monotonic()
        report = pipeline.ingest(iter_documents([str(big_pdf), str(good)], limits=read_limits(settings)), settings)
        took = time.monotonic() - started
        failed = {Path(f.source).name: f.reason for f in report.failures}
        assert set(failed) <= {"big.pdf"} and len(report.stored) == 2 - len(failed)  # the other file always lands
        if failed:  # skipped, with the budget as its reason
            assert failed["big.pdf"].startswith("skipped:") and "ingest.doc_seconds" in failed["big.pdf"]
        else:
            assert any("first 40 of 5,000 pages" in note for note in report.notes)
        assert took < 2 * budget + 20  # within about the budget (the rest: loading, storing the other file)
        if pages == 0:  # every page: the budget stops it, while it is read or, read fast, while it is analysed
            assert failed and re.search(r"(reading|analysis) took over 3 s", failed["big.pdf"]), failed


def test_the_time_budget_holds_between_sections_off_the_main_thread(tmp_path: Path) -> None:
    """In a worker thread (the API's) no timer interrupts: the budget is checked between sections and stages."""
    from threading import Thread

    from claimgraph.pipeline import analyze_docs

    settings = _settings(tmp_path, max_memory_mb=0, doc_seconds=0.5, section_chars=2000)
    text = "".join(f"Line {i}: the Amber League met in Tunis.\n" for i in range(5000))
    out: list[DocContext] = []
    worker = Thread(target=lambda: out.extend(analyze_docs([SourceDocument(text=text, source="long.txt")],
                                                           settings)))
    started = time.monotonic()
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive() and len(out) == 1
    assert out[0].failure == "skipped: analysis took over 0.5 s (ingest.doc_seconds)"
    assert time.monotonic() - started < 30


def test_parsing_in_sections_runs_the_budget_check_after_each_section(tmp_path: Path) -> None:
    from claimgraph.nlp.pipeline import load_nlp, parse_in_sections

    settings = _settings(tmp_path)
    nlp = load_nlp(settings.nlp.model, settings.nlp.max_length)
    text = "\n\n".join(f"The Amber League met in Tunis in {1990 + i}." for i in range(30))
    calls: list[int] = []

    def budget() -> None:
        calls.append(1)
        if len(calls) == 2:
            raise OverBudget("stop")

    with pytest.raises(OverBudget):
        parse_in_sections(nlp, text, 200, budget)
    assert len(calls) == 2 and len(section_bounds(text, 200)) > 2  # stopped after the second of many sections
    doc = parse_in_sections(nlp, text, 200)
    assert doc.text == text and [t.idx for t in doc] == [t.idx for t in nlp(text)]
