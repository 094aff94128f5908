"""Names the tagger read as people that a kind of body or a following region show to be a body or a town."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.extract.context import DocContext


def type_of(ctx: DocContext, name: str) -> str:
    """The type of the entity with this name."""
    return next(e.type for e in ctx.analysis.entities.values() if e.name == name)


@pytest.mark.parametrize("text, name, kind", [
    ("In 1971 he joined the Bulgarian rock band Shturtzite , then moved to Sofia .", "Shturtzite", "Organization"),
    ("The plant is in Houston , Texas near the port .", "Houston", "Place"),
])
def test_a_person_the_context_retypes(analyze: Callable[..., DocContext], text: str, name: str, kind: str) -> None:
    assert type_of(analyze(text), name) == kind


def test_a_person_after_a_band_member_word_stays_a_person(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The band 's singer , John Miller , left in 1990 .")
    assert type_of(ctx, "John Miller") == "Person"
