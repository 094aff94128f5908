"""Verb and noun frames: which trigger words say which predicate, and where their arguments sit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from claimgraph.core.lexicon import mapping, rows, words

# verb lemma -> (predicate, where the patient sits); "dobj" also covers the passive subject. Relation verbs only:
# event verbs (attack, kill, arrest, release ...) are the events stage's (claimgraph/extract/events.py), one extractor
VERB_FRAMES: dict[str, tuple[str, tuple[str, ...]]] = {
    row["lemma"]: (row["predicate"], tuple(row["slots"].split())) for row in rows("claims_events_frame_verbs")}
# the few verbs whose object is only an argument when the clause says so
DESIGNATE_VERBS = words("claims_designate_verbs")
DESIGNATE_WORDS = re.compile(r"\bterror(ist|ism)\b", re.I)
FOUND_VERBS = {"found", "establish", "form", "create", "launch", "set", "start", "organize", "organise"}
FOUNDED_OBJECT_NOUNS = words("claims_founded_object_nouns")
TIE_NOUNS = {"tie", "relation", "relationship", "link", "contact", "connection", "cooperation",
             "collaboration", "alliance", "partnership"}
TIE_VERBS = words("claims_tie_verbs")
CUT_VERBS = {"cut", "sever", "break", "end"}
AGREEMENT_NOUNS = {"deal", "agreement", "accord", "treaty", "pact", "contract", "memorandum", "ceasefire",
                   "truce", "understanding"}
AGREEMENT_VERBS = {"sign", "reach", "conclude", "make", "strike", "seal", "negotiate", "agree"}
HOSTILITY_NOUNS = mapping("claims_frames_hostility_nouns")
OVERTHROW_NOUNS = {"overthrow", "downfall", "destruction", "toppling", "removal", "ouster", "fall"}
SUPPORT_NOUNS = {"support": "supported", "backing": "supported", "funding": "supported",
                 "sponsorship": "supported", "aid": "supported", "assistance": "supported",
                 "help": "supported", "financing": "supported"}
# goods and help handed over ('received money from Y'): support only as a giving or receiving verb's object
SUPPORT_GOODS = words("frames_support_goods_nouns")
SUPPORT_NOUNS.update(dict.fromkeys(SUPPORT_GOODS, "supported"))
SUPPORTER_NOUNS = {"supporter", "backer", "sponsor", "patron", "financier", "funder", "ally"}
ROLE_WORDS = {"military", "financial", "political", "logistic", "logistical", "diplomatic", "moral",
              "economic", "material", "intelligence"}
BASE_NOUNS = {"base": "has_base", "camp": "has_base", "headquarters": "headquarters_in", "office": "has_base",
              "stronghold": "has_base", "hideout": "has_base", "compound": "has_base"}
BASED_VERBS = {"base": "based_in", "headquarter": "headquarters_in", "station": "based_in"}
IDEOLOGY_NOUNS = {"ideology", "doctrine", "worldview", "creed", "philosophy", "belief"}
IDEOLOGY_SOURCE_VERBS = {"take", "derive", "draw", "base", "inspire", "borrow", "mix", "combine", "blend"}
CEASE_VERBS = {"stop", "cease", "end", "abandon", "halt", "quit", "renounce", "give", "suspend", "drop"}
# nouns for what a body wants, whose possessor is the doer of the infinitive after 'is' ('its aim is to topple X')
GOAL_NOUNS = {"aim", "goal", "objective", "purpose", "intention", "ambition", "mission"}
# verbs whose complement only wishes, plans or asks for what it says ("tries to establish ties")
IRREALIS_HEADS = words("claims_irrealis_heads")
MEMBER_NOUNS = mapping("claims_member_nouns")
# base forms the tagger sometimes reads as nouns ("Mossad and Shabak train MKO members")
SURFACE_VERBS = mapping("claims_surface_verbs")
# participles that tie their holder to a body ("affiliated with Y"): form -> predicate
TIE_PARTICIPLES = mapping("claims_frames_tie_participles")
# every lemma that can open a frame: sentences without one are skipped cheaply
TRIGGER_LEMMAS = (set(VERB_FRAMES) | DESIGNATE_VERBS | FOUND_VERBS | TIE_NOUNS | AGREEMENT_NOUNS
                  | set(HOSTILITY_NOUNS) | OVERTHROW_NOUNS | set(SUPPORT_NOUNS) | SUPPORTER_NOUNS
                  | set(BASE_NOUNS) | set(BASED_VERBS) | IDEOLOGY_NOUNS | {"tie", "close"} | set(TIE_PARTICIPLES)
                  | set(MEMBER_NOUNS) | set(SURFACE_VERBS) | {"suspect", "militant"})


ObjectRef = str | tuple[str, str]


@dataclass
class Found:
    """One claim a frame found, before it is stored: keys, predicate and the tokens that carry it."""

    subject: str
    predicate: str
    object: ObjectRef  # entity key, or ("text", value) / ("date", value)
    trigger: Token
    qualifiers: dict[str, Any] = field(default_factory=dict)
    polarity: str = "positive"
    confidence: float = 0.7


def children(tok: Token, *deps: str) -> Iterator[Token]:
    """Children of a token with one of the given dependency labels."""
    return (c for c in tok.children if c.dep_ in deps)


def prep_objects(tok: Token, *preps: str) -> list[Token]:
    """Objects of the given prepositions attached to a token ('with X', 'against Y')."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            out += [p for p in c.children if p.dep_ == "pobj"]
            for p in c.children:  # "in and out of the US", "to X or to Y": follow the coordinated preposition
                if p.dep_ == "prep" or p.dep_ == "conj" and p.pos_ == "ADP":
                    out += [q for q in p.children if q.dep_ == "pobj"]
    return out


