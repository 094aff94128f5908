"""Same output, less time: the model's attribute ruler and rule lemmatizer answered from per-token-shape caches.

spaCy's attribute ruler runs a Matcher of ~180 mostly one-token patterns over every token (about a tenth of the
small model's time); which patterns hold depends only on the token's tag, lower-case form, dependency label and
whether it is a space. Here they are decided once per distinct shape and read back for the rest, so the annotations
are exactly the stock component's (a test compares them) at a fifth of the cost. A pipeline whose patterns use a
predicate or operator this module does not read keeps the stock component.

The rule lemmatizer's answer is a function of the token's form, part of speech and morphology alone, but the stock
component builds a Token object and re-derives it for every token, and caches nothing for base forms and proper
nouns (most news tokens). Here it is looked up by (ORTH, POS, MORPH) from an array of the doc and written back with
one `from_array`; the stock code decides each new shape, so the lemmas are its own.

The model's own layers multiply matrices through thinc's bundled BLIS kernel, which on this generation of CPUs is
about three times slower than the OpenBLAS that numpy carries; thinc's `NumpyOps(use_blis=False)` sends them to
numpy instead (same weights, same annotations on every token of 300 news articles; a test compares them), with one
BLAS thread per process so that worker processes, not threads, share the cores.
"""

from __future__ import annotations

import ctypes
import glob
import os
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import numpy
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.lookups import Table
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from thinc.api import NumpyOps

# the token attributes a one-token pattern may test here, and where each sits in the cache key
_KEY_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
Test = Callable[[Any], bool]


def _value_test(spec: Any) -> Test | None:
    """A test for one attribute's pattern value, or None when the value uses a predicate not read here."""
    if isinstance(spec, (str, bool)):
        return lambda v: bool(v == spec)
    if isinstance(spec, dict) and len(spec) == 1:
        (op, arg), = spec.items()
        if op == "IN":
            wanted = frozenset(arg)
            return lambda v: v in wanted
        if op == "NOT_IN":
            unwanted = frozenset(arg)
            return lambda v: v not in unwanted
        if op == "REGEX":
            pattern = re.compile(arg)
            return lambda v: isinstance(v, str) and pattern.search(v) is not None
    return None


def _token_test(token_spec: dict[str, Any]) -> Callable[[tuple[Any, ...]], bool] | None:
    tests: list[tuple[int, Test]] = []
    for attr, spec in token_spec.items():
        test = _value_test(spec)
        if attr not in _KEY_ATTRS or test is None:
            return None
        tests.append((_KEY_ATTRS.index(attr), test))
    return lambda values: all(test(values[i]) for i, test in tests)


def _index_key(token_spec: dict[str, Any]) -> tuple[int, str] | None:
    """The exact LOWER (else TAG) value a token must have for the spec to hold: only such tokens try it."""
    for slot, attr in ((1, "LOWER"), (0, "TAG")):
        if isinstance(token_spec.get(attr), str):
            return slot, token_spec[attr]
    return None


class _Tests:
    """One-token tests filed under the exact word or tag they need, so a token shape tries only its own few."""

    def __init__(self) -> None:
        self.by_value: dict[tuple[int, str], list[tuple[Any, Callable[[tuple[Any, ...]], bool]]]] = {}
        self.general: list[tuple[Any, Callable[[tuple[Any, ...]], bool]]] = []

    def add(self, token_spec: dict[str, Any], label: Any) -> bool:
        test = _token_test(token_spec)
        if test is None:
            return False
        key = _index_key(token_spec)
        (self.general if key is None else self.by_value.setdefault(key, [])).append((label, test))
        return True

    def passed(self, values: tuple[Any, ...]) -> list[Any]:
        tried = self.by_value.get((1, values[1]), []) + self.by_value.get((0, values[0]), []) + self.general
        return [label for label, test in tried if test(values)]


class CachedAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler whose patterns are decided once per distinct token shape, not by its Matcher."""

    _single: _Tests
    _steps: _Tests
    _multi: list[tuple[int, int]]  # (attr_id, length) of each pattern longer than one token
    _decided: dict[tuple[int, ...], tuple[list[int], frozenset[tuple[int, int]], tuple[int, ...]]]

    def _prepare(self) -> bool:
        """Read every pattern as a row of one-token tests; False when one uses what this class cannot read."""
        single, steps = _Tests(), _Tests()
        multi: list[tuple[int, int]] = []
        entries: list[dict[str, Any]] = list(self.patterns)
        for attr_id, entry in enumerate(entries):
            for pattern in entry["patterns"]:
                if not isinstance(pattern, list) or not pattern or any("OP" in t for t in pattern):
                    return False
                if len(pattern) == 1:
                    if not single.add(pattern[0], attr_id):
                        return False
                    continue
                if not all(steps.add(spec, (len(multi), k)) for k, spec in enumerate(pattern)):
                    return False
                multi.append((attr_id, len(pattern)))
        self._single, self._steps, self._multi, self._decided = single, steps, multi, {}
        return True

    def _decide(self, row: list[int]) -> tuple[list[int], frozenset[tuple[int, int]], tuple[int, ...]]:
        """The one-token patterns a token shape matches, the (pattern, position) steps of longer ones, and the longer
        patterns it may start."""
        strings = self.vocab.strings
        values = (strings[row[0]] if row[0] else "", strings[row[1]] if row[1] else "",
                  strings[row[2]] if row[2] else "", bool(row[3]))
        steps = frozenset(self._steps.passed(values))
        return sorted(set(self._single.passed(values))), steps, tuple(sorted(p for p, k in steps if k == 0))

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """The (attr_id, match_id, start, end) list the stock Matcher gives, sorted alike."""
        rows = doc.to_array(list(_KEY_ATTRS)).tolist() if len(doc) else []
        decided = self._decided
        shapes = []
        starts: dict[int, list[int]] = {}  # each longer pattern's possible first tokens: only they are tried
        matches: list[tuple[int, int, int, int]] = []
        for i, row in enumerate(rows):
            key = tuple(row)
            found = decided.get(key)
            if found is None:
                found = decided[key] = self._decide(row)
            shapes.append(found[1])
            if found[0]:  # most tokens match no pattern: no generator built for them
                matches.extend((a, 0, i, i + 1) for a in found[0])
            for p in found[2]:
                starts.setdefault(p, []).append(i)
        for p, (attr_id, size) in enumerate(self._multi):
            for i in starts.get(p, ()):
                if i + size <= len(rows) and all((p, k) in shapes[i + k] for k in range(1, size)):
                    matches.append((attr_id, 0, i, i + size))
        matches.sort()
        return matches

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        """Each match's attributes on its token, in the stock order (later patterns win)."""
        n = len(doc)
        for attr_id, _match_id, start, end in matches:
            index = self.indices[attr_id]
            at = (start + index) if index >= 0 else (end + index)
            if not start <= at < end or at >= n:
                stock: Any = super().set_annotations  # untyped in spaCy
                stock(doc, [(attr_id, self.vocab.strings.add(str(attr_id)), start, end)])
                continue  # the stock component reports the bad index
            set_token_attrs(doc[at], self.attrs[attr_id])


class _SetIndexLookups:
    """The lemmatizer's tables with each part of speech's word index as a set: the stock rules test membership in
    it (`form in index`), which on spaCy's lists of up to 57,000 words is a linear scan per candidate form."""

    def __init__(self, lookups: Any) -> None:
        self._lookups = lookups
        # a spaCy Table, which hashes the string keys ("verb") the rules ask with
        self._index = Table(name="lemma_index")
        for pos, words in lookups.get_table("lemma_index", {}).items():
            self._index[pos] = frozenset(words)

    def get_table(self, name: str, default: Any = None) -> Any:
        """The index table with sets, any other table as stored."""
        return self._index if name == "lemma_index" else self._lookups.get_table(name, default)


