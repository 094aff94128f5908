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
    assert [Path(f.source).name for f in failures] == ["batch.jsonl:2", "batch.jsonl:3"]
    assert all(f.source.startswith(str(tmp_path)) for f in failures)


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
    with pytest.raises(IngestError, match="month 13"):
        normalize_date("2020-13-45")


def _jsonl_items(tmp_path: Path, rows: list[str]) -> tuple[list[SourceDocument], list[Failure]]:
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(rows), encoding="utf-8")
    items = list(iter_documents([str(path)]))
    return ([i for i in items if isinstance(i, SourceDocument)], [i for i in items if isinstance(i, Failure)])


def test_jsonl_type_rules_reject_with_line_and_reason(tmp_path: Path) -> None:
    good = {"id": "ok-1", "text": "The Amber League met in Tripoli."}
    rows = [json.dumps(good),
            json.dumps({"id": True, "text": "A boolean id."}),
            json.dumps({"id": float("nan"), "text": "A NaN id."}),
            json.dumps({"id": "x" * 201, "text": "An id too long for any store."}),
            json.dumps({"id": "t1", "text": "A list title.", "title": ["a", "b"]}),
            json.dumps({"id": "d1", "text": "An impossible date.", "published": "2020-13-45"}),
            json.dumps({"id": "u1", "text": "A bad url.", "url": "javascript:alert(1)"}),
            '{"id": "s1\\ud800", "text": "A surrogate in the id."}',
            "[" * 5000 + "]" * 5000,
            json.dumps({"id": 7, "text": "An integer id is kept as text."})]
    docs, failures = _jsonl_items(tmp_path, rows)
    assert [d.doc_id for d in docs] == ["ok-1", "7"]
    lines = [int(f.source.rsplit(":", 1)[1]) for f in failures]
    assert lines == [2, 3, 4, 5, 6, 7, 8, 9]
    reasons = " | ".join(f.reason for f in failures)
    for expected in ("id must be a string", "200", "title must be a string", "month 13", "not an http(s) URL",
                     "surrogate", "nested too deeply"):
        assert expected in reasons
    assert all("\n" not in str(f) for f in failures)
    assert "(id d1)" in str(failures[4])


def test_text_is_normalised_to_valid_unicode(tmp_path: Path) -> None:
    rows = ['{"id": "n1", "text": "Broken pair \\ud83d here\\u0000 and NUL."}']
    docs, failures = _jsonl_items(tmp_path, rows)
    assert not failures
    text = docs[0].text
    assert "\ufffd" in text and "\x00" not in text
    text.encode("utf-8")  # valid Unicode: encodes without error
    assert len(text) == len("Broken pair \ufffd here and NUL.")


