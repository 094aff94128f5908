"""Event claims from news prose: perpetrator, target or victim, weapon, place, time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from claimgraph.eval.runner import NamesReadFromText
from claimgraph.export.base import Exporter, RecordKind
from claimgraph.extract.context import DocContext
from claimgraph.extract.events import UNKNOWN_ACTOR_KEY, UNKNOWN_ACTOR_NAME, EventFrames


def events(ctx: DocContext) -> list[tuple[str, str, str, dict]]:
    """(subject name, predicate, object name, qualifiers) of the event stage's claims."""
    out = []
    for c in ctx.analysis.claims:
        if c.extractor != "events":
            continue
        obj = ctx.entity(c.object).name if isinstance(c.object, str) else str(c.object.value)
        out.append((ctx.entity(c.subject).name.lower(), c.predicate, obj.lower(), c.qualifiers))
    return out


def has(found: list[tuple[str, str, str, dict]], subject: str, predicate: str, obj: str) -> bool:
    """True when some claim's subject and object contain these words and the predicate is equal."""
    return any(subject in s and p == predicate and obj in o for s, p, o, _ in found)


@pytest.mark.parametrize("text, subject, predicate, obj", [
    ("Guerrillas killed a peasant near the village on Sunday.", "guerrillas", "killed", "peasant"),
    ("guerrillas killed a peasant near the village on sunday.", "guerrillas", "killed", "peasant"),
    ("Two policemen were killed by rebels in the north of the country.", "rebels", "killed", "policemen"),
    ("Masked gunmen kidnapped a judge and a journalist outside the courthouse.", "gunmen", "kidnapped", "judge"),
    ("Masked gunmen kidnapped a judge and a journalist outside the courthouse.", "gunmen", "kidnapped",
     "journalist"),
    ("Rebels attacked and burned the power station overnight.", "rebels", "attacked", "power station"),
    ("Terrorists bombed the water plant last week.", "terrorists", "bombed", "water plant"),
    ("Commandos assassinated the mayor of the town.", "commandos", "assassinated", "mayor"),
    ("Soldiers arrested three students after the protest.", "soldiers", "arrested", "students"),
    ("The army released two hostages on Friday.", "army", "released", "hostages"),
])
def test_verbal_triggers_give_perpetrator_and_patient(analyze: Callable[..., DocContext], text: str,
                                                      subject: str, predicate: str, obj: str) -> None:
    assert has(events(analyze(text)), subject, predicate, obj), events(analyze(text))


def test_members_of_a_named_front_give_the_band_and_the_front(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("members of the popular liberation front attacked an electric substation."))
    assert has(found, "members of", "attacked", "substation")
    assert has(found, "popular liberation front", "attacked", "substation")


@pytest.mark.parametrize("text, subject, predicate, obj", [
    ("The bombing of the embassy by the rebels shocked the capital.", "rebels", "bombed", "embassy"),
    ("An attack on the army barracks by guerrillas left six dead.", "guerrillas", "attacked", "barracks"),
    ("The assassination of the governor was condemned by the church.", "", "assassinated", "governor"),
    ("The kidnapping of a businessman by an armed gang alarmed the city.", "gang", "kidnapped", "businessman"),
])
def test_nominal_triggers(analyze: Callable[..., DocContext], text: str, subject: str, predicate: str,
                          obj: str) -> None:
    assert has(events(analyze(text)), subject, predicate, obj), events(analyze(text))


