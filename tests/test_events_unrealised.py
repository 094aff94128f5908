"""Deeds not done and targets not hit: plans, powers, criticism, offices and sites read as names (issue #11)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from claim_text import listing

from claimgraph.extract.context import DocContext


def events(ctx: DocContext) -> list[tuple[str, str, str, str]]:
    """(subject, predicate, object, modality) of the event stage's claims, lower-cased."""
    return [(ctx.entity(c.subject).name.lower(), c.predicate,
             (ctx.entity(c.object).name if isinstance(c.object, str) else str(c.object.value)).lower(), c.modality)
            for c in ctx.analysis.claims if c.extractor == "events"]


@pytest.mark.parametrize("text", [
    "The Northern Front had a plot to bomb the embassy in Valdra.",
    "The Northern Front issued a threat to kill the envoy.",
    "The new law gives the police powers to detain foreign suspects without trial.",
    "The court said that detaining suspects indefinitely is unlawful.",
    "The Northern Front was ordered to release the hostages by the council.",
])
def test_a_deed_planned_threatened_or_allowed_is_no_event(analyze: Callable[..., DocContext], text: str) -> None:
    found = events(analyze(text))
    assert found == [], found


def test_a_deed_the_raised_subject_is_said_or_made_to_do_stays(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The Northern Front is believed to have kidnapped the envoy. The Red Hand was forced to "
                           "release the hostages."))
    assert ("northern front", "kidnapped", "envoy", "hedged") in found, found
    assert any(s == "red hand" and p == "released" for s, p, _, _ in found), found


