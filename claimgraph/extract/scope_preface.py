"""A preface that hands the rest of a document to an author: 'Below is a statement from X', 'The following is the
text of a communique issued by X'. What follows it is X's word (a reproduced statement speaks for its author),
so every claim after the preface is attributed to X unless a nearer speaker says it."""

from __future__ import annotations

import re

from spacy.tokens import Token

from claimgraph.core.lexicon import words
from claimgraph.extract.context import DocContext
from claimgraph.extract.scope_speakers import SPEAKER_TYPES, Speakers
from claimgraph.extract.scope_speech import Speech

# the words a preface opens with: it points at what comes after it
OPENING = re.compile(r"^\W*(?:below|the\s+following|following|here)\b", re.I)
AUTHOR_PREPS = frozenset({"from", "by", "of"})


def _author(noun: Token, speakers: Speakers) -> str | None:
    """The author a document noun names: 'a statement from X', 'a message issued by X', 'the text of X's message'."""
    heads = [noun] + [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]  # "issued by X"
    for head in heads:
        for prep in head.children:
            if prep.dep_ not in ("prep", "agent") or prep.lower_ not in AUTHOR_PREPS:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                if pobj.lemma_.lower() in words("scope_media_nouns"):
                    return _author(pobj, speakers)  # "the text of a statement by X"
                key = speakers.resolve(pobj)
                if key and speakers.ctx.entity(key).type in SPEAKER_TYPES:
                    return key
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)  # "below is the group's statement"
    key = speakers.resolve(owner) if owner is not None else None
    return key if key and speakers.ctx.entity(key).type in SPEAKER_TYPES else None


def preface_speeches(ctx: DocContext) -> list[Speech]:
    """The scope a preface opens: from the end of its sentence to the end of the document (or the next preface)."""
    from claimgraph.extract.units import resolver_for, units_of

    found: list[tuple[int, Speech]] = []
    media = words("scope_media_nouns")
    for unit in units_of(ctx):
        text = ctx.text[unit.start_char:unit.end_char]
        if not OPENING.match(text):
            continue
        speakers = Speakers(ctx, resolver_for(ctx, unit))
        for tok in unit.tokens:
            # the document noun is what the copula presents ("Below is a statement ..."), not a word of a clause
            if tok.lemma_.lower() not in media or tok.dep_ not in ("nsubj", "attr") or tok.head.lemma_ != "be":
                continue
            author = _author(tok, speakers)
            if author is not None:
                sp = Speech(author, tok, unit.offset, frozenset(), unit.end_char, len(ctx.text), "", kind="preface")
                found.append((unit.start_char, sp))
                break
    for (_, sp), (nxt, _) in zip(found, found[1:]):
        sp.end = nxt  # a second preface hands what follows it to its own author
    return [sp for _, sp in found]
