"""Event families read through the clause: fights, results of a deed, a doer's own people, coordinated verbs."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.extract.context import DocContext


def events(ctx: DocContext) -> list[tuple[str, str, str]]:
    """(subject name, predicate, object name) of the event stage's claims."""
    return [(ctx.entity(c.subject).name.lower(), c.predicate,
             (ctx.entity(c.object).name if isinstance(c.object, str) else str(c.object.value)).lower())
            for c in ctx.analysis.claims if c.extractor == "events"]


def has(found: list[tuple[str, str, str]], subject: str, predicate: str, obj: str) -> bool:
    """True when some claim's subject and object contain these words and the predicate is equal."""
    return any(subject in s and p == predicate and obj in o for s, p, o in found)


@pytest.mark.parametrize("text, subject, predicate, obj", [
    ("The movement was led by Omar Tesfaye, who was killed in a clash with Kenyan police in 1998.",
     "kenyan police", "killed", "omar tesfaye"),
    ("The Tigers rose to fame after they ambushed a convoy outside Jaffna, resulting in the deaths of 13 soldiers.",
     "tigers", "killed", "soldiers"),
    ("The Red Guard returned in 2008, starting a series of attacks and killing 25 police officers in ambushes.",
     "red guard", "killed", "police officers"),
    ("Ten soldiers were killed and seven were injured in an attack by Kurdish rebels in the province.",
     "kurdish rebels", "killed", "soldiers"),
    ("The Tigers ambushed a patrol of the Ceylon Army outside Jaffna.", "tigers", "attacked", "ceylon army"),
])
def test_doers_and_victims_read_through_the_clause(analyze: Callable[..., DocContext], text: str, subject: str,
                                                   predicate: str, obj: str) -> None:
    found = events(analyze(text))
    assert has(found, subject, predicate, obj), found


def test_a_doers_own_people_are_not_its_victims(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The Kurdish Workers Party (KWP) attacked the base on Sunday. Twenty KWP militants were "
                           "also killed in the attack."))
    assert has(found, "kurdish workers party", "attacked", "base"), found
    assert not any("militants" in o for _, _, o in found), found


def test_deeds_told_with_a_town_or_province_are_events_not_a_habit(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("Fighters of the Northern Liberation Army have carried out attacks in Tarma province to protest "
                           "the new law."))
    assert any("northern liberation army" in s and p == "attacked" for s, p, _ in found), found
    habit = events(analyze("Police officers carried out raids in Rimsby province overnight."))
    assert not any(p == "attacked" for _, p, _ in habit), habit  # no organisation named: a sweep, no attack told


@pytest.mark.parametrize("text, victim", [
    ("The guerrillas struck to avenge senator Paulo Andrade's murder.", "paulo andrade"),
    ("Students marched after journalist Lena Korr's kidnapping.", "lena korr"),
])
def test_a_person_owning_a_killing_is_its_victim(analyze: Callable[..., DocContext], text: str, victim: str) -> None:
    found = events(analyze(text))
    assert not any(victim in s for s, _, _ in found), found
    assert any(victim in o and p in ("killed", "kidnapped") for _, p, o in found), found


def test_a_day_owning_an_attack_is_its_time_not_its_doer(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("Officers questioned five men after Tuesday's bombing of the Orbis market."))
    assert not any("tuesday" in s for s, _, _ in found), found


