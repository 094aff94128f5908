"""Unnamed doers and claimed attacks: what the text says of a doer it does not name, and who only claims a deed."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, select

from claimgraph.extract.context import DocContext
from claimgraph.store.schema import entities


def event_claims(ctx: DocContext, predicate: str) -> list[tuple[str, str, bool]]:
    """(subject name, object name, subject is a stand-in) of the event stage's claims with this predicate."""
    out = []
    for c in ctx.analysis.claims:
        if c.extractor == "events" and c.predicate == predicate and isinstance(c.object, str):
            subject = ctx.entity(ctx.find(c.subject))
            out.append((subject.name.lower(), ctx.entity(c.object).name.lower(),
                        bool(subject.attrs.get("placeholder"))))
    return out


def test_an_unnamed_doer_is_named_by_the_deed_the_text_names(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Nine villagers were killed in a suicide bombing at the cattle market on Friday.")
    found = event_claims(ctx, "killed")
    assert found and all(stand_in for _, _, stand_in in found), found
    assert any("suicide bombing" in subject and "villagers" in obj for subject, obj, _ in found), found


def test_a_date_before_the_deed_is_left_out_of_its_name(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The March 3 attacks wounded forty passengers at the ferry terminal.")
    subjects = [s for s, _, _ in event_claims(ctx, "injured")]
    assert subjects and all("march" not in s and "attacks" in s for s in subjects), subjects


def test_unnamed_doers_of_two_documents_stay_apart(ingest_texts: Callable[..., list[str]], engine: Engine) -> None:
    ingest_texts("Six guards were killed in a rocket attack on the depot near Varna.",
                 "Two drivers were killed in a rocket attack on the convoy near Ruse.")
    with engine.connect() as conn:
        rows = conn.execute(select(entities.c.id, entities.c.name)).all()
    stand_ins = [entity_id for entity_id, name in rows if name and "rocket attack" in name.lower()]
    assert len(stand_ins) == 2, rows


def test_a_claimant_is_not_the_doer_of_deaths_the_text_tells_without_one(
        analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The Black Wolf Brigade claimed responsibility for the ambush on the patrol. "
                  "Later, four farmers were killed in a bomb attack near the mill on the river road.")
    farmers = [(s, stand_in) for s, o, stand_in in event_claims(ctx, "killed") if "farmers" in o]
    assert farmers and all(stand_in for _, stand_in in farmers), farmers


def test_a_video_claiming_an_attack_is_its_senders_claim(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The Black Wolf Brigade has posted a video claiming responsibility for two bomb attacks that killed "
                  "30 people in the port city.")
    assert any("black wolf brigade" in s and "people" in o for s, o, _ in event_claims(ctx, "killed")), \
        event_claims(ctx, "killed")


def test_a_claimed_event_dated_before_its_clause_keeps_its_claimant(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Fighters of the Black Wolf Brigade claimed responsibility for bombings this week that killed "
                  "40 people.")
    found = event_claims(ctx, "killed")
    assert found and not any(stand_in for _, _, stand_in in found), found


def test_a_band_given_a_name_in_apposition_is_that_organisation(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("A little-known militant group, the Black Wolf Brigade, claimed responsibility for the bombing "
                  "of the railway bridge.")
    assert any(s == "black wolf brigade" and "bridge" in o for s, o, _ in event_claims(ctx, "bombed")), \
        event_claims(ctx, "bombed")


def test_the_one_band_of_attackers_did_the_deaths_told_without_a_doer(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Three attackers stormed the hotel lobby on Sunday. Four guests were killed in the attack.")
    assert any(s == "attackers" and "guests" in o for s, o, _ in event_claims(ctx, "killed")), \
        event_claims(ctx, "killed")


def test_a_band_that_is_hit_stands_in_for_no_doer(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Three soldiers died in the blast and a civilian was wounded.")
    wounded = [s for s, o, _ in event_claims(ctx, "injured") if "civilian" in o]
    assert wounded and "soldiers" not in wounded, event_claims(ctx, "injured")


def test_the_positions_of_a_named_body_are_that_body_hit(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The air force struck several Hezbollah positions near the border on Tuesday.")
    assert any("hezbollah" in o for _, o, _ in event_claims(ctx, "attacked")), event_claims(ctx, "attacked")
    assert event_claims(analyze("The negotiators struck several positions of principle."), "attacked") == []


def test_a_country_adjective_names_the_doer_of_a_raid(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("An Iraqi raid on the refugee camp killed seven people on Tuesday.")
    assert any("iraq" in s and "people" in o for s, o, _ in event_claims(ctx, "killed")), event_claims(ctx, "killed")


def test_a_claimed_attack_is_not_an_earlier_deed_of_another_named_doer(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Turkey shelled several PKK positions on Monday. A small militant group claimed responsibility "
                  "for the attack.")
    assert not any("group" in s and "pkk" in o for s, o, _ in event_claims(ctx, "attacked")), \
        event_claims(ctx, "attacked")


def test_martyred_members_and_tribal_heads_are_victims(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Four members of the front were martyred in the rocket attack. Gunmen killed two tribal heads.")
    victims = [o for _, o, _ in event_claims(ctx, "killed")]
    assert any("members" in o for o in victims) and any("tribal heads" in o for o in victims), victims


def test_rockets_that_hit_a_target_are_an_attack_by_someone_unnamed(analyze: Callable[..., DocContext]) -> None:
    for text in ("The depot was targeted by rockets on Friday.", "Mortars struck the depot on Friday."):
        found = event_claims(analyze(text), "attacked")
        assert [obj for _, obj, stand_in in found if stand_in] == ["depot"], (text, found)


def test_a_speakers_denial_that_a_target_was_hit_is_kept_as_their_word(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The ministry denied that the depot has been targeted by rockets.")
    found = [c for c in ctx.analysis.claims if c.extractor == "events" and c.predicate == "attacked"]
    assert found and all(c.polarity == "negative" and c.modality == "attributed" for c in found), found
    assert all(ctx.entity(str(c.attributed_to)).name.lower() == "ministry" for c in found), found
    # said in the text's own voice, the same denial names no one and states nothing
    assert not event_claims(analyze("They are not simply attacking the depot."), "attacked")


def test_a_list_of_named_dead_headed_by_a_name_keeps_every_name(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Gunmen stormed the base. General Arno Vell, commander of the garrison, General Piet Moor, head of "
                  "its police, and two guards died in the attack.")
    found = {obj for _, obj, _ in event_claims(ctx, "killed")}
    assert {"arno vell", "piet moor"} <= found, found


def test_a_vehicle_driven_into_a_target_is_an_attack_by_its_driver(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The bomber passed the gate before ramming his truck packed with explosives into the depot.")
    assert ("bomber", "depot", False) in event_claims(ctx, "bombed"), event_claims(ctx, "bombed")
    # a car crashed into a wall, with no violence told, is no attack
    quiet = analyze("He crashed his car into a wall on the motorway.")
    assert not event_claims(quiet, "attacked") and not event_claims(quiet, "bombed")


def test_a_convoy_is_named_with_whose_it_is_not_with_its_clause(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Gunmen ambushed a convoy of Nordic troops travelling along the coast road near Vellmar.")
    names = {obj for _, obj, _ in event_claims(ctx, "attacked")}
    assert "convoy of nordic troops" in names, names


def test_an_arrest_by_nobody_named_is_no_deed_of_the_attackers(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("A bomb attack killed four people at the ferry terminal in Varna on Monday. Police said two men "
                  "were arrested on Tuesday.")
    killers = {s for s, _, stand_in in event_claims(ctx, "killed") if stand_in}
    arrests = event_claims(ctx, "arrested")
    assert arrests and killers, (arrests, killers)
    assert all("attack" not in s and s not in killers for s, _, _ in arrests), (arrests, killers)


def test_a_site_in_a_named_town_places_the_event_in_the_town(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("A bomb attack killed four traders at the cattle market in Varna on Monday.")
    places = {str(c.qualifiers.get("place", {}).get("name")) for c in ctx.analysis.claims if c.extractor == "events"}
    assert places == {"Varna"}, places


def test_a_leader_named_beside_his_title_is_the_one_arrested(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The Ember Front's leader, Tomas Arn, was arrested in Varna in 2011.")
    assert {o for _, o, _ in event_claims(ctx, "arrested")} == {"tomas arn"}
