"""One reader per input format; each returns the extracted text or raises IngestError."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from claimgraph.model import SourceDocument


class IngestError(Exception):
    """An input that cannot be read; the message says why in one line."""


@dataclass
class Extracted:
    """Text and metadata read from one file."""

    text: str
    title: str | None = None
    published: str | None = None


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError("binary content, not text")
    for encoding in ("utf-8-sig", "utf-16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise IngestError(f"bad text encoding (not UTF-8 or Windows-1252): {exc.reason}") from None
    # a text file decoded as cp1252 that is mostly control characters is junk, not prose
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.01 * max(1, len(text)):
        raise IngestError("binary content, not text")
    return text


def read_text(data: bytes) -> Extracted:
    """Plain text and Markdown: decoded as is."""
    return Extracted(text=_decode(data))


def read_html(data: bytes) -> Extracted:
    """HTML: main content and metadata through trafilatura."""
    import trafilatura

    html = _decode(data)
    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    if not text:
        raise IngestError("no readable text in the HTML")
    meta = trafilatura.extract_metadata(html)
    return Extracted(text=text, title=getattr(meta, "title", None), published=getattr(meta, "date", None))


def read_pdf(data: bytes) -> Extracted:
    """PDF: page texts through pypdf, pages separated by a blank line."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise IngestError(f"corrupt PDF: {exc}") from None
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise IngestError(f"corrupt PDF: {type(exc).__name__}: {exc}") from None
    published = None
    if info is not None and getattr(info, "creation_date", None):
        try:
            published = info.creation_date.date().isoformat()
        except Exception:  # a malformed date in the metadata is not fatal
            published = None
    title = info.title if info is not None and info.title else None
    return Extracted(text="\n\n".join(p.strip("\n") for p in pages), title=title, published=published)


def read_docx(data: bytes) -> Extracted:
    """DOCX: paragraph texts through python-docx, footnote marks kept as written."""
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise IngestError(f"corrupt DOCX: {exc}") from None
    except Exception as exc:  # python-docx raises several kinds on damaged files
        raise IngestError(f"corrupt DOCX: {type(exc).__name__}: {exc}") from None
    props = document.core_properties
    published = props.created.date().isoformat() if props.created else None
    text = "\n\n".join(p.text for p in document.paragraphs)
    return Extracted(text=text, title=props.title or None, published=published)


READERS: dict[str, Callable[[bytes], Extracted]] = {
    ".txt": read_text, ".text": read_text, ".md": read_text, ".markdown": read_text,
    ".html": read_html, ".htm": read_html, ".xhtml": read_html,
    ".pdf": read_pdf, ".docx": read_docx,
}


def _title_from_text(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:200]
    return None


def normalize_date(value: str | None) -> str | None:
    """An ISO date prefix (YYYY, YYYY-MM or YYYY-MM-DD) from a date string, or None."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", str(value))
    if not m:
        raise IngestError(f"published date {value!r} is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)")
    parts = [p for p in m.groups() if p]
    iso = "-".join(parts)
    if len(parts) == 3:
        date.fromisoformat(iso)
    return iso


def document_from_bytes(data: bytes, source: str, suffix: str, published: str | None = None,
                        title: str | None = None) -> SourceDocument:
    """Read one file's bytes with the reader for its suffix."""
    reader = READERS.get(suffix.lower())
    if reader is None:
        raise IngestError(f"unsupported file type {suffix or '(none)'!r}; supported: {', '.join(sorted(READERS))}")
    if not data.strip():
        raise IngestError("empty file")
    extracted = reader(data)
    if not extracted.text.strip():
        raise IngestError("no text could be extracted")
    return SourceDocument(text=extracted.text, source=source, title=title or extracted.title or
                          _title_from_text(extracted.text), published=normalize_date(published or extracted.published))


def read_file(path: Path, published: str | None = None) -> SourceDocument:
    """One file on disk as a document."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror}") from None
    return document_from_bytes(data, source=path.name, suffix=path.suffix, published=published)