def test_the_town_of_a_name_is_placed_by_the_name(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Rebels attacked a police post near the town of Varnak, Moldavia on Monday.")
    places = [c.qualifiers.get("place", {}).get("name", "") for c in ctx.analysis.claims if c.extractor == "events"]
    assert places and all(p.lower().startswith("varnak") for p in places), places


def test_a_vague_toll_of_people_names_no_victim(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The militias have killed many farmers, and many barns were burned by them."))
    assert not any("farmers" in o for _, _, o in found), found


def test_weapons_fired_at_an_unnamed_area_are_an_attack(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("For two days heavy mortars were fired against that part of the valley.")
    weapons = [c.qualifiers.get("weapon") for c in ctx.analysis.claims if c.extractor == "events"]
    assert any(w and "mortar" in str(w).lower() for w in weapons), weapons


def test_a_fact_sheets_lines_without_subject_are_its_titles_groups(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("Ember Front for the Liberation of Korvel (EFLK)\n\nMarxist group founded in 1970.\n\n"
                           "Committed several bombings in the 1970s. Since 1981 has conducted attacks against Dalmian "
                           "targets, including killing a judge in Varna in May 1999.\n"))
    assert has(found, "ember front", "killed", "judge"), found


def test_nationality_words_before_targets_name_their_states(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The Ember Front has carried out attacks against Pakistani and U.S. interests and "
                           "Afghan government targets."))
    for state in ("pakistan", "united states", "afghanistan"):
        assert has(found, "ember front", "attacked", state), found


@pytest.mark.parametrize("text, predicate, obj", [
    ("The Ember Front is known for attacking police stations in Korvel.", "attacked", "police stations"),
    ("The Ember Front is notorious for kidnapping foreign engineers.", "kidnapped", "engineers"),
    ("The Ember Front specializes in kidnapping foreign engineers.", "kidnapped", "engineers"),
    ("The Ember Front succeeded in killing the army's regional commander.", "killed", "commander"),
])
def test_a_gerund_after_a_word_of_habit_is_the_subjects_deed(analyze: Callable[..., DocContext], text: str,
                                                              predicate: str, obj: str) -> None:
    found = events(analyze(text))
    assert has(found, "ember front", predicate, obj), found


def test_a_campaign_of_violence_against_a_state_is_an_attack_on_it(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The Ember Front waged a campaign of violence against the Greek state and banks."))
    assert has(found, "ember front", "attacked", "greece") and has(found, "ember front", "attacked", "banks"), found
    assert not events(analyze("The Azure Party ran a campaign against corruption in 2010."))
    assert not events(analyze("Violence against women rose in 2010, the report said."))


@pytest.mark.parametrize("text", [
    "On Sunday, two rockets were fired at Sderot by the Ember Front.",
    "On Sunday, rockets fired by the Ember Front hit Sderot.",
])
def test_whoever_fired_the_weapon_that_hit_did_it(analyze: Callable[..., DocContext], text: str) -> None:
    found = events(analyze(text))
    doers = [s for s, p, o in found if p == "attacked" and "sderot" in o]
    assert doers and all(s == "ember front" for s in doers), found  # never the unnamed actor beside the named one


def test_a_campaign_named_by_its_deed_holds_the_target(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The Ember Front launched a bombing campaign against the Turkish state in 1984."))
    assert has(found, "ember front", "bombed", "turkey"), found
    found = events(analyze("The Ember Front waged a kidnapping campaign against foreign engineers."))
    assert has(found, "ember front", "kidnapped", "engineers"), found


def test_one_among_the_dead_is_a_victim_and_an_army_raid_is_the_armys(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("Omar Haddad, a commander of the Ember Front, was among six rebels killed in an army raid "
                           "on Thursday."))
    assert has(found, "army", "killed", "omar haddad"), found
    assert not has(found, "unnamed", "killed", ""), found


@pytest.mark.parametrize("text, doer, target", [
    ("Israeli tank fire struck a post run by the Ezzedine Al-Qassam Brigades.", "israel", "qassam brigades"),
    ("The Korvel Front fired rockets. Turkish tank fire struck a post run by its armed wing, the Red Lions Al-Haq "
     "Brigades, east of Vellmar.", "turkey", "red lions al-haq brigades"),
    ("Troops raided a base used by the Ember Front near Korvel.", "troops", "ember front"),
])
def test_a_place_run_by_a_body_is_the_bodys(analyze: Callable[..., DocContext], text: str, doer: str,
                                             target: str) -> None:
    found = events(analyze(text))
    assert has(found, doer, "attacked", target), found


@pytest.mark.parametrize("text, target", [
    ("The Korvel Front has attacked Western targets since 1990.", "western targets"),
    ("The Korvel Front staged a string of attacks against civilian targets in 2004.", "civilian targets"),
    ("The Korvel Front has not staged a major attack against military targets since 2001.", "military targets"),
])
def test_a_kind_of_target_is_what_was_hit(analyze: Callable[..., DocContext], text: str, target: str) -> None:
    found = events(analyze(text))
    assert has(found, "korvel front", "attacked", target), found


def test_targets_told_only_by_number_or_weight_name_nothing_hit(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The Korvel Front attacked several targets in 1990 and bombed key targets in 1991."))
    assert not any("targets" in o for _, _, o in found), found


def test_a_negated_deed_of_a_stage_verb_keeps_its_negation(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The Korvel Front has not staged an attack against a police station since 2001.")
    found = [c for c in ctx.analysis.claims if c.extractor == "events" and c.predicate == "attacked"]
    assert found and all(c.polarity == "negative" for c in found), ctx.analysis.claims


@pytest.mark.parametrize("text, subject, obj", [
    ("The Korvel Front seized three aid workers near Vellmar on Thursday.", "korvel front", "aid workers"),
    ("Police said it was the Red Hand that seized the two engineers.", "red hand", "engineers"),
    ("The army said that it was the group of rebel commander Amin Darko that seized two aid workers.", "amin darko",
     "aid workers"),
])
def test_people_seized_are_kidnapped_by_the_cleft_or_the_bands_leader(analyze: Callable[..., DocContext], text: str,
                                                                     subject: str, obj: str) -> None:
    found = events(analyze(text))
    assert has(found, subject, "kidnapped", obj), found


@pytest.mark.parametrize("text", [
    "Police seized 180 kilograms of explosives in the raid.",
    "The rebels seized the town of Vellmar in June.",
])
def test_things_or_towns_seized_are_no_kidnapping(analyze: Callable[..., DocContext], text: str) -> None:
    assert not [f for f in events(analyze(text)) if f[1] == "kidnapped"]


def test_people_told_by_their_number_are_the_ones_hit(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("Police swooped on a farm near Vellmar and arrested the four on Tuesday."))
    assert has(found, "police", "arrested", "four"), found
    assert not [f for f in events(analyze("Police arrested four on Tuesday.")) if f[2] == "four"]


@pytest.mark.parametrize("text, obj", [
    ("Gunmen killed ten soldiers and wounded 20 others near Vellmar.", "soldiers"),
    ("The blast killed 23 Korvel Front members and wounded dozens of others.", "korvel front members"),
])
def test_others_hurt_beside_a_deed_are_more_of_its_victims(analyze: Callable[..., DocContext], text: str,
                                                           obj: str) -> None:
    found = events(analyze(text))
    assert any(p == "injured" and o == obj for _, p, o in found), found
