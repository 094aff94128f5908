"""member_of read from the party a person stood or sat for: "X was elected as a Democrat to Congress".

A politician is told by the party's member noun after "as a" on a verb of elections and office ("was elected as a
Whig", "ran as a Republican", "returned to politics in 1998 as a Christian Democrat"): the noun names the party, the
verb's subject its member. A nationality word ("as an American") names no party.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimgraph.core.lexicon import words
from claimgraph.extract.context import DocContext
from claimgraph.extract.entity_gazetteer import demonym_country, demonyms
from claimgraph.extract.places_index import EXTRACTOR

PARTY_VERBS = words("relations_party_verbs")
PARTY_TYPES = {"Organization", "Group"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
CONFIDENCE = 0.55


def party_members(ctx: DocContext, sent: Span) -> None:
    """member_of(person, party) for 'as a <party member noun>' on an election verb of the sentence."""
    for tok in sent:
        if tok.lower_ != "as" or tok.dep_ != "prep" or tok.head.lemma_.lower() not in PARTY_VERBS:
            continue
        noun = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if noun is None or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children):
            continue
        party = ctx.mention_at(noun.idx, noun.idx + len(noun.text))
        if party is None or ctx.entity(party.entity_key).type not in PARTY_TYPES or _nationality(party.text):
            continue
        person = _subject_person(ctx, tok.head)
        if person is not None:
            ctx.add_claim(person, "member_of", ctx.find(party.entity_key), (sent.start_char, sent.end_char),
                          EXTRACTOR, confidence=CONFIDENCE)


def _nationality(text: str) -> bool:
    return demonym_country(text) is not None or text.strip() in demonyms()


def _subject_person(ctx: DocContext, verb: Token) -> str | None:
    """The person the verb's subject names (the verb a conjunct: its head's subject), or None."""
    for node in (verb, verb.head if verb.dep_ == "conj" else None):
        if node is None:
            continue
        subj = next((c for c in node.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is None:
            continue
        m = ctx.mention_at(subj.idx, subj.idx + len(subj.text))
        if m is not None and ctx.entity(m.entity_key).type == "Person":
            return ctx.find(m.entity_key)
        return None
    return None
