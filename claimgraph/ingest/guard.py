"""Per-document limits and failure handling for an ingest run: type rules, length, time budget, lock waits."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from claimgraph.ingest.readers import Located, ReadLimits
from claimgraph.ingest.validate import IngestError, clean_document
from claimgraph.model import SourceDocument
from claimgraph.settings import Settings

T = TypeVar("T")
# driver messages of a write that lost a race and may simply be tried again
_RETRYABLE = ("database is locked", "database table is locked", "could not serialize", "deadlock detected",
              "serialization failure", "duplicate key value", "unique constraint failed")


class OverBudget(BaseException):
    """A document's analysis took longer than ingest.doc_seconds.

    A BaseException, like KeyboardInterrupt, so that a stage's own `except Exception` cannot swallow it.
    """


def read_limits(settings: Settings) -> ReadLimits:
    """What readers may take from one file, from settings [ingest]."""
    return ReadLimits(max_pdf_pages=settings.ingest.max_pdf_pages)


def origin_of(doc: SourceDocument) -> str:
    """Where a document was read (file, file:line), for reports."""
    return (doc.origin if isinstance(doc, Located) and doc.origin else "") or doc.source


def notes_of(doc: SourceDocument) -> list[str]:
    """What the reader or the limits left out of this document."""
    return doc.notes if isinstance(doc, Located) else []


def cut_point(text: str, limit: int) -> int:
    """Where to cut `text` to at most `limit` characters: the last paragraph, line or sentence break before it."""
    if len(text) <= limit:
        return len(text)
    for mark in ("\n\n", "\n", ". "):
        at = text.rfind(mark, 0, limit)
        if at >= limit // 2:
            return at + (1 if mark == ". " else 0)
    return limit


def admit(doc: SourceDocument, settings: Settings) -> SourceDocument:
    """The document through the type rules and the length limit; IngestError says why it cannot be analysed."""
    doc = clean_document(doc)
    limit = min(v for v in (settings.ingest.max_chars, settings.nlp.max_length) if v > 0) \
        if settings.ingest.max_chars > 0 or settings.nlp.max_length > 0 else 0
    if limit and len(doc.text) > limit:
        if settings.ingest.too_long == "skip":
            raise IngestError(f"skipped: too long ({len(doc.text):,} characters; ingest.max_chars is {limit:,})")
        cut = cut_point(doc.text, limit)
        note = f"truncated: analysed and stored the first {cut:,} of {len(doc.text):,} characters (ingest.max_chars)"
        located = doc if isinstance(doc, Located) else Located(
            text=doc.text, source=doc.source, title=doc.title, id=doc.id, published=doc.published, url=doc.url)
        located.text = doc.text[:cut].rstrip()
        located.notes = [*located.notes, note]
        doc = located
    return doc


@contextmanager
def time_budget(seconds: float) -> Iterator[Callable[[], None]]:
    """Limit the enclosed work to `seconds`: a timer interrupts it in the main thread, and `check()` anywhere.

    Yields a check function for places that cannot be interrupted (worker threads, e.g. the API's).
    """
    deadline = time.monotonic() + seconds if seconds > 0 else float("inf")

    def check() -> None:
        if time.monotonic() > deadline:
            raise OverBudget(f"skipped: analysis took over {seconds:g} s (ingest.doc_seconds)")

    use_alarm = seconds > 0 and threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if not use_alarm:
        yield check
        return

    def on_alarm(_signum: int, _frame: object) -> None:
        raise OverBudget(f"skipped: analysis took over {seconds:g} s (ingest.doc_seconds)")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield check
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def is_retryable(exc: BaseException) -> bool:
    """A write that failed only because another writer held the lock or won a race."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    return any(marker in text for marker in _RETRYABLE)


def with_retry(work: Callable[[], T], attempts: int = 6, wait: float = 0.1) -> T:
    """Run a transaction, again after a lock or serialization failure (another ingest writing at once)."""
    for attempt in range(attempts):
        try:
            return work()
        except Exception as exc:
            if attempt == attempts - 1 or not is_retryable(exc):
                raise
            time.sleep(wait * (2 ** attempt))
    raise AssertionError("unreachable")
