"""Fixture files generated from code: small PDF, DOCX and HTML documents and broken inputs."""

from __future__ import annotations

import io
from pathlib import Path

PDF_TEXT = "The Crimson Hand was founded in 1971 by Lena Vargas."
DOCX_PARAGRAPHS = ["Blue Lantern Front report", "The Blue Lantern Front is based in Tirana.",
                   "Correction: the office moved in 2004."]
HTML_BODY = ("<p>The Green Dawn Movement, an armed group formed in 1988, attacked a police post in the "
             "northern hills, officials said.</p><p>Its leader Tomas Reyes denied the attack in a statement.</p>")


def make_pdf(path: Path, text: str = PDF_TEXT) -> Path:
    """A one-page PDF carrying `text` (reportlab)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setTitle("Crimson Hand brief")
    c.drawString(72, 760, text)
    c.showPage()
    c.save()
    path.write_bytes(buf.getvalue())
    return path


def make_docx(path: Path, paragraphs: list[str] = DOCX_PARAGRAPHS) -> Path:
    """A DOCX with one paragraph per string (python-docx)."""
    import docx

    document = docx.Document()
    document.core_properties.title = paragraphs[0]
    for p in paragraphs:
        document.add_paragraph(p)
    document.save(str(path))
    return path


def make_html(path: Path, body: str = HTML_BODY) -> Path:
    """An HTML page with navigation boilerplate around an article body."""
    html = ("<html><head><title>Green Dawn attack</title><meta name='date' content='2019-05-04'></head><body>"
            "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
            f"<article><h1>Green Dawn attack</h1>{body}</article><footer>Copyright</footer></body></html>")
    path.write_text(html, encoding="utf-8")
    return path


def make_broken(folder: Path) -> dict[str, Path]:
    """One file of every broken kind: corrupt PDF, corrupt DOCX, binary junk, bad encoding, empty."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "corrupt_pdf": folder / "corrupt.pdf",
        "corrupt_docx": folder / "corrupt.docx",
        "binary": folder / "junk.txt",
        "bad_encoding": folder / "latin.txt",
        "empty": folder / "empty.txt",
        "unsupported": folder / "image.png",
    }
    files["corrupt_pdf"].write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage without xref")
    files["corrupt_docx"].write_bytes(b"PK\x03\x04 this is not really a zip archive")
    files["binary"].write_bytes(bytes(range(256)) * 8)
    files["bad_encoding"].write_bytes(b"\x81\x8d\x8f\x90\x9d" * 20)
    files["empty"].write_bytes(b"   \n")
    files["unsupported"].write_bytes(b"\x89PNG\r\n\x1a\n")
    return files
