"""member_of from the party member noun after 'as a' on an election verb ('was elected as a Whig')."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.extract.context import DocContext


def members(ctx: DocContext) -> set[tuple[str, str]]:
    """(member, body) names of the member_of claims."""
    return {(ctx.entity(c.subject).name, ctx.entity(c.object).name) for c in ctx.analysis.claims
            if c.predicate == "member_of" and isinstance(c.object, str)}


@pytest.mark.parametrize("text, person, party", [
    ("In 1922 Harold Bexley was elected as a Republican to the state senate.", "Bexley", "Republican"),
    ("After a decade in business, Carla Montes ran as a Democrat for the governorship and lost.", "Montes",
     "Democrat"),
])
def test_the_party_a_person_stood_for(analyze: Callable[..., DocContext], text: str, person: str,
                                      party: str) -> None:
    found = members(analyze(text))
    assert any(person in p and party in o for p, o in found), found


@pytest.mark.parametrize("text", [
    "In 1922 Harold Bexley was elected as an American delegate to the congress.",
    "Harold Bexley was described as a Republican by his rivals.",
])
def test_no_party_where_none_is_stood_for(analyze: Callable[..., DocContext], text: str) -> None:
    found = members(analyze(text))
    assert not [o for p, o in found if "Bexley" in p], found
