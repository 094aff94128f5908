"""Readable claims for the scope tests' assertions: names of subjects, objects and speakers, and a listing."""

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


def listing(ctx: DocContext) -> list[tuple[str, str, str, str, str]]:
    """Every claim as readable text, for assertion messages."""
    return [(name(ctx, c.subject), c.predicate, name(ctx, c.object), c.modality, name(ctx, c.attributed_to))
            for c in ctx.analysis.claims]
