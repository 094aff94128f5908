"""Expanding ingest arguments (files, folders, JSONL batches, URLs, stdin) into documents."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from claimgraph.ingest.readers import READERS, IngestError, document_from_bytes, normalize_date, read_file
from claimgraph.model import SourceDocument


@dataclass
class Failure:
    """An input that was skipped, with the reason."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def _jsonl_documents(lines: Iterable[bytes | str], source: str, published: str | None
                     ) -> Iterator[SourceDocument | Failure]:
    for n, raw in enumerate(lines, 1):
        line = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(where, f"not JSON: {exc.msg}")
            continue
        if not isinstance(row, dict) or not isinstance(row.get("text"), str) or not row["text"].strip():
            yield Failure(where, "a JSONL line needs a non-empty \"text\" string")
            continue
        try:
            yield SourceDocument(text=row["text"], source=row.get("url") or source,
                                 title=row.get("title") or None,
                                 id=str(row["id"]) if row.get("id") not in (None, "") else None,
                                 published=normalize_date(row.get("published") or published),
                                 url=row.get("url"))
        except IngestError as exc:
            yield Failure(where, str(exc))


def _fetch_url(url: str, published: str | None) -> SourceDocument:
    import trafilatura

    html = trafilatura.fetch_url(url)
    if not html:
        raise IngestError("could not download")
    doc = document_from_bytes(html.encode("utf-8") if isinstance(html, str) else html, source=url,
                              suffix=".html", published=published)
    doc.url = url
    return doc


def _walk(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and not child.name.startswith(".") and (
                    child.suffix.lower() in READERS or child.suffix.lower() == ".jsonl"):
                yield child
    else:
        yield path


def iter_documents(inputs: Iterable[str], published: str | None = None,
                   stdin: BinaryIO | None = None) -> Iterator[SourceDocument | Failure]:
    """Documents from every input, with a Failure in place of each one that cannot be read."""
    for arg in inputs:
        if arg == "-":
            stream = stdin or sys.stdin.buffer
            data = stream.read()
            first = data.lstrip()[:1]
            if first == b"{":
                yield from _jsonl_documents(data.splitlines(), "<stdin>", published)
            else:
                yield from _guard("<stdin>", lambda: document_from_bytes(data, "<stdin>", ".txt", published))
            continue
        if arg.startswith(("http://", "https://")):
            yield from _guard(arg, lambda: _fetch_url(arg, published))
            continue
        path = Path(arg)
        if not path.exists():
            yield Failure(arg, "no such file or folder")
            continue
        for file in _walk(path):
            if file.suffix.lower() == ".jsonl":
                try:
                    with file.open("rb") as fh:
                        yield from _jsonl_documents(fh, file.name, published)
                except OSError as exc:
                    yield Failure(str(file), f"cannot read: {exc.strerror}")
            else:
                yield from _guard(str(file), lambda f=file: read_file(f, published))  # type: ignore[misc]


def _guard(source: str, read) -> Iterator[SourceDocument | Failure]:  # type: ignore[no-untyped-def]
    try:
        yield read()
    except IngestError as exc:
        yield Failure(source, str(exc))
