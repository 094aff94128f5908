"""Events told as habits, again by a definite noun, through 'behind', in target lists, against members."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.extract.context import DocContext


def events(ctx: DocContext) -> list[tuple[str, str, str, dict[str, object]]]:
    """(subject name, predicate, object name, qualifiers) of the event stage's claims."""
    out = []
    for c in ctx.analysis.claims:
        if c.extractor == "events":
            obj = ctx.entity(c.object).name if isinstance(c.object, str) else str(c.object.value)
            out.append((ctx.entity(c.subject).name.lower(), c.predicate, obj.lower(), c.qualifiers))
    return out


def has(found: list[tuple[str, str, str, dict[str, object]]], subject: str, predicate: str, obj: str) -> bool:
    """True when some claim's subject and object contain these words and the predicate is equal."""
    return any(subject in s and p == predicate and obj in o for s, p, o, _ in found)


def test_a_habit_without_a_target_is_no_event_claim(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The Crimson League engages in kidnappings for ransom, bombings and extortion."))
    assert not any(p in ("kidnapped", "bombed") for _, p, _, _ in found), found


def test_a_habit_still_shows_its_doer_acting(analyze: Callable[..., DocContext]) -> None:
    # the topic group stands for the unsaid doer only where the text shows it acting: a habit shows it
    found = events(analyze("The Crimson League is notorious for deadly terrorist attacks. It is also known for "
                           "the abduction of nine engineers from a dam site in 2004."))
    assert has(found, "crimson league", "kidnapped", "engineers"), found


def test_a_device_without_doer_or_target_is_the_weapon_of_its_sentence(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("A bomb attack on Monday killed five traders in the old market."))
    assert [(p, o, q.get("weapon")) for _, p, o, q in found] == [("killed", "traders", "bomb")], found


def test_a_device_alone_in_its_sentence_stays_an_event(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("A powerful bomb exploded shortly after midnight."))
    assert [(p, q.get("weapon")) for _, p, _, q in found] == [("bombed", "powerful bomb")], found


@pytest.mark.parametrize("text, subject, predicate, obj", [
    ("Fighters of the Northern Crescent Front were behind the abduction of two aid workers in the hills.",
     "northern crescent front", "kidnapped", "aid workers"),
    ("Military officials say the Red Dawn movement was behind the bombing of the ferry.", "red dawn", "bombed",
     "ferry"),
])
def test_the_doer_behind_an_event(analyze: Callable[..., DocContext], text: str, subject: str, predicate: str,
                                  obj: str) -> None:
    found = events(analyze(text))
    assert has(found, subject, predicate, obj), found


def test_the_attack_told_again_takes_the_target_told_before(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("Rebels ambushed an army convoy near Tarso on Friday. The Southern Legion claimed "
                           "responsibility for the attack."))
    assert has(found, "southern legion", "attacked", "army convoy"), found
    assert not any(o == "" for s, _, o, _ in found if "southern legion" in s), found


def test_a_new_attack_is_no_anaphor(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("Rebels ambushed an army convoy near Tarso on Friday. The Southern Legion claimed "
                           "responsibility for an attack in the capital."))
    assert not has(found, "southern legion", "attacked", "army convoy"), found


def test_a_bomber_of_a_claimed_attack_acts_for_the_claimant(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("A suicide bomber drove a truck into the police post on Monday, killing nine officers. "
                           "Two days later, the Red Dawn Front said it carried out the suicide attack."))
    assert has(found, "red dawn front", "killed", "officers"), found


def test_targets_listed_after_the_doers_attacks(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The Red Hand Front was founded in 1970. The Black Star Movement split from it. "
                           "The Red Hand Front has carried out attacks in ten countries. Targets included the "
                           "United States, France and moderate Arabs."))
    assert has(found, "red hand front", "attacked", "france"), found
    assert not has(found, "black star", "attacked", "france"), found


@pytest.mark.parametrize("text, subject, predicate, obj", [
    ("Before the war began, the secret police arrested several leaders and most members of the Popular Front.",
     "secret police", "arrested", "popular front"),
    ("Gunmen were behind the kidnapping of three members of the Ocean Relief Agency near Tarso.", "gunmen",
     "kidnapped", "ocean relief agency"),
])
def test_an_act_against_an_organisations_people_is_against_it(analyze: Callable[..., DocContext], text: str,
                                                              subject: str, predicate: str, obj: str) -> None:
    found = events(analyze(text))
    assert has(found, subject, predicate, obj), found
    assert not any(o in ("leaders", "members") for _, _, o, _ in found), found


def test_a_killing_of_members_stays_the_persons(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("Soldiers killed two members of the Popular Front."))
    assert has(found, "soldiers", "killed", "members"), found


@pytest.mark.parametrize("second", [
    "The Southern Legion has claimed credit for the attack.",
    "Two days later, the Southern Liberation Front said it carried out the attack.",
])
def test_a_claim_of_the_attack_in_other_words(analyze: Callable[..., DocContext], second: str) -> None:
    found = events(analyze("Rebels ambushed an army convoy near Tarso on Friday. " + second))
    assert has(found, "southern l", "attacked", "army convoy"), found


def test_a_band_of_a_named_group_brings_the_group(analyze: Callable[..., DocContext]) -> None:
    # the band is a rule's mention ("Muslim rebels"); the group is named by the word before "group"
    found = events(analyze("Muslim rebels of the Vesper group were behind the abduction of two nurses, the army "
                           "said."))
    assert has(found, "vesper", "kidnapped", "nurses"), found


def test_one_unnamed_member_killed_is_a_blow_to_the_body(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The Vesper Brigade said it had shot dead a member of the Harbour Guard on Sunday."))
    assert has(found, "vesper", "killed", "harbour guard"), found
    named = events(analyze("Vesper gunmen killed a member of the Harbour Guard, Tomas Lind, on Sunday."))
    assert not has(named, "vesper", "killed", "harbour guard"), named


def test_two_buildings_named_side_by_side_are_two_targets(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The Vesper Brigade claimed responsibility for twin bombings at the Interior Ministry "
                           "and Port Elmer governorate headquarters."))
    assert has(found, "vesper", "bombed", "interior ministry"), found
    assert not any("ministry and" in o for _, _, o, _ in found), found
    named = events(analyze("Vesper Brigade gunmen attacked the Norwegian Embassy and NATO headquarters in Oslo."))
    assert has(named, "vesper", "attacked", "nato headquarters"), named
    shared = events(analyze("The Vesper Brigade bombed the Labour and Finance ministries on Monday."))
    assert has(shared, "vesper", "bombed", "labour and finance ministries"), shared