def test_an_attempt_to_kill_is_an_attack_by_its_maker(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The Northern Front made an attempt to kill the governor of Valdra."))
    assert any(s == "northern front" and p == "attacked" and "governor" in o for s, p, o, _ in found), found
    assert not any(p == "killed" for _, p, _, _ in found), found


@pytest.mark.parametrize("text", [
    "The senator attacked the decision to free the two men.",
    "Lawyer attacks new anti-terror laws",
    "Critics say the bill is the biggest attack on civil liberties in decades.",
    "The opposition leader attacked the government's handling of the strike.",
])
def test_an_attack_in_words_on_a_decision_or_a_law_is_no_violence(analyze: Callable[..., DocContext],
                                                                  text: str) -> None:
    found = events(analyze(text))
    assert not any(p in ("attacked", "bombed") for _, p, _, _ in found), found


def test_an_attack_on_a_named_body_beside_a_decision_is_still_read(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("Gunmen of the Northern Front attacked the police station in Valdra."))
    assert any(s == "northern front" and p == "attacked" for s, p, _, _ in found), found


@pytest.mark.parametrize("text, place", [
    ("The Northern Front attacked the town of Belvo on Monday.", "belvo"),
    ("Fighters of the Red Hand stormed the northern village of Carra.", "carra"),
])
def test_the_town_of_x_is_x(analyze: Callable[..., DocContext], text: str, place: str) -> None:
    found = events(analyze(text))
    assert any(p == "attacked" and o == place for _, p, o, _ in found), found


def test_someone_told_only_through_whose_is_no_named_victim(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("Ann Roe, whose brother was killed by the Northern Front, spoke at the rally."))
    assert not any(o.startswith("whose") for _, _, o, _ in found), found


@pytest.mark.parametrize("text, modality", [
    ("The Northern Front may attack the army base in Valdra next week.", "speculative"),
    ("The Northern Front might try to bomb the embassy in Valdra.", "speculative"),
    ("The Northern Front may have attacked the army base in Valdra in May.", "hedged"),
])
def test_may_looks_ahead_unless_it_looks_back(analyze: Callable[..., DocContext], text: str, modality: str) -> None:
    found = events(analyze(text))
    assert any(s == "northern front" and m == modality for s, _, _, m in found), found


def test_a_state_of_being_told_with_may_stays_hedged(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The Northern Front may be linked to the Red Hand.")
    assert any(p == "tied_to" and m == "hedged" for _, p, _, m, _ in listing(ctx)), listing(ctx)


@pytest.mark.parametrize("text, office_word", [
    ("Shadow Home Secretary Dan Perrin told reporters his concern was the courts.", "shadow home"),
    ("New Home Secretary Jo Amberley vowed the men would stay in prison.", "new home"),
])
def test_an_office_title_is_no_body(analyze: Callable[..., DocContext], text: str, office_word: str) -> None:
    ctx = analyze(text)
    assert not any(e.name.lower() == office_word for e in ctx.analysis.entities.values()), ctx.analysis.entities
    assert not any(p == "member_of" for _, p, _, _, _ in listing(ctx)), listing(ctx)


def test_a_site_named_after_someone_is_no_person(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Fans were evacuated from the club's Marcelli stadium after a bomb threat on Sunday.")
    site = [e for e in ctx.analysis.entities.values() if e.name == "Marcelli"]
    assert site and all(e.type != "Person" for e in site), ctx.analysis.entities
    assert not any(p == "member_of" for _, p, _, _, _ in listing(ctx)), listing(ctx)


@pytest.mark.parametrize("text", [
    "This was part of a communique released by the Red Hand on Monday.",
    "The Red Hand released a statement and a video on Sunday.",
])
def test_what_is_published_is_not_freed(analyze: Callable[..., DocContext], text: str) -> None:
    found = events(analyze(text))
    assert not any(p == "released" for _, p, _, _ in found), found


def test_people_released_are_freed(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The Red Hand released two hostages on Sunday."))
    assert any(s == "red hand" and p == "released" and "hostages" in o for s, p, o, _ in found), found


def test_sabotage_against_the_economy_hits_no_target(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The raids were part of the Red Hand's campaign of sabotage against the economy."))
    assert not any(o == "economy" for _, _, o, _ in found), found


def test_a_result_told_after_a_nearer_deed_is_not_the_main_subjects(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("Police in Varna are hunting a man believed to have left a bag containing a device that "
                           "exploded on Friday, wounding 13 people on a busy street."))
    assert not any("police" in s for s, _, _, _ in found), found
    kept = events(analyze("The Red Hand stormed the town of Kessa, killing five guards."))
    assert any(s == "red hand" and p == "killed" and "guards" in o for s, p, o, _ in kept), kept


def test_a_nationality_word_in_a_list_of_targets_is_its_state(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The Red Hand is a terrorist group responsible for numerous terrorist acts against Iraqi, "
                           "U.S., and other targets in Iraq since 2007."))
    assert any(s == "red hand" and p == "attacked" and o == "iraq" for s, p, o, _ in found), found
    assert not any(o == "iraqi" for _, _, o, _ in found), found


def test_sites_told_by_two_places_are_each_place(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The Red Hand carried out attacks on the Rome and Vienna airports in December 1985. Major "
                           "attacks of the Red Hand included the Paris and London embassies in 1990."))
    for place in ("rome", "vienna", "paris", "london"):
        assert any(s == "red hand" and p == "attacked" and o == place for s, p, o, _ in found), (place, found)
    assert not any(" and " in o for _, _, o, _ in found), found


@pytest.mark.parametrize("text, other", [
    ("The Red Hand denies any link to Iran.", "Iran"),
    ("The Red Hand denied links to al-Qaeda on Sunday.", "al-Qaeda"),
])
def test_a_denied_tie_is_the_deniers_negated_word(analyze: Callable[..., DocContext], text: str, other: str) -> None:
    ctx = analyze(text)
    rows = listing(ctx)
    assert ("Red Hand", "tied_to", other, "attributed", "Red Hand") in rows, rows
    assert all(c.polarity == "negative" for c in ctx.analysis.claims if c.predicate == "tied_to"), rows


@pytest.mark.parametrize("text, predicate", [
    ("The Red Hand Front denied reports that it had bombed the embassy.", "bombed"),
    ("The Red Hand Front dismissed claims that it had kidnapped the envoy.", "kidnapped"),
])
def test_a_denied_report_is_the_deniers_negated_deed(analyze: Callable[..., DocContext], text: str,
                                                     predicate: str) -> None:
    ctx = analyze(text)
    deeds = [c for c in ctx.analysis.claims if c.predicate == predicate]
    assert deeds and all(ctx.entity(c.subject).name == "Red Hand Front" and c.polarity == "negative"
                         and c.modality == "attributed" for c in deeds), listing(ctx)
    said = [c for c in ctx.analysis.claims if c.predicate == "said"]
    assert said and all(str(c.object.value).startswith("it had") for c in said), listing(ctx)


def test_it_that_exploded_is_the_bomb_not_the_speaker(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Police said it exploded near the market on Sunday, killing two people.")
    assert not any(ctx.entity(c.subject).name.lower() == "police" and c.predicate == "killed"
                   for c in ctx.analysis.claims), listing(ctx)


@pytest.mark.parametrize("text, target", [
    ("Gunmen from the Southern Legion set fire to the school in Kessa.", "school"),
    ("The Southern Legion set two buses on fire in May.", "buses"),
    ("Fighters of the Southern Legion set the police station ablaze.", "police station"),
])
def test_setting_fire_to_something_attacks_it(analyze: Callable[..., DocContext], text: str, target: str) -> None:
    found = events(analyze(text))
    assert any(s == "southern legion" and p == "attacked" and o == target for s, p, o, _ in found), found


@pytest.mark.parametrize("text", ["The Southern Legion set up a camp in Kessa.", "The council set fire safety rules."])
def test_setting_up_or_setting_rules_attacks_nothing(analyze: Callable[..., DocContext], text: str) -> None:
    assert not any(p == "attacked" for _, p, _, _ in events(analyze(text)))


def test_deeds_counted_by_the_dozen_keep_their_doer(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The Southern Legion has carried out dozens of attacks on army posts."))
    assert any(s == "southern legion" and p == "attacked" and o == "army posts" for s, p, o, _ in found), found


def test_a_relative_clause_told_through_a_speaker_keeps_its_antecedent(analyze: Callable[..., DocContext]) -> None:
    rows = listing(analyze("The Southern Legion, which officials say is backed by Iran, has carried out dozens of "
                           "attacks on army posts. The Blue Army, which analysts believe is funded by Qatar, denies it."))
    assert ("Iran", "supported", "Southern Legion", "attributed", "officials") in rows, rows
    assert ("Qatar", "supported", "Blue Army", "hedged", "analysts") in rows, rows


@pytest.mark.parametrize("text, accuser", [
    ("The Southern Legion was accused by the government of bombing a bridge in Tarso.", "government"),
    ("The Southern Legion was blamed by police for the bombing of a bridge in Tarso.", "police"),
])
def test_a_passive_accusation_with_its_accuser_is_the_accusers_word(analyze: Callable[..., DocContext], text: str,
                                                                    accuser: str) -> None:
    rows = listing(analyze(text))
    assert ("Southern Legion", "bombed", "bridge", "attributed", accuser) in rows, rows


def test_a_passive_accusation_without_accuser_is_hedged(analyze: Callable[..., DocContext]) -> None:
    rows = listing(analyze("The Southern Legion is accused of bombing a bridge in Tarso."))
    assert ("Southern Legion", "bombed", "bridge", "hedged", "") in rows, rows


def test_a_relative_clause_on_a_date_tells_of_the_event_before_it(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The Free Mountain Movement strongly condemns the brutal attack by regime forces on its residents "
                  "in Camp Hope on Tuesday, which killed five members of the movement.")
    killed = [c for c in ctx.analysis.claims if c.predicate == "killed"]
    assert killed and all(ctx.entity(c.subject).name == "regime forces" for c in killed), listing(ctx)


def test_rejected_accusations_of_an_accuser_are_no_fact(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The Free Mountain Movement rejects the accusations of the regime that it cooperates with "
                  "Hezbollah.")
    ties = [c for c in ctx.analysis.claims if c.predicate == "collaborates_with"]
    assert ties and all(c.modality == "attributed" and c.polarity == "negative" for c in ties), listing(ctx)
    said = [c for c in ctx.analysis.claims if c.predicate == "said"]
    assert said and all(str(c.object.value).endswith("it cooperates with Hezbollah") for c in said), listing(ctx)


def test_a_target_hit_by_a_weapon_fired_by_someone_is_theirs_and_so_called_is_no_name(
        analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The so-called Sderot settlement was hit by a rocket fired by the Red Hand."))
    assert ("red hand", "attacked", "sderot settlement", "asserted") in found, found


@pytest.mark.parametrize("speaker", ["the group", "the movement"])
def test_an_unresolved_body_noun_still_speaks(analyze: Callable[..., DocContext], speaker: str) -> None:
    rows = listing(analyze(f"The regime's mercenaries attacked the camp again, {speaker} said."))
    attacks = [r for r in rows if r[1] == "attacked"]
    assert attacks and all(m == "attributed" for _, _, _, m, _ in attacks), rows


def test_no_one_claiming_a_bombing_leaves_it_done(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("No one has claimed the bombing of the bridge, but officials suspect the Red Hand Front.")
    assert not any(c.modality == "negated" for c in ctx.analysis.claims if c.predicate == "bombed"), listing(ctx)
    gone = analyze("No group attacked the bridge in Kessa.")
    assert not any(c.predicate == "attacked" and c.polarity == "positive" for c in gone.analysis.claims)


def test_assassinations_without_a_doer_are_read_as_killings_are(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The Red Hand Front carried out many attacks against Varnia in those years.\nThe most important "
                  "attacks are as follows:\n\n- Assassination of judges of the high court.\n- Bombing the embassy in "
                  "Kessa.\n")
    killed = [c for c in ctx.analysis.claims if c.predicate == "assassinated"]
    assert killed and all(ctx.entity(c.subject).name == "Red Hand Front" for c in killed), listing(ctx)
