"""Acts told before the sentence that names their actor: the scope of that later sentence reaches back to them.

"A bombing killed 15 people. The group claimed responsibility for the attack.", "... Activists said the blasts
were carried out by X.", "The GIA is suspected.": the events stage gives the earlier act the actor the later
sentence names (extract/event_coref.py; an accused or denied doer is not given); its own sentence says nothing of
who did it, so the claim is the later sentence's speaker's word (or suspicion), never the text's.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from claimgraph.core.lexicon import words
from claimgraph.extract.context import DocContext
from claimgraph.extract.event_coref import LENT_DOERS
from claimgraph.extract.scope_speech import Speech, bare_denial, claims_responsibility
from claimgraph.model import Claim, EvidenceSpan

CLAIM_REACH = 400  # characters after an act within which a claim of responsibility is about it
SUSPECT_REACH = 300  # characters back from 'X is suspected' within which the acts it points to are told
ITEM_BREAK = re.compile(r"\n\s*(?:\n|[-*\u2022\u2013\u2014])")  # a blank line or a list item between two texts
# the modalities a later sentence lends an act whose actor it alone names
LENT = frozenset({"attributed", "hedged"})


def _unnamed_act(ctx: DocContext, claim: Claim) -> bool:
    """An asserted event claim whose own sentence never names its actor."""
    if claim.modality != "asserted" or not claim.extractor.startswith("events") or not claim.evidence:
        return False
    ev = claim.evidence[0]
    actor = ctx.find(claim.subject)
    return not any(ctx.find(m.entity_key) == actor for m in ctx.mentions_in(ev.start, ev.end))


def named_later(ctx: DocContext, claims: list[Claim]) -> None:
    """'A rocket attack killed 20 people. The front said it had staged the attack.': an act whose doers the events
    stage took from a later sentence (extract/event_coref.py) takes that sentence's modality, speaker and polarity,
    read on the claim made there about the same doer (asserted there, it stays asserted)."""
    lent = ctx.memo.get(LENT_DOERS) or []
    for claim in claims:
        if not lent or not _unnamed_act(ctx, claim):
            continue
        ev = claim.evidence[0]
        actor = ctx.find(claim.subject)
        told_at = [at for start, end, at, keys in lent if start <= ev.start < end
                   and actor in {ctx.find(k) for k in keys}]
        there = [c for at in told_at for c in claims if c is not claim and c.extractor.startswith("events")
                 and c.evidence and c.evidence[0].start <= at < c.evidence[0].end and ctx.find(c.subject) == actor]
        if there and there[0].modality in LENT:
            claim.modality, claim.attributed_to, claim.polarity = there[0].modality, there[0].attributed_to, \
                there[0].polarity


def claimed_later(ctx: DocContext, claims: list[Claim], speeches: list[Speech]) -> None:
    """'A bombing killed 15 people. The group claimed responsibility for the attack.': an act whose actor its own
    sentence never names, and whose actor then claims it, is the claimant's word, not the text's."""
    claimed = [sp for sp in speeches if sp.speaker and claims_responsibility(sp.cue)]
    if not claimed:
        return
    for claim in claims:
        if not _unnamed_act(ctx, claim):
            continue  # the sentence names its actor: the text says it
        ev = claim.evidence[0]
        actor = ctx.find(claim.subject)
        by = [sp for sp in claimed if ctx.find(sp.speaker) == actor and ev.end <= sp.offset + sp.cue.idx
              <= ev.end + CLAIM_REACH]
        if by:
            claim.modality = "attributed"
            claim.attributed_to = by[0].speaker


def denied_after(ctx: DocContext, claims: list[Claim], speeches: list[Speech]) -> list[Claim]:
    """'A bombing was thought to be the front's work, but the group denies any involvement': each act just told of
    the denier is also its denial (attributed to it, negative), with the denial in its evidence."""
    out: list[Claim] = []
    for sp in speeches:
        if not sp.speaker or not sp.denied or not bare_denial(sp.cue):
            continue
        at = sp.offset + sp.cue.idx
        denier = ctx.find(sp.speaker)
        for claim in claims:
            if not claim.extractor.startswith("events") or claim.polarity != "positive" or not claim.evidence \
                    or ctx.find(claim.subject) != denier:
                continue
            ev = claim.evidence[0]
            if not (ev.start <= at and at - ev.end <= CLAIM_REACH) or ITEM_BREAK.search(ctx.text[ev.end:at]):
                continue
            cite = EvidenceSpan(sp.start, sp.end, ctx.text[sp.start:sp.end]) if sp.end > sp.start else None
            out.append(replace(claim, modality="attributed", polarity="negative", attributed_to=sp.speaker,
                               evidence=[*claim.evidence, *([cite] if cite and cite.start >= ev.end else [])],
                               qualifiers=dict(claim.qualifiers), confidence=min(claim.confidence, 0.6),
                               extractor="annotate.denial"))
    return out


def suspected_later(ctx: DocContext, claims: list[Claim]) -> list[Claim]:
    """'Gunmen killed a Frenchman. The GIA is suspected (in the attack).': the acts just told whose actor has no
    name are also the suspect's, hedged, with the suspicion in their evidence (the unnamed actor's stay)."""
    from claimgraph.extract.units import resolver_for, units_of

    out: list[Claim] = []
    for unit in units_of(ctx):
        for tok in unit.tokens:
            suspect = _suspected(tok)
            if suspect is None:
                continue
            args = resolver_for(ctx, unit)
            keys = [k for k in args.resolve(suspect, "agent", nominal_ok=False)
                    if args.etype(k) in ("Organization", "Group") and args.entity_at(suspect) is not None]
            if not keys:
                continue
            cite = EvidenceSpan(unit.start_char, unit.end_char, ctx.text[unit.start_char:unit.end_char])
            for claim in _told_before(ctx, claims, unit.start_char):
                out.append(replace(claim, subject=keys[0], modality="hedged", evidence=[*claim.evidence, cite],
                                   qualifiers=dict(claim.qualifiers), attributed_to=None,
                                   confidence=min(claim.confidence, 0.6), extractor="annotate.suspect"))
    return out


def _suspected(tok: Token) -> Token | None:
    """The subject of 'X is suspected', 'X is suspected in the attack' (a definite act told before), else None;
    'is suspected of planning ...' is a hedge inside its own clause and no pointer back."""
    if tok.lemma_.lower() not in words("scope_hedge_participles") or tok.pos_ != "VERB" or not any(
            c.dep_ == "auxpass" for c in tok.children):
        return None
    if any(c.dep_ in ("xcomp", "ccomp", "dobj", "agent") for c in tok.children):
        return None
    for prep in (c for c in tok.children if c.dep_ == "prep"):
        pobjs = [g for g in prep.children if g.dep_ == "pobj"]
        if prep.lower_ not in ("in", "for", "of") or not pobjs or not any(
                d.dep_ == "det" and d.lower_ in ("the", "this", "these", "that") for d in pobjs[0].children):
            return None  # "suspected in the attack" points back; "suspected of links with Y" does not
    return next((c for c in tok.children if c.dep_ == "nsubjpass"), None)


def _told_before(ctx: DocContext, claims: list[Claim], start: int) -> list[Claim]:
    """Acts told in the lines just before `start` (same item: no blank line or list mark between) whose actor
    their sentence never names."""
    out: list[Claim] = []
    for claim in claims:
        if not claim.extractor.startswith("events") or not claim.evidence or claim.polarity != "positive":
            continue
        ev = claim.evidence[0]
        between = ctx.text[ev.end:start]
        if not 0 <= start - ev.end <= SUSPECT_REACH or ITEM_BREAK.search(between):
            continue
        actor = ctx.find(claim.subject)
        if ctx.entity(actor).type not in ("Organization", "Group", "Person"):
            continue
        if any(ctx.find(m.entity_key) == actor for m in ctx.mentions_in(ev.start, ev.end)):
            continue  # "The GIA killed X. The GIA is suspected": the act already has its named actor
        out.append(claim)
    return out


def blamed_after(ctx: DocContext, claims: list[Claim], speeches: list[Speech]) -> list[Claim]:
    """'Gunmen killed six soldiers ... Officials blamed the Ember Front.': an accusation naming no deed of its own lays
    the acts just told, whose doers the text does not name (or names only as a band), on the accused, as the
    accusers' word, with the accusation in their evidence."""
    out: list[Claim] = []
    for sp in speeches:
        if not sp.speaker or not sp.target or sp.kind != "object" or sp.denied \
                or sp.cue.lemma_.lower() not in words("scope_accusation_verbs") or _names_a_deed(sp.cue):
            continue
        at = sp.offset + sp.cue.idx
        accused = ctx.find(sp.target)
        cite = EvidenceSpan(sp.start, sp.end, ctx.text[sp.start:sp.end]) if sp.end > sp.start else None
        for claim in claims:
            if not claim.extractor.startswith("events") or claim.polarity != "positive" or not claim.evidence \
                    or claim.modality not in ("asserted", "attributed") or ctx.find(claim.subject) == accused:
                continue
            actor = ctx.entity(ctx.find(claim.subject))
            if not actor.attrs.get("placeholder") and actor.type != "Group":
                continue  # a named body did it, says the text: the accusation is about something else
            ev = claim.evidence[0]
            if not (ev.end <= at and at - ev.end <= CLAIM_REACH) or ITEM_BREAK.search(ctx.text[ev.end:at]):
                continue
            out.append(replace(claim, subject=sp.target, modality="attributed", polarity="positive",
                               attributed_to=sp.speaker, qualifiers=dict(claim.qualifiers),
                               evidence=[*claim.evidence, *([cite] if cite and cite.start >= ev.end else [])],
                               confidence=min(claim.confidence, 0.6), extractor="annotate.blame"))
    return out


def _names_a_deed(verb: Token) -> bool:
    """Whether an accusation verb tells what it lays on the accused ('blamed X for the attack', 'accused X of
    bombing', 'held X responsible for it'): then its own scope carries the deed."""
    return any(c.dep_ in ("prep", "pcomp", "xcomp", "ccomp", "oprd", "acomp") or c.dep_ == "dobj" and any(
        g.dep_ == "prep" for g in c.children) for c in verb.children if c.i > verb.i)
