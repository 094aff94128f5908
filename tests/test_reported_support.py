"""Hedged support and the distal 'that group' it often names (claimgraph/extract/nominal.py), on sentences written
for the rule."""

from __future__ import annotations

from collections.abc import Callable

from claimgraph.extract.context import DocContext
from claimgraph.model import Claim, LiteralValue

Analyze = Callable[..., DocContext]


def name(ctx: DocContext, ref: object) -> str:
    """Readable name of a claim's subject or object."""
    if isinstance(ref, LiteralValue):
        return str(ref.value)
    return ctx.entity(str(ref)).name


def find(ctx: DocContext, predicate: str, obj: str | None = None, subject: str | None = None) -> list[Claim]:
    """Claims with a predicate whose object (and subject) names contain the given text."""
    return [c for c in ctx.analysis.claims if c.predicate == predicate
            and (obj is None or obj.lower() in name(ctx, c.object).lower())
            and (subject is None or subject.lower() in name(ctx, c.subject).lower())]


def test_that_group_after_a_named_tie_is_the_tied_group_not_the_subject(analyze: Analyze) -> None:
    ctx = analyze("The Silver Front (SF) is a radical militia. SF has ideological ties to the Azure League "
                  "and may have received support from that group.")
    found = find(ctx, "supported", "Silver Front", "Azure League")
    assert found and all(c.modality == "hedged" for c in found)
    assert not find(ctx, "supported", "Silver Front", "Silver Front")


def test_that_group_with_no_other_body_in_its_sentence_stays_the_topic(analyze: Analyze) -> None:
    ctx = analyze("The Silver Front was set up in 1990 in Peru. Iran has armed that group since 2001.")
    assert find(ctx, "supported", "Silver Front", "Iran")


def test_an_accusation_makes_the_accused_the_actor_and_the_accusers_the_speakers(analyze: Analyze) -> None:
    ctx = analyze("Police officials accuse the Silver Front of collaborating with the Azure League, the Black Hand "
                  "and the Northern Legion.")
    found = find(ctx, "collaborates_with", subject="Silver Front")
    assert {name(ctx, c.object) for c in found} == {"Azure League", "Black Hand", "Northern Legion"}
    assert all(c.modality == "attributed" and c.attributed_to and "officials" in name(ctx, c.attributed_to)
               for c in found)
    assert not find(ctx, "collaborates_with", subject="officials")


def test_an_accusation_with_no_accuser_named_is_a_hedge(analyze: Analyze) -> None:
    ctx = analyze("The Silver Front was accused of cooperating with the Azure League.")
    found = find(ctx, "collaborates_with", "Azure League", "Silver Front")
    assert found and all(c.modality == "hedged" for c in found)
