"""Title-case headlines read in sentence case (claimgraph.nlp.headlines), on texts written for the rule."""

from __future__ import annotations

from claimgraph.nlp.headlines import sentence_case_headlines
from claimgraph.nlp.pipeline import load_nlp

BODY = ("\n\nRebels of the Ember Front said on Monday that their fighters had attacked the harbour of Kestel, "
        "where two guards were killed. The Ember Front has fought the government for a decade.")


def test_a_title_case_headline_is_read_in_sentence_case_with_its_names_kept() -> None:
    text = "Ember Front Rebels Claim Deadly Strike on Kestel Harbour" + BODY
    cased, ends = sentence_case_headlines(text)
    assert cased.split("\n")[0] == "Ember Front rebels claim deadly strike on Kestel harbour"
    assert len(cased) == len(text) and cased[ends[0]:] == text[ends[0]:]


def test_a_title_that_is_a_name_or_a_cased_or_short_line_is_left_as_written() -> None:
    for title in ("Popular Union for the Liberation of the Southern Coast (PULSC)",
                  "Rebels claim deadly strike on Kestel harbour", "Kestel Harbour Attack"):
        assert sentence_case_headlines(title + BODY) == (title + BODY, [])
    lower = ("ember front rebels claim deadly strike on kestel harbour" + BODY).lower()
    assert sentence_case_headlines(lower)[0] == lower  # a text in one case is the truecaser's


def test_the_headline_is_a_sentence_of_its_own() -> None:
    doc = load_nlp()("Ember Front Rebels Claim Deadly Strike on Kestel Harbour\nRebels of the Ember Front said on "
                     "Monday that they had attacked the harbour.")
    first = next(iter(doc.sents))
    assert first.text.strip() == "Ember Front rebels claim deadly strike on Kestel harbour"
