"""Readable relation claims for the relation tests' assertions: the triples the relation stages gave, and a match."""

from __future__ import annotations

from claimgraph.extract.context import DocContext


def relations(ctx: DocContext) -> set[tuple[str, str, str]]:
    """(subject, predicate, object) names of the relation stages' claims."""
    return {(ctx.entity(c.subject).name, c.predicate, ctx.entity(c.object).name) for c in ctx.analysis.claims
            if c.extractor.startswith("relations") and isinstance(c.object, str)}


def has(found: set[tuple[str, str, str]], subject: str, predicate: str, obj: str) -> bool:
    """True when a claim's subject and object names contain these strings."""
    return any(subject in s and p == predicate and obj in o for s, p, o in found)
