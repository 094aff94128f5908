"""Whose the targets of an attack are: 'the state's targets', 'Iraqi, U.S. and Coalition targets', 'Pakistani
interests', 'Afghan government targets' name the bodies and states that were hit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from claimgraph.core.lexicon import words
from claimgraph.extract.event_fillers import _conjuncts, _lemma

if TYPE_CHECKING:
    from claimgraph.extract.event_fillers import Fillers

# nouns for a state's own bodies ('the Afghan government', 'Iraqi forces'): a nationality before them names the state
STATE_HEAD_WORDS = words("entity_state_heads")


def owners(fillers: Fillers, tok: Token) -> list[str]:
    """The entity keys of the bodies a target noun's owners and modifiers name."""
    out: list[str] = []
    for c in tok.children:
        if c.dep_ == "poss":
            out += [k for k in [fillers.actor(c)] if k]
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
