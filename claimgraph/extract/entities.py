"""Entity recognition: spaCy's named entities mapped to claimgraph types."""

from __future__ import annotations

from claimgraph.extract.context import DocContext
from claimgraph.plugins import hookimpl

# spaCy (OntoNotes) labels → claimgraph entity types; unlisted labels are not entities
LABEL_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Country", "LOC": "Place", "FAC": "Place",
               "NORP": "Group", "EVENT": "Event"}


class SpacyEntities:
    """Mentions from the statistical NER, trimmed of a leading 'the'."""

    name = "entities.spacy"
    order = 100

    def run(self, ctx: DocContext) -> None:
        """Add one mention per named-entity span."""
        for ent in ctx.doc.ents:
            type_ = LABEL_TYPES.get(ent.label_)
            if type_ is None:
                continue
            span = ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
            ctx.add_mention(span.start_char, span.end_char, type_, source="ner")


@hookimpl
def claimgraph_stages() -> list[object]:
    """Stages of this module."""
    return [SpacyEntities()]
