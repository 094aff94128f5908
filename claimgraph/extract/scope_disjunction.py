"""Disjunction: an argument told as one of two or more alternatives ('belonged to X or Y', 'backing from A, B, or
another government', 'A or B carried out the attack') is only possibly the one: the claim is hedged."""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.extract.context import DocContext
from claimgraph.model import Claim


def _alternatives(root: Token) -> list[Token]:
    """The other conjuncts of a token's 'or' coordination (none when it is joined by 'and' or not at all); for the
    object of a preposition coordinated with another ('to X or to Y'), the other preposition's object."""
    if root.dep_ == "pobj" and root.head.pos_ == "ADP":
        preps = _or_group(root.head)
        if preps:
            return [o for p in preps if p.i != root.head.i for o in p.children if o.dep_ == "pobj"]
    return _or_group(root, exclude_self=True)


def _or_group(root: Token, exclude_self: bool = False) -> list[Token]:
    """The tokens an 'or' coordination joins, the given one included unless `exclude_self`; none for 'and'."""
    top = root
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    group = [top, *[t for t in top.subtree if t.dep_ == "conj" and t.head.pos_ == top.pos_]]
    joins = [c for g in group for c in g.children if c.dep_ == "cc"]
    if not joins or any(c.lower_ != "or" for c in joins) or len(group) < 2:
        return []
    return [g for g in group if g.i != root.i] if exclude_self else group


def _initials_of(tok: Token, name: str) -> bool:
    """True when a short capitalised word spells the initials of a name's capitalised words."""
    word = tok.text.replace(".", "")
    caps = "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())
    return word.isupper() and 2 <= len(word) <= 6 and (word == caps or word in caps)


def disjoined(ctx: DocContext, claim: Claim) -> bool:
    """True when the claim's subject or object is named as one alternative among others of another entity; an
    alias given with 'or' ('the Islamic Group or IG') names one entity and is no alternative."""
    if not claim.evidence or ctx.doc is None:
        return False
    ev = claim.evidence[0]
    keys = [claim.subject] + ([claim.object] if isinstance(claim.object, str) else [])
    wanted = {ctx.find(k) for k in keys}
    for m in ctx.mentions_in(ev.start, ev.end):
        if ctx.find(m.entity_key) not in wanted:
            continue
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        others = _alternatives(span.root)
        other_keys: set[str] = set()
        for o in others:
            if o.pos_ not in ("NOUN", "PROPN"):
                continue  # 'ten or more': a count, no alternative actor
            if _initials_of(o, span.text):
                continue  # 'the Islamic Group or IG': the name and its acronym
            found = [ctx.find(x.entity_key) for x in ctx.mentions_in(o.left_edge.idx, o.idx + len(o.text))
                     if x.end > o.idx]  # the mention of the conjunct's own name, not of a word before it
            if not found and o.pos_ == "PROPN":
                continue  # a name the recognizer missed may be another spelling of the same one
            other_keys.update(found or ["?"])  # 'another government': an alternative with no name
        if other_keys and ctx.find(m.entity_key) not in other_keys:
            return True
    return False
