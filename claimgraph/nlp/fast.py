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

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, MORPH, POS, SENT_START, TAG  # type: ignore[import-not-found]
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

from claimgraph.core import lexicon

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


# ------------------------------------------------------------------ the parse gate
# Lexicon families whose words anchor a claim or its speaker (event, relation, designation, frame and speech
# triggers). They are read from claimgraph.core.lexicon at load time, so the gate follows the extractors' lists.
TRIGGER_FAMILIES = (
    "claims_events_verb_triggers", "claims_events_noun_triggers", "claims_events_frame_verbs",
    "claims_events_explosion_words", "claims_events_clash_nouns", "claims_events_justice_words",
    "claims_designation_triggers", "claims_designate_verbs", "claims_surface_verbs", "claims_item_triggers",
    "claims_leader_nouns", "claims_member_nouns", "claims_tie_verbs", "claims_want_verbs",
    "claims_frames_hostile_verbs", "claims_frames_overthrow_verbs", "claims_frames_hostility_nouns",
    "claims_frames_start_nouns", "claims_frames_wing_nouns", "claims_overthrow_heads", "claims_ideology_words",
    "claims_founded_object_nouns", "scope_speech_verbs", "scope_accusation_verbs", "scope_denial_verbs",
    "scope_object_speech_verbs",
)
# entity labels that name something a claim can be about (numbers and dates are not arguments of their own)
NAME_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
                         "LANGUAGE"})
_PARSE_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


def trigger_lemmas(families: tuple[str, ...] = TRIGGER_FAMILIES) -> frozenset[str]:
    """The lower-case entries of the trigger families (a `.tsv` family gives its first column); a compound
    ("car-bomb", "prime minister") gives each of its words of four letters or more."""
    entries: set[str] = set()
    for family in families:
        try:
            entries |= lexicon.words(family)
        except lexicon.LexiconMissing:
            table = lexicon.rows(family)
            if table:
                first = next(iter(table[0]))
                entries |= {row[first] for row in table if row.get(first)}
    out: set[str] = set()
    for entry in entries:
        entry = entry.lower().strip()
        parts = re.split(r"[\s/-]+", entry)
        out.add(entry)
        if len(parts) > 1:
            out.update(p for p in parts if len(p) >= 4 and p.isalpha())
    return frozenset(out)


class ParseGate:
    """Says whether a sentence may hold a claim: a trigger word (in any inflection), two names, or a colon."""

    def __init__(self, vocab: Any, lemmatizer: Any | None, lemmas: frozenset[str]) -> None:
        self.vocab = vocab
        self.lemmas = lemmas
        self.rules: list[tuple[str, str]] = []
        self.exceptions: list[Any] = []
        lookups = getattr(lemmatizer, "lookups", None)
        if lookups is not None:  # the model's own inflection rules, run backwards over every part of speech
            for table, into in (("lemma_rules", self.rules), ("lemma_exc", self.exceptions)):
                if lookups.has_table(table):
                    for pos in ("verb", "noun", "adj"):
                        found = lookups.get_table(table).get(pos)
                        if found:
                            into.extend(found if table == "lemma_rules" else [found])
        self._decided: dict[int, bool] = {}

    def _is_trigger(self, lower: str) -> bool:
        if lower in self.lemmas:
            return True
        for old, new in self.rules:
            if lower.endswith(old) and len(lower) > len(old) and lower[: len(lower) - len(old)] + new in self.lemmas:
                return True
        return any(form in self.lemmas for table in self.exceptions for form in table.get(lower, ()))

    def triggers(self, lowers: list[int]) -> list[bool]:
        """For each LOWER hash: does the word inflect a trigger? (decided once per word)"""
        decided = self._decided
        out = []
        for h in lowers:
            hit = decided.get(h)
            if hit is None:
                hit = decided[h] = self._is_trigger(self.vocab.strings[h]) if h else False
            out.append(hit)
        return out

    def regions(self, doc: Doc, starts: list[int]) -> list[tuple[int, int]]:
        """Token ranges of consecutive sentences (cut at `starts`) that pass the gate."""
        if not len(doc):
            return []
        hits = self.triggers(doc.to_array([LOWER]).tolist())
        names = [0] * (len(doc) + 1)
        for ent in doc.ents:
            if ent.label_ in NAME_LABELS:
                names[ent.start] += 1
        bounds = [*starts, len(doc)]
        out: list[tuple[int, int]] = []
        text = doc.text
        for a, b in zip(bounds, bounds[1:]):
            if b <= a:
                continue
            piece = text[doc[a].idx: doc[b - 1].idx + len(doc[b - 1])]
            if any(hits[a:b]) or sum(names[a:b]) >= 2 or ":" in piece:
                if out and out[-1][1] == a:
                    out[-1] = (out[-1][0], b)
                else:
                    out.append((a, b))
        return out


