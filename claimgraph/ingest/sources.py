"""Expanding ingest arguments (files, folders, JSONL batches, URLs, stdin) into documents."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from claimgraph.core.lexicon import words
from claimgraph.ingest.readers import READERS, IngestError, Located, ReadLimits, document_from_bytes, read_file
from claimgraph.ingest.validate import document_from_record
from claimgraph.model import SourceDocument


@dataclass
class Failure:
    """An input that was skipped, with where it came from (file, file:line), its id and the reason."""

    source: str
    reason: str
    doc_id: str | None = None

    def __str__(self) -> str:
        who = f" (id {self.doc_id})" if self.doc_id and self.doc_id not in self.source else ""
        return f"{self.source}{who}: {self.reason}"


def one_line(exc: BaseException, limit: int = 300) -> str:
    """An exception as one short line: the type and the first line of its message, never SQL or parameters."""
    orig = getattr(exc, "orig", None)  # SQLAlchemy wraps the driver's error with the statement and parameters
    shown = orig if isinstance(orig, BaseException) else exc
    message = str(shown).strip().splitlines()[0] if str(shown).strip() else ""
    text = f"{type(shown).__name__}: {message}" if message else type(shown).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _jsonl_documents(lines: Iterable[bytes | str], source: str, published: str | None, label: str = ""
                     ) -> Iterator[SourceDocument | Failure]:
    """One document per line; `source` is what is stored, `label` (default: source) names the file in reports."""
    for n, raw in enumerate(lines, 1):
        where = f"{label or source}:{n}"
        try:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as exc:
            yield Failure(where, f"not UTF-8: {exc.reason} at byte {exc.start}")
            continue
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(where, f"not JSON: {exc.msg}")
            continue
        except RecursionError:
            yield Failure(where, "JSON nested too deeply")
            continue
        doc_id = row.get("id") if isinstance(row, dict) and isinstance(row.get("id"), (str, int)) else None
        try:
            doc = document_from_record(row, source, published)
        except IngestError as exc:
            yield Failure(where, str(exc), None if doc_id is None else str(doc_id)[:200])
            continue
        yield Located(text=doc.text, source=doc.source, title=doc.title, id=doc.id, published=doc.published,
                      url=doc.url, origin=where)


def _fetch_url(url: str, published: str | None, limits: ReadLimits) -> SourceDocument:
    try:
        import trafilatura
    except ImportError as exc:
        raise IngestError(f"HTML support is not installed ({exc}); reinstall claimgraph") from None

    config = None
    if limits.private_urls:
        from trafilatura.settings import use_config

        config = use_config()
        config.set("DEFAULT", "SSRF_PROTECTION", "off")
    html = trafilatura.fetch_url(url, config=config) if config is not None else trafilatura.fetch_url(url)
    if not html:
        raise IngestError("could not download")
    doc = document_from_bytes(html.encode("utf-8") if isinstance(html, str) else html, source=url,
                              suffix=".html", published=published, limits=limits)
    doc.url = url
    return doc


def is_folder_note(path: Path) -> bool:
    """A file that describes its folder (README, LICENSE, SOURCES-news, ...), passed over in a folder walk."""
    skip = {w.upper() for w in words("ingest_folder_skip")}
    stem = path.stem.upper()
    # such notes often carry one qualifier word after a separator ("LICENSE-MIT", "SOURCES_gov", "README.de");
    # a longer name ("notice-of-designation") is a document
    qualified = re.fullmatch(r"([A-Z]+)[-_.][A-Z0-9]+", stem)
    return stem in skip or path.name.upper() in skip or (qualified is not None and qualified.group(1) in skip)


def _walk(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and not child.name.startswith(".") and not is_folder_note(child) and (
                    child.suffix.lower() in READERS or child.suffix.lower() == ".jsonl"):
                yield child
    else:
        yield path


def iter_documents(inputs: Iterable[str], published: str | None = None, stdin: BinaryIO | None = None,
                   limits: ReadLimits | None = None) -> Iterator[SourceDocument | Failure]:
    """Documents from every input, with a Failure in place of each one that cannot be read."""
    limits = limits or ReadLimits()
    try:
        from claimgraph.ingest.validate import clean_date

        clean_date(published)
    except IngestError as exc:
        yield Failure("--published", str(exc))
        return
    for arg in inputs:
        if arg == "-":
            stream = stdin or sys.stdin.buffer
            data = stream.read()
            first = data.lstrip()[:1]
            if first == b"{":
                yield from _jsonl_documents(data.splitlines(), "<stdin>", published)
            else:
                yield from _guard("<stdin>", lambda d=data: document_from_bytes(  # type: ignore[misc]
                    d, "<stdin>", ".txt", published, limits=limits))
            continue
        if arg.startswith(("http://", "https://")):
            yield from _guard(arg, lambda a=arg: _fetch_url(a, published, limits))  # type: ignore[misc]
            continue
        path = Path(arg)
        if not path.exists():
            yield Failure(arg, "no such file or folder")
            continue
        for file in _walk(path):
            if file.suffix.lower() == ".jsonl":
                try:
                    with file.open("rb") as fh:
                        yield from _jsonl_documents(fh, file.name, published, str(file))
                except OSError as exc:
                    yield Failure(str(file), f"cannot read: {exc.strerror}")
            else:
                yield from _guard(str(file), lambda f=file: read_file(f, published, limits))  # type: ignore[misc]


def _guard(source: str, read: Callable[[], SourceDocument]) -> Iterator[SourceDocument | Failure]:
    """One input read, or its Failure: any exception a reader raises is this input's failure only."""
    try:
        doc = read()
    except IngestError as exc:
        yield Failure(source, str(exc))
        return
    except RecursionError:
        yield Failure(source, "could not be read: nested too deeply")
        return
    except Exception as exc:
        yield Failure(source, f"could not be read: {one_line(exc)}")
        return
    if isinstance(doc, Located):
        doc.origin = source
    yield doc