class _CachedLemmas:
    """Mixed in before a rule lemmatizer whose answer depends on (ORTH, POS, MORPH) only: each shape decided once."""

    _lemmas: dict[tuple[int, int, int], int]
    _set_lookups: tuple[Any, _SetIndexLookups] | None = None

    def _fast_lookups(self, lookups: Any) -> _SetIndexLookups:
        if self._set_lookups is None or self._set_lookups[0] is not lookups:  # tables loaded or replaced since
            self._set_lookups = (lookups, _SetIndexLookups(lookups))
        return self._set_lookups[1]

    def __call__(self, doc: Doc) -> Doc:
        """The stock lemmas, read from a per-shape cache; a shape seen first is decided by the stock rules."""
        stock: Any = super().__call__  # type: ignore[misc]  # spaCy's untyped component call
        lemmatizer: Any = self
        if not len(doc) or not lemmatizer._validated:  # the stock call checks the tables first
            return stock(doc)  # type: ignore[no-any-return]
        rows: Any = doc.to_array(["ORTH", "POS", "MORPH", "LEMMA"])
        lemmas = self._lemmas
        strings = doc.vocab.strings
        overwrite = bool(lemmatizer.overwrite)
        out: Any = rows[:, 3].copy()
        stored = lemmatizer.lookups
        lemmatizer.lookups = self._fast_lookups(stored)  # read by the stock rules for this call only
        try:
            for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
                if lemma and not overwrite:
                    continue
                if not pos:  # no part of speech: the stock path, which warns about it
                    out[i] = strings.add(lemmatizer.lemmatize(doc[i])[0])
                    continue
                key = (orth, pos, morph)
                found = lemmas.get(key)
                if found is None:
                    found = lemmas[key] = strings.add(lemmatizer.lemmatize(doc[i])[0])
                out[i] = found
        except Exception:  # the stock component reports the error its own way
            lemmatizer.lookups = stored
            return stock(doc)  # type: ignore[no-any-return]
        finally:
            lemmatizer.lookups = stored
        doc.from_array(["LEMMA"], out.reshape(-1, 1))
        return doc


# the lemmatizers whose rule answers read only the token's form, part of speech and morphology (spaCy 3.x)
_PURE_LEMMATIZERS = (Lemmatizer, EnglishLemmatizer)
_CACHED_CLASSES: dict[type, type] = {}


def _cached_lemmatizer_class(base: type) -> type:
    if base not in _CACHED_CLASSES:
        _CACHED_CLASSES[base] = type(f"Cached{base.__name__}", (_CachedLemmas, base), {})
    return _CACHED_CLASSES[base]


def speed_up(nlp: Language) -> list[str]:
    """Swap the stock attribute ruler and rule lemmatizer for cached twins (same state, same output); the names of
    those swapped."""
    swapped: list[str] = []
    for name, component in nlp.pipeline:
        if type(component) in _PURE_LEMMATIZERS and getattr(component, "mode", None) == "rule":
            component.__class__ = _cached_lemmatizer_class(type(component))
            component._lemmas = {}  # type: ignore[attr-defined]
            swapped.append(name)
            continue
        if type(component) is AttributeRuler:
            # the instance keeps its patterns and attributes; only how it matches them changes
            component.__class__ = CachedAttributeRuler
            if not component._prepare():  # type: ignore[attr-defined]
                component.__class__ = AttributeRuler
                continue
            swapped.append(name)
    return swapped


@lru_cache(maxsize=1)
def one_blas_thread() -> bool:
    """Hold numpy's OpenBLAS to one thread in this process (its wheels' own library); False where it is not found.

    spaCy's inference is one thread per process; a BLAS that spreads each product over every core would make two
    worker processes fight over them and a one-process run use cores the stock pipeline does not.
    """
    libs = glob.glob(os.path.join(os.path.dirname(numpy.__file__), os.pardir, "numpy.libs", "libscipy_openblas*.so"))
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for name in ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads", "openblas_set_num_threads"):
            setter = getattr(lib, name, None)
            if setter is not None:
                setter(1)
                return True
    return False


def numpy_matmul(nlp: Language) -> int:
    """Point every layer of the pipeline's models at numpy's matrix product (thinc's NumpyOps without BLIS); the
    number of layers changed. Only a pipeline on thinc's plain CPU ops is changed (never a GPU's)."""
    ops = NumpyOps(use_blis=False)
    changed = 0
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps and node.ops.use_blis:
                node.ops = ops
                changed += 1
    if changed:
        one_blas_thread()
    return changed