def is_passive(verb: Token) -> bool:
    """True for 'was established', 'were assassinated' (and participles with a by-agent)."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children))


def antecedent(tok: Token) -> Token:
    """For 'that'/'which'/'who' opening a relative clause, the noun it stands for."""
    if tok.lower_ in ("that", "which", "who", "whom") and tok.head.dep_ == "relcl":
        return tok.head.head
    if tok.lower_ in ("that", "which", "who") and tok.head.dep_ == "ccomp" and tok.head.head.dep_ == "relcl" \
            and tok.i < tok.head.head.i:
        return tok.head.head.head  # "X, which officials say is backed by Y": the parser hangs 'which' below 'say'
    return tok


def copula_subject(noun: Token) -> Token | None:
    """For 'X is a ... organization' return X when given the predicate noun."""
    if noun.dep_ in ("attr", "acomp", "oprd") and noun.head.lemma_ in ("be", "become", "remain"):
        subj = [c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return subj[0] if subj else None
    return None


def _purpose_below(participle: Token, verb: Token) -> bool:
    """Whether `verb` is a 'to' infinitive of purpose right under a participle ('founded in 1980 to oppose X')."""
    return verb.head.i == participle.i and verb.dep_ in ("xcomp", "advcl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def agent_of(verb: Token) -> Token | None:
    """The doer of a verb: its active subject, its by-agent, or the subject it shares with a verb above."""
    cur: Token | None = verb
    steps = 0
    while cur is not None and steps < 6:
        steps += 1
        accused = _accused(cur) if cur.i != verb.i else None
        if accused is not None:  # "officials accuse X of working with Y": X works with Y, the officials say so
            return accused
        if is_passive(cur):
            by = [p for c in cur.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            if not by and cur.i == verb.i:
                # "was armed and trained by Y": the agent the coordinated participle carries is both verbs'
                by = [p for v in cur.children if v.dep_ == "conj" and v.tag_ == "VBN"
                      and not any(x.dep_ in ("nsubj", "nsubjpass") for x in v.children)
                      for c in v.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            shares_subject = cur.i != verb.i and verb.dep_ == "conj" and not is_passive(verb)
            if by and not shares_subject:  # "X was founded by Y and fights Z": X fights, not Y
                return by[0]
            if steps > 1 and verb.dep_ in ("xcomp", "conj") and cur.i == verb.head.i and (
                    verb.dep_ == "xcomp" or not is_passive(verb)):
                # "Hamas is believed to have attacked X": the hedge keeps its actor; "X was opposed to Y and later
                # adopted Z", "X is allied with Y and opposes Z": coordinated verbs share the subject
                raised = [c for c in cur.children if c.dep_ in ("nsubjpass", "nsubj")]
                if not raised and verb.dep_ == "conj":  # the parser may hang the subject on the auxiliary
                    raised = [t for t in [left_subject(cur)] if t is not None and t.pos_ != "PRON"]
                if raised:
                    return raised[0]
        else:
            subj = [c for c in cur.children if c.dep_ in ("nsubj", "csubj")]
            if subj and cur.i != verb.i and cur.lemma_ == "be" and subj[0].lemma_.lower() in GOAL_NOUNS:
                holder = _goal_holder(subj[0])  # "its aim is to topple X", "a movement whose goal is to ..."
                if holder is not None:
                    return holder
            if subj:
                found = antecedent(subj[0])
                if found.i != subj[0].i and found.dep_ in ("attr",):
                    return copula_subject(found) or found
                if found.lower_ in ("who", "which", "that"):
                    return None
                return found
        if cur.dep_ == "pcomp" and cur.head.head.pos_ in ("NOUN", "PROPN") and cur.head.head.i != cur.head.i \
                and _accused(cur.head.head) is None:
            # "the referendum on joining the union": whoever joins is not said ("after joining" is; "accuse the
            # front of collaborating", the parser hanging 'of' on the accused, is the accused's act)
            return None
        if cur.dep_ in ("conj", "xcomp", "advcl", "acomp", "pcomp") and cur.head.i != cur.i:
            if cur.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in cur.head.children) and \
                    cur.head.lemma_ in ("advise", "ask", "urge", "tell", "order", "force", "help", "allow"):
                objs = [c for c in cur.head.children if c.dep_ == "dobj"]
                return objs[0]  # "advised Hizballah to free": Hizballah frees
            cur = cur.head
            continue
        if cur.dep_ in ("relcl", "acl") and cur.head.i != cur.i:
            head = cur.head
            purpose = cur.tag_ == "VBN" and cur.i != verb.i and _purpose_below(cur, verb)
            if cur.dep_ == "acl" and (cur.tag_ == "VBG" or purpose) and head.pos_ in ("NOUN", "PROPN"):
                # "a coalition seeking to overthrow X", "X, a group calling for ...", "an organization founded to
                # oppose the Soviets": the noun does it (a past participle's noun undergoes it: "a group formed by
                # students"), and what it was made for it does
                return copula_subject(head) or (head.head if head.dep_ == "appos" else head)
            return copula_subject(head) or head if cur.dep_ == "relcl" else None
        if cur.pos_ in ("NOUN", "PROPN", "ADJ", "ADP") and cur.head.i != cur.i:
            cur = cur.head
            continue
        return None
    return None


def _goal_holder(goal: Token) -> Token | None:
    """Whose a goal noun is: its possessor ('its aim'), or for 'whose aim' the noun the clause is on."""
    poss = next((c for c in goal.children if c.dep_ == "poss"), None)
    if poss is None:
        return None
    if poss.lower_ == "whose" and goal.head.dep_ == "relcl":
        noun = goal.head.head
        return copula_subject(noun) or (noun.head if noun.dep_ == "appos" else noun)
    return poss


def _accused(tok: Token) -> Token | None:
    """The accused of an accusation verb ('accuse X of', 'X was blamed for') that `tok` is, or sits on as its
    object; the gerund under its 'of/for/with' is the accused's act."""
    verb = tok.head if tok.dep_ in ("dobj", "nsubjpass") else tok
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in words("scope_accusation_verbs"):
        return None
    found = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return found[0] if found else None


