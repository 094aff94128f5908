"""Frames on wordings a retelling uses for facts the sample article tells otherwise (sentences written for the rules)."""

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


def test_each_agent_of_a_preposition_said_again_is_a_doer(analyze: Analyze) -> None:
    ctx = analyze("The Red Dawn Front was designated a terrorist organization by Norway and by Chile. "
                  "Members of the Red Dawn Front are trained by the Kestrel Agency and by the Falcon Service.")
    assert find(ctx, "designated_terrorist", "Red Dawn Front", "Norway")
    assert find(ctx, "designated_terrorist", "Red Dawn Front", "Chile"), ctx.analysis.claims
    assert find(ctx, "trained", "Red Dawn Front", "Kestrel Agency")
    assert find(ctx, "trained", "Red Dawn Front", "Falcon Service"), ctx.analysis.claims


def test_a_stance_adjective_or_a_verb_against_an_actor_is_a_stance(analyze: Analyze) -> None:
    ctx = analyze("The Red Dawn Front has long been hostile to Norway. In its first years the Amber League "
                  "stood against the Zarvani monarchy.")
    assert find(ctx, "hostile_to", "Norway", "Red Dawn Front"), ctx.analysis.claims
    assert find(ctx, "opposes", "Zarvani monarchy", "Amber League"), ctx.analysis.claims
    negated = analyze("The Red Dawn Front was never hostile to Norway.")
    assert all(c.modality == "negated" or c.polarity == "negative" for c in find(negated, "hostile_to", "Norway"))


def test_founders_listed_after_the_copula_are_each_a_founder(analyze: Analyze) -> None:
    ctx = analyze("The Red Dawn Front is an armed group. Its founders were students led by Karim Tabrizi "
                  "and Omid Rasouli.")
    assert find(ctx, "founded_by", "Karim Tabrizi", "Red Dawn Front"), ctx.analysis.claims
    assert find(ctx, "founded_by", "Omid Rasouli", "Red Dawn Front"), ctx.analysis.claims
    other = analyze("The Red Dawn Front is an armed group. The founders of the Red Dawn Front were Karim Tabrizi "
                    "and Omid Rasouli.")
    assert find(other, "founded_by", "Omid Rasouli", "Red Dawn Front"), other.analysis.claims
    clause = analyze("The Red Dawn Front is an armed group. Its leader since 2004 has been Omid Rasouli, who "
                     "met the son of Karim Tabrizi.")
    assert not find(clause, "leader_of", "Red Dawn Front", "Karim Tabrizi"), clause.analysis.claims
