"""Same entities, less time: the entity recognizer's greedy decoding stepped across its batch in numpy.

spaCy's greedy NER loop (`Parser._parseC`) asks the transition system which of its ~70 moves are valid for every
state at every step, and each validity test reads the buffer through `StateC.B()`, which Cython compiles with an
interpreter-lock round trip: on this machine most of the recognizer's decoding time is spent taking and releasing
the lock (`perf`: pthread_mutex_lock, take_gil, PyGILState_Release). In the BILUO system every move consumes exactly
one token, so all states of a batch stand on token t at step t and their features are known without the C loop:
the token at t, the open entity's first token and the token before t. Here each step scores every state of the
batch at once with the model's own precomputed features (`state2vec`, the same saxpy sums) and BLIS product (the
same kernel and arguments the C loop passes), and asks the transition system only about the move it would take:
the best-scoring one, or, where that one is invalid, the best valid one (spaCy's `arg_max_if_valid`). The moves are
spaCy's own (`apply_transition`), so the states and the annotations set from them are the stock component's; a
test compares them, and any shape this module does not know (beam search, another feature set, no upper layer) is
decoded by the stock code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

import blis.py  # type: ignore[import-untyped]  # the BLIS the C loop calls; no stubs
import numpy
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc
from thinc.api import set_dropout_rate

# the recognizer's three features per state (spaCy's StateC.set_context_tokens with n == 3)
_FEATURES = 3


class _Unsupported(Exception):
    """A model or state this module does not decode: the stock loop does."""


def _stepped_parse(ner: Any, docs: list[Doc]) -> list[Any]:
    """The recognizer's final states for a batch, decoded step by step across the batch (see the module)."""
    ner._ensure_labels_are_added(docs)
    set_dropout_rate(ner.model, 0.0)
    moves = ner.moves
    states: list[Any] = moves.init_batch(docs)
    step = ner.model.predict(docs)  # the tokens' vectors and their precomputed feature sums, as the stock call
    try:
        state2vec, upper = step.state2vec, step.vec2scores
        if upper is None or state2vec.nF != _FEATURES or state2vec.nP < 2:
            raise _Unsupported
        weights, bias = upper.get_param("W"), upper.get_param("b")
        unseen = numpy.flatnonzero(step._class_mask == 0)
        names = [moves.get_class_name(i) for i in range(moves.n_moves)]
        opens = [name[:1] == "B" for name in names]  # BEGIN opens an entity; LAST and UNIT leave none open
        closes = [name[:1] in ("L", "U") for name in names]
        lengths = numpy.array([len(doc) for doc in docs], dtype=numpy.int64)
        offsets = (numpy.cumsum(lengths) - lengths).astype(numpy.int32)  # each doc's first row in the batch
        start = numpy.full(len(docs), -1, dtype=numpy.int32)  # the open entity's first token; -1: none open
        apply, is_valid = moves.apply_transition, moves.is_valid
        for t in range(int(lengths.max(initial=0))):
            active = numpy.flatnonzero(lengths > t)  # the states not final yet, in batch order as the C loop has
            offset, first = offsets[active], start[active]
            entity = first >= 0
            ids = numpy.empty((len(active), _FEATURES), dtype=numpy.int32)
            ids[:, 0] = offset + t
            ids[:, 1] = numpy.where(entity, offset + first, -1)
            ids[:, 2] = numpy.where(entity, offset + t - 1, -1)
            hidden = numpy.ascontiguousarray(state2vec.predict(ids), dtype=numpy.float32)
            scores = blis.py.gemm(hidden, weights, trans2=True, beta=0.0)
            scores += bias
            if unseen.size:  # classes never seen in training score the step's minimum, as in the C loop
                scores[:, unseen] = scores.min()
            for row, (k, guess) in enumerate(zip(active.tolist(), scores.argmax(axis=1).tolist(), strict=True)):
                state = states[k]
                try:
                    apply(state, names[guess])  # raises when the move is not valid here
                except ValueError:
                    valid = numpy.flatnonzero([is_valid(state, name) for name in names])
                    if not valid.size:  # the C loop forces such a state final; leave it to that loop
                        raise _Unsupported from None
                    guess = int(valid[numpy.argmax(scores[row, valid])])  # the first best valid move
                    apply(state, names[guess])
                if opens[guess]:
                    start[k] = t
                elif closes[guess]:
                    start[k] = -1
        if not all(state.is_final() for state in states):
            raise _Unsupported
    finally:
        step.clear_memory()
    return states


def _chunks(items: Iterable[Doc], size: int) -> Iterator[list[Doc]]:
    """Consecutive lists of `size` items (spaCy's `minibatch` with a fixed size)."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class SteppedEntityRecognizer:
    """A loaded greedy EntityRecognizer whose decoding is `_stepped_parse`; everything else is the component's."""

    def __init__(self, stock: EntityRecognizer) -> None:
        self.stock = stock

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stock, name)

    def predict(self, docs: Doc | list[Doc]) -> list[Any]:
        """The final states of a batch (the stock `predict`, with the stepped decoding where it applies)."""
        batch = [docs] if isinstance(docs, Doc) else list(docs)
        stock: Any = self.stock
        if not any(len(doc) for doc in batch):
            return stock.moves.init_batch(batch)  # type: ignore[no-any-return]
        if stock.cfg.get("beam_width", 1) == 1:
            try:
                return _stepped_parse(stock, batch)
            except _Unsupported:
                pass
        return stock.predict(batch)  # type: ignore[no-any-return]

    def __call__(self, doc: Doc) -> Doc:
        """One document's entities (the stock call)."""
        stock: Any = self.stock
        try:
            stock.set_annotations([doc], self.predict([doc]))
        except Exception as exc:
            stock.get_error_handler()(stock.name, stock, [doc], exc)
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        """Documents in order with their entities; batches and length-sorted sub-batches as the stock `pipe`."""
        stock: Any = self.stock
        for in_order in _chunks(docs, batch_size):
            try:
                by_length = sorted(in_order, key=len)
                for sub in _chunks(by_length, max(batch_size // 4, 2)):
                    stock.set_annotations(sub, self.predict(sub))
                yield from in_order
            except Exception as exc:
                stock.get_error_handler()(stock.name, stock, in_order, exc)


def step_entity_recognizers(nlp: Language) -> list[str]:
    """Wrap each greedy entity recognizer of a loaded pipeline in a SteppedEntityRecognizer; the names wrapped."""
    wrapped = []
    components: list[tuple[str, Any]] = nlp._components  # spaCy keeps no public way to swap a loaded instance
    for i, (name, component) in enumerate(components):
        if type(component) is EntityRecognizer and component.cfg.get("beam_width", 1) == 1:
            components[i] = (name, SteppedEntityRecognizer(component))
            wrapped.append(name)
    return wrapped
