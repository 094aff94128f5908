"""Modality v0: hedging words in a claim's sentence make it hedged; negation flips polarity."""

from __future__ import annotations

import re

from claimgraph.extract.context import DocContext
from claimgraph.plugins import hookimpl

HEDGES = re.compile(r"\b(apparently|reportedly|allegedly|seemingly|seems?|may|might|possibly|it is said)\b", re.I)
NEGATIONS = re.compile(r"\b(not|never|no longer|n't|stopped|ceased)\b", re.I)


class SentenceModality:
    """Marks claims whose evidence sentence hedges or negates."""

    name = "modality.sentence"
    order = 500

    def run(self, ctx: DocContext) -> None:
        """Set modality and polarity from the evidence text."""
        for claim in ctx.analysis.claims:
            text = " ".join(ev.text for ev in claim.evidence)
            if claim.modality == "asserted" and HEDGES.search(text):
                claim.modality = "hedged"
            if NEGATIONS.search(text):
                claim.polarity = "negative"


@hookimpl
def claimgraph_stages() -> list[object]:
    """Stages of this module."""
    return [SentenceModality()]
