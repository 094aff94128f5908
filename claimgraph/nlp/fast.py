"""Same output, less time: the model's attribute ruler answered from a per-token-shape cache.

spaCy's attribute ruler runs a Matcher of ~180 mostly one-token patterns over every token (about a tenth of the
small model's time); which patterns hold depends only on the token's tag, lower-case form, dependency label and
whether it is a space. Here they are decided once per distinct shape and read back for the rest, so the annotations
are exactly the stock component's (a test compares them) at a fifth of the cost. (The lemmatizer already caches
its answers; its cost is the first sight of a word.) A pipeline whose patterns use a predicate or operator this
module does not read keeps the stock component.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

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
    _decided: dict[tuple[int, ...], tuple[list[int], frozenset[tuple[int, int]]]]

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

    def _decide(self, row: list[int]) -> tuple[list[int], frozenset[tuple[int, int]]]:
        """The one-token patterns a token shape matches, and the (pattern, position) steps of longer ones."""
        strings = self.vocab.strings
        values = (strings[row[0]] if row[0] else "", strings[row[1]] if row[1] else "",
                  strings[row[2]] if row[2] else "", bool(row[3]))
        return sorted(set(self._single.passed(values))), frozenset(self._steps.passed(values))

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """The (attr_id, match_id, start, end) list the stock Matcher gives, sorted alike."""
        rows = doc.to_array(list(_KEY_ATTRS)).tolist() if len(doc) else []
        decided = self._decided
        shapes = []
        matches: list[tuple[int, int, int, int]] = []
        for i, row in enumerate(rows):
            key = tuple(row)
            found = decided.get(key)
            if found is None:
                found = decided[key] = self._decide(row)
            shapes.append(found[1])
            matches.extend((a, 0, i, i + 1) for a in found[0])
        for p, (attr_id, size) in enumerate(self._multi):
            for i in range(len(rows) - size + 1):
                if (p, 0) in shapes[i] and all((p, k) in shapes[i + k] for k in range(1, size)):
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


def speed_up(nlp: Language) -> list[str]:
    """Swap the stock attribute ruler for its cached twin (same state, same output); the names of those swapped."""
    swapped: list[str] = []
    for name, component in nlp.pipeline:
        if type(component) is AttributeRuler:
            # the instance keeps its patterns and attributes; only how it matches them changes
            component.__class__ = CachedAttributeRuler
            if not component._prepare():  # type: ignore[attr-defined]
                component.__class__ = AttributeRuler
                continue
            swapped.append(name)
    return swapped
