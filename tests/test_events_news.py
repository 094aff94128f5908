"""Events told in news style: the word-start cues and the families of doers, targets and places news uses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from claimgraph.extract.context import DocContext
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


def _events(ctx: DocContext) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(subject name, predicate, object name, qualifiers) of the events stage's claims."""
    out = []
    for c in ctx.analysis.claims:
        if c.extractor == "events":
            obj = ctx.entity(c.object).name if isinstance(c.object, str) else str(c.object.value)
            out.append((ctx.entity(c.subject).name.lower(), c.predicate, obj.lower(), c.qualifiers))
    return out


@pytest.mark.parametrize("text, target, weapon", [
    ("A stray grenade hit the bakery on the corner.", "bakery", "grenade"),
    ("Late on Friday a mortar shell struck the clinic.", "clinic", "mortar"),
    ("The school was hit by a rocket during the night.", "school", "rocket"),
])
def test_a_weapon_that_hits_something_is_an_attack_on_it(analyze: Callable[..., DocContext], text: str,
                                                         target: str, weapon: str) -> None:
    found = [(p, o, q.get("weapon", "")) for _, p, o, q in _events(analyze(text))]
    assert any(p == "attacked" and target in o and weapon in w for p, o, w in found), found


@pytest.mark.parametrize("text", [
    "The storm hit the coast on Tuesday.",
    "The new tax hit small shops hard.",
    "The rocket did not hit the depot.",
])
def test_hit_without_a_weapon_or_not_happening_is_no_attack(analyze: Callable[..., DocContext], text: str) -> None:
    assert not [e for e in _events(analyze(text)) if e[1] == "attacked"]


def test_every_object_blown_up_is_a_target(analyze: Callable[..., DocContext]) -> None:
    found = _events(analyze("Insurgents blew up a water tower and a railway bridge near the town."))
    hit = {o for s, p, o, _ in found if p == "bombed" and "insurgents" in s}
    assert any("tower" in o for o in hit) and any("bridge" in o for o in hit), found


def test_an_amount_of_explosive_is_the_weapon(analyze: Callable[..., DocContext]) -> None:
    found = _events(analyze("Militants detonated three sticks of dynamite outside the police station."))
    assert any("dynamite" in q.get("weapon", "") and "station" in o for _, _, o, q in found), found
