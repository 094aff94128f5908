"""A place a sentence seats a body in lies in the country the same sentence seats it in."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.extract.context import DocContext


def located(ctx: DocContext) -> set[tuple[str, str]]:
    """(inner, outer) names of the located_in claims."""
    return {(ctx.entity(c.subject).name, ctx.entity(c.object).name) for c in ctx.analysis.claims
            if c.predicate == "located_in" and isinstance(c.object, str)}


@pytest.mark.parametrize("text, place, country", [
    ("The Velmora Institute is a Chilean research institute based in Curacautín .", "Curacautín", "Chile"),
    ("Tarm Handbold is a Danish handball club based in Tarm , a small town in Jutland .", "Tarm", "Denmark"),
])
def test_the_seat_lies_in_the_body_s_country(analyze: Callable[..., DocContext], text: str, place: str,
                                             country: str) -> None:
    assert (place, country) in located(analyze(text)), located(analyze(text))


def test_a_seat_the_gazetteer_puts_elsewhere_is_left_alone(analyze: Callable[..., DocContext]) -> None:
    found = located(analyze("Larsen Marine is a British shipping company based in Paris ."))
    assert not [p for p in found if p[0] == "Paris"], found


def test_seats_told_in_two_sentences_are_not_joined(analyze: Callable[..., DocContext]) -> None:
    ctx = analyze("The Velmora Institute is a Chilean research institute. Its office is in Curacautín .")
    assert ("Curacautín", "Chile") not in located(ctx), located(ctx)
