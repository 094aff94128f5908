"""Whose the targets of an attack are: 'the state's targets', 'Iraqi, U.S. and Coalition targets', 'Pakistani
interests', 'Afghan government targets' name the bodies and states that were hit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from claimgraph.core.lexicon import words
from claimgraph.extract.event_tree import _conjuncts, _lemma

if TYPE_CHECKING:
    from claimgraph.extract.event_fillers import Fillers

# nouns for a state's own bodies ('the Afghan government', 'Iraqi forces'): a nationality before them names the state
STATE_HEAD_WORDS = words("entity_state_heads")
# participles that tell whose a place or thing is ('a post run by its military wing', 'a base used by the front')
OPERATE_VERBS = frozenset({"run", "operate", "hold", "use", "control", "own", "man", "occupy"})


def owners(fillers: Fillers, tok: Token) -> list[str]:
    """The entity keys of the bodies a target noun's owners and modifiers name."""
    out: list[str] = []
    for c in tok.children:
        if c.dep_ == "poss":
            out += [k for k in [fillers.actor(c)] if k]
        elif c.dep_ == "prep" and c.lower_ == "of":  # "the headquarters of the Unity Party": the party was hit
            out += [k for g in c.children if g.dep_ == "pobj" for t in _conjuncts(g)
                    for hit in [fillers.mention_key(t)] if hit and hit[1] in ("Country", "Organization")
                    for k in [hit[0]]]
        elif c.dep_ in ("amod", "nmod", "compound") and c.i < tok.i:
            for g in _conjuncts(c) if c.pos_ != "ADJ" or c.ent_type_ else [c]:
                hit = fillers.mention_key(g)
                if hit and hit[1] in ("Country", "Organization"):
                    out.append(hit[0])
                elif g.pos_ == "ADJ" and (state := nation_of(fillers, g)):
                    out.append(state)  # "Pakistani and U.S. interests": the nationality word's state
                elif g.pos_ == "NOUN" and _lemma(g) in STATE_HEAD_WORDS:
                    # "Afghan government targets": the state whose government it is
                    out += [k for a in g.children if a.dep_ == "amod" for k in [nation_of(fillers, a)] if k]
    return list(dict.fromkeys(out))


def nation_of(fillers: Fillers, word: Token) -> str | None:
    """The country a nationality adjective names ('Pakistani', 'Iraqi'), as an entity key."""
    from claimgraph.extract.nominal import demonym_of
    from claimgraph.extract.units import resolver_for

    country = demonym_of(word.text)
    return resolver_for(fillers.ctx).country(country) if country else None


def operator(fillers: Fillers, tok: Token) -> str | None:
    """The body a target is run or held by ('a post run by its military wing, the Qassam Brigades', 'a camp used by
    the front'): the one hit; also where the parser read the participle as a noun ('a camp run by X')."""
    holders = [c for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN" and _lemma(c) in OPERATE_VERBS]
    if _lemma(tok) in OPERATE_VERBS:
        holders.append(tok)  # "a camp run by X" misparsed: 'run' itself the object, the by-agent under it
    for h in holders:
        for a in (a for a in h.children if a.dep_ == "agent" or a.dep_ == "prep" and a.lower_ == "by"):
            for g in (g for g in a.children if g.dep_ == "pobj"):
                # "its military wing, the X Brigades" (the parser may hang the name on the verb instead)
                named = [n for n in g.children if n.dep_ == "appos"] + _loose_apposition(g) + [g]
                keys = [k for n in named for k in [fillers.actor(n)] if k
                        and fillers.ctx.entity(k).type in ("Organization", "Country")]
                if keys:
                    return keys[0]
    return None


def _loose_apposition(tok: Token) -> list[Token]:
    """The name set after a phrase between commas that the parser hung higher up ('run by its wing, the X Brigades,
    east of ...': 'Brigades' read as a modifier of the verb): the head of the words up to the next punctuation."""
    doc, after = tok.doc, tok.right_edge.i + 1
    if after + 1 >= len(doc) or doc[after].text != ",":
        return []
    for t in doc[after + 1: after + 8]:
        if t.is_punct and t.text not in ("-", "'", "’"):  # a hyphen or apostrophe lies inside names
            break
        if t.dep_ in ("npadvmod", "appos", "dobj", "attr", "nsubj") and t.head.i < tok.i:
            return [t]
    return []
