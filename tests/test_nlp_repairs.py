"""The parse repairs made after the parser (claimgraph.nlp.repairs), on Docs built by hand and through the model."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from claimgraph.nlp.pipeline import load_nlp
from claimgraph.nlp.repairs import stolen_subjects, verb_tags

# "The depot was hit by shells and the agency later wrote that it burned ."
WORDS = ["The", "depot", "was", "hit", "by", "shells", "and", "the", "agency", "later", "wrote", "that", "it",
         "burned", "."]
TAGS = ["DT", "NN", "VBD", "VBN", "IN", "NNS", "CC", "DT", "NN", "RB", "VBD", "IN", "PRP", "VBD", "."]
POS = ["DET", "NOUN", "AUX", "VERB", "ADP", "NOUN", "CCONJ", "DET", "NOUN", "ADV", "VERB", "SCONJ", "PRON", "VERB",
       "PUNCT"]


def parsed(wrote_dep: str, wrote_head: int, extra: dict[int, tuple[int, str]] | None = None) -> Doc:
    heads = [1, 3, 3, 3, 3, 4, 5, 8, 5, 10, wrote_head, 13, 13, 10, 3]
    deps = ["det", "nsubjpass", "auxpass", "ROOT", "agent", "pobj", "cc", "det", "conj", "advmod", wrote_dep,
            "mark", "nsubj", "ccomp", "punct"]
    for i, (head, dep) in (extra or {}).items():
        heads[i], deps[i] = head, dep
    return Doc(Vocab(), words=WORDS, tags=TAGS, pos=POS, heads=heads, deps=deps)


def test_a_noun_coordinated_into_an_agent_is_given_back_to_the_verb_after_it() -> None:
    doc = stolen_subjects(parsed("conj", 3))
    agency, wrote = doc[8], doc[10]
    assert (agency.head.i, agency.dep_) == (wrote.i, "nsubj")
    assert doc[6].head.i == 3  # "and" now joins the clauses
    assert [c.text for c in doc[5].children] == []  # "shells" alone is the agent
    assert len(list(doc.sents)) == 1


def test_a_bare_adverbial_clause_is_repaired_too() -> None:
    doc = stolen_subjects(parsed("advcl", 3))
    assert doc[8].dep_ == "nsubj" and doc[8].head.i == 10


def test_a_verb_with_a_subject_or_a_conjunction_of_its_own_keeps_the_coordination() -> None:
    # "... shells and the agency , while it later wrote ...": the clause has its own subject
    doc = stolen_subjects(parsed("conj", 3, {12: (10, "nsubj"), 13: (10, "ccomp")}))
    assert doc[8].dep_ == "conj" and doc[8].head.i == 5
    doc = stolen_subjects(parsed("advcl", 3, {11: (10, "mark"), 13: (10, "ccomp")}))
    assert doc[8].dep_ == "conj" and doc[8].head.i == 5


def test_a_participle_after_the_noun_is_no_finite_verb_left_without_subject() -> None:
    doc = Doc(Vocab(), words=["Gunmen", "attacked", "police", "and", "soldiers", "guarding", "it"],
              tags=["NNS", "VBD", "NNS", "CC", "NNS", "VBG", "PRP"],
              pos=["NOUN", "VERB", "NOUN", "CCONJ", "NOUN", "VERB", "PRON"],
              heads=[1, 1, 1, 2, 2, 1, 5], deps=["nsubj", "ROOT", "dobj", "cc", "conj", "conj", "dobj"])
    doc = stolen_subjects(doc)
    assert doc[4].dep_ == "conj" and doc[4].head.i == 2


def test_the_loaded_pipeline_runs_the_repair_last() -> None:
    assert load_nlp().pipe_names[-1] == "claimgraph_stolen_subjects"


def _front_claims(tag: str, pos: str, det: bool = False) -> Doc:
    """'The front fights the army and claims ties with the union', with 'claims' tagged as given."""
    words = ["The", "front", "fights", "the", "army", "and"] + (["the"] if det else []) + ["claims", "ties", "with",
                                                                                          "the", "union"]
    k = 1 if det else 0
    tags = ["DT", "NN", "VBZ", "DT", "NN", "CC"] + (["DT"] if det else []) + [tag, "NNS", "IN", "DT", "NN"]
    poses = ["DET", "NOUN", "VERB", "DET", "NOUN", "CCONJ"] + (["DET"] if det else []) + [pos, "NOUN", "ADP", "DET",
                                                                                         "NOUN"]
    heads = [1, 2, 2, 4, 2, 2] + ([6 + k] if det else []) + [2, 6 + k, 7 + k, 10 + k, 8 + k]
    deps = ["det", "nsubj", "ROOT", "det", "dobj", "cc"] + (["det"] if det else []) + ["conj", "dobj", "prep", "det",
                                                                                       "pobj"]
    return Doc(Vocab(), words=words, tags=tags, pos=poses, heads=heads, deps=deps)


def test_a_plural_noun_with_a_direct_object_is_retagged_as_a_verb() -> None:
    doc = verb_tags(_front_claims("NNS", "NOUN"))
    assert (doc[6].tag_, doc[6].pos_) == ("VBZ", "VERB")


def test_a_noun_with_a_determiner_stays_a_noun() -> None:
    doc = verb_tags(_front_claims("NNS", "NOUN", det=True))
    assert (doc[7].tag_, doc[7].pos_) == ("NNS", "NOUN")
    assert doc[8].pos_ == "NOUN"  # its object is not retagged either


def test_a_verb_whose_lemma_lost_its_final_e_gets_the_lexicons_lemma_and_a_noun_keeps_its_own() -> None:
    words = ["The", "front", "staged", "raids", "near", "a", "stag", "farm"]
    doc = Doc(Vocab(), words=words, tags=["DT", "NN", "VBD", "NNS", "IN", "DT", "NN", "NN"],
              pos=["DET", "NOUN", "VERB", "NOUN", "ADP", "DET", "NOUN", "NOUN"],
              lemmas=["the", "front", "stag", "raid", "near", "a", "stag", "farm"],
              heads=[1, 2, 2, 2, 2, 7, 7, 4], deps=["det", "nsubj", "ROOT", "dobj", "prep", "det", "compound", "pobj"])
    doc = verb_tags(doc)
    assert doc[2].lemma_ == "stage"
    assert doc[6].lemma_ == "stag"


def test_a_clefts_relative_clause_hung_beside_the_copula_is_given_to_its_noun() -> None:
    # "It was the front that bombed the bridge ." with "bombed" parsed as a second clause of "was"
    words = ["It", "was", "the", "front", "that", "bombed", "the", "bridge", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, tags=["PRP", "VBD", "DT", "NN", "WDT", "VBD", "DT", "NN", "."],
              pos=["PRON", "AUX", "DET", "NOUN", "PRON", "VERB", "DET", "NOUN", "PUNCT"],
              lemmas=["it", "be", "the", "front", "that", "bomb", "the", "bridge", "."],
              heads=[1, 1, 3, 1, 5, 1, 7, 5, 1], deps=["nsubj", "ROOT", "det", "attr", "nsubj", "ccomp", "det", "dobj",
                                                         "punct"])
    doc = stolen_subjects(doc)
    assert (doc[5].head.i, doc[5].dep_) == (3, "relcl")


def test_a_that_clause_after_a_noun_that_is_no_cleft_is_left_alone() -> None:
    # "They were the men that fled .": no cleft without an "it was" before the noun
    words = ["They", "were", "the", "men", "that", "fled", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, tags=["PRP", "VBD", "DT", "NNS", "WDT", "VBD", "."],
              pos=["PRON", "AUX", "DET", "NOUN", "PRON", "VERB", "PUNCT"],
              lemmas=["they", "be", "the", "man", "that", "flee", "."],
              heads=[1, 1, 3, 1, 5, 1, 1], deps=["nsubj", "ROOT", "det", "attr", "nsubj", "ccomp", "punct"])
    doc = stolen_subjects(doc)
    assert (doc[5].head.i, doc[5].dep_) == (1, "ccomp")
