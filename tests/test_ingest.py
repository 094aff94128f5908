"""Ingest: every input format, batches, stdin, and every kind of broken input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures_gen import DOCX_PARAGRAPHS, PDF_TEXT, make_broken, make_docx, make_html, make_pdf

from claimgraph.ingest.readers import IngestError, normalize_date, read_file
from claimgraph.ingest.sources import Failure, iter_documents
from claimgraph.model import SourceDocument


def test_txt_is_stored_byte_for_byte(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(seed_text.encode("utf-8"))
    doc = read_file(path)
    assert doc.text == seed_text
    assert doc.source == "a.txt"
    assert doc.sha256 == SourceDocument(text=seed_text, source="x").sha256


def test_markdown_title_comes_from_first_heading(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# Field report\n\nThe group met in Basra.\n", encoding="utf-8")
    assert read_file(path).title == "Field report"


def test_pdf_text_and_title(tmp_path: Path) -> None:
    doc = read_file(make_pdf(tmp_path / "brief.pdf"))
    assert PDF_TEXT in doc.text
    assert doc.title == "Crimson Hand brief"


def test_docx_paragraphs(tmp_path: Path) -> None:
    doc = read_file(make_docx(tmp_path / "report.docx"))
    for paragraph in DOCX_PARAGRAPHS:
        assert paragraph in doc.text
    assert doc.title == DOCX_PARAGRAPHS[0]


def test_html_main_content_without_boilerplate(tmp_path: Path) -> None:
    doc = read_file(make_html(tmp_path / "page.html"))
    assert "Green Dawn Movement" in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text
    assert doc.published == "2019-05-04"


def test_published_override_wins_over_metadata(tmp_path: Path) -> None:
    doc = read_file(make_html(tmp_path / "page.html"), published="2020-01-02")
    assert doc.published == "2020-01-02"


@pytest.mark.parametrize("kind", ["corrupt_pdf", "corrupt_docx", "binary", "bad_encoding", "empty", "unsupported"])
def test_broken_input_gives_a_clear_error(tmp_path: Path, kind: str) -> None:
    path = make_broken(tmp_path)[kind]
    with pytest.raises(IngestError) as info:
        read_file(path)
    message = str(info.value)
    assert message and "\n" not in message


def test_folder_is_walked_and_failures_are_listed(tmp_path: Path) -> None:
    make_broken(tmp_path / "broken")
    (tmp_path / "sub").mkdir()
    make_pdf(tmp_path / "sub" / "ok.pdf")
    (tmp_path / "ok.txt").write_text("The Silver Fist attacked a depot.", encoding="utf-8")
    items = list(iter_documents([str(tmp_path)]))
    docs = [i for i in items if isinstance(i, SourceDocument)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert {d.source for d in docs} == {"ok.txt", "ok.pdf"}
    # files of unsupported types (the .png) are passed over in a folder walk, not reported
    assert len(failures) == 5
    assert all(Path(f.source).name in str(f) for f in failures)


def test_jsonl_batch_keeps_ids_and_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": "n1", "text": "First text.", "title": "One", "published": "2001-09-11"}),
             "{not json", json.dumps({"id": "n3"}), "",
             json.dumps({"id": 4, "text": "Fourth text.", "url": "https://example.org/a"})]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(iter_documents([str(path)]))
    docs = [i for i in items if isinstance(i, SourceDocument)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [d.doc_id for d in docs] == ["n1", "4"]
    assert docs[0].published == "2001-09-11" and docs[0].title == "One"
    assert docs[1].url == "https://example.org/a"
    assert [f.source for f in failures] == ["batch.jsonl:2", "batch.jsonl:3"]


def test_stdin_text_and_jsonl() -> None:
    import io

    text = list(iter_documents(["-"], stdin=io.BytesIO(b"Plain text from a pipe.")))
    assert isinstance(text[0], SourceDocument) and text[0].text == "Plain text from a pipe."
    batch = list(iter_documents(["-"], stdin=io.BytesIO(b'{"id": "s1", "text": "Piped."}\n')))
    assert isinstance(batch[0], SourceDocument) and batch[0].doc_id == "s1"


def test_missing_path_is_a_failure() -> None:
    items = list(iter_documents(["/no/such/file.txt"]))
    assert isinstance(items[0], Failure) and "no such file" in items[0].reason


def test_normalize_date() -> None:
    assert normalize_date("2012-09-21T10:00:00Z") == "2012-09-21"
    assert normalize_date("1997") == "1997"
    with pytest.raises(IngestError):
        normalize_date("last Tuesday")
    with pytest.raises(ValueError):
        normalize_date("2012-02-31")
