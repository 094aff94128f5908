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


@pytest.mark.parametrize("text, subject, obj", [
    ("Masked men opened fire on a minibus outside the stadium.", "men", "minibus"),
    ("Troops fired on the marchers in the main square.", "troops", "marchers"),
])
def test_shooting_aimed_at_someone_is_an_attack(analyze: Callable[..., DocContext], text: str, subject: str,
                                                obj: str) -> None:
    found = _events(analyze(text))
    assert any(subject in s and p == "attacked" and obj in o for s, p, o, _ in found), found


def test_firing_someone_is_no_attack(analyze: Callable[..., DocContext]) -> None:
    assert not _events(analyze("The club fired its coach after the defeat."))


def test_a_count_of_victims_stands_for_the_people_counted(analyze: Callable[..., DocContext]) -> None:
    found = _events(analyze("Dozens of villagers were killed by militiamen last week."))
    assert any("militiamen" in s and p == "killed" and "villagers" in o for s, p, o, _ in found), found


def test_fire_from_a_body_names_it_as_the_doer(analyze: Callable[..., DocContext]) -> None:
    found = _events(analyze("Two guards were killed by rocket fire from the Ansar Brigade near the dam."))
    assert any("ansar brigade" in s and p == "killed" and "guards" in o for s, p, o, _ in found), found


@pytest.mark.parametrize("text, subject, obj", [
    ("The ministry was the target of the bombing by the Crimson Cells.", "crimson cells", "ministry"),
    ("On Sunday the target of the raiders was a grain depot.", "raiders", "grain depot"),
])
def test_the_target_of_an_attack_is_attacked(analyze: Callable[..., DocContext], text: str, subject: str,
                                             obj: str) -> None:
    found = _events(analyze(text))
    assert any(subject in s and obj in o for s, p, o, _ in found), found


@pytest.mark.parametrize("text", [
    "The ministry could be the target of an attack.",
    "Analysts said the port is a potential target of the rebels.",
])
def test_a_possible_target_is_no_attack(analyze: Callable[..., DocContext], text: str) -> None:
    assert not [e for e in _events(analyze(text)) if e[1] == "attacked"]


def test_a_toll_told_by_the_operation_is_the_doings_of_the_attack_before(analyze: Callable[..., DocContext]) -> None:
    text = ("The Black Orchid Legion carried out a bomb attack on a police convoy on Friday. "
            "Dozens of officers were killed in the operation.")
    found = _events(analyze(text))
    assert any("black orchid" in s and p == "killed" and "officers" in o for s, p, o, _ in found), found


def test_a_wars_toll_in_thousands_names_no_victims(analyze: Callable[..., DocContext]) -> None:
    assert not [e for e in _events(analyze("The civil war has killed tens of thousands of villagers.")) if "villagers" in e[2]]