class GatedParse:
    """The model's tagger, parser, attribute ruler and lemmatizer run only over the sentences the gate passes.

    Named entities come first, over the whole text (the recognizer has its own token vectors); then a cheap
    sentence splitter cuts the text, the gate picks the sentences that can hold a claim, and runs of them are
    analysed as documents of their own, whose annotations are copied back. Other sentences keep their entities and
    boundaries, with no tags, lemmas or dependencies. Text and offsets are the document's own.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.inner: list[tuple[str, Any]] = []
        self.gate: ParseGate | None = None
        self.passed_tokens = 0  # tokens sent through the inner components since load (benchmarks read it)
        self.seen_tokens = 0

    def __call__(self, doc: Doc) -> Doc:
        """Analyse one document."""
        return next(iter(self.pipe([doc])))  # type: ignore[no-any-return]

    def pipe(self, docs: Any, batch_size: int = 128) -> Any:
        """Analyse documents a batch at a time, the gated sentences of a batch together."""
        from spacy.util import minibatch

        for batch in minibatch(docs, size=batch_size):  # type: ignore[no-untyped-call]
            yield from self._batch(list(batch))

    def _run_inner(self, docs: list[Doc]) -> list[Doc]:
        for _name, proc in self.inner:
            docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        return docs

    def _batch(self, docs: list[Doc]) -> list[Doc]:
        assert self.gate is not None
        jobs: list[tuple[int, int, int]] = []  # (document, first token, end token)
        cuts: list[numpy.ndarray] = []
        for n, doc in enumerate(docs):
            sent = doc.to_array([SENT_START]).astype("int64") if len(doc) else numpy.zeros(0, dtype="int64")
            sent[:1] = 1
            cuts.append(sent)
            starts = numpy.flatnonzero(sent == 1).tolist()
            jobs += [(n, a, b) for a, b in self.gate.regions(doc, starts)]
            self.seen_tokens += len(doc)
        subs = []
        for n, a, b in jobs:
            sub = docs[n][a:b].as_doc()
            sub.from_array([SENT_START], numpy.zeros(len(sub), dtype="uint64"))  # type: ignore[arg-type]  # parser redraws
            subs.append(sub)
            self.passed_tokens += b - a
        subs = self._run_inner(subs)
        arrays = {n: numpy.zeros((len(d), len(_PARSE_ATTRS)), dtype="uint64") for n, d in enumerate(docs)}
        for (n, a, b), sub in zip(jobs, subs, strict=True):
            arrays[n][a:b] = sub.to_array(_PARSE_ATTRS)
            cuts[n][a:b] = sub.to_array([SENT_START]).astype("int64")
        for n, doc in enumerate(docs):
            if len(doc):
                doc.from_array(_PARSE_ATTRS, arrays[n])  # type: ignore[arg-type]
                doc.from_array([SENT_START], cuts[n].astype("uint64"))  # type: ignore[arg-type]  # after the heads
        return docs


class FirstSentences:
    """Sentence starts before the recognizer (which never runs a name over one): forced breaks, then a cheap
    splitter's guess; the parser later redraws them inside the sentences it reads."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.splitters: list[Any] = []

    def __call__(self, doc: Doc) -> Doc:
        """Mark the sentence starts of one document."""
        for proc in self.splitters:
            doc = proc(doc)
        return doc


@Language.factory("claimgraph_first_sentences")
def _make_first_sentences(nlp: Language, name: str) -> FirstSentences:
    return FirstSentences(name)


@Language.factory("claimgraph_gated_parse")
def _make_gated_parse(nlp: Language, name: str) -> GatedParse:
    return GatedParse(name)


def gate_parse(nlp: Language, splitter: Callable[[Doc], Doc] | None = None) -> bool:
    """Move the components before the recognizer behind the parse gate; False when the pipeline has no parser
    before a last-placed recognizer (it is then left as it is). `splitter` marks forced sentence starts first."""
    names = nlp.pipe_names
    if "parser" not in names or "ner" not in names or names[-1] != "ner":
        return False
    inner = [(n, nlp.get_pipe(n)) for n in names[:-1]]
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in names else None
    if "senter" in nlp.component_names:  # the model's own small sentence tagger, off by default
        senter = nlp.get_pipe("senter")
        nlp.remove_pipe("senter")
    else:
        from spacy.pipeline import Sentencizer

        senter = Sentencizer()
    for name in names[:-1]:
        nlp.remove_pipe(name)
    first: FirstSentences = nlp.add_pipe("claimgraph_first_sentences", first=True)  # type: ignore[assignment]
    first.splitters = [s for s in (splitter, senter) if s is not None]
    gated: GatedParse = nlp.add_pipe("claimgraph_gated_parse", last=True)  # type: ignore[assignment]
    gated.inner = inner
    gated.gate = ParseGate(nlp.vocab, lemmatizer, trigger_lemmas())
    return True
