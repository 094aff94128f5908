"""One reader per input format; each returns the extracted text or raises IngestError."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.ingest.validate import IngestError, clean_date
from claimgraph.model import SourceDocument

__all__ = ["IngestError", "Extracted", "Located", "READERS", "ReadLimits", "document_from_bytes", "normalize_date",
           "read_file"]


@dataclass
class ReadLimits:
    """How much of one file a reader takes (settings [ingest])."""

    max_pdf_pages: int = 500
    # seconds reading one file may take (ingest.doc_seconds); past that the file is skipped; 0 = no limit
    seconds: float = 0.0
    # fetch URLs whose host is a loopback or private address; off by default (trafilatura's SSRF protection)
    private_urls: bool = False


@dataclass(eq=False)
class Located(SourceDocument):
    """A document with where it was read (file, file:line) and notes on what its reader left out."""

    origin: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass
class Extracted:
    """Text and metadata read from one file, with notes on what was left out."""

    text: str
    title: str | None = None
    published: str | None = None
    notes: list[str] = field(default_factory=list)


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


def read_text(data: bytes, _limits: ReadLimits) -> Extracted:
    """Plain text and Markdown: decoded as is."""
    return Extracted(text=_decode(data))


def read_html(data: bytes, _limits: ReadLimits) -> Extracted:
    """HTML: main content and metadata through trafilatura."""
    try:
        import trafilatura
    except ImportError as exc:  # e.g. lxml_html_clean missing in an old install: this file's failure only
        raise IngestError(f"HTML support is not installed ({exc}); reinstall claimgraph") from None

    html = _decode(data)
    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    if not text:
        raise IngestError("no readable text in the HTML")
    meta = trafilatura.extract_metadata(html)
    return Extracted(text=text, title=_str_or_none(getattr(meta, "title", None)),
                     published=_str_or_none(getattr(meta, "date", None)))


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _metadata(read: Callable[[], object]) -> object:
    """One metadata field, or None where the file's metadata is damaged (never the document's failure)."""
    try:
        return read()
    except Exception:
        return None


def read_pdf(data: bytes, limits: ReadLimits) -> Extracted:
    """PDF: page texts through pypdf, pages separated by a blank line, at most `limits.max_pdf_pages` pages."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    notes: list[str] = []
    deadline = time.monotonic() + limits.seconds if limits.seconds > 0 else float("inf")
    try:
        reader = PdfReader(io.BytesIO(data))
        n_pages = len(reader.pages)
        if limits.max_pdf_pages and n_pages > limits.max_pdf_pages:
            notes.append(f"truncated: read the first {limits.max_pdf_pages:,} of {n_pages:,} pages "
                         f"(ingest.max_pdf_pages)")
            n_pages = limits.max_pdf_pages
        pages: list[str] = []
        for i in range(n_pages):
            if time.monotonic() > deadline:  # checked between pages: one huge file never holds the batch
                raise IngestError(f"skipped: reading took over {limits.seconds:g} s at page {i:,} of {n_pages:,} "
                                  f"(ingest.doc_seconds)")
            pages.append(reader.pages[i].extract_text() or "")
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise IngestError(f"corrupt PDF: {exc}") from None
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise IngestError(f"corrupt PDF: {type(exc).__name__}: {exc}") from None
    info = _metadata(lambda: reader.metadata)
    created = _metadata(lambda: info.creation_date.date().isoformat())  # type: ignore[attr-defined]
    title = _metadata(lambda: info.title)  # type: ignore[attr-defined]
    return Extracted(text="\n\n".join(p.strip("\n") for p in pages), title=_str_or_none(title),
                     published=_str_or_none(created), notes=notes)


def read_docx(data: bytes, _limits: ReadLimits) -> Extracted:
    """DOCX: paragraph texts through python-docx, footnote marks kept as written."""
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise IngestError(f"corrupt DOCX: {exc}") from None
    except Exception as exc:  # python-docx raises several kinds on damaged files
        raise IngestError(f"corrupt DOCX: {type(exc).__name__}: {exc}") from None
    props = _metadata(lambda: document.core_properties)
    published = _metadata(lambda: props.created.date().isoformat())  # type: ignore[attr-defined]
    title = _metadata(lambda: props.title)  # type: ignore[attr-defined]
    text = "\n\n".join(p.text for p in document.paragraphs)
    return Extracted(text=text, title=_str_or_none(title), published=_str_or_none(published))


READERS: dict[str, Callable[[bytes, ReadLimits], Extracted]] = {
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
    """An ISO date prefix (YYYY, YYYY-MM or YYYY-MM-DD) from a date string, or None; IngestError says why not."""
    return clean_date(value)


def _metadata_date(value: str | None) -> str | None:
    """A date from a file's own metadata: a damaged one is dropped, not the document's failure."""
    try:
        return clean_date(value)
    except IngestError:
        return None


def extract_bytes(data: bytes, suffix: str, limits: ReadLimits | None = None) -> Extracted:
    """Text and metadata of one file's bytes by the reader for its suffix."""
    reader = READERS.get(suffix.lower())
    if reader is None:
        raise IngestError(f"unsupported file type {suffix or '(none)'!r}; supported: {', '.join(sorted(READERS))}")
    if not data.strip():
        raise IngestError("empty file")
    extracted = reader(data, limits or ReadLimits())
    if not extracted.text.strip():
        raise IngestError("no text could be extracted")
    return extracted


def document_from_bytes(data: bytes, source: str, suffix: str, published: str | None = None,
                        title: str | None = None, limits: ReadLimits | None = None) -> SourceDocument:
    """Read one file's bytes with the reader for its suffix (a given `published` must be valid, metadata may not)."""
    extracted = extract_bytes(data, suffix, limits)
    return Located(text=extracted.text, source=source, title=title or extracted.title or
                   _title_from_text(extracted.text),
                   published=normalize_date(published) or _metadata_date(extracted.published),
                   origin=source, notes=extracted.notes)


def read_file(path: Path, published: str | None = None, limits: ReadLimits | None = None) -> SourceDocument:
    """One file on disk as a document."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror}") from None
    return document_from_bytes(data, source=path.name, suffix=path.suffix, published=published, limits=limits)
