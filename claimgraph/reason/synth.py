"""Build analysed documents directly (no NLP): for tests of cross-source reasoning and for benchmarks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Engine

from claimgraph.linking.crossdoc import is_matchable
from claimgraph.model import Analysis, Claim, Entity, EvidenceSpan, LiteralValue, Mention, SourceDocument
from claimgraph.resolve.names import norm_name
from claimgraph.store.writer import write_analysis

EntitySpec = tuple[str, str] | tuple[str, str, Sequence[str]]  # (name, type[, other names])


def build_analysis(doc: SourceDocument, entities: Iterable[EntitySpec],
                   claims: Iterable[dict[str, Any]] = ()) -> Analysis:
    """An Analysis of `doc` with the given entities (mentions where their names occur) and claims.

    A claim is a dict: subject and object as entity names (object may be a LiteralValue),
    predicate, evidence (a substring of the text; the first sentence naming the subject
    otherwise), and any Claim field (qualifiers, modality, polarity, attributed_to, ...).
    """
    analysis = Analysis(document=doc, word_count=len(doc.text.split()))
    key_of: dict[str, str] = {}
    for spec in entities:
        name, type_ = spec[0], spec[1]
        others = list(spec[2]) if len(spec) > 2 else []
        key = f"{type_}:{norm_name(name)}"
        entity = Entity(key=key, name=name, type=type_, aliases={name, *others})
        analysis.entities[key] = entity
        for form in entity.aliases:
            key_of[form] = key
            start = doc.text.find(form)
            while start >= 0:
                analysis.mentions.append(Mention(start, start + len(form), form, key, type_))
                start = doc.text.find(form, start + len(form))
    reps = list(analysis.entities.values())
    for entity in reps:  # what the reason.context stage records during a real analysis
        own = {norm_name(n) for n in entity.aliases}
        entity.attrs["_context"] = sorted({norm_name(n) for e in reps if e is not entity for n in e.aliases
                                           if is_matchable(n)} - own)
    for claim_spec in claims:
        fields: dict[str, Any] = dict(claim_spec)
        subject = key_of[fields.pop("subject")]
        obj = fields.pop("object")
        obj_key: str | LiteralValue = obj if isinstance(obj, LiteralValue) else key_of[obj]
        passage = fields.pop("evidence", None) or doc.text
        start = max(0, doc.text.find(passage))
        speaker = fields.pop("attributed_to", None)
        analysis.claims.append(Claim(subject=subject, predicate=fields.pop("predicate"), object=obj_key,
                                     evidence=[EvidenceSpan(start, start + len(passage), passage)],
                                     attributed_to=key_of[speaker] if speaker else None,
                                     extractor="synth", **fields))
    return analysis


def store(engine: Engine, analyses: Iterable[Analysis], after_ingest: bool = True) -> list[str]:
    """Write analyses to the store and run the after-ingest steps; returns the stored document ids."""
    stored = [d for d in (write_analysis(engine, a) for a in analyses) if d]
    if after_ingest and stored:
        from claimgraph.reason.plugin import after_ingest as run_after

        with engine.begin() as conn:
            run_after(conn, stored)
    return stored
