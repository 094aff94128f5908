"""A deed someone denies or owns up to, however the share in it is worded, is kept for the scopes (issue #11)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.extract.context import DocContext


def deeds(ctx: DocContext) -> set[tuple[str, str, str, str, str]]:
    """(doer, predicate, target, modality, polarity) of the event claims, names lower-cased."""
    def name(key: object) -> str:
        return ctx.entity(str(key)).name.lower()
    return {(name(c.subject), c.predicate, name(c.object), c.modality, c.polarity)
            for c in ctx.analysis.claims if c.extractor == "events" and isinstance(c.object, str)}


@pytest.mark.parametrize("text, predicate, target", [
    ("The Ember Front denied firing at Vellmar on Sunday.", "attacked", "vellmar"),
    ("The Ember Front denied firing at Norway on Sunday.", "attacked", "norway"),
    ("The Ember Front denied being involved in the bombing of the grain depot.", "bombed", "grain depot"),
    ("The Ember Front denied any role in the attack on the grain depot.", "attacked", "grain depot"),
])
def test_a_denied_deed_is_the_deniers_negated_word(analyze: Callable[..., DocContext], text: str,
                                                   predicate: str, target: str) -> None:
    found = deeds(analyze(text))
    assert ("ember front", predicate, target, "attributed", "negative") in found, found
    assert not any(p == "positive" for *_, p in found), found


@pytest.mark.parametrize("text", [
    "The Ember Front played a key role in the attack on the grain depot.",
    "The Ember Front's involvement in the attack on the grain depot was confirmed by police.",
])
def test_a_share_in_a_deed_names_its_doer(analyze: Callable[..., DocContext], text: str) -> None:
    found = deeds(analyze(text))
    assert any(d == "ember front" and p == "attacked" and t == "grain depot" for d, p, t, _, _ in found), found


def test_the_deed_a_denier_lays_on_others_is_the_same_deed(analyze: Callable[..., DocContext]) -> None:
    # "the blasts" are the bombings just denied: the others named as their doers bombed the same place
    found = deeds(analyze("The Tigris Front says it had nothing to do with the bombings in Port Elmer and that the "
                          "blasts were carried out by government agents."))
    assert ("tigris front", "bombed", "port elmer", "attributed", "negative") in found, found
    assert ("government agents", "bombed", "port elmer", "attributed", "positive") in found, found


def _all_deeds(ctx: DocContext) -> set[tuple[str, str, str, str, str, str]]:
    """(doer, predicate, target, modality, polarity, speaker) of every deed claim, the scopes' copies included."""
    def name(key: object) -> str:
        return ctx.entity(str(key)).name.lower() if key else ""
    return {(name(c.subject), c.predicate, name(c.object), c.modality, c.polarity, name(c.attributed_to))
            for c in ctx.analysis.claims if c.predicate != "said" and isinstance(c.object, str)}


@pytest.mark.parametrize("text", [
    "The bombing of the Vellmar depot was believed to have been carried out by the Ember Front, but the group "
    "denies any involvement.",
    "Police blamed the Ember Front for the attack on the Vellmar depot, but the group denied responsibility.",
])
def test_a_bare_denial_answers_for_the_deed_just_told_of_the_denier(analyze: Callable[..., DocContext],
                                                                    text: str) -> None:
    found = _all_deeds(analyze(text))
    denied = {d for d in found if d[0] == "ember front" and d[4] == "negative"}
    assert denied and all(d[3] == "attributed" and d[5] == "ember front" for d in denied), found
    assert any(d[0] == "ember front" and d[4] == "positive" for d in found), found  # the other voice stays


def test_a_denial_by_another_body_denies_nothing_told_of_the_doer(analyze: Callable[..., DocContext]) -> None:
    found = _all_deeds(analyze("The Ember Front attacked the Vellmar depot. The Coastal Union denied any involvement."))
    assert not any(p == "negative" for *_, p, _ in found), found


def test_a_deed_not_done_is_negated_and_a_claim_not_made_names_no_doer(analyze: Callable[..., DocContext]) -> None:
    found = _all_deeds(analyze("The Ember Front has not carried out any attacks in Vellmar since 2009."))
    assert ("ember front", "attacked", "vellmar", "negated", "negative", "") in found, found
    found = _all_deeds(analyze("The Ember Front did not claim the bombing of the Vellmar depot."))
    assert not any(d[0] == "ember front" for d in found), found


@pytest.mark.parametrize("text, target", [
    ("The interior ministry denied that Camp Vellmar had been hit.", "camp vellmar"),
    ("The Korvel army denies Camp Vellmar is hit.", "camp vellmar"),
    ("The ministry denied Camp Vellmar was targeted on Friday.", "camp vellmar"),
])
def test_a_denied_hit_with_no_doer_is_kept_as_the_deniers_negated_word(analyze: Callable[..., DocContext],
                                                                      text: str, target: str) -> None:
    found = deeds(analyze(text))
    assert any(p == "attacked" and t == target and m == "attributed" and pol == "negative"
               for _, p, t, m, pol in found), found


@pytest.mark.parametrize("text", [
    "Camp Vellmar was hit hard by the floods.",
    "Camp Vellmar was targeted by the new tax.",
])
def test_a_hit_with_no_doer_weapon_or_denial_is_no_attack(analyze: Callable[..., DocContext], text: str) -> None:
    assert not deeds(analyze(text))