def test_folder_notes_are_not_documents(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# About these files\n\nSample inputs.", encoding="utf-8")
    (tmp_path / "LICENSE").write_text("MIT", encoding="utf-8")
    (tmp_path / "sources.txt").write_text("Where the files come from.", encoding="utf-8")
    (tmp_path / "SOURCES-radio.md").write_text("| station | url |", encoding="utf-8")
    (tmp_path / "license_mit.txt").write_text("MIT", encoding="utf-8")
    (tmp_path / "notice-of-designation.txt").write_text("The Amber League was listed.", encoding="utf-8")
    (tmp_path / "report.md").write_text("The Amber League met in Tripoli.", encoding="utf-8")
    docs = [i for i in iter_documents([str(tmp_path)]) if isinstance(i, SourceDocument)]
    assert sorted(d.source for d in docs) == ["notice-of-designation.txt", "report.md"]
    named = list(iter_documents([str(tmp_path / "README.md")]))  # named on its own, a README is a document
    assert isinstance(named[0], SourceDocument)


def test_damaged_metadata_date_is_dropped_not_fatal(tmp_path: Path) -> None:
    from claimgraph.ingest.readers import _metadata_date

    assert _metadata_date("D:2020-13-45") is None
    assert _metadata_date("2019-05-04T10:00:00") == "2019-05-04"


def test_pdf_page_limit_reports_truncation(tmp_path: Path) -> None:
    from fixtures_gen import make_pdf as pdf

    from claimgraph.ingest.readers import Located, ReadLimits

    path = pdf(tmp_path / "long.pdf")
    doc = read_file(path, limits=ReadLimits(max_pdf_pages=1))
    assert isinstance(doc, Located) and not doc.notes  # one page: within the limit
    try:
        from pypdf import PdfReader, PdfWriter
    except ImportError:  # pragma: no cover
        pytest.skip("pypdf missing")
    writer = PdfWriter()
    for _ in range(3):
        writer.add_page(PdfReader(path).pages[0])
    with (tmp_path / "three.pdf").open("wb") as fh:
        writer.write(fh)
    doc = read_file(tmp_path / "three.pdf", limits=ReadLimits(max_pdf_pages=2))
    assert isinstance(doc, Located)
    assert doc.notes and "2 of 3 pages" in doc.notes[0]
    assert doc.text.count(PDF_TEXT) == 2


def test_a_reader_crash_is_that_file_s_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimgraph.ingest import readers

    def explode(_data: bytes, _limits: object) -> object:
        raise RuntimeError("reader blew up\nwith a second line")

    monkeypatch.setitem(readers.READERS, ".html", explode)
    make_html(tmp_path / "bad.html")
    (tmp_path / "good.txt").write_text("The Amber League met in Tripoli.", encoding="utf-8")
    items = list(iter_documents([str(tmp_path)]))
    failures = [i for i in items if isinstance(i, Failure)]
    assert [d.source for d in items if isinstance(d, SourceDocument)] == ["good.txt"]
    assert len(failures) == 1 and "bad.html" in failures[0].source
    assert "RuntimeError: reader blew up" in failures[0].reason and "\n" not in failures[0].reason


def test_html_support_is_declared() -> None:
    """trafilatura needs lxml.html.clean, a package of its own since lxml 5.2: the project must declare it."""
    import tomllib
    from importlib.metadata import version

    deps = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())["project"][
        "dependencies"]
    names = {d.split(">")[0].split("=")[0].split("<")[0].split("[")[0].strip().lower().replace("-", "_")
             for d in deps}
    major, minor = (int(p) for p in version("lxml").split(".")[:2])
    if (major, minor) >= (5, 2):
        assert "lxml_html_clean" in names
    import lxml.html.clean  # noqa: F401 - importable in this environment


@pytest.mark.slow
@pytest.mark.skipif(not __import__("os").environ.get("CLAIMGRAPH_FRESH_VENV_TEST"),
                    reason="downloads every dependency: set CLAIMGRAPH_FRESH_VENV_TEST=1 to run")
def test_fresh_venv_as_the_readme_says_ingests_html(tmp_path: Path) -> None:
    """A venv made exactly like the README's first command (pip upgraded, then the project) ingests HTML."""
    import re
    import subprocess

    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    first = re.search(r"```bash\n(.*?)\n", readme).group(1)  # type: ignore[union-attr]
    setup = first.split("&& .venv/bin/claimgraph")[0].replace("-e .", f"-e {root}")
    subprocess.run(setup, shell=True, cwd=tmp_path, check=True, timeout=1800)
    folder = tmp_path / "in"
    folder.mkdir()
    make_html(folder / "good.html")
    (folder / "broken.html").write_bytes(b"\x00\x01\x02 not html" * 100)
    (folder / "note.txt").write_text("The Amber League opened an office in Tunis.", encoding="utf-8")
    done = subprocess.run([str(tmp_path / ".venv" / "bin" / "claimgraph"), "--db", str(tmp_path / "v.db"), "ingest",
                           str(folder)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, done.stderr
    assert "stored 2 documents" in done.stderr and "broken.html" in done.stderr
    assert "Traceback" not in done.stderr
