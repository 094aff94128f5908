"""Roles told with a description of the body before its name ('director of the research group X')."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.extract.context import DocContext


def relations(ctx: DocContext, predicate: str) -> set[tuple[str, str]]:
    """(subject, object) names of a predicate's claims between entities."""
    return {(ctx.entity(c.subject).name, ctx.entity(c.object).name) for c in ctx.analysis.claims
            if c.predicate == predicate and isinstance(c.object, str)}


@pytest.mark.parametrize("text, predicate, person, body", [
    ('" The plan is flawed , " said Marta Quell , director of the independent research organization '
     "Baltic Policy Institute .", "leader_of", "Marta Quell", "Baltic Policy Institute"),
    ("Jonas Rieck , a spokesman for the small independent relief network Nordhilfe , denied the report .", "member_of",
     "Jonas Rieck", "Nordhilfe"),
])
def test_a_described_body_after_the_role(analyze: Callable[..., DocContext], text: str, predicate: str,
                                        person: str, body: str) -> None:
    found = relations(analyze(text), predicate)
    assert any(person in p and body in o for p, o in found), found


def test_a_description_without_the_kind_of_body_names_none(analyze: Callable[..., DocContext]) -> None:
    found = relations(analyze("Marta Quell , director of the new plant near Baltic Policy Institute , quit ."),
                      "leader_of")
    assert not found, found


def test_a_nationality_word_before_a_role_names_no_body(analyze: Callable[..., DocContext]) -> None:
    for text in ("Sigismund Vasa was a Polish king and leader.", "Kurdish leader Ali Sharif met the press in Erbil."):
        ctx = analyze(text)
        assert not [c for c in ctx.analysis.claims if c.predicate in ("leader_of", "member_of")], text
    ctx = analyze("Afghan President Ashraf Ghani condemned the attacks.")
    assert any(c.predicate == "leader_of" and ctx.entity(c.object).name == "Afghanistan" for c in ctx.analysis.claims)
