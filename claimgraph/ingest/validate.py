"""The one set of type rules every input passes before analysis, whatever its reader or store.

SQLite stores almost anything while PostgreSQL rejects NUL bytes, long keys and lone surrogates;
checking here, once, makes the same input give the same store on both (or the same failure).
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from claimgraph.model import SourceDocument


class IngestError(ValueError):
    """An input that cannot be read or does not pass the type rules; the message says why in one line."""


MAX_ID_CHARS = 200
MAX_TITLE_CHARS = 1000
MAX_URL_CHARS = 2000
MAX_SOURCE_CHARS = 2000
SURROGATE = re.compile("[\ud800-\udfff]")
# C0 controls a string field may not hold; text keeps tab, newline, carriage return and form feed
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_ISO_DATE = re.compile(r"\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?:$|[T\s]|Z|[+-]\d)")
_URL = re.compile(r"https?://[^\s/?#]+[^\s]*\Z", re.I)


def _where(value: str) -> str:
    match = SURROGATE.search(value)
    return f"a lone surrogate (\\u{ord(match.group()):04x}) at character {match.start()}" if match else ""


def clean_text(value: str) -> str:
    """Document text as valid Unicode: lone surrogates become U+FFFD, NUL bytes are dropped.

    The replacement keeps every other character where it was, so evidence offsets index the
    stored text exactly.
    """
    if SURROGATE.search(value):
        value = SURROGATE.sub("\ufffd", value)
    return value.replace("\x00", "")


def clean_label(value: object, field: str, limit: int) -> str | None:
    """A one-line string field (title, source): a string or nothing, valid Unicode, at most `limit` chars."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise IngestError(f"{field} must be a string, not {type(value).__name__}")
    value = _CONTROL.sub(" ", clean_text(value)).strip()
    if len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return value or None


def clean_id(value: object) -> str | None:
    """A document id: a string or an integer, at most MAX_ID_CHARS characters, printable, valid Unicode."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        if isinstance(value, float) and math.isfinite(value) and value.is_integer():
            value = int(value)
        else:
            raise IngestError(f"id must be a string or an integer, not {type(value).__name__} {value!r:.40}")
    text = str(value)
    if (problem := _where(text)) or (problem := "a control character" if _CONTROL.search(text) else ""):
        raise IngestError(f"id holds {problem}")
    if not text.strip():
        raise IngestError("id is blank")
    if len(text) > MAX_ID_CHARS:
        raise IngestError(f"id is {len(text)} characters long (at most {MAX_ID_CHARS})")
    return text


def clean_date(value: object) -> str | None:
    """A publication date as an ISO prefix (YYYY, YYYY-MM or YYYY-MM-DD), or IngestError saying why not."""
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise IngestError(f"published must be a date string, not {type(value).__name__}")
    match = _ISO_DATE.match(value)
    if not match or _where(value):
        raise IngestError(f"published date {value[:40]!r} is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(p) if p else None for p in match.groups())
    if year is None or year < 1:
        raise IngestError(f"published date {value[:40]!r}: year out of range")
    if month is not None and not 1 <= month <= 12:
        raise IngestError(f"published date {value[:40]!r}: month {month} is not 1-12")
    if day is not None and month is not None:
        try:
            date(year, month, day)
        except ValueError as exc:
            raise IngestError(f"published date {value[:40]!r}: {exc}") from None
    parts = [f"{year:04d}"] + [f"{p:02d}" for p in (month, day) if p is not None]
    return "-".join(parts)


def clean_url(value: object) -> str | None:
    """An http(s) URL of at most MAX_URL_CHARS characters, or nothing."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise IngestError(f"url must be a string, not {type(value).__name__}")
    value = value.strip()
    if _where(value) or _CONTROL.search(value) or not _URL.match(value):
        raise IngestError(f"url {value[:60]!r} is not an http(s) URL")
    if len(value) > MAX_URL_CHARS:
        raise IngestError(f"url is {len(value)} characters long (at most {MAX_URL_CHARS})")
    return value


def document_from_record(row: Any, source: str, published: str | None = None) -> SourceDocument:
    """A document from one JSON record ({"id", "text", "title"?, "url"?, "published"?}), checked field by field."""
    if not isinstance(row, dict):
        raise IngestError(f"a record must be a JSON object, not {type(row).__name__}")
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError('a record needs a non-empty "text" string')
    url = clean_url(row.get("url"))
    return SourceDocument(text=clean_text(text), source=clean_label(url or source, "source", MAX_SOURCE_CHARS)
                          or "<input>", title=clean_label(row.get("title"), "title", MAX_TITLE_CHARS),
                          id=clean_id(row.get("id")), published=clean_date(row.get("published") or published),
                          url=url)


def clean_document(doc: SourceDocument) -> SourceDocument:
    """The same document with every field passed through the type rules (IngestError when one cannot be)."""
    if not isinstance(doc.text, str) or not doc.text.strip():
        raise IngestError("no text")
    doc.text = clean_text(doc.text)
    if not doc.text.strip():
        raise IngestError("no text")
    doc.id = clean_id(doc.id)
    doc.title = clean_label(doc.title, "title", MAX_TITLE_CHARS)
    doc.source = clean_label(doc.source, "source", MAX_SOURCE_CHARS) or "<input>"
    doc.published = clean_date(doc.published)
    doc.url = clean_url(doc.url)
    return doc
