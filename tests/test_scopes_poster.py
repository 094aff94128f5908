"""Who speaks for a media item named again later ('The video said ...' after 'X has posted a video ...')."""

from __future__ import annotations

from claim_text import Analyze, listing, name


def test_the_video_speaks_for_its_poster(analyze: Analyze) -> None:
    ctx = analyze("A little-known militant group, the Tigris Brigades, has posted a video online claiming "
                  "responsibility for a car bomb attack that killed 12 people in Basra.\n\nThe Iraqi Human Rights "
                  "Monitor reported heavy fighting near Mosul on Sunday.\n\nThe video said the bombing was revenge "
                  "for army raids on villages near Basra.")
    said = [c for c in ctx.analysis.claims if c.predicate == "said" and "revenge" in name(ctx, c.object)]
    assert said and name(ctx, said[0].subject) == "Tigris Brigades", listing(ctx)
