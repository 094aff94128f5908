"""Cues a noun phrase carries past the clause edge the modality walk stops at: 'had nothing to do with the
bombing' (a denial told through the relative clause of 'nothing') and 'an attack at a station blamed on X' (the
hedging participle hung by the parser on a noun inside the trigger's phrase)."""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.core.lexicon import words
from claimgraph.extract.context import DocContext
from claimgraph.extract.scope_speech import Speech
from claimgraph.model import Claim

# the pronouns that, under a negation, deny a link as 'nothing' does ("did not have anything to do with")
_ANY = frozenset({"anything"})
_NOTHING = frozenset({"nothing"})
_PRONOUNS = frozenset({"it", "they", "we", "he", "she", "i"})
_PHRASE_DEPS = frozenset({"prep", "pobj", "compound", "appos"})


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in words("scope_negation_words") and c.dep_ in ("neg", "det")
               for c in tok.children)


def denier_of(tok: Token) -> Token | None:
    """The one who 'had nothing to do with' the trigger ('did not have anything to do with'), else None."""
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i:
            return None
        if cur.lemma_.lower() == "do" and cur.dep_ in ("relcl", "acl", "xcomp") and cur.i != tok.i:
            owner = cur.head
            low = owner.lower_
            # "nothing to do with": the pronoun denies; "anything" only under the verb's negation
            if not (low in _NOTHING or low in _ANY and (_negated(owner.head) or _negated(owner))):
                return None
            return next((c for c in owner.head.children if c.dep_ == "nsubj"), None)
        if cur.dep_ not in ("pobj", "prep") and cur.i != tok.i:
            return None
        cur = cur.head
    return None


def deny_unrelated(ctx: DocContext, claim: Claim, tok: Token, char: int, speeches: list[Speech]) -> None:
    """'X had nothing to do with the bombing': X did not do it. The act is denied as X's (the speaker's where X
    is its pronoun); an act whose phrase names another actor ('the attack by Y') keeps Y's, only X's part in it is
    denied, and that is no claim of ours."""
    denier = denier_of(tok)
    if denier is None or any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "by" for c in tok.children):
        return
    actor = ctx.entity(claim.subject)
    at = char - tok.idx + denier.idx
    mention = ctx.mention_at(at, at + len(denier.text))
    named = mention.entity_key if mention is not None else None
    if denier.lower_ in _PRONOUNS:  # "they said they had nothing to do with it": the speakers themselves
        own = [sp for sp in speeches if sp.speaker and sp.covers(char)]
        named = min(own, key=lambda sp: len(sp.chars) if sp.chars else sp.end - sp.start).speaker if own else None
        # "activists and the front say they ...": any of the speakers of those words
        named = next((sp.speaker for sp in own if sp.speaker and ctx.find(sp.speaker) == ctx.find(claim.subject)),
                     named)
    if named is None:
        return
    if actor.attrs.get("placeholder"):
        claim.subject = named
    elif ctx.find(claim.subject) != ctx.find(named):
        return  # another actor's act: the denier's part in it is all that is denied
    claim.polarity = "negative"
    if claim.modality == "asserted":
        claim.modality = "negated"


def _hedged_acl(noun: Token) -> bool:
    """'an attack blamed on X', 'a bombing attributed to X': the noun's own hedging participle."""
    return any(c.dep_ == "acl" and c.lemma_.lower() in words("scope_hedge_participles") and c.tag_ == "VBN"
               and any(g.dep_ in ("prep", "agent") for g in c.children) for c in noun.children) and not _negated(noun)


def blamed_in_phrase(tok: Token) -> bool:
    """'a grenade attack at a bus station blamed on militants': a hedging participle ('blamed on', 'attributed
    to', 'linked to') the parser hung on a noun inside the trigger's own noun phrase hedges the trigger too; a
    verb's toll told 'in' such a deed is hedged with it."""
    if tok.pos_ in ("VERB", "AUX"):
        # "two policemen were wounded in a grenade attack blamed on X": the deed the toll is told by is hedged
        deeds = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "during")
                 for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"]
        return any(_hedged_acl(g) or blamed_in_phrase(g) for g in deeds)
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    hedges = words("scope_hedge_participles")
    stack = [(c, 0) for c in tok.children if c.dep_ in _PHRASE_DEPS]
    while stack:
        cur, depth = stack.pop()
        if cur.pos_ in ("NOUN", "PROPN"):
            for c in cur.children:
                if c.dep_ == "acl" and c.lemma_.lower() in hedges and c.tag_ == "VBN" \
                        and any(g.dep_ in ("prep", "agent") for g in c.children) and not _negated(cur):
                    return True  # "no attacks attributed to X" is a plain negation, read elsewhere
        if depth < 3:
            stack += [(c, depth + 1) for c in cur.children if c.dep_ in _PHRASE_DEPS]
    return False
