"""Who did what a verb or a gerund says: its subject or by-agent, through coordination, relative clauses and the
phrases that lay a deed on someone ('claimed responsibility for shooting', 'accused X of bombing').

Part of the events stage (claimgraph/extract/events.py, event_agency.py).
"""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.extract.context import DocContext
from claimgraph.extract.event_lexicon import CHARGE_PREPOSITIONS, STATE_ARMS_NOUNS
from claimgraph.extract.event_tree import _conjuncts, _copula_subject, _lemma

# things that carry a body's words: their claim of responsibility is their sender's ("posted a video claiming ...")
MESSAGE_NOUNS = {"statement", "video", "message", "communique", "letter", "tweet", "recording", "posting", "audio"}


# words after which a gerund tells what their subject does: "known for kidnapping", "specializes in", "succeeded in"
GERUND_HOLDERS = {"for": frozenset({"know", "notorious", "famous", "infamous", "responsible", "renowned"}),
                  "in": frozenset({"specialize", "specialise", "engage", "participate", "persist", "succeed"})}


def _doers(verb: Token) -> list[Token]:
    """Who does what a verb says: its subject, its by-agent, the subject of the verb it is coordinated with,
    or, for a relative clause, the noun the clause describes ('a group that has conducted attacks')."""
    cur = verb
    for _ in range(4):
        found = [g for c in cur.children if c.dep_ == "nsubj" for g in _conjuncts(c)]
        found += [g2 for c in cur.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
                  for g2 in _conjuncts(g)]
        if found:
            return found
        if cur.dep_ == "conj" and cur.head.pos_ in ("VERB", "AUX"):
            cur = cur.head  # "has planned and carried out attacks": the subject of "planned"
            continue
        if cur.dep_ == "relcl" and cur.head.pos_ in ("NOUN", "PROPN"):
            return [_copula_subject(cur.head) or cur.head]
        if cur.dep_ == "acl" and cur.tag_ == "VBG" and cur.head.pos_ in ("NOUN", "PROPN"):
            # "posted a video claiming responsibility": a message's claim is its sender's ("a group claiming ..."
            # is the group's own)
            if _lemma(cur.head) in MESSAGE_NOUNS and cur.head.dep_ == "dobj":
                cur = cur.head.head
                continue
            return [] if _lemma(cur.head) in MESSAGE_NOUNS else [cur.head]
        if cur.dep_ == "advcl" and cur.tag_ == "VBG" and cur.head.pos_ in ("VERB", "AUX"):
            cur = cur.head  # "the front issued a statement, claiming ...": the clause's subject
            continue
        if cur.dep_ == "pcomp" and cur.tag_ == "VBG" and cur.head.dep_ == "prep":
            return _gerund_doers(cur.head)  # "charged X with carrying out the attacks"
        return []
    return []


def _gerund_doers(prep: Token) -> list[Token]:
    """Who did a deed told as a gerund after a preposition: the claimant of 'claimed responsibility for shooting',
    the accused of 'accused X of bombing' / 'X was charged with carrying out' (the accuser only tells it)."""
    holder = prep.head
    if prep.lower_ == "for" and _lemma(holder) in ("responsibility", "credit") and holder.dep_ == "dobj":
        return _doers(holder.head)
    if _lemma(holder) in GERUND_HOLDERS.get(prep.lower_, ()):
        # "X is known for attacking police stations", "X specializes in kidnapping engineers": X's own habit
        clause = [holder, holder.head] if holder.dep_ in ("acomp", "amod") else [holder]
        return [g for v in clause for c in v.children if c.dep_ in ("nsubj", "nsubjpass") for g in _conjuncts(c)]
    by_agent = holder.dep_ == "pobj" and holder.head.dep_ == "agent"
    verb = holder if holder.pos_ in ("VERB", "AUX") else holder.head if holder.dep_ == "dobj" else \
        holder.head.head if by_agent else None
    if verb is None or CHARGE_PREPOSITIONS.get(_lemma(verb)) != prep.lower_:
        return []
    if holder is not verb and not by_agent:
        return _conjuncts(holder)  # "accused the front of bombing": the parser hangs "of" on the accused
    # "the front was accused by the government of bombing X": the parser hangs "of" on the accuser
    return [g for c in verb.children if c.dep_ in ("dobj", "nsubjpass") for g in _conjuncts(c)]


def state_of_arms(ctx: DocContext, arms: Token) -> str | None:
    """'Israeli tank fire', 'Turkish warplanes', 'US drone strikes': the state a nationality word or a country's
    name before a state's arms names (its entity key), else None."""
    from claimgraph.extract.nominal import demonym_of
    from claimgraph.extract.units import resolver_for

    parts = [arms, *(c for c in arms.children if c.dep_ == "compound")]
    if not any(_lemma(t) in STATE_ARMS_NOUNS for t in parts):
        return None
    args = resolver_for(ctx)
    for c in (c for t in parts for c in t.children if c.dep_ in ("amod", "compound") and c.i < t.i):
        key = args.entity_at(c)
        if key is not None and args.etype(key) == "Country":
            return key
        country = demonym_of(c.text) if c.dep_ == "amod" else None
        if country:
            return args.country(country)
    return None
