"""A dateline opening a paragraph is its own sentence: the story after the dash is parsed without it."""

from __future__ import annotations

import pytest

from claimgraph.nlp.pipeline import load_nlp


def sentences(text: str) -> list[str]:
    return [s.text.strip() for s in load_nlp()(text).sents]


@pytest.mark.parametrize("dateline", ["Port Elmer, Norway - ", "KESTON, June 4 (Wirepress) - ",
                                      "Port Elmer \u2013 "])
def test_the_story_after_a_dateline_starts_a_sentence(dateline: str) -> None:
    story = "Gunmen of the Vesper Brigade stormed a hotel near the harbour on Sunday."
    found = sentences(dateline + story)
    assert found[-1] == story, found


def test_a_headline_line_before_the_dateline_is_a_sentence_of_its_own() -> None:
    found = sentences("Gunmen storm harbour hotel\nPort Elmer, Norway - Gunmen stormed a hotel on Sunday.")
    assert found[0] == "Gunmen storm harbour hotel", found


@pytest.mark.parametrize("text", ["The group said - and this matters - that it would fight on.",
                                  "Vesper - the brigade of the hills - is banned in Ruritania."])
def test_a_dash_inside_a_sentence_is_no_dateline(text: str) -> None:
    assert sentences(text) == [text]
