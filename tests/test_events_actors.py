"""Who did what: a body named inside a common noun phrase is the doer; an attempt is no outcome (issue #11)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.extract.context import DocContext


def doers_of(ctx: DocContext, predicate: str) -> set[str]:
    """Names of the subjects of the claims with this predicate."""
    return {ctx.entity(c.subject).name for c in ctx.analysis.claims if c.predicate == predicate}


@pytest.mark.parametrize("text", [
    "The Ember Hand group bombed the grain depot, police said.",
    "The Ember Hand movement bombed the grain depot.",
])
def test_the_name_before_a_group_noun_is_the_doer(analyze: Callable[..., DocContext], text: str) -> None:
    ctx = analyze(text)
    doers = doers_of(ctx, "bombed")
    assert doers == {"Ember Hand"}, doers


@pytest.mark.parametrize("text, predicate", [
    ("Armed men attempted to kill two judges in Vellmar.", "attacked"),
    ("Gunmen tried to assassinate the mayor of Vellmar.", "attacked"),
    ("Gunmen managed to kill the mayor of Vellmar.", "killed"),
])
def test_an_attempt_to_kill_is_an_attack(analyze: Callable[..., DocContext], text: str, predicate: str) -> None:
    ctx = analyze(text)
    told = {c.predicate for c in ctx.analysis.claims if c.extractor == "events"}
    assert told == {predicate}, told


@pytest.mark.parametrize("text, victims", [
    ("Gunmen killed three tourists, two Germans and a Briton, in Vellmar.", {"tourists"}),
    ("Gunmen killed two Germans and a Briton in Vellmar.", {"Germans", "Briton"}),
    ("Gunmen killed two soldiers, three policemen and a civilian.", {"soldiers", "policemen", "civilian"}),
])
def test_nationalities_after_a_counted_plural_say_who_they_were(analyze: Callable[..., DocContext], text: str,
                                                                victims: set[str]) -> None:
    ctx = analyze(text)
    found = {ctx.entity(str(c.object)).name for c in ctx.analysis.claims if c.predicate == "killed"}
    assert found == victims, found


@pytest.mark.parametrize("text, state", [
    ("Turkish warplanes bombed two camps of the Ember Front near Vellmar.", "turkey"),
    ("Syrian shelling killed four fighters of the Ember Front in Vellmar.", "syria"),
    ("Israeli air strikes hit two posts of the Ember Front near Vellmar.", "israel"),
    ("An Iraqi raid on the Vellmar camp killed seven residents.", "iraq"),
    ("US drone strikes on a compound near Vellmar killed five fighters.", "united states"),
])
def test_a_states_arms_told_by_its_nationality_are_the_states_act(analyze: Callable[..., DocContext], text: str,
                                                                  state: str) -> None:
    ctx = analyze(text)
    doers = {ctx.entity(c.subject).name.lower() for c in ctx.analysis.claims if c.extractor == "events"}
    assert state in doers, doers
    assert not doers & {"iraqi", "israeli", "turkish", "syrian", "us"}, doers  # the state, not its adjective


def test_rockets_told_by_a_nationality_name_no_state(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Palestinian rockets hit the Vellmar depot.")
    assert not any(ctx.entity(c.subject).type == "Country" for c in ctx.analysis.claims if c.extractor == "events")


def test_a_cleft_names_its_doer_never_the_speaker(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Police said it was the Ember Front that kidnapped the two engineers on Monday.")
    doers = doers_of(ctx, "kidnapped")
    assert doers == {"Ember Front"}, doers
    ctx = analyze("The Ember Front was founded in 1990. It is a group that has kidnapped dozens of engineers.")
    doers = doers_of(ctx, "kidnapped")
    assert doers == {"Ember Front"}, doers


def test_a_band_from_a_body_is_the_bodys_act_too(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("According to police, gunmen from the Southern Legion killed four guards.")
    doers = doers_of(ctx, "killed")
    assert "Southern Legion" in doers, doers
    ctx = analyze("Gunmen from Syria killed four guards near Kestel.")
    doers = doers_of(ctx, "killed")
    assert "Syria" not in doers, doers


@pytest.mark.parametrize("verb", ["appears", "seems"])
def test_a_subject_above_a_hedge_is_the_doer_hedged(analyze: Callable[..., DocContext], verb: str) -> None:
    ctx = analyze(f"The Ember Front {verb} to have bombed the Kestel depot.")
    found = {(ctx.entity(c.subject).name, c.modality) for c in ctx.analysis.claims if c.predicate == "bombed"}
    assert found == {("Ember Front", "hedged")}, found


def test_a_toll_told_when_someone_attacked_is_the_attackers(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("Four guards died when Ember Front fighters stormed the Kestel depot.")
    doers = doers_of(ctx, "killed")
    assert "Ember Front" in doers, doers
    ctx = analyze("Two soldiers were killed when their truck overturned near Kestel.")
    doers = doers_of(ctx, "killed")
    assert not doers - {""}, doers
