"""Events told in news style: the word-start cues and the families of doers, targets and places news uses."""

from __future__ import annotations

import pytest

from claimgraph.extract.event_lexicon import TRIGGER_WORD, VIOLENT_CONTEXT


@pytest.mark.parametrize("sentence", [
    "The kidnapping of the mayor shocked the town.",
    "Insurgents were shelling the outskirts all night.",
    "Two acts of sabotage hit the pipeline.",
    "The convoy was machinegunned on the road.",
])
def test_trigger_stems_match_a_word_start_of_violence(sentence: str) -> None:
    assert TRIGGER_WORD.search(sentence)


@pytest.mark.parametrize("sentence", [
    "The committee met on Tuesday to discuss the budget.",
    "She acted in three plays and enacted a law.",  # "act" only as a whole word
    "Unkilled weeds grew there.",  # a stem counts only at a word start
])
def test_trigger_stems_pass_over_ordinary_sentences(sentence: str) -> None:
    assert not TRIGGER_WORD.search(sentence)


def test_violence_stems_tell_a_violent_death_from_a_natural_one() -> None:
    assert VIOLENT_CONTEXT.search("He died of wounds from a grenade.")
    assert not VIOLENT_CONTEXT.search("He died of old age at his home.")
