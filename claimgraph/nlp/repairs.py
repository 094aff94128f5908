"""Repairs of parse errors the extractors cannot undo alone, made once on the Doc after the parser.

A coordination that swallows the next clause's subject: in "the camp was hit by rockets and the agency wrote that
...", the parser often makes "the agency" a second agent of "hit" and leaves "wrote" without a subject. Every stage
then reads the agency as an attacker and the words it wrote as nobody's. The noun is given back to the verb.

A present-tense verb tagged as a plural noun: in "the front is fighting the army and claims links with X", the
tagger reads "claims" as a noun yet the parser still hangs a direct object on it. A noun never has a direct
object, so such a word is retagged as the verb it is and its clause reads as one.

A verb in -e whose lemma lost the -e ('staged' -> 'stag'): given the lemma the lexicons name it by.

A cleft ("it was the front that bombed the bridge") whose relative clause the parser hung beside the copula: the
clause is given back to the noun it describes, so its doer and its reporting verb read as they do in any relative
clause.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from claimgraph.core.lexicon import mapping

FINITE_TAGS = ("VBD", "VBZ", "VBP")
VERB_LEMMA_REPAIRS = mapping("nlp_verb_lemma_repairs")
NOUN_LEMMA_REPAIRS = mapping("nlp_noun_lemma_repairs")


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


def cleft_focus(pronoun: Token) -> Token | None:
    """The noun a cleft puts first ('it was [the front] that bombed'), for a relative pronoun whose clause is not
    hung on it; None for any other word."""
    verb = pronoun.head
    if pronoun.lower_ not in ("that", "who") or pronoun.dep_ != "nsubj" or pronoun.i == 0 or \
            verb.dep_ not in ("ccomp", "conj", "parataxis", "advcl"):  # a root keeps its sentence's root
        return None
    before = pronoun.doc[pronoun.i - 1]
    focus = before if before.dep_ == "attr" else next((a for a in before.ancestors if a.dep_ == "attr"), None)
    if focus is None or focus.right_edge.i != pronoun.i - 1 or focus.head.lemma_ != "be" or verb in focus.ancestors:
        return None
    return focus if any(c.lower_ == "it" and c.dep_ == "nsubj" for c in focus.head.children) else None


@Language.component("claimgraph_stolen_subjects")
def stolen_subjects(doc: Doc) -> Doc:
    """Give a coordinated noun back as the subject of the subjectless finite verb that follows it; hang a cleft's
    stray relative clause on its noun."""
    for pronoun in list(doc):
        focus = cleft_focus(pronoun)
        if focus is not None:
            pronoun.head.head = focus
            pronoun.head.dep_ = "relcl"
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


def verb_tagged_noun(word: Token) -> bool:
    """True for a plural 'noun' with a direct object and no determiner: a third-person verb the tagger missed."""
    if word.tag_ != "NNS" or word.dep_ not in ("conj", "ROOT") or word.head.pos_ not in ("VERB", "AUX", "NOUN"):
        return False
    kids = [c.dep_ for c in word.children]
    return "dobj" in kids and not any(d in ("det", "poss", "amod", "compound", "nummod") for d in kids)


@Language.component("claimgraph_verb_tags")
def verb_tags(doc: Doc) -> Doc:
    """Retag a plural noun that governs a direct object as a present-tense verb; mend a verb's cut lemma and the
    lemmas of a few plural nouns."""
    for word in doc:
        if verb_tagged_noun(word):
            word.tag_ = "VBZ"
            word.pos_ = "VERB"
        if word.pos_ == "VERB" and word.lemma_ in VERB_LEMMA_REPAIRS:
            word.lemma_ = VERB_LEMMA_REPAIRS[word.lemma_]
        elif word.pos_ == "NOUN" and word.lower_ in NOUN_LEMMA_REPAIRS:
            word.lemma_ = NOUN_LEMMA_REPAIRS[word.lower_]
    return doc
