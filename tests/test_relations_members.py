"""Who belongs to which body, read around the body's name: a person's party, a role after the name, a bracket."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from relation_text import has, relations

from claimgraph.extract.context import DocContext


@pytest.mark.parametrize("text, person, body", [
    ("Prime Minister Karin Holm 's Social Democratic Party lost ground .", "Karin Holm", "Social Democratic Party"),
    ("Lena Vogt ( of the Green Party ) said the law was wrong .", "Lena Vogt", "Green Party"),
    ("Omar Saleh , a Labour Party lawmaker , asked for a debate .", "Omar Saleh", "Labour Party"),
    ("The ICTY prosecutor Ellen Marsh said so .", "Ellen Marsh", "ICTY"),
    ("Nabil Haddad , civil rights activist and head of the extra - parliamentary Youth Front , spoke .",
     "Nabil Haddad", "Youth Front"),
])
def test_a_person_belongs_to_the_body(analyze: Callable[..., DocContext], text: str, person: str,
                                      body: str) -> None:
    found = relations(analyze(text))
    assert has(found, person, "member_of", body), found


def test_an_address_is_no_party(analyze: Callable[..., DocContext]) -> None:
    found = relations(analyze("George W. Bush 's State of the Union speech was long ."))
    assert not any(p == "member_of" for _, p, _ in found), found


@pytest.mark.parametrize("text, person, predicate, body", [
    ("Angela Mora of FRELIMO said the talks failed .", "Angela Mora", "member_of", "FRELIMO"),
    ("The Sendero Rojo and its leader Pablo Ruiz were defeated .", "Pablo Ruiz", "leader_of", "Sendero Rojo"),
    ("The Green Party under Mary Walsh entered government .", "Mary Walsh", "leader_of", "Green Party"),
    ("John Cassel , who was a curator at the Boston Academy of Sciences , named it .", "John Cassel", "member_of",
     "Boston Academy of Sciences"),
])
def test_a_role_told_around_the_body(analyze: Callable[..., DocContext], text: str, person: str, predicate: str,
                                     body: str) -> None:
    found = relations(analyze(text))
    assert has(found, person, predicate, body), found


def test_a_title_of_a_place_is_no_membership(analyze: Callable[..., DocContext]) -> None:
    found = relations(analyze("The army of Prince Eugene of Savoy crossed the river ."))
    assert not any(p == "member_of" and "Savoy" in o for _, p, o in found), found


def test_a_ministry_under_a_president_is_no_leadership(analyze: Callable[..., DocContext]) -> None:
    found = relations(analyze("She served in the Department of Labor under Ronald Reagan ."))
    assert not any(p == "leader_of" and "Reagan" in s for s, p, _ in found), found
