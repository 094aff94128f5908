"""What a name's own words or its sentence say it is: a natural feature's kind word ('Big Muddy Creek', 'Dismal
Swamp', 'X National Park'), a one-word name a sentence defines ('Calueque is a town in ...'), a place name that acts."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from claimgraph.core.lexicon import words
from claimgraph.extract.entity_gazetteer import country_of, is_known_place

FEATURE_HEADS = words("entity_feature_heads")
_FEATURE_FIRST_WORDS = frozenset({"mount", "lake", "cape", "isle"})
# kind words that also end people's names ('Peter Brook', 'Ellen Pond'): a person's reading stands against them
_SURNAME_HEADS = frozenset({"brook", "pond", "peak", "gorge", "lagoon"})
_BRACKET_AFTER = re.compile(r"\s*\([^()\n]{0,120}\)")
_COPULA_AFTER = re.compile(r"\s+(?:is|was|are|were)\s")


def names_a_feature(name: str, read_as_person: bool = False) -> bool:
    """True for a name whose head is a natural feature's or a protected area's kind ('Dismal Swamp', 'Mount X');
    with read_as_person (a model's person, or no model reading), a kind word that also ends people's names does
    not count ('Peter Brook')."""
    head = name.split(" of ")[0].lower().split()
    if len(name.split()) < 2 or not name[:1].isupper() or not name.split()[-1][:1].isupper():
        return False  # 'Creek' alone, 'Pine creek' in running text: no name's head
    if read_as_person and head[-1] in _SURNAME_HEADS:
        return False
    two = " ".join(head[-2:])
    return head[-1] in FEATURE_HEADS or two in FEATURE_HEADS or head[0] in _FEATURE_FIRST_WORDS


def after_brackets(text: str, end: int) -> str:
    """The text after a name, a bracket right after it passed over when a verb follows it
    ('Goght (; formerly Goghot ) is a village'); 'X ( founder of Y ) , a co-founder of Z' may go on with
    another's words, so there the text right after the name is returned."""
    bracket = _BRACKET_AFTER.match(text, end)
    if bracket and _COPULA_AFTER.match(text, bracket.end()):
        return text[bracket.end(): end + 200]
    return text[end: end + 200]


def one_word_name(doc: Doc, start: int, end: int) -> bool:
    """True when the characters are one proper-noun token that is no stop word ('Calueque', never 'He', 'It')."""
    span = doc.char_span(start, end)
    return span is not None and len(span) == 1 and span[0].pos_ == "PROPN" and not span[0].is_stop \
        and len(span.text) >= 3


# verbs whose subject acts (a place name as their subject is a group, unless it is a known place)
ACTION_VERBS = words("entity_action_verbs")
# verbs that tell their object to do something ('advised X to free'): the object acts
CONTROL_VERBS = words("entity_control_verbs")


def acts_like_an_organization(span: Span) -> bool:
    """A name the model took for a place that no gazetteer knows, and that acts in its sentence
    ('Iran advised Hizballah to free ...', 'Tanzim attacked the convoy'): an organization."""
    if is_known_place(span.text) or country_of(span.text):
        return False
    root = span.root
    verb = root.head
    if verb.pos_ != "VERB":
        return False
    if root.dep_ == "dobj" and verb.lemma_ in CONTROL_VERBS and any(c.dep_ == "xcomp" for c in verb.children):
        return True
    return root.dep_ == "nsubj" and verb.lemma_ in ACTION_VERBS


# words before a portfolio that belong to the office ('Shadow Home Secretary', 'New Foreign Minister')
_OFFICE_PREFIXES = {"shadow", "new", "former", "acting", "deputy", "interim", "junior"}
# common nouns of sites that may carry a person's name ('Kennedy airport')
_SITE_NOUNS = words("geo_facility_nouns")


def portfolio(span: Span) -> bool:
    """'Defence Minister X', 'the Interior Secretary', 'Shadow Home Secretary': a minister's portfolio, no body's
    name (an acronym before a title, 'the TTP Emir', is one)."""
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if nxt is None or span.text.isupper() or nxt.lower_ not in ("minister", "secretary"):
        return False
    return span[-1].head.i == nxt.i and (len(span) == 1 or len(span) == 2 and span[0].lower_ in _OFFICE_PREFIXES)


def names_a_site(span: Span) -> bool:
    """'the Bernabeu stadium', 'Jinnah hospital': a name the model took for a person that modifies a site noun."""
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return nxt is not None and nxt.pos_ == "NOUN" and nxt.lower_ in _SITE_NOUNS and span[-1].head.i == nxt.i
