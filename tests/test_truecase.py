"""Caseless input: the model reads a truecased copy of the same length, offsets still index the stored text."""

from __future__ import annotations

from claimgraph.model import SourceDocument
from claimgraph.nlp.truecase import is_caseless, model_text, truecase
from claimgraph.pipeline import analyze_docs
from claimgraph.settings import load_settings

TEXT = ("the harbour front attacked a customs post near basra in iraq last week. officials in baghdad said "
        "four guards were killed. the front has fought the government of iraq since 1994.")


def test_only_caseless_texts_are_truecased_and_the_length_never_changes() -> None:
    assert is_caseless(TEXT)
    cased = truecase(TEXT)
    assert len(cased) == len(TEXT) and cased.lower() == TEXT
    assert cased.startswith("The harbour") and " in Iraq " in cased and "Officials in Baghdad" in cased
    written = "The Harbour Front attacked a customs post near Basra in Iraq. Officials said four guards died there."
    assert not is_caseless(written) and model_text(written) == written


def test_names_in_a_caseless_text_are_found_at_their_stored_offsets() -> None:
    (ctx,) = list(analyze_docs([SourceDocument(text=TEXT, source="lower.txt")], load_settings()))
    assert ctx.failure is None
    for m in ctx.analysis.mentions:
        assert TEXT[m.start:m.end] == m.text
    # the model read the truecased copy; what is stored and cited is the text as given
    assert ctx.doc.text == truecase(TEXT) != TEXT and ctx.text == TEXT
    assert {m.text for m in ctx.analysis.mentions} >= {"iraq", "baghdad"}
    for claim in ctx.analysis.claims:
        for ev in claim.evidence:
            assert TEXT[ev.start:ev.end] == ev.text
