"""The model's tokenizer: what claimgraph adds to spaCy's rules for names written side by side."""

from __future__ import annotations

import pytest

from claimgraph.nlp.pipeline import load_nlp


@pytest.mark.parametrize("text, pieces", [
    ("fighters of the ‘Grey Hand’/Mano Gris group", ["Hand", "’", "/", "Mano"]),
    ('the "Front"/Frente alliance', ["Front", '"', "/", "Frente"]),
])
def test_a_slash_after_a_closing_quote_parts_two_names(text: str, pieces: list[str]) -> None:
    tokens = [t.text for t in load_nlp().tokenizer(text)]
    at = tokens.index(pieces[0])
    assert tokens[at:at + len(pieces)] == pieces, tokens


@pytest.mark.parametrize("text", ["and/or", "24/7", "rock'n'roll"])
def test_other_slashes_and_quotes_stay_as_spacy_reads_them(text: str) -> None:
    assert [t.text for t in load_nlp().tokenizer(text)] == [text]