def left_subject(verb: Token) -> Token | None:
    """The noun phrase just before a verb's auxiliaries, for clauses the parser hung elsewhere.

    "... hostility towards Western countries and several officers in Iran were assassinated": the
    parser makes "officers" a conjunct of "countries"; the words before "were" still name the subject.
    """
    j = verb.i - 1
    doc = verb.doc
    while j >= 0 and doc[j].dep_ in ("aux", "auxpass", "neg", "advmod") and doc[j].head.i == verb.i:
        j -= 1
    if j < 0 or j == verb.i - 1:
        return None
    tok = doc[j]
    for _ in range(6):
        if tok.dep_ in ("pobj", "prep", "compound", "amod", "poss", "case", "nummod", "det") and tok.head.i < verb.i:
            tok = tok.head
        else:
            break
    return tok if tok.pos_ in ("NOUN", "PROPN", "PRON") else None


def patients_of(verb: Token, slots: tuple[str, ...]) -> list[Token]:
    """The undergoer tokens of a verb for its frame slots, passive voice turned around."""
    out: list[Token] = []
    if is_passive(verb):
        out += list(children(verb, "nsubjpass"))
        if not out and any(c.dep_ == "auxpass" for c in verb.children):
            # "X, which officials say is backed by Y": a passive's subject the parser labelled active
            out += [antecedent(c) for c in children(verb, "nsubj") if c.lower_ in ("which", "that", "who")]
        if verb.dep_ == "xcomp" and not out and verb.head.pos_ == "VERB":
            # "X is thought to have been supported by Y": the subject raised to the hedging verb undergoes it
            out += list(children(verb.head, "nsubjpass", "nsubj"))
        if verb.dep_ in ("acl", "relcl") and not out:
            out.append(antecedent(verb.head) if verb.dep_ == "relcl" else verb.head)
        if verb.dep_ == "conj" and not out and (is_passive(verb.head) or verb.head.dep_ == "acomp"):
            # "X was founded in 1990 and funded by Y", "X was armed and trained by Y": the first verb's undergoer
            head = verb.head.head if verb.head.dep_ == "acomp" else verb.head
            out += [antecedent(c) for c in children(head, "nsubjpass", "nsubj")]
        if not out:
            found = left_subject(verb)
            if found is not None:
                out.append(found)
    for slot in slots:
        if slot == "dobj":
            if not is_passive(verb):
                out += list(children(verb, "dobj"))
        else:
            out += prep_objects(verb, slot)
    return out


