"""Who speaks for a media item named again later ('The video said ...' after 'X has posted a video ...')."""

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


def test_the_video_speaks_for_its_poster(analyze: Analyze) -> None:
    ctx = analyze("A little-known militant group, the Tigris Brigades, has posted a video online claiming "
                  "responsibility for a car bomb attack that killed 12 people in Basra.\n\nThe Iraqi Human Rights "
                  "Monitor reported heavy fighting near Mosul on Sunday.\n\nThe video said the bombing was revenge "
                  "for army raids on villages near Basra.")
    said = [c for c in ctx.analysis.claims if c.predicate == "said" and "revenge" in name(ctx, c.object)]
    assert said and name(ctx, said[0].subject) == "Tigris Brigades", listing(ctx)
