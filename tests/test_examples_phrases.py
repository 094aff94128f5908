"""Named examples of a plural noun, however the parser hangs them: 'such as X', 'among them X'."""

from __future__ import annotations

from collections.abc import Callable

from claimgraph.extract.context import DocContext

Analyze = Callable[[str], DocContext]


def members_of(ctx: DocContext, org: str) -> set[str]:
    """Names of the people the document makes members of `org`."""
    return {ctx.entity(c.subject).name for c in ctx.analysis.claims
            if c.predicate == "member_of" and ctx.entity(str(c.object)).name == org}


def test_such_as_hung_on_as(analyze: Analyze) -> None:
    ctx = analyze("The police freed several KLF members, such as Tomas Berg and Ivo Lind.")
    assert members_of(ctx, "KLF") == {"Tomas Berg", "Ivo Lind"}


def test_among_them_after_a_comma(analyze: Analyze) -> None:
    ctx = analyze("The police freed a number of KLF members, among them Tomas Berg.")
    assert members_of(ctx, "KLF") == {"Tomas Berg"}


def test_among_them_reaches_only_the_nearest_plural(analyze: Analyze) -> None:
    ctx = analyze("KLF members met the ministers, among them Tomas Berg.")
    assert members_of(ctx, "KLF") == set()
