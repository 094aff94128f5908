"""A place named after the outer place and its kind: 'the U.S. state of Michigan', "Russia's city of Sochi"."""

from __future__ import annotations

from collections.abc import Callable

from claimgraph.extract.context import DocContext


def located(ctx: DocContext) -> set[tuple[str, str]]:
    """(inner, outer) names of the located_in claims."""
    return {(ctx.entity(c.subject).name, ctx.entity(c.object).name) for c in ctx.analysis.claims
            if c.predicate == "located_in" and isinstance(c.object, str)}


def test_a_countrys_kind_of_place_before_its_name(analyze: Callable[..., DocContext]) -> None:
    found = located(analyze("Clashes spread from Russia's city of Sochi to the coast."))
    assert ("Sochi", "Russia") in found and ("Russia", "Sochi") not in found, found


def test_an_area_named_before_its_kind_still_lies_in_the_country_after(analyze: Callable[..., DocContext]) -> None:
    found = located(analyze("Fighting hit the Lazio region of Italy on Monday."))
    assert ("Lazio", "Italy") in found, found
