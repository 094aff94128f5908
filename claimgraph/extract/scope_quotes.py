"""Quote continuation: a quotation that makes up a whole sentence (or paragraph) with no speech tag of its own,
told right after words reported as someone's, goes on with that speaker's words ('"...," she said. "More
..."', 'According to the agency, ... . "In this act, ..."')."""

from __future__ import annotations

import re

from claimgraph.extract.context import DocContext
from claimgraph.extract.scope_speech import Speech

# a quotation standing as whole sentences: opened after a sentence end or at a line's start, closed by its own
# sentence end and followed by nothing but space (a tag after it, '"...," X said', is read by the quote rules)
WHOLE_QUOTE = re.compile(r"[\"\u201c]([^\"\u201c\u201d\n]{8,}?[.!?])[\"\u201d](?=[ \t]*(?:\n|$)|[ \t]+[\"\u201c\w])")
SENTENCE_END = ".!?\"\u201d"


def continued_quotes(ctx: DocContext, speeches: list[Speech]) -> list[Speech]:
    """Scopes for untagged quotations that continue the words of the speaker told just before them."""
    from claimgraph.extract.units import unit_at

    text = ctx.text
    out: list[Speech] = []
    known = [sp for sp in speeches if sp.speaker]
    for m in WHOLE_QUOTE.finditer(text):
        q_open = m.start()
        before = text[:q_open].rstrip(" \t")
        if before and before[-1] not in SENTENCE_END and before[-1] != "\n":
            continue  # the quote opens inside a sentence: its own clause tells whose words they are
        start, end = m.start(1), m.end(1)
        if any(sp.covers(start) or sp.start <= start < sp.end for sp in speeches + out):
            continue  # the words are already someone's
        # the last speech whose sentence ends right before the quote (only space or one paragraph break between)
        prev: Speech | None = None
        for sp in known + out:
            reach = max(sp.end, sp.offset + sp.cue.idx + len(sp.cue.text))
            unit = unit_at(ctx, reach)
            if unit is None or reach > q_open:
                continue
            gap = text[unit.end_char:q_open]
            if unit.end_char <= q_open and not gap.strip() and gap.count("\n") <= 2 and (
                    prev is None or sp.start >= prev.start):
                prev = sp
        if prev is None:
            continue
        out.append(Speech(prev.speaker, prev.cue, prev.offset, frozenset(), start, end,
                          text[start:end].strip().rstrip("."), kind="continued"))
    return out
