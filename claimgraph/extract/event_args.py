"""The arguments a verb trigger of the events stage has: its agents, patients and instruments, read through the
passive, coordination, raising ('is believed to have', 'appears to have') and the parse errors of capitals names.

Part of the events stage (claimgraph/extract/events.py).
"""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.core.lexicon import words
from claimgraph.extract.event_doers import GERUND_HOLDERS, _gerund_doers
from claimgraph.extract.event_lexicon import (
    ATTEMPT_VERBS,
    DENIAL_VERBS,
    DEVICE_VERBS,
    JUSTICE_WORDS,
    NOUN_TRIGGERS,
    VERB_TRIGGERS,
)
from claimgraph.extract.event_tree import ATTEMPT_NOUNS, _child, _conjuncts, _lemma
from claimgraph.extract.frames import left_subject

# the hedge verbs whose subject is their complement's ("X appears to have bombed Y")
RAISING_VERBS = words("scope_hedge_verbs")
# passives whose raised subject did the deed, or is said to have: "is believed to have attacked X", "was forced to
# free them" ("was ordered to free them", "was asked to" tell no deed done)
RAISED_BY = words("scope_hedge_passive_verbs") | {"know", "see", "force", "compel", "oblige", "make", "show"}


def object_head(tok: Token) -> Token:
    """The noun an object phrase is about when the parser read a capitals name in it as a verb.

    "captured IS' last territory" can parse IS as an auxiliary with "territory" as its attribute:
    the object is the territory (IS only owns it), never IS itself.
    """
    if tok.pos_ == "AUX":
        nouns = [c for c in tok.children if c.dep_ in ("attr", "dobj") and c.pos_ in ("NOUN", "PROPN")]
        if nouns:
            return nouns[0]
    return tok



def root_subject(verb: Token) -> Token | None:
    """'the rebels abducted two men' parsed with the noun as the root and the finite verb hung on it: the subject."""
    if verb.dep_ == "acl" and verb.tag_ == "VBD" and verb.head.dep_ == "ROOT" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return None



