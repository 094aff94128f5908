"""Disjunction: an argument told as one of several alternatives makes the claim only possible (hedged); an
acronym given with 'or' is the same name, and a count with 'or more' no alternative."""

from __future__ import annotations

from collections.abc import Callable

from claimgraph.extract.context import DocContext
from claimgraph.model import LiteralValue

Analyze = Callable[..., DocContext]


def name(ctx: DocContext, ref: object) -> str:
    """Readable name of a claim's subject, object or speaker."""
    if ref is None:
        return ""
    if isinstance(ref, LiteralValue):
        return str(ref.value)
    return ctx.entity(str(ref)).name


def listing(ctx: DocContext) -> list[tuple[str, str, str, str]]:
    """Every claim as readable text, for assertion messages."""
    return [(name(ctx, c.subject), c.predicate, name(ctx, c.object), c.modality) for c in ctx.analysis.claims]


def test_alternatives_joined_by_or_are_hedged(analyze: Analyze) -> None:
    ctx = analyze("Colonel Amin Darko said the Tigris Front belonged to al-Qaeda or the Baath Party.")
    member = [c for c in ctx.analysis.claims if c.predicate == "member_of"]
    assert len(member) >= 2 and all(c.modality == "hedged" for c in member), listing(ctx)
    assert all(name(ctx, c.attributed_to) == "Amin Darko" for c in member), listing(ctx)


def test_and_is_no_alternative(analyze: Analyze) -> None:
    ctx = analyze("The Tigris Front belonged to al-Qaeda and the Baath Party.")
    member = [c for c in ctx.analysis.claims if c.predicate == "member_of"]
    assert member and all(c.modality == "asserted" for c in member), listing(ctx)


def test_an_acronym_or_a_count_is_no_alternative(analyze: Analyze) -> None:
    ctx = analyze("The Islamic Group or IG attacked a train in Cairo. The Tigris Front killed ten or more soldiers.")
    acts = [c for c in ctx.analysis.claims if c.predicate in ("attacked", "killed")]
    assert acts and all(c.modality == "asserted" for c in acts), listing(ctx)


def test_alternatives_each_with_its_own_preposition_are_hedged(analyze: Analyze) -> None:
    ctx = analyze("Colonel Amin Darko said the Tigris Front belonged to the Korvel Legion or to the Baath Party.")
    member = [c for c in ctx.analysis.claims if c.predicate == "member_of"]
    assert {name(ctx, c.object) for c in member} >= {"Korvel Legion", "Baath Party"}, listing(ctx)
    assert all(c.modality == "hedged" for c in member), listing(ctx)
    moved = analyze("The Tigris Front moved to Norway and to Sweden.")
    based = [c for c in moved.analysis.claims if c.predicate == "based_in"]
    assert len(based) == 2 and all(c.modality == "asserted" for c in based), listing(moved)
