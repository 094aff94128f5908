"""The speaker's own side in its words: 'we attacked ...' said by a commander of X, 'our fighters', 'its fighters'
in what X says are X, the body the speaker speaks for, not an unnamed band."""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.extract.context import DocContext
from claimgraph.extract.event_lexicon import DEVICE_VERBS, MEMBER_NOUNS, PERSON_NOUNS
from claimgraph.model import Claim

# 'his men' said by a person who leads a body are that body's men (the role claims tell whose)
_OWN_POSSESSIVES = frozenset({"our", "its", "their", "his", "her"})
# the claims that tie a speaking person to the body they speak for
_ROLE_PREDICATES = frozenset({"member_of", "leader_of"})


def clause_subject(tok: Token) -> Token | None:
    """The active subject of the clause a trigger is in, within a few steps up the tree and below its clause edge."""
    cur = tok
    for _ in range(4):
        if cur.pos_ in ("VERB", "AUX"):
            subjects = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects and subjects[0].lower_ == "it" and any(c.dep_ == "attr" for c in cur.children):
                return None  # "it was the front that bombed ...": a cleft's 'it' stands for no one
            if subjects and not (subjects[0].lower_ in ("that", "which") and cur.dep_ == "relcl"):
                # "attacks that killed 30": the attacks' subject; a passive subject is no actor
                return subjects[0] if subjects[0].dep_ == "nsubj" else None
        if cur.head.i == cur.i or cur.dep_ in ("ccomp", "parataxis"):
            return None
        cur = cur.head
    return None


def self_subject(tok: Token, pronouns: tuple[str, ...] = ("they", "we")) -> bool:
    """True when the clause of a trigger has one of these pronouns as its subject (the speakers' own act)."""
    subject = clause_subject(tok)
    if subject is not None and subject.lower_ == "it" and subject.head.lemma_.lower() in DEVICE_VERBS:
        return False  # "police said it exploded near the market, killing two": the bomb, not the speakers
    return subject is not None and subject.lower_ in pronouns


def own_side_subject(tok: Token) -> bool:
    """True when the trigger's clause is told with the speaker's side as its subject: 'we', 'our fighters',
    'its men'."""
    subject = clause_subject(tok)
    if subject is None:
        return False
    if subject.lower_ == "we":
        return True
    lemma = subject.lemma_.lower()
    return subject.pos_ in ("NOUN", "PROPN") and bool({lemma, subject.lower_} & (PERSON_NOUNS | MEMBER_NOUNS)) \
        and any(c.dep_ == "poss" and c.lower_ in _OWN_POSSESSIVES for c in subject.children)


def body_of(ctx: DocContext, speaker: str, claims: list[Claim]) -> str | None:
    """The organisation a speaker speaks for: itself, the one a person is told to lead or belong to, or the one
    an unnamed speaker's phrase names ('a spokesman for the Ember Front')."""
    key = ctx.find(speaker)
    entity = ctx.entity(key)
    if entity.type == "Organization":
        return key
    if entity.type not in ("Person", "Group"):
        return None
    for c in claims:
        if c.predicate in _ROLE_PREDICATES and isinstance(c.object, str) and ctx.find(c.subject) == key \
                and ctx.entity(ctx.find(c.object)).type == "Organization":
            return ctx.find(c.object)
    name = f" {entity.name.lower()} "
    for other, ent in ctx.analysis.entities.items():
        if ent.type == "Organization" and ent.name and any(
                f" {w} {n.lower()} " in name or f" {w} the {n.lower()} " in name
                for w in ("for", "of") for n in [ent.name, *ent.aliases] if n):
            return ctx.find(other)
    return None


def phrase_body(ctx: DocContext, speaker_tok: Token, offset: int) -> str | None:
    """The organisation named inside an unnamed speaker's phrase, coreference included ('a spokesman for the
    group'): the body it speaks for."""
    start = offset + speaker_tok.left_edge.idx
    end = offset + speaker_tok.right_edge.idx + len(speaker_tok.right_edge)
    inside = ctx.mentions_in(start, end) + [m for m in ctx.coref_mentions if start <= m.start and m.end <= end]
    return next((k for m in inside if m.start > offset + speaker_tok.idx for k in [ctx.find(m.entity_key)]
                 if ctx.entity(k).type == "Organization"), None)
