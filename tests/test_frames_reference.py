"""Reference-article wordings of a body's places, foes and listings (issue #11): 'has bases in', 'is active in',
a verb coordinated with a passive, a delisting coordinated with a listing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from claim_text import listing

from claimgraph.extract.context import DocContext


@pytest.mark.parametrize("text, predicate, place", [
    ("The Coastal Defence Army has bases in Peru.", "has_base", "Peru"),
    ("The Coastal Defence Army is active in Peru.", "based_in", "Peru"),
    ("The Coastal Defence Army is mainly active in southern Peru and Bolivia.", "based_in", "Bolivia"),
    ("The Coastal Defence Army is a militant group active in Peru.", "based_in", "Peru"),
])
def test_where_a_body_is(analyze: Callable[..., DocContext], text: str, predicate: str, place: str) -> None:
    rows = listing(analyze(text))
    assert any(s == "Coastal Defence Army" and p == predicate and o == place for s, p, o, _, _ in rows), rows


@pytest.mark.parametrize("text", ["The Coastal Defence Army is active in politics.",
                                  "The Coastal Defence Army gave two reasons as the bases of its claim."])
def test_activity_or_reasons_are_no_place(analyze: Callable[..., DocContext], text: str) -> None:
    rows = listing(analyze(text))
    assert not any(p in ("based_in", "has_base") for _, p, _, _, _ in rows), rows


def test_a_verb_coordinated_with_a_passive_shares_its_subject(analyze: Callable[..., DocContext]) -> None:
    rows = listing(analyze("The Coastal Defence Army is allied with the Red Brigade and opposes the government of "
                           "Peru."))
    assert any(s == "Coastal Defence Army" and p == "opposes" and o == "Peru" for s, p, o, _, _ in rows), rows


def test_a_delisting_coordinated_with_a_listing_keeps_the_lister(analyze: Callable[..., DocContext]) -> None:
    rows = listing(analyze("The Coastal Defence Army was designated a terrorist organization by the European Union "
                           "in 2002 and removed from the list in 2010."))
    assert ("European Union", "designated_terrorist", "Coastal Defence Army", "asserted", "") in rows, rows
    assert ("European Union", "delisted_terrorist", "Coastal Defence Army", "asserted", "") in rows, rows


def test_another_group_active_somewhere_is_not_the_people_word(analyze: Callable[..., DocContext]) -> None:
    rows = listing(analyze("The Coastal Defence Army shared its name with another Baloch group active in Peru."))
    assert not any(p == "based_in" for _, p, _, _, _ in rows), rows


def test_a_verb_coordinated_with_a_passive_and_its_agent_is_the_subjects(analyze: Callable[..., DocContext]) -> None:
    rows = listing(analyze("The Coastal Defence Army was founded by Ana Velez in 1990 and opposes the government of "
                           "Peru."))
    assert any(s == "Coastal Defence Army" and p == "opposes" and o == "Peru" for s, p, o, _, _ in rows), rows
    assert not any(s == "Ana Velez" and p == "opposes" for s, p, _, _, _ in rows), rows


@pytest.mark.parametrize("text, giver, predicate", [
    ("The Red Crescent Front was armed and trained by Syria.", "Syria", "trained"),
    ("The Red Crescent Front was founded in 1990 and funded by Libya.", "Libya", "supported"),
    ("Iran gave the Red Crescent Front weapons and money.", "Iran", "supported"),
    ("Syria granted the Red Crescent Front sanctuary.", "Syria", "supported"),
])
def test_help_given_in_coordinated_or_glued_wordings(analyze: Callable[..., DocContext], text: str, giver: str,
                                                     predicate: str) -> None:
    rows = listing(analyze(text))
    assert any(s == giver and p == predicate and o == "Red Crescent Front" for s, p, o, _, _ in rows), rows


@pytest.mark.parametrize("text", ["The villagers gave the soldiers shelter from the rain.",
                                  "The Red Crescent Front found shelter in the hills."])
def test_shelter_from_rain_or_found_is_no_support(analyze: Callable[..., DocContext], text: str) -> None:
    assert not any(p == "supported" for _, p, _, _, _ in listing(analyze(text)))
