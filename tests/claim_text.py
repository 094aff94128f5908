"""Readable claims for the scope tests' assertions: names of subjects, objects and speakers, and a listing."""

from __future__ import annotations

from collections.abc import Callable

from claimgraph.extract.context import DocContext
from claimgraph.model import Claim, LiteralValue

Analyze = Callable[..., DocContext]


def name(ctx: DocContext, ref: object) -> str:
    """Readable name of a claim's subject, object or speaker."""
    if ref is None:
        return ""
    if isinstance(ref, LiteralValue):
        return str(ref.value)
    return ctx.entity(str(ref)).name


def listing(ctx: DocContext) -> list[tuple[str, str, str, str, str]]:
    """Every claim as readable text, for assertion messages."""
    return [(name(ctx, c.subject), c.predicate, name(ctx, c.object), c.modality, name(ctx, c.attributed_to))
            for c in ctx.analysis.claims]


def find(ctx: DocContext, predicate: str, obj: str | None = None, subject: str | None = None) -> list[Claim]:
    """Claims with a predicate whose object (and subject) names contain the given text."""
    return [c for c in ctx.analysis.claims if c.predicate == predicate
            and (obj is None or obj.lower() in name(ctx, c.object).lower())
            and (subject is None or subject.lower() in name(ctx, c.subject).lower())]
