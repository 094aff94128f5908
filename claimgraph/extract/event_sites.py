"""Where an attack told without a target struck: the place its own phrase names ('two bombings in X')."""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.extract.event_fillers import Fillers
from claimgraph.extract.event_lexicon import (
    ACT_CLAIM_VERBS,
    FACILITY_NOUNS,
    LIGHT_VERBS,
    PLACE_NOUNS,
    PLACE_PREPS,
    RESPONSIBILITY_VERBS,
)
from claimgraph.extract.event_tree import _conjuncts, _lemma

SITE_PREPS = PLACE_PREPS | {"on", "against"}  # "a raid on the capital, X": a place the attack was made on


def struck_place(noun: Token, fillers: Fillers) -> list[str]:
    """The place an attack noun names as its site: a place name before it ('the Kabul bombing'), or after
    in/at/near in its phrase or in the relative clause that tells it ('attacks that killed 55 people in X'),
    also written as a place noun ('in the city of X', 'in the capital, X'); the narrowest one, said last."""
    found: list[str] = []
    for tok in noun.subtree:
        if tok.i < noun.i and tok.head.i == noun.i and tok.dep_ == "compound" and tok.pos_ == "PROPN":
            hit = fillers.mention_key(tok)
            if hit and hit[1] == "Place":  # "the Kabul bombing" (a country before the noun is its doer)
                found.append(hit[0])
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ in SITE_PREPS and _tells(tok.head.head, noun):
            for key in _place_keys(tok, fillers):
                if key not in found:
                    found.append(key)
    return found[-1:]  # "in Syria's capital, Damascus": the narrowest place, said last


def site_heads(noun: Token) -> list[Token]:
    """The attack noun and the words a site phrase told with it may hang on instead: the verb that carried it out
    or claims it ('carried out the bombings on Monday at X'), 'responsibility for' and its verb ('claimed
    responsibility for the attack at X', the parser hanging 'at X' on 'responsibility')."""
    heads = [noun]
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "for" and _lemma(head.head) in ("responsibility", "credit"):
        heads.append(head.head)
        if head.head.dep_ == "dobj" and _lemma(head.head.head) in RESPONSIBILITY_VERBS:
            heads.append(head.head.head)
    elif noun.dep_ == "dobj" and _lemma(head) in LIGHT_VERBS | ACT_CLAIM_VERBS:
        heads.append(head)
    return heads


def _tells(head: Token, noun: Token) -> bool:
    """True when a preposition's head is the attack noun, or the verb of a relative clause on it or that verb's
    object ('attacks that killed 30 people in X': where they were killed), or its by-agent."""
    if head.dep_ in ("dobj", "nsubjpass") and head.head.dep_ == "relcl":
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ == "by" and head.head.head.i == noun.i:
        return True  # "a bombing by X in Y": the parser hangs the place on the doer
    return any(head.i == h.i for h in site_heads(noun)) \
        or head.dep_ == "relcl" and head.head.i == noun.i and head.pos_ == "VERB"


def _place_keys(tok: Token, fillers: Fillers) -> list[str]:
    """The places a prepositional object names: itself, the name in apposition to it, or the one a place noun
    is 'of' ('the city of X'), in text order."""
    keys: list[str] = []
    candidates = [tok] + [c for c in tok.children if c.dep_ == "appos"]
    if _lemma(tok) in PLACE_NOUNS:
        candidates += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                       for g in c.children if g.dep_ == "pobj"]
    for cand in sorted(candidates, key=lambda t: t.i):
        hit = fillers.mention_key(cand)
        if hit and hit[1] in ("Place", "Country"):
            keys.append(hit[0])
    return keys


def two_sites(tok: Token, fillers: Fillers) -> list[str]:
    """'the Justice Ministry and Baghdad governorate headquarters', 'the U.S. Embassy and ISAF headquarters': a
    building named by its own head noun before 'and' is a target of its own ('Labor and Finance ministries' share
    the head and are one)."""
    first = next((c for c in tok.lefts if c.dep_ in ("nmod", "compound") and _lemma(c) in FACILITY_NOUNS
                  and any(x.dep_ == "cc" and x.lower_ == "and" for x in c.children)), None)
    if first is None:
        return []
    cc = next(x for x in first.children if x.dep_ == "cc")
    left = [t for t in first.subtree if t.i < cc.i and t.dep_ != "det"]
    right = tok.doc[cc.i + 1: tok.i + 1]
    if not left or not right or not left[0].text[:1].isupper():
        return []
    out = []
    for start, end in ((left[0].idx, first.idx + len(first)), (right.start_char, right.end_char)):
        hit = fillers.ctx.mention_at(start, end)
        out.append(fillers.ctx.find(hit.entity_key) if hit is not None and (hit.start, hit.end) == (start, end)
                   else fillers.ctx.add_entity(fillers.ctx.text[start:end], "Other"))
    return out


def sites_of_places(tok: Token, fillers: Fillers) -> list[str]:
    """'the Rome and Vienna airports': a plural site noun told by two places or more stands for each place."""
    if tok.tag_ != "NNS" or _lemma(tok) not in FACILITY_NOUNS:
        return []
    told = [g for c in tok.lefts if c.dep_ in ("nmod", "compound") for g in _conjuncts(c)]
    keys = [hit[0] for g in told for hit in [fillers.mention_key(g)] if hit and hit[1] in ("Place", "Country")]
    return list(dict.fromkeys(keys)) if len(keys) > 1 else []


def targets(tok: Token, human: bool, fillers: Fillers) -> list[str]:
    """The entity keys a target or victim token stands for, two sites named side by side apart."""
    if human:
        return fillers.patients(tok, human)
    return two_sites(tok, fillers) or sites_of_places(tok, fillers) or fillers.patients(tok, human)
