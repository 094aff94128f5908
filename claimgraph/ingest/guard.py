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
    return ReadLimits(max_pdf_pages=settings.ingest.max_pdf_pages, seconds=settings.ingest.doc_seconds)


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


# memory an analysis takes per character of text, parsed in sections: about 1 KB (measured with the small
# English pipeline and every stage on news-like prose: 80-150 MB per 100,000 characters, one section's parse included)
MB_PER_CHAR = 1 / 1000


def ceiling(settings: Settings) -> tuple[int, str]:
    """The longest text analysed (0: no limit) and the setting that sets it: ingest.max_chars or the memory budget."""
    limits = [(settings.ingest.max_chars, "ingest.max_chars")] if settings.ingest.max_chars > 0 else []
    if settings.ingest.max_memory_mb > 0:
        limits.append((int(settings.ingest.max_memory_mb / MB_PER_CHAR), "ingest.max_memory_mb"))
    return min(limits) if limits else (0, "")


def _too_long(length: int, limit: int, setting: str) -> str:
    if setting == "ingest.max_memory_mb":
        return (f"{length:,} characters would need about {length * MB_PER_CHAR:,.0f} MB to analyse; "
                f"ingest.max_memory_mb allows {limit:,} characters")
    return f"{length:,} characters; {setting} is {limit:,}"


def admit(doc: SourceDocument, settings: Settings) -> SourceDocument:
    """The document through the type rules and the length ceiling; IngestError says why it cannot be analysed.

    A text longer than the section size is analysed in sections (no spaCy length limit applies); only one
    over the ceiling (ingest.max_chars, or what ingest.max_memory_mb allows) is skipped or truncated.
    """
    doc = clean_document(doc)
    limit, setting = ceiling(settings)
    if limit and len(doc.text) > limit:
        if settings.ingest.too_long != "truncate":
            raise IngestError(f"skipped: too long ({_too_long(len(doc.text), limit, setting)})")
        cut = cut_point(doc.text, limit)
        note = f"truncated: analysed and stored the first {cut:,} of {len(doc.text):,} characters ({setting})"
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