def verb_args(verb: Token) -> tuple[list[Token], list[Token], list[Token]]:
    """(agents, patients, instruments) of a verb, passive voice and coordination undone."""
    agents: list[Token] = []
    patients: list[Token] = []
    instruments: list[Token] = []
    for c in verb.children:
        if c.dep_ in ("nsubj",):
            agents += _conjuncts(c)
        elif c.dep_ in ("dobj", "nsubjpass"):
            patients += [object_head(g) for g in _conjuncts(c)]
        elif c.dep_ == "agent":
            agents += [g2 for g in c.children if g.dep_ == "pobj" for g2 in _conjuncts(g)]
        elif c.dep_ == "prep" and c.lower_ in ("with", "using"):
            instruments += [g for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ == "advcl" and c.lower_ == "using":
            instruments += [g for g in c.children if g.dep_ == "dobj"]
    if not agents and any(c.dep_ == "auxpass" for c in verb.children):
        # "two nuns were killed on Friday, shot by hooded men": the doer told by the participle of the same deed
        agents = [g2 for c in verb.children if c.dep_ in ("conj", "advcl") and c.tag_ == "VBN"
                  and _lemma(c) in VERB_TRIGGERS and not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)
                  for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"
                  for g2 in _conjuncts(g)]
    if not agents and verb.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in verb.head.children) \
            and _lemma(verb.head) in RAISED_BY:
        # "Hamas is believed to have attacked X", "is suspected to have": the raised subject acts
        agents = [g for c in verb.head.children if c.dep_ == "nsubjpass" for g in _conjuncts(c)]
    if not agents and verb.dep_ == "acl" and _lemma(verb.head) in ATTEMPT_NOUNS:
        # "X made an attempt to kill Y", "an attempt by X to kill Y": the attempt's maker
        noun = verb.head
        agents = [g for t in _child(noun, "prep", "by") for g in _conjuncts(t)] or [
            g for c in noun.head.children if noun.dep_ == "dobj" and c.dep_ == "nsubj" for g in _conjuncts(c)]
    if not agents and verb.dep_ == "xcomp" and _lemma(verb.head) in RAISING_VERBS:
        # "the front appears to have bombed X", "seems to have": the raised subject acts (the scopes hedge it;
        # a plan, "plans to bomb X", is no event)
        agents = [g for c in verb.head.children if c.dep_ == "nsubj" for g in _conjuncts(c)]
    if verb.dep_ == "conj" and patients and all(p.like_num and not list(p.children) for p in patients):
        # "ten soldiers were killed and seven were injured": the bare count stands for the people counted before
        patients = [c for c in verb.head.children if c.dep_ in ("nsubjpass", "dobj") and c.pos_ == "NOUN"] \
            or patients
    # "guerrillas attacked and burned the farm": coordinated verbs share subject and object
    head = verb.head if verb.dep_ == "conj" else None
    if head is not None and any(c.dep_ == "nsubjpass" for c in verb.children):
        head = None  # "three soldiers died and a civilian was wounded": a clause with its own undergoer
    root = root_subject(verb)
    if not agents and root is not None:
        agents = [root]
    if head is not None and not agents:
        agents = [g for c in head.children if c.dep_ == "nsubj" for g in _conjuncts(c)] \
            or [t for t in [root_subject(head)] if t is not None]
        if not agents and head.dep_ == "advcl" and head.tag_ == "VBG" and head.head.pos_ in ("VERB", "AUX"):
            # "the group returned, starting a series of attacks and killing 25 officers": the clause's subject
            agents = [g for c in head.head.children if c.dep_ == "nsubj" for g in _conjuncts(c)]
        agents += [g2 for c in head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
                   for g2 in _conjuncts(g)]
    if not patients:
        for c in verb.children:
            if c.dep_ == "conj" and c.pos_ == "VERB":
                patients += [g for cc in c.children if cc.dep_ == "dobj" for g in _conjuncts(cc)]
        if head is not None and not patients and verb.tag_ == "VBN":
            patients = [g for c in head.children if c.dep_ == "nsubjpass" for g in _conjuncts(c)]
    if not agents and verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX"):
        # "tried to kill the judge" is an attempt; "advised Hizballah to free", "plans to attack": not yet
        # "denied firing at X", "admitted kidnapping Y": the deed the subject answers for (the scopes read it)
        if _lemma(verb.head) not in ATTEMPT_VERBS and not (
                verb.tag_ == "VBG" and _lemma(verb.head) in DENIAL_VERBS | {"admit"}):
            return [], [], []
        agents = [g for c in verb.head.children if c.dep_ == "nsubj" for g in _conjuncts(c)]
    elif not agents and verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX") and not any(
            t.pos_ == "VERB" and (_lemma(t) in VERB_TRIGGERS or _lemma(t) in DEVICE_VERBS) for t in verb.doc[verb.head.i + 1: verb.i]):
        # "the rebels stormed the town, killing five"; not "police hunt a man who left a bomb that exploded,
        # wounding 13" (the parser hangs the result on the first verb: it is the nearer deed's)
        agents = [g for c in verb.head.children if c.dep_ == "nsubj" for g in _conjuncts(c)]
    # "the arrest of two soldiers for killing ...", "they accused the colonel of ordering ..."
    if verb.dep_ == "pcomp" and not agents and (verb.head.lower_ in ("for", "of", "with") or verb.head.lower_ == "in"
                                                and _lemma(verb.head.head) in GERUND_HOLDERS["in"]):
        gov = verb.head.head
        agents = _gerund_doers(verb.head)  # "claimed responsibility for shooting X", "accused X of bombing Y"
        if not agents and _lemma(gov) not in JUSTICE_WORDS:
            return [], [], []  # "the risk of attacking Iran": no event took place
        if not agents and gov.pos_ == "NOUN":
            agents = [g2 for c in gov.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj" for g2 in _conjuncts(g)]
        elif not agents and gov.pos_ == "VERB":
            agents = [g for c in gov.children if c.dep_ in ("dobj", "nsubjpass") for g in _conjuncts(c)]
    # "the guerrillas who killed ...", "a peasant killed by guerrillas"
    if verb.dep_ == "relcl" and not agents and verb.tag_ != "VBN":
        agents = [verb.head]
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN" and not patients:
        patients = [verb.head]
        among = verb.head.head if verb.head.dep_ == "pobj" and verb.head.head.lower_ == "among" else None
        if among is not None and among.head.lemma_ == "be":
            # "X was among six rebels killed in the raid": X too
            patients = [g for c in among.head.children if c.dep_ == "nsubj" for g in _conjuncts(c)] + patients
    if verb.dep_ == "conj" and verb.head.pos_ == "NOUN" and verb.head.dep_ == "dobj" and not agents:
        # "conducted military and sabotaging operations against X": a participle the parser coordinated
        # with a noun; the clause's verb above them has the subject
        agents = [g for c in verb.head.head.children if c.dep_ == "nsubj" for g in _conjuncts(c)]
    if all(_lemma(p) in NOUN_TRIGGERS for p in patients):
        # "sabotaging operations against X": the object names the deed, "against" its target
        patients = [g for word in ("against", "on") for g in _child(verb, "prep", word)] or patients
    if not patients and any(c.dep_ == "auxpass" for c in verb.children):
        # "hostility towards the West and several officers were killed by ...": the parser made the
        # passive subject a conjunct of the clause before; the words before the auxiliary still name it
        left = left_subject(verb)
        patients = [left] if left is not None else []
    return agents, patients, instruments
