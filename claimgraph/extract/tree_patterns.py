"""Dependency-tree patterns as data: a spaCy DependencyMatcher built once from a `.jsonl` pattern family.

A family file (core/lexicons/<family>.jsonl) holds one record a line, ``{"label": ..., "pattern": [...]}`` in
spaCy's DependencyMatcher format; the first node of each pattern is its anchor. `matches` gives, for one token
taken as the anchor, the tokens each pattern binds, keyed by node name, in document order.
"""

from __future__ import annotations

from functools import cache

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from claimgraph.core.lexicon import patterns

Binding = dict[str, Token]


@cache
def _matcher(family: str, vocab: Vocab) -> tuple[DependencyMatcher, dict[str, list[str]]]:
    """The matcher of a family for a vocab, and the node names of each label in pattern order."""
    matcher = DependencyMatcher(vocab, validate=True)
    names: dict[str, list[str]] = {}
    for record in patterns(family):
        label, pattern = str(record["label"]), record["pattern"]
        matcher.add(label, [pattern])
        names[label] = [node["RIGHT_ID"] for node in pattern]
    return matcher, names


# the last document matched and its matches per anchor token: a stage asks many times about one document
_last: list[tuple[Doc, str, dict[int, dict[str, list[Binding]]]]] = []


def _by_anchor(family: str, doc: Doc) -> dict[int, dict[str, list[Binding]]]:
    for seen, fam, known in _last:
        if seen is doc and fam == family:
            return known
    matcher, names = _matcher(family, doc.vocab)
    table: dict[int, dict[str, list[Binding]]] = {}
    for match_id, token_ids in matcher(doc):
        label = doc.vocab.strings[match_id]
        binding = {name: doc[i] for name, i in zip(names[label], token_ids, strict=True)}
        table.setdefault(token_ids[0], {}).setdefault(label, []).append(binding)
    for by_label in table.values():
        for found in by_label.values():
            # document order node by node: the order a walk over children would give
            found.sort(key=lambda b: tuple(t.i for t in b.values()))
    _last[:] = [*[e for e in _last if e[0] is doc and e[1] != family], (doc, family, table)]
    return table


def matches(family: str, anchor: Token, label: str) -> list[Binding]:
    """The bindings of pattern `label` of `family` whose anchor is `anchor`, in document order."""
    return _by_anchor(family, anchor.doc).get(anchor.i, {}).get(label, [])
