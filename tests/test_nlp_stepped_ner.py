"""The stepped entity decoding gives exactly the stock recognizer's entities."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from claimgraph.nlp import stepped_ner
from claimgraph.nlp.pipeline import choose_model, load_nlp
from claimgraph.nlp.stepped_ner import SteppedEntityRecognizer, step_entity_recognizers

TEXTS = [
    "Officials in Brenvik said on Friday that the Northern Shield Brigade had shelled two villages near the "
    "Orla River, killing 14 people, according to the Red Crescent.",
    "The envoy, Marta Velasquez of the United Nations, met leaders of the Popular Front in Geneva last March.",
    "",
    "   \n\n  ",
    "Kenya",
    "A spokesman for the Ministry of Defence told Reuters the convoy left Kabul at 6 a.m. on 3 May 2019; the "
    "Taliban denied it. Later, Ahmed Shah Massoud's brother spoke to the BBC in Dushanbe.",
    "no names at all here, only lower-case words and a number, 42.",
]

ATTRS: list[int | str] = ["ENT_IOB", "ENT_TYPE", "ENT_KB_ID"]


@pytest.fixture(scope="module")
def pipelines() -> tuple[Language, Language]:
    stock = spacy.load(choose_model("auto"))
    stepped = spacy.load(choose_model("auto"))
    assert step_entity_recognizers(stepped) == ["ner"]
    return stock, stepped


def _entities(docs: list[Doc]) -> list[Any]:
    return [(doc.to_array(ATTRS).tolist(), [(e.start, e.end, e.label_) for e in doc.ents]) for doc in docs]


def test_entities_equal_the_stock_recognizer(pipelines: tuple[Language, Language]) -> None:
    stock, stepped = pipelines
    texts = [*TEXTS, " ".join(TEXTS) * 3]  # batches of very different lengths, sorted into sub-batches
    for batch_size in (1, 4, 24):
        a = list(stock.pipe(texts, batch_size=batch_size))
        b = list(stepped.pipe(texts, batch_size=batch_size))
        assert _entities(a) == _entities(b)
        assert any(doc.ents for doc in b)
    assert _entities([stock(TEXTS[1])]) == _entities([stepped(TEXTS[1])])  # one document called alone


def test_preset_entities_are_followed_as_by_the_stock_recognizer(pipelines: tuple[Language, Language]) -> None:
    """A span set before the recognizer forces moves the model does not score best: the best valid one is taken."""
    stock, stepped = pipelines
    runs = []
    for nlp in (stock, stepped):
        doc = nlp.make_doc(TEXTS[0])
        for _name, component in nlp.pipeline:
            if _name == "ner":
                break
            doc = component(doc)
        doc.set_ents([Span(doc, 3, 5, label="LAW"), Span(doc, 9, 10, label="DATE")], default="unmodified")
        runs.append(nlp.get_pipe("ner")(doc))
    assert _entities(runs[:1]) == _entities(runs[1:])
    assert (3, 5, "LAW") in _entities(runs[1:])[0][1]


def test_the_stepped_decoding_itself_gives_the_stock_states(pipelines: tuple[Language, Language]) -> None:
    """Not a silent fallback: `_stepped_parse` decodes the batch and its states annotate as the stock ones."""
    stock, _stepped = pipelines
    ner: Any = stock.get_pipe("ner")
    docs = [d for d in stock.pipe(TEXTS, disable=["ner"]) if len(d)]
    copies = [Doc(stock.vocab).from_bytes(d.to_bytes()) for d in docs]
    ner.set_annotations(docs, ner.greedy_parse(docs))
    ner.set_annotations(copies, stepped_ner._stepped_parse(ner, copies))
    assert _entities(docs) == _entities(copies)


def test_an_unsupported_model_is_decoded_by_the_stock_loop(pipelines: tuple[Language, Language],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    stock, stepped = pipelines

    def unsupported(ner: Any, docs: list[Doc]) -> list[Any]:
        raise stepped_ner._Unsupported

    monkeypatch.setattr(stepped_ner, "_stepped_parse", unsupported)
    assert _entities(list(stock.pipe(TEXTS))) == _entities(list(stepped.pipe(TEXTS)))


def test_the_ingest_pipeline_uses_it() -> None:
    ner = load_nlp().get_pipe("ner")
    assert isinstance(ner, SteppedEntityRecognizer)
    assert ner.name == "ner" and ner.moves.n_moves > 0  # the component's own attributes read through
