"""DocContext's indexed mention look-ups answer exactly like a scan of every mention."""

from __future__ import annotations

import random

from claimgraph.extract.context import DocContext
from claimgraph.model import Analysis, Mention, SourceDocument
from claimgraph.settings import load_settings


def _scan_in(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    return sorted((m for m in mentions if m.start >= start and m.end <= end), key=lambda m: m.start)


def _scan_at(mentions: list[Mention], start: int, end: int) -> Mention | None:
    hits = [m for m in mentions if m.start < end and m.end > start]
    return max(hits, key=lambda m: m.end - m.start) if hits else None


def test_indexed_lookups_match_a_full_scan() -> None:
    rng = random.Random(7)
    settings = load_settings()
    for _ in range(200):
        mentions = []
        for _ in range(rng.randint(0, 30)):
            start = rng.randint(0, 100)
            mentions.append(Mention(start, start + rng.randint(1, 12), "x", "k", "Person"))
        ctx = DocContext(analysis=Analysis(document=SourceDocument(text="x" * 200, source="s"), mentions=mentions),
                         doc=None, settings=settings)  # type: ignore[arg-type]
        for _ in range(30):
            start = rng.randint(0, 110)
            end = start + rng.randint(0, 15)
            assert [id(m) for m in ctx.mentions_in(start, end)] == [id(m) for m in _scan_in(mentions, start, end)]
            assert ctx.mention_at(start, end) is _scan_at(mentions, start, end)
        if mentions:  # a new mention is seen at once
            extra = Mention(0, 150, "y", "k2", "Place")
            ctx.analysis.mentions.append(extra)
            assert ctx.mention_at(120, 121) is extra