def irrealis(tok: Token) -> bool:
    """True when a trigger sits in the complement of 'try', 'plan', 'advise' ...: wished, not done."""
    cur = tok if tok.pos_ in ("VERB", "AUX") else clause_verb(tok)
    for _ in range(4):
        if cur is None or cur.head.i == cur.i:
            return False
        if cur.dep_ not in ("xcomp", "conj"):
            return False
        if cur.dep_ == "xcomp" and cur.head.lemma_.lower() in IRREALIS_HEADS:
            return True
        cur = cur.head
    return False


def clause_verb(tok: Token) -> Token | None:
    """The nearest verb above a noun (for light-verb constructions 'conducted operations against')."""
    cur = tok
    for _ in range(5):
        if cur.head.i == cur.i:
            return cur if cur.pos_ in ("VERB", "AUX") else None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def roles_of(noun: Token) -> list[str]:
    """'main military, financial and political supporter' -> ['military', 'financial', 'political']."""
    found: list[Token] = []
    stack = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod")]
    while stack:
        cur = stack.pop()
        if cur.lower_ in ROLE_WORDS and all(f.lower_ != cur.lower_ for f in found):
            found.append(cur)
        stack += [c for c in cur.children if c.dep_ in ("conj", "amod")]
    return [t.lower_ for t in sorted(found, key=lambda t: t.i)]
