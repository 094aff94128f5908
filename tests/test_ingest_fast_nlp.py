"""The cached attribute ruler gives exactly the stock component's annotations."""

from __future__ import annotations

from typing import Any

import spacy
from spacy.language import Language
from thinc.api import NumpyOps

from claimgraph.nlp.fast import CachedAttributeRuler, numpy_matmul, speed_up
from claimgraph.nlp.pipeline import choose_model, load_nlp

TEXTS = [
    "The council said on Tuesday that it ain't going to let's see the plans; y'all gonna wait, c'mon.",
    "There are three rebel groups near the river, and there was a truce. Is it over? It's gotta end.",
    "  \n\nThe envoy's aides — who were not named — met the mayor at 5 p.m. in the old town hall.\n",
    "",
    "Y'all know the plan, and the last word is gon",  # a longer pattern's first token as the Doc's last
]


def test_annotations_equal_the_stock_components() -> None:
    stock = spacy.load(choose_model("auto"))
    fast = spacy.load(choose_model("auto"))
    assert speed_up(fast) == ["attribute_ruler", "lemmatizer"]
    attrs = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE"]
    for _ in range(2):  # the second pass reads the shapes decided in the first
        for a, b in zip(stock.pipe(TEXTS), fast.pipe(TEXTS), strict=True):
            assert a.to_array(attrs).tolist() == b.to_array(attrs).tolist(), a.text


def test_the_ingest_pipeline_uses_it() -> None:
    assert isinstance(load_nlp().get_pipe("attribute_ruler"), CachedAttributeRuler)


def test_numpy_matrix_products_give_the_stock_annotations() -> None:
    """Every layer on numpy's product instead of BLIS: the same tags, parse, lemmas and entities."""
    stock = spacy.load(choose_model("auto"))
    fast = spacy.load(choose_model("auto"))
    assert numpy_matmul(fast) > 0
    assert numpy_matmul(fast) == 0  # a second call finds nothing left on BLIS
    assert not _on_blis(fast)
    attrs: list[int | str] = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START"]
    texts = [*TEXTS, " ".join(TEXTS[:3]) * 4]
    for a, b in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
        assert a.to_array(attrs).tolist() == b.to_array(attrs).tolist(), a.text
    assert not _on_blis(load_nlp())  # the ingest pipeline is changed alike


def _on_blis(nlp: Language) -> list[Any]:
    """The model layers of a pipeline still multiplying through BLIS."""
    models: list[Any] = [getattr(pipe, "model", None) for _name, pipe in nlp.pipeline]
    return [n for m in models if hasattr(m, "walk") for n in m.walk()
            if isinstance(n.ops, NumpyOps) and n.ops.use_blis]


def test_line_breaks_open_sentences_at_blank_lines_colons_and_bullets() -> None:
    nlp = load_nlp()
    text = ("Findings of the panel\n\nthe envoy met them twice. Aims:\nfewer raids in the north\n"
            "- talks with the council\n2) a truce by March")
    doc = nlp(text)
    starts = {t.text for t in doc if t.is_sent_start}
    assert {"the", "fewer", "-", "2"} <= starts  # after a blank line, after 'Aims:', at each list bullet


def test_a_short_list_item_over_a_capitalised_line_is_a_label_of_its_own() -> None:
    """'- Norland' over 'Gunmen fired on a bus ...': the country label is no part of the sentence below it; a
    long item cut by a wrap still goes on."""
    doc = load_nlp()("- 3 March\n- Norland\nGunmen fired on a bus near the border and wounded two\n"
                     "- Protesters marched through the capital of the southern province of\nRavel on Monday.")
    starts = {t.text for t in doc if t.is_sent_start}
    assert "Gunmen" in starts
    assert "Ravel" not in starts