def test_a_device_that_explodes_names_weapon_and_target(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("A car bomb exploded outside the central bank on Tuesday.")
    found = events(ctx)
    hits = [q for s, p, o, q in found if p == "bombed" and "bank" in o]
    assert hits and "car bomb" in hits[0]["weapon"]
    subjects = [c.subject for c in ctx.analysis.claims if c.extractor == "events"]
    assert all(ctx.find(s) == ctx.find(UNKNOWN_ACTOR_KEY) for s in subjects)
    assert ctx.entity(UNKNOWN_ACTOR_KEY).name == UNKNOWN_ACTOR_NAME  # one shared stand-in, never a guess


def test_weapon_place_and_time_qualifiers(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("On 12 March 1990 terrorists attacked the police station in Medellin with grenades."))
    hits = [q for s, p, o, q in found if p == "attacked" and "police station" in o]
    assert hits, found
    assert "grenade" in hits[0].get("weapon", "")
    assert hits[0].get("time", {}).get("start") == "1990-03-12"  # as precise as the text: the day


def test_passive_victims_without_a_named_killer(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("Three soldiers died in the blast and a civilian was wounded."))
    assert has(found, "", "killed", "soldiers")
    assert has(found, "", "injured", "civilian")


def test_claimed_responsibility_names_the_perpetrator(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The Shining Path claimed responsibility for the bombing of the power station."))
    assert has(found, "shining path", "bombed", "power station"), found
    found = events(analyze("The Shining Path claimed responsibility for the bombing."))
    assert any("shining path" in s and p == "bombed" for s, p, _, _ in found), found


@pytest.mark.parametrize("text", [
    "The company released a new phone in May.",
    "He died of cancer in 1992 at his home.",
    "They killed time by reading the papers.",
    "The army denied the rumours about the election.",
])
def test_ordinary_sentences_give_no_events(analyze: Callable[..., DocContext], text: str) -> None:
    assert events(analyze(text)) == []


def test_sentences_without_trigger_words_are_not_walked(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The minister met the delegation and discussed trade.")
    before = len(ctx.analysis.claims)
    EventFrames().run(ctx)
    assert len(ctx.analysis.claims) == before


def test_a_named_band_also_names_its_organisation(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("ELN guerrillas dynamited an oil pipeline near the border."))
    assert has(found, "guerrillas", "bombed", "pipeline")
    assert any(s == "eln" and p == "bombed" for s, p, _, _ in found), found


def test_titles_before_a_victim_name_are_left_out(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("gunmen killed governor antonio roldan in medellin."))
    victims = [o for s, p, o, _ in found if p == "killed"]
    assert victims and all(not v.startswith("governor") for v in victims), found


def test_they_after_a_band_is_that_band(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("Rebels attacked the farm at dawn. Later they burned the storehouse."))
    assert has(found, "rebels", "attacked", "storehouse"), found


@pytest.mark.parametrize("text", [
    "The minister advised the militia to free the hostages.",
    "Nobody would take the risk of attacking the capital.",
    "The rebels plan to attack the garrison next week.",
])
def test_advice_plans_and_risks_are_not_events(analyze: Callable[..., DocContext], text: str) -> None:
    assert events(analyze(text)) == []


def test_an_attempt_is_an_event(analyze: Callable[..., DocContext]) -> None:
    # an attack on the judge: whether the judge died the sentence does not say
    assert has(events(analyze("Gunmen tried to kill the judge outside his home.")), "gunmen", "attacked", "judge")


def test_unknown_perpetrator_is_no_filler_but_says_what_it_stands_for(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("a powerful bomb exploded shortly after midnight.")
    claims = [c for c in ctx.analysis.claims if c.extractor == "events"]
    assert [(c.predicate, c.qualifiers.get("weapon")) for c in claims] == [("bombed", "powerful bomb")]
    actor, target = ctx.entity(claims[0].subject), ctx.entity(claims[0].object)
    assert actor.name == target.name == ""
    assert actor.attrs["stands_for"] == "unnamed perpetrator" and target.attrs["stands_for"] == "unnamed target"


@pytest.mark.parametrize("text", [
    "the bomb did not explode.",
    "two rockets were going to explode near the fuel tanks.",
    "the floods destroyed the old bridge last spring.",
    "a storm killed four fishermen off the coast.",
])
def test_no_event_when_nothing_violent_happened(analyze: Callable[..., DocContext], text: str) -> None:
    assert events(analyze(text)) == []


@pytest.mark.parametrize("text, subject, predicate, obj, subject_type", [
    ("the urng ambushed an army convoy on the highway.", "urng", "attacked", "army convoy", "Organization"),
    ("the erp ambushed an army convoy on the highway.", "erp", "attacked", "army convoy", "Organization"),
    ("the medellin cartel killed the judge.", "medellin cartel", "killed", "judge", "Organization"),
    ("the armed forces bombed a rebel camp.", "armed forces", "bombed", "rebel camp", "Organization"),
    ("drug traffickers murdered a journalist in the capital.", "drug traffickers", "killed", "journalist", "Group"),
])
def test_lower_cased_perpetrators(analyze: Callable[..., DocContext], text: str, subject: str, predicate: str,
                                  obj: str, subject_type: str) -> None:
    ctx = analyze(text)
    found = [c for c in ctx.analysis.claims if c.extractor == "events" and c.predicate == predicate
             and ctx.entity(c.subject).name.lower() == subject and obj in ctx.entity(c.object).name.lower()]
    assert found and ctx.entity(found[0].subject).type == subject_type, events(ctx)


def test_damage_by_a_blast_is_a_bombing_of_things(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("the blast destroyed two buses parked near the terminal."))
    assert has(found, "", "bombed", "buses"), found


def test_named_victim_in_apposition_replaces_the_description(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("the son of the judge, pedro ramirez lugo, was kidnapped yesterday."))
    assert [(p, o) for _, p, o, _ in found] == [("kidnapped", "pedro ramirez lugo")]


def test_weapon_attack_without_target_keeps_its_weapon(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("a car bomb attack occurred yesterday morning."))
    assert [q.get("weapon") for _, _, _, q in found] == ["car bomb"]


def test_a_victims_short_name_said_later_is_the_same_person(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("gunmen killed roberto garcia alvarado on monday. witnesses said that garcia was shot by two men.")
    victims = {ctx.find(c.object) for c in ctx.analysis.claims if c.extractor == "events"}
    assert len(victims) == 1 and ctx.entity(victims.pop()).name.lower() == "roberto garcia alvarado", events(ctx)


@pytest.mark.parametrize("text, expected", [
    ("two gunmen fired rifles at the students outside the school.", [("gunmen", "attacked", "students", "rifles")]),
    ("rebels fired mortars against the army garrison.", [("rebels", "attacked", "army garrison", "mortars")]),
    ("the company fired its manager last week.", []),
])
def test_weapons_fired_at_a_target(analyze: Callable[..., DocContext], text: str,
                                   expected: list[tuple[str, str, str, str]]) -> None:
    found = [(s, p, o, q.get("weapon")) for s, p, o, q in events(analyze(text))]
    assert found == expected


@pytest.mark.parametrize("text, subject, obj", [
    ("The Crimson Front has planned and carried out a number of bombings and attacks against the Velmar "
     "Police Service.", "Crimson Front", "Velmar Police Service"),
    ("Since 2004, the Crimson Front has engaged in numerous attacks on the Velmar Police Service.",
     "Crimson Front", "Velmar Police Service"),
    ("The Crimson Front is an armed group that has conducted attacks against the Velmar Police Service.",
     "Crimson Front", "Velmar Police Service"),
    ("The Crimson Front has targeted the Velmar Police Service.", "Crimson Front", "Velmar Police Service"),
    ("The Crimson Front is a militant group. Targets have included the Velmar Police Service and civilians.",
     "Crimson Front", "Velmar Police Service"),
])
def test_perpetrator_found_through_the_clause(analyze: Callable[..., DocContext], text: str, subject: str,
                                              obj: str) -> None:
    found = events(analyze(text))
    assert has(found, subject.lower(), "attacked", obj.lower()), found


def test_the_event_noun_that_killed_gives_its_perpetrator(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("Officials blamed the Crimson Front for an attack at a market in Dorvik, which "
                           "killed over 30 people."))
    assert any(f[0] == "crimson front" and f[1] == "killed" for f in found), found


def test_struck_a_deal_is_no_attack(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The Crimson Front struck a deal with the Velmar government in 2009."))
    assert not [f for f in found if f[1] == "attacked"], found


def test_has_not_staged_an_attack_is_a_negated_attack_never_a_positive_one(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The Crimson Front has not staged an attack on the Velmar Police Service since 2009.")
    found = [c for c in ctx.analysis.claims if c.extractor == "events" and c.predicate == "attacked"]
    assert found and all(c.polarity == "negative" and c.modality == "negated" for c in found), found


@pytest.mark.parametrize("text, subject, predicate, obj", [
    # a place named as the site of an attack is what was hit, when nothing else is said to be
    ("The Crimson Front claimed responsibility for a bombing in Tripoli last week.", "crimson front", "bombed",
     "tripoli"),
    ("The Crimson Front claimed responsibility for the Tripoli attack.", "crimson front", "attacked", "tripoli"),
    # the doers of the event a death happened in
    ("Six guards were killed in an attack by the Crimson Front near the border.", "crimson front", "killed",
     "guards"),
    # a list of the group's deeds: the owner did each one, and what each one did
    ("The Crimson Front is a militant group. The group's attacks include an assault on the Grand Hotel, which "
     "killed nine guests.", "crimson front", "attacked", "grand hotel"),
    ("The Crimson Front is a militant group. The group's attacks include an assault on the Grand Hotel, which "
     "killed nine guests.", "crimson front", "killed", "guests"),
    ("Rebels of the Crimson Front killed at least 40 villagers in the valley.", "crimson front", "killed",
     "villagers"),
    # a hedge over a light verb keeps the suspect
    ("A bombing in Benghazi was believed to have been carried out by the Crimson Front.", "crimson front",
     "bombed", "benghazi"),
])
def test_event_families_keep_the_named_doer(analyze: Callable[..., DocContext], text: str, subject: str,
                                            predicate: str, obj: str) -> None:
    assert has(events(analyze(text)), subject, predicate, obj), events(analyze(text))


def test_a_country_before_an_attack_noun_is_not_its_target(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("A French raid was reported by officials on Monday."))
    assert not any(o == "france" for _, _, o, _ in found), found


def test_one_claimant_stands_for_the_doer_an_event_leaves_unsaid(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("Four guards died in a blast at the depot on Monday. The Crimson Front claimed "
                           "responsibility for the bombing."))
    assert has(found, "crimson front", "killed", "guards"), found


def test_two_claimants_each_keep_their_own_event(analyze: Callable[..., DocContext]) -> None:
    # "the bombing" refers back to the blast; the other claimant's raid is another event
    found = events(analyze("Four guards died in a blast at the depot on Monday. The Crimson Front claimed "
                           "responsibility for the bombing. The Azure League claimed responsibility for a raid "
                           "on the harbour."))
    assert has(found, "crimson front", "killed", "guards") and not has(found, "azure league", "killed",
                                                                       "guards"), found


# What the relation frames (claims.frames) used to read as events, now read by the one events stage only
@pytest.mark.parametrize("text, subject, predicate, obj", [
    ("Five Azure League members were detained by Tunisia in 2003.", "tunisia", "arrested", "azure league"),
    ("The Azure League conducted many operations against the Tunisian army.", "azure league", "attacked", "army"),
    ("Tunisia freed a number of Azure League members including Karim Bensalem.", "tunisia", "released",
     "karim bensalem"),
    ("The Azure League has a long history of hostility towards Tunisia and several Italian engineers in Sfax "
     "were assassinated by the Azure League in the 1990s.", "azure league", "assassinated", "engineers"),
    ("The Azure League attacked Tunisia's targets and interests in Libya.", "azure league", "attacked", "tunisia"),
])
def test_events_the_relation_frames_used_to_read(analyze: Callable[..., DocContext], text: str, subject: str,
                                                 predicate: str, obj: str) -> None:
    ctx = analyze(text)
    assert has(events(ctx), subject, predicate, obj), events(ctx)
    frames = [c for c in ctx.analysis.claims if c.extractor == "claims.frames" and c.predicate == predicate]
    assert not frames, "one event extractor: the relation frames read no events"


def test_event_time_has_the_span_the_text_gives(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The Azure League has a long history of hostility towards Tunisia and several Italian "
                           "engineers in Sfax were assassinated by the Azure League in the 1990s."))
    times = [q.get("time") for s, p, o, q in found if p == "assassinated"]
    assert times and times[0]["start"] == "1990" and times[0]["end"] == "1999", found


def test_victims_keep_their_count_as_a_name(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Rebels killed at least 40 villagers in the valley. Later the villagers were buried.")
    victims = [ctx.entity(c.object) for c in ctx.analysis.claims if c.extractor == "events"
               and c.predicate == "killed" and isinstance(c.object, str)]
    assert victims and any("at least 40 villagers" in v.aliases for v in victims), victims


def test_the_topic_group_is_the_suspect_of_an_event_told_without_a_doer(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The Crimson Front is a militant group. The Crimson Front kidnapped six tourists in "
                           "2004. Two of the tourists were murdered."))
    assert has(found, "crimson front", "killed", "tourists"), found


def test_another_named_body_keeps_the_doer_unnamed(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The Crimson Front is a militant group. The Crimson Front kidnapped six tourists in "
                           "2004. During a rescue by the Azure League two of the tourists were murdered."))
    assert not has(found, "crimson front", "killed", "tourists"), found


@pytest.mark.parametrize("text, subject, predicate, obj", [
    # "terrorist acts against the owners of targets"; the kind of deed is no doer
    ("The Crimson Front is an armed organization responsible for many terrorist acts against Egyptian and U.S. "
     "targets.", "crimson front", "attacked", "united states"),
    # the deeds a "during which" clause is about
    ("The Crimson Front committed 40 robberies and bombings, during which 12 guards were killed.", "crimson front",
     "killed", "guards"),
])
def test_deeds_of_an_organization_and_their_clauses(analyze: Callable[..., DocContext], text: str, subject: str,
                                                   predicate: str, obj: str) -> None:
    found = events(analyze(text))
    assert has(found, subject, predicate, obj), found
    assert not any(s == "terrorist" for s, _, _, _ in found), found


def test_an_act_without_a_violent_modifier_is_no_attack(analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The parliament passed an act against the Crimson Front in 2004."))
    assert not [f for f in found if f[1] == "attacked"], found


def test_a_government_acts_for_its_state_an_administration_not_for_its_head(
        analyze: Callable[..., DocContext]) -> None:
    found = events(analyze("The Velmar government bombed three villages near the border. The Obrecht administration "
                           "targeted nine Velmar officials with sanctions."))
    assert not any(s == "obrecht" for s, _, _, _ in found), found


class _Recorder(Exporter):
    """Keeps what it is given (stands in for a file format)."""

    def __init__(self) -> None:
        super().__init__(Path("unused"))
        self.seen: list[tuple[str, dict[str, Any]]] = []

    def write(self, kind: RecordKind, record: dict[str, Any]) -> None:
        self.seen.append((kind, record))

    def finalize(self) -> list[Path]:
        return []


def test_the_dev_set_export_leaves_stand_ins_unnamed_for_the_scorer() -> None:
    inner = _Recorder()
    export = NamesReadFromText(inner, {"e-stand-in"})
    export.write("entity", {"id": "e-stand-in", "name": "unnamed perpetrator (Bomb at a market)", "aliases": []})
    export.write("entity", {"id": "e-band", "name": "Red Dawn Cell", "aliases": []})
    export.write("claim", {"id": "c1", "subject": {"id": "e-stand-in", "name": "unnamed perpetrator (Bomb at a market)"},
                           "predicate": "attacked", "object": {"id": "e-band", "name": "Red Dawn Cell"},
                           "attributed_to": None})
    names = [(kind, rec.get("name")) for kind, rec in inner.seen if kind == "entity"]
    assert names == [("entity", ""), ("entity", "Red Dawn Cell")]
    claim = inner.seen[-1][1]
    assert claim["subject"]["name"] == "" and claim["object"]["name"] == "Red Dawn Cell"
    assert claim["attributed_to"] is None


def test_a_capitals_name_read_as_a_verb_is_no_detainee(analyze: Callable[..., DocContext]) -> None:
    # the parser reads "IS’" as an auxiliary object with the territory as its attribute: territory was taken
    found = events(analyze("Rebel militias captured IS’ last remaining territory in May, the agency reported."))
    assert not any(p == "arrested" for _, p, _, _ in found)
