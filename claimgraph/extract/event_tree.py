"""The dependency-tree helpers every module of the events stage shares: lemmas, coordination, the phrase an event
noun heads, the event noun a word stands for, prepositional objects (claimgraph/extract/events.py)."""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.extract.event_lexicon import (
    ACRONYM_LOOKALIKES,
    ATTEMPT_VERBS,
    CAUSE_NOUNS,
    NOUN_TRIGGERS,
    RELATIVE,
    SERIES_NOUNS,
)


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower() if tok.lemma_ else tok.lower_




def _negated(verb: Token) -> bool:
    """'the bomb did not explode', 'were going to explode': it did not (yet) happen."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and _lemma(verb.head) not in ATTEMPT_VERBS - {"go"}


# nouns whose infinitive tells a deed tried ("an attempt to kill the judge"): an attack, its outcome unsaid
ATTEMPT_NOUNS = {"attempt", "bid"}
# verbs that grant a power or a leave, whose infinitive tells what may be done ("gave the army powers to detain")
GRANT_VERBS = {"give", "grant", "allow", "permit", "authorise", "authorize", "empower", "entitle"}


def _unrealised(verb: Token) -> bool:
    """'a plot to bomb the embassy', 'powers to detain suspects', 'detaining suspects is unlawful': no deed done.

    An infinitive that hangs on a noun tells a plan, a threat or a power (an attempt excepted); a gerund that is the
    subject of its clause names an activity in general.
    """
    if verb.dep_ == "csubj" and verb.tag_ == "VBG":
        return True
    if verb.dep_ == "advcl" and verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
            and _lemma(verb.head) in GRANT_VERBS:
        return True  # "gives the police powers to detain suspects": what may be done, not what was
    told_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) or (
        verb.i > 0 and verb.doc[verb.i - 1].lower_ == "to")
    return verb.tag_ == "VB" and told_to and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.i != verb.i \
        and _lemma(verb.head) not in ATTEMPT_NOUNS


def _acronym_shaped(tok: Token) -> bool:
    """'fmln', 'urng', 'ELN': a short word of at most one vowel, which in lower-cased wire text is a group's initials."""
    word = tok.text
    if not (3 <= len(word) <= 6 and word.isalpha()) or tok.lower_ in ACRONYM_LOOKALIKES:
        return False
    if word.isupper():
        return True
    return sum(ch in "aeiouy" for ch in word.lower()) <= 1 and not word.lower().endswith(("ed", "ing"))


def _conjuncts(tok: Token) -> list[Token]:
    """The token and its coordinated siblings ("a peasant and a soldier")."""
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON") and not _breakdown(tok, child):
            out += _conjuncts(child)
    return out


def _breakdown(first: Token, child: Token) -> bool:
    """'two priests, one French and one Swiss', 'three tourists, two Germans and a Briton': after a counted
    plural, nationalities counted again say who those were, no further victims."""
    from claimgraph.extract.nominal import demonym_of

    counted = first.tag_ in ("NNS", "NNPS") and any(c.dep_ == "nummod" for c in first.children) \
        and demonym_of(first.text) is None
    return counted and child.i > first.i and demonym_of(child.text) is not None and any(
        c.dep_ in ("nummod", "det") for c in child.children)


def _copula_subject(noun: Token) -> Token | None:
    """'KH is a group that ...': for the predicate noun of 'be'/'remain'/'become', the subject it describes."""
    if noun.dep_ in ("attr", "acomp") and _lemma(noun.head) in ("be", "remain", "become"):
        subject = next((c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lower_ == "it" and any(c.dep_ == "relcl" for c in noun.children) \
                and not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children):
            return None  # "it was the front that kidnapped them": a cleft, whose 'it' stands for nothing
        return subject
    return None


def _phrase_top(noun: Token) -> Token:
    """The head of the phrase an event noun belongs to: up through coordination, appositions and counting nouns.

    "carried out a number of kidnappings and attacks against ...": from "attacks" to "number".
    """
    cur = noun
    for _ in range(5):
        if cur.dep_ in ("conj", "appos") and cur.head.pos_ in ("NOUN", "PROPN"):
            cur = cur.head
        elif cur.dep_ == "pobj" and cur.head.lower_ == "of" and _lemma(cur.head.head) in SERIES_NOUNS:
            cur = cur.head.head
        elif cur.dep_ == "compound" and _lemma(cur.head) in SERIES_NOUNS:
            cur = cur.head  # "a bombing campaign against X", "a wave of kidnappings"
        else:
            break
    return cur


def _generic(noun: Token) -> bool:
    """'engages in kidnappings', 'has carried out attacks', 'a number of bombings': deeds told as a habit.

    A plural event noun with no definite article ('the bombings', 'twin blasts' are events told), or one counted by
    a series noun, names no one event: with no target said, it is no event claim.
    """
    top = _phrase_top(noun)
    if top is not noun and _lemma(top) in SERIES_NOUNS:
        return True
    if noun.tag_ not in ("NNS", "NNPS"):
        return False
    for tok in (noun, top):
        for c in tok.children:
            # a count alone ("103 known attacks") still sums up a habit; "the two bombings", "twin blasts" do not
            if c.dep_ == "det" and c.lower_ in ("the", "these", "those", "both", "this", "that") \
                    or c.lower_ == "twin":
                return False
    return True


def _event_noun(tok: Token) -> Token | None:
    """The event noun a subject stands for: 'the attack killed', or 'an attack at a market, which killed'."""
    if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
        tok = tok.head.head
    for _ in range(3):
        if _lemma(tok) in NOUN_TRIGGERS or _lemma(tok) in CAUSE_NOUNS:
            return tok
        if _lemma(tok) in ("responsibility", "credit"):
            # "claimed responsibility for bombings this week that killed 112": the clause the parser hung on the
            # claim tells of the event claimed
            claimed = [g for g in _child(tok, "prep", "for") if _lemma(g) in NOUN_TRIGGERS]
            if claimed:
                return claimed[0]
        # "bombings this week that killed 112 people", "bombings on Oct. 25 that killed": the date is the event's
        if tok.ent_type_ in ("DATE", "TIME") and tok.dep_ in ("npadvmod", "pobj", "nummod", "compound"):
            up = tok.head.head if tok.dep_ == "pobj" or tok.head.ent_type_ in ("DATE", "TIME") else tok.head
            if up.pos_ == "ADP":
                up = up.head
            if up.pos_ == "NOUN" and up.i != tok.i:
                tok = up
                continue
            if up.pos_ in ("VERB", "AUX") and up.i < tok.i:
                # "condemned the attack on the camp on Tuesday, which killed five": the date hung on the verb
                # dates the event noun the verb took before it
                told = [t for t in tok.doc[up.i + 1: tok.i] if t.pos_ == "NOUN" and _lemma(t) in NOUN_TRIGGERS]
                if told:
                    return told[-1]
        # "a suicide attack at a market in Orgun, which ...": up from the place to the event it locates
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("NOUN", "PROPN"):
            tok = tok.head.head
            continue
        return None
    return None


def _child(tok: Token, dep: str, word: str | None = None) -> list[Token]:
    """Objects of `tok`'s prepositions `word` (dep 'prep'), or its children with dependency `dep`."""
    if dep == "prep":
        return [g for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ == word
                for g in c.children if g.dep_ == "pobj"]
    return [c for c in tok.children if c.dep_ == dep]
