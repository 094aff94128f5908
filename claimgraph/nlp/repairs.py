"""Repairs of one parse error the extractors cannot undo alone, made once on the Doc after the parser.

A coordination that swallows the next clause's subject: in "the camp was hit by rockets and the agency wrote that
...", the parser often makes "the agency" a second agent of "hit" and leaves "wrote" without a subject. Every stage
then reads the agency as an attacker and the words it wrote as nobody's. The noun is given back to the verb.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

FINITE_TAGS = ("VBD", "VBZ", "VBP")


def stolen_subject_verb(noun: Token) -> Token | None:
    """The subjectless finite verb (coordinated, or hung as a bare adverbial clause) right after a coordinated noun,
    adverbs between, if any."""
    if noun.dep_ != "conj" or noun.pos_ not in ("NOUN", "PROPN", "PRON") or noun.head.pos_ not in ("NOUN", "PROPN"):
        return None
    doc, j = noun.doc, noun.right_edge.i + 1
    while j < len(doc) and doc[j].dep_ == "advmod" and doc[j].head.i > j:
        j += 1
    if j >= len(doc) or doc[j].sent != noun.sent:
        return None
    verb = doc[j]
    if verb.dep_ not in ("conj", "advcl") or verb.tag_ not in FINITE_TAGS or verb.head.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for c in verb.children):
        return None  # a clause with a subject, or one a conjunction opens ("while"), is whole
    return verb


@Language.component("claimgraph_stolen_subjects")
def stolen_subjects(doc: Doc) -> Doc:
    """Give a coordinated noun back as the subject of the subjectless finite verb that follows it."""
    for noun in list(doc):
        verb = stolen_subject_verb(noun)
        if verb is None:
            continue
        # the conjunction before the noun joins the clauses, not the nouns
        for cc in [c for c in noun.head.children if c.dep_ == "cc" and c.i < noun.i]:
            cc.head = verb.head
        noun.head = verb
        noun.dep_ = "nsubj"
    return doc
