"""'Afghanistan's capital', 'the Iraqi capital', 'the capital of Syria': the word names the country's capital city.

A text that writes the capital so means that city: an attack "in the Afghan capital" is an attack in Kabul. The
mention covers the word 'capital' only, so the country named beside it keeps its own mention.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimgraph.extract.entity_gazetteer import capital_of, country_of, demonym_country
from claimgraph.extract.entity_rules import Candidate

CAPITAL_WORDS = frozenset({"capital"})


def _country_beside(tok: Token) -> str | None:
    """The country a 'capital' token is told of: its possessor, its nationality adjective or its 'of' object."""
    for c in tok.children:
        if c.dep_ == "poss" or c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i:
            words = [t for t in c.subtree if t.dep_ != "case" and t.text not in ("'s", "\u2019s")]
            phrase = tok.doc[words[0].i: words[-1].i + 1].text if words else ""
            found = country_of(phrase) or (demonym_country(phrase) if c.dep_ != "poss" else None)
            if found:
                return found
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj":
                    phrase = tok.doc[g.left_edge.i: g.i + 1].text
                    found = country_of(phrase.removeprefix("the ").removeprefix("The "))
                    if found:
                        return found
    return None


def capital_candidates(doc: Doc) -> list[Candidate]:
    """A Place candidate on each 'capital' that a country is named beside, named as that country's capital."""
    out: list[Candidate] = []
    for tok in doc:
        if tok.lower_ not in CAPITAL_WORDS or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        country = _country_beside(tok)
        city = capital_of(country) if country else None
        if city:
            out.append(Candidate(tok.idx, tok.idx + len(tok.text), "Place", "gazetteer", 3.0, name=city, note="capital"))
    return out
