"""The faster ingest paths give exactly what the plain ones give (behaviour only: nothing here is timed)."""

from __future__ import annotations

import spacy

from claimgraph.extract.context import ReadingContext
from claimgraph.model import Analysis, SourceDocument
from claimgraph.nlp.fast import speed_up
from claimgraph.nlp.pipeline import choose_model, load_nlp
from claimgraph.settings import Settings

# inflected verbs and nouns (the rule path), base forms and proper nouns (stock returns early), repeats (the cache)
TEXTS = [
    "The brigades jumped the fences, boosted their numbers and were offering the mayors new hopes.",
    "Rebels of the Northern Alliance said they had benefited; the alliance's leaders were buoyed by it.",
    "She hopes the councils will meet. The councils met, and the meetings went on for days and days.",
    "Is it over? It's gotta end, y'all said, while the envoys kept going and the envoys kept talking.",
    "",
]


def test_cached_lemmas_equal_the_stock_lemmatizer() -> None:
    stock = spacy.load(choose_model("auto"))
    fast = spacy.load(choose_model("auto"))
    assert "lemmatizer" in speed_up(fast)
    for _ in range(2):  # the second pass reads the shapes cached in the first
        for a, b in zip(stock.pipe(TEXTS), fast.pipe(TEXTS), strict=True):
            assert [t.lemma_ for t in a] == [t.lemma_ for t in b], a.text


def test_cached_lemmas_keep_the_stored_tables() -> None:
    fast = spacy.load(choose_model("auto"))
    speed_up(fast)
    lemmatizer = fast.get_pipe("lemmatizer")
    before = lemmatizer.lookups.to_bytes()
    list(fast.pipe(TEXTS))
    # the set index is used during a call only: what the component saves is its stock tables
    assert lemmatizer.lookups.to_bytes() == before


def test_the_context_reading_follows_its_doc() -> None:
    nlp = load_nlp()
    text = "The \u201cRiver Front\u201d met in Basra."
    ctx = ReadingContext(analysis=Analysis(document=SourceDocument(text=text, source="t")), doc=nlp.make_doc(""),
                   settings=Settings())
    assert ctx.text == text  # an empty Doc's text has another length: the stored text
    ctx.doc = nlp(text)
    assert ctx.text == ctx.doc.text and len(ctx.text) == len(text)
    assert ctx.text is ctx.text  # read once per Doc
