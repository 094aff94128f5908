"""Modality, polarity and attribution of claims, scoped to the clause that carries each claim."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from claimgraph.core.lexicon import alternation, words
from claimgraph.extract.context import DocContext
from claimgraph.extract.event_lexicon import VERB_TRIGGERS
from claimgraph.extract.scope_disjunction import disjoined
from claimgraph.extract.scope_later import blamed_after, claimed_later, denied_after, named_later, suspected_later
from claimgraph.extract.scope_own_side import body_of, own_side_subject, phrase_body, self_subject
from claimgraph.extract.scope_phrases import blamed_in_phrase, deny_unrelated
from claimgraph.extract.scope_preface import preface_speeches
from claimgraph.extract.scope_quotes import continued_quotes
from claimgraph.extract.scope_speakers import Speakers
from claimgraph.extract.scope_speech import Speech, answers_for, unit_speeches
from claimgraph.model import Claim
from claimgraph.plugins import hookimpl

if TYPE_CHECKING:
    from claimgraph.extract.units import Unit

FUTURE_AUX = frozenset({"will", "shall", "'ll", "\u2019ll", "could"})
HEDGE_MODALS = frozenset({"may", "might"})
# speech verbs by which a body owns or disowns a deed told with "it" as its doer ("admitted it had bombed X")
OWNING_VERBS = frozenset({"admit", "acknowledge", "confirm", "claim"})
CLAUSE_EDGES = frozenset({"conj", "ccomp", "advcl", "relcl", "parataxis", "csubj", "acl"})
OPEN_QUOTES = "\"\u201c\u201d\u201e\u00ab"
CLOSE_QUOTES = "\"\u201d\u201c\u00bb"
QUOTE_INTRO = re.compile(r"\b(told [\w ]{1,30}?|" + alternation("scope_quote_intro_verbs") + r")\s*[:,]?\s*(["
                         + OPEN_QUOTES + r"])", re.I)
QUOTE_AFTER = re.compile(r"([" + OPEN_QUOTES + r"])([^" + CLOSE_QUOTES + r"]{8,}?)[,.]?([" + CLOSE_QUOTES
                         + r"])\s*,?\s*(said|says|added|wrote|declared)\s+", re.I)
QUOTED = re.compile(r"[" + OPEN_QUOTES + r"]([^" + CLOSE_QUOTES + r"\n]{3,}?)(?:[" + CLOSE_QUOTES + r"]|$)")
OPENING_HEDGE = re.compile(r"^\W*(it\s+(is|was|has\s+been)\s+(" + alternation("scope_opening_participles") + r")|"
                           r"reportedly|allegedly|apparently|rumou?rs?\s+(say|has\s+it))\b", re.I)
# the same tag after the statement: "X bombed the depot, it was reported."
TRAILING_HEDGE = re.compile(r"[,;]\s*it\s+(is|was|has\s+been)\s+(" + alternation("scope_opening_participles")
                            + r")\W*$", re.I)
OPENING_OPINION = re.compile(r"^\W*(?:" + alternation("scope_opinion_openers") + r")\b", re.I)
# a wire dateline opening reported content ("LIMA (Wire) - ..."): the agency's heading, no one's words
DATELINE_HEAD = re.compile(r"^[A-Z][A-Z .,'-]{1,40}\s*\([^()\n]{1,30}\)\s*(?:[-\u2013\u2014]+|:)\s*")
ACCORDING = re.compile(r"\baccording to\b", re.I)
# facts a noun phrase states about its own parts ("a hall in Leeds", "Leeds, Yorkshire", "London's court"): the
# verb of the clause predicates of the whole phrase, so its negation, hedges and forecasts never reach them
PLACE_FACTS = frozenset({"located_in", "based_in", "headquarters_in"})
# the same for the facts relations.py reads between two neighbouring mentions ("journalist X of the Institute",
# "X, leader of Y"); a copula's own noun ("X is not a member of Y") still takes the clause's negation
PHRASE_RELATIONS = frozenset({"member_of", "leader_of", "headquarters_in"})
# stances an aim or a threat states by itself ('seeks to overthrow X' opposes X now)
STANCES = frozenset({"opposes", "hostile_to"})
NOMINAL = frozenset({"NOUN", "PROPN"})
OWN_PRONOUNS = frozenset({"it", "its", "they", "their", "them", "we", "our"})
PRIORITY = {"asserted": 0, "negated": 1, "hedged": 2, "speculative": 3, "question": 3, "attributed": 4}


def _set_modality(claim: Claim, modality: str) -> None:
    if PRIORITY[modality] > PRIORITY.get(claim.modality, 0):
        claim.modality = modality


def _innermost(found: list[Speech]) -> Speech:
    """Of nested reported speech, the innermost speaker is the one who says the claim."""
    return min(found, key=lambda sp: len(sp.chars) if sp.chars else sp.end - sp.start)


class ClaimModality:
    """Hedges, forecasts, negation and reported speech, each read within the claim's own clause.

    Runs after every claim-producing stage (it requires `claims`, so the planner puts it after all of them) and
    sets modality, polarity and `attributed_to` of every claim from the scopes its trigger lies in."""

    name = "annotate.modality"
    requires = ("claims",)
    provides = ("scopes",)

    def __init__(self) -> None:
        self.conditional: set[int] = set()  # ids of the claims an 'if' makes speculative (this document's)

    def run(self, ctx: DocContext) -> None:
        """Annotate every claim and add `said` claims for reported speech and quotes."""
        self.conditional = set()
        from claimgraph.extract.frames import Found
        from claimgraph.extract.units import anchor_of, record, unit_at

        claims = list(ctx.analysis.claims)
        drop: list[Claim] = []
        denials: list[Claim] = []
        parsed = self.reported(ctx)
        # a quote whose words the parse already gave to another speaker was read by position alone: the parse wins
        # (unless the parsed speaker's own tag is inside the quote: 'Reuters wrote, "Police sources confirmed ..."'
        # is the outlet relaying the sources' words, said by both)
        speeches = parsed + [q for q in self.quotes(ctx) if not any(
            p.speaker and p.speaker != q.speaker and p.start < q.end and q.start < p.end
            and not q.start <= p.offset + p.cue.idx < q.end for p in parsed)]
        speeches += continued_quotes(ctx, speeches) + preface_speeches(ctx)
        for claim in claims:
            anchor = self.anchor_for(ctx, claim)
            if anchor is None:
                continue
            tok, char = anchor
            if claim.predicate in PLACE_FACTS and self.kind_not_name(ctx, claim):
                drop.append(claim)
                continue
            self.annotate(ctx, claim, tok, char, fallback=anchor_of(ctx, claim) is None)
            if disjoined(ctx, claim):
                _set_modality(claim, "hedged")
            unit = unit_at(ctx, char)
            if ctx.entity(claim.subject).attrs.get("placeholder"):
                self.suspect(ctx, claim, tok, unit)
            if unit is not None and ctx.text[unit.start_char:unit.end_char].rstrip().endswith("?"):
                _set_modality(claim, "question")
            deny_unrelated(ctx, claim, tok, char, speeches)  # "they had nothing to do with the bombing"
            found = [sp for sp in speeches if sp.covers(char) and sp.kind != "allegation"]
            if found:  # "Hamas said it attacked X" is Hamas's word too
                self.attribute(ctx, claim, _innermost(found), tok)
            # "..., a charge the government denies": the denier's negated word beside the claim's own voice
            denials += [replace(claim, modality="attributed", polarity="negative", attributed_to=sp.speaker,
                                qualifiers=dict(claim.qualifiers), extractor="annotate.denial")
                        for sp in speeches if sp.kind == "allegation" and sp.covers(char)]
            if claim.polarity == "negative" and ctx.entity(claim.subject).attrs.get("placeholder") \
                    and claim.modality != "attributed":
                # "not simply attacking X": a denied act of nobody named states nothing ("the ministry denied the
                # camp was hit" is the ministry's denial that it was hit, by whoever)
                drop.append(claim)
        claimed_later(ctx, claims, speeches)
        named_later(ctx, claims)
        ctx.analysis.claims += suspected_later(ctx, claims) + denied_after(ctx, claims, speeches) + denials \
            + blamed_after(ctx, claims, speeches)
        if drop:
            ctx.analysis.claims = [c for c in ctx.analysis.claims if not any(c is d for d in drop)]
        kept: list[Speech] = []
        for sp in [self.quoted_judgement(ctx, sp, speeches) or sp for sp in speeches]:
            # the same words found as a quote and as reported speech are said once
            if sp.text and sp.speaker and self.says_words(sp) and not self.relays(sp, speeches) \
                    and not _unnamed_report(ctx, sp) and not any(
                    k.speaker == sp.speaker and k.start < sp.end and sp.start < k.end for k in kept):
                kept.append(sp)
        for sp in kept:
            cue_at = sp.offset + sp.cue.idx
            # a continued quote is said where it stands, not in the sentence of the tag it continues
            unit = unit_at(ctx, sp.start if sp.kind == "continued" else cue_at)
            if unit is None or len(sp.text) < 3 or sp.start < cue_at < sp.end or sp.text.lower() == sp.cue.lower_:
                continue  # content around its own cue ("His claims were denied") is no reported content
            said = Found(sp.speaker, "said", ("text", DATELINE_HEAD.sub("", sp.text)), sp.cue, confidence=0.8,
                         polarity="negative" if sp.denied else "positive")
            if sp.via:
                said.qualifiers["via"] = sp.via
            record(ctx, said, unit, "annotate.speech", offset=sp.offset)

    @staticmethod
    def quoted_judgement(ctx: DocContext, sp: Speech, speeches: list[Speech]) -> Speech | None:
        """The words a judgement quotes or names ('condemned it on the radio; "we express our condolences ..."',
        'condemned what he said was foreign support for the bombings'): what the judge said, where the judgement
        itself is not; a speech verb of the judge's own that holds the quote ('condemned the raid, calling it a
        "crime"') reports it instead."""
        if sp.kind in ("quote", "continued") or sp.cue.lemma_.lower() not in words("scope_stance_verbs"):
            return None
        speech = words("scope_speech_verbs")
        doc = sp.cue.doc
        for t in sp.cue.subtree:  # a free relative ('what he said was', 'what it called'): the words after it
            verb = next((v for v in doc[t.i + 1: t.i + 4] if v.lemma_.lower() in speech and v.pos_ == "VERB"), None)
            if t.lower_ == "what" and verb is not None:
                skip = {x.i for c in sp.cue.children if c.dep_ in ("conj", "cc") for x in c.subtree}
                after = [x for x in sp.cue.subtree if x.i > verb.i and x.i not in skip]
                after = [x for k, x in enumerate(after) if x.i == verb.i + 1 + k]  # up to the first gap
                while after and (after[0].lemma_ == "be" or after[0].is_punct):
                    after = after[1:]
                while after and after[-1].is_punct:
                    after = after[:-1]
                if after:
                    start, end = sp.offset + after[0].idx, sp.offset + after[-1].idx + len(after[-1])
                    return replace(sp, start=start, end=end, text=ctx.text[start:end], kind="quote")
        line_end = ctx.text.find("\n", sp.end)
        m = QUOTED.search(ctx.text, sp.start, line_end if line_end >= 0 else len(ctx.text))
        if m is None or m.start() > sp.end or any(
                o is not sp and o.speaker == sp.speaker and o.start <= m.start(1) < o.end for o in speeches):
            return None  # the quote opens inside the judgement's words and may run past its sentence
        text = m.group(1).strip(" ,")
        return replace(sp, start=m.start(1), end=m.start(1) + len(text), text=text, kind="quote")

    @staticmethod
    def relays(sp: Speech, speeches: list[Speech]) -> bool:
        """True for 'according to X' around another speaker's words ('"...," the spokesman told a journalist,
        according to Sky News'): X is the outlet that relays them, and the inner speaker says them."""
        if sp.kind != "according":
            return False
        return any(o.speaker and o.speaker != sp.speaker and o.kind != "according"
                   and sp.start <= o.offset + o.cue.idx < sp.end for o in speeches)

    @staticmethod
    def says_words(sp: Speech) -> bool:
        """True when a scope's content is words the speaker said, worth a `said` claim; a judgement ('condemned the
        attack') is not, nor an accusation of someone
        ('blamed X for the bombing', 'charged X with the attacks') is the accuser's charge, carried by the acts it
        scopes ('blamed the attack on unknown elements' names no one accused and stays what the speaker said)."""
        lemma = sp.cue.lemma_.lower()
        if lemma in words("scope_stance_verbs") and sp.kind not in ("quote", "continued"):
            return False  # "condemned the attack": a judgement of the act, not words said about it
        if lemma not in words("scope_unsaid_object_verbs"):
            return True
        # "blame X for Y", "charge X with Y": the object is the accused; "blame Y on X": the object is the act
        return sp.target is None and not any(c.dep_ == "prep" and c.lower_ in ("for", "with", "of")
                                             for c in sp.cue.children)

    @staticmethod
    def suspect(ctx: DocContext, claim: Claim, tok: Token, unit: Unit | None) -> None:
        """'an attack blamed on X', 'no attacks attributed to X': the suspect the hedge names is the actor."""
        from claimgraph.extract.units import resolver_for

        noun = tok
        while noun.pos_ not in ("NOUN", "VERB") and noun.head.i != noun.i:
            noun = noun.head  # the trigger noun above an argument's mention
        if noun.pos_ == "VERB":  # "four people were killed in a bombing attributed to X": the deed of the toll
            noun = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("in", "during")
                         for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), noun)
        if noun.pos_ != "NOUN":
            return
        hedges = [c for c in noun.children if c.dep_ == "acl"]
        if noun.dep_ == "nsubjpass":
            hedges.append(noun.head)  # "an attack in Lima was blamed on X"
        pobjs = [g for c in hedges if c.lemma_.lower() in words("scope_hedge_participles")
                 for p in c.children if p.dep_ == "prep" and p.lower_ in ("on", "to")
                 for g in p.children if g.dep_ == "pobj"]
        if not pobjs:
            return
        args = resolver_for(ctx, unit)
        found = [k for k in args.resolve(pobjs[0], "agent", nominal_ok=False)
                 if args.etype(k) in ("Organization", "Group", "Person") and k != claim.object]
        if not found:  # "blamed on Somali Islamist militants": an unnamed group, read as speakers are
            key = Speakers(ctx, args).resolve(pobjs[0])
            found = [key] if key and ctx.entity(key).type in ("Organization", "Group") else []
        if found:
            claim.subject = found[0]

    def attribute(self, ctx: DocContext, claim: Claim, sp: Speech, tok: Token | None = None) -> None:
        """The claim is the speaker's word; an accuser who became its actor hands the act to the accused."""
        speaker = sp.speaker or claim.subject  # an unnamed claimant of responsibility is the claim's actor
        actor = ctx.entity(claim.subject)
        if sp.speaker and actor.attrs.get("placeholder") and tok is not None and \
                ctx.entity(sp.speaker).type in ("Organization", "Group") and (
                    self_subject(tok) or answers_for(sp.cue)
                    or (sp.denied or sp.cue.lemma_.lower() in OWNING_VERBS) and self_subject(tok, ("it",))):
            # "militants said they had carried out the attack", "the front denied (reports that) it had bombed X":
            # the pronoun is the speakers; "rejected responsibility for the attack": the act it answers for
            claim.subject = sp.speaker
            actor = ctx.entity(claim.subject)
        elif sp.speaker and tok is not None and ctx.find(claim.subject) != ctx.find(sp.speaker) and \
                _speaking_body(ctx, sp) and sp.kind != "according" and \
                claim.object != sp.speaker and not _tag_inside(sp.cue) and \
                self_subject(tok, ("it",)) and not any(
                    ctx.find(m.entity_key) == ctx.find(claim.subject) and m.text.lower() not in OWN_PRONOUNS
                    and not _owner_at(sp, tok, m.start) for m in ctx.mentions_in(sp.start, sp.end)):
            # "the group denied it was responsible for the attack", "the army said it had killed X's commander": the
            # pronoun of the reported clause is the speaking body, whatever coreference gave it elsewhere
            claim.subject = sp.speaker
            actor = ctx.entity(claim.subject)
        elif sp.speaker and tok is not None and (actor.attrs.get("placeholder") or actor.type == "Group") \
                and own_side_subject(tok):
            # "'We attacked the station,' said a commander of X", "X said its fighters killed ...": X did it
            told = sp.cue if sp.cue.pos_ in ("NOUN", "PROPN") else next(
                (c for c in sp.cue.children if c.dep_ == "nsubj"), None)
            body = body_of(ctx, sp.speaker, ctx.analysis.claims) or (
                phrase_body(ctx, told, sp.offset) if told is not None else None)
            if body is not None and body != claim.object:
                claim.subject = body
                actor = ctx.entity(body)
        if not sp.speaker and (actor.type not in ("Organization", "Group", "Person") or actor.attrs.get("placeholder")):
            return
        # a hedge or a forecast inside someone's words stays one, and a belief is a hedge, told by its holder
        if sp.cue.lemma_.lower() in words("scope_belief_verbs") and claim.modality == "asserted":
            claim.modality = "hedged"
        elif claim.modality == "hedged" and any(c.dep_ == "agent" for c in sp.cue.children) \
                and sp.cue.lemma_.lower() in words("scope_hedge_passive_verbs") | words("scope_accusation_verbs"):
            claim.modality = "attributed"  # "was accused by the government of bombing X": the accuser is named
        elif claim.modality != "hedged" and not (claim.modality == "speculative" and id(claim) in self.conditional):
            claim.modality = "attributed"  # a forecast or a view in someone's words is their claim; an 'if' is none
        claim.attributed_to = speaker
        if sp.denied:
            claim.polarity = "negative"
        if sp.via:
            claim.qualifiers["via"] = sp.via
        if sp.target and actor.attrs.get("placeholder") and claim.object != sp.target:
            claim.subject = sp.target  # "blamed X for a bombing and an attack on Y": X's acts, as the accusers say
        elif sp.target and ctx.find(claim.subject) == ctx.find(sp.speaker) and claim.object != sp.target:
            claim.subject = sp.target  # "officials accuse the front of working for X": the front works for X

    # ------------------------------------------------------------ per claim
    def anchor_for(self, ctx: DocContext, claim: Claim) -> tuple[Token, int] | None:
        """The claim's trigger token and its document offset (for other extractors: its object's mention)."""
        from claimgraph.extract.units import anchor_of

        anchor = anchor_of(ctx, claim)
        if anchor is not None:
            return anchor.token, anchor.char
        if not claim.evidence:
            return None
        ev = claim.evidence[0]
        for key in ([claim.object] if isinstance(claim.object, str) else []) + [claim.subject]:
            for m in ctx.mentions_in(ev.start, ev.end):
                if ctx.find(m.entity_key) == ctx.find(key):
                    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
                    if span is not None and len(span):
                        return span.root, span.root.idx
        return None

    @staticmethod
    def kind_not_name(ctx: DocContext, claim: Claim) -> bool:
        """'there were no X in Y', 'no X are in Y': a name under a negative determiner names a kind, not an actor,
        and a place fact about it says nothing about any one entity."""
        if not claim.evidence:
            return False
        ev = claim.evidence[0]
        negations = words("scope_negation_words")
        for m in ctx.mentions_in(ev.start, ev.end):
            if ctx.find(m.entity_key) != ctx.find(claim.subject):
                continue
            span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and len(span) and span.root.tag_ in ("NN", "NNS") and any(
                    c.dep_ == "det" and c.lower_ in negations for c in span.root.children):
                return True
        return False

    @staticmethod
    def scope(tok: Token, nominal: bool = False) -> list[Token]:
        """The trigger and the words above it within its own clause.

        `nominal`: the claim is a fact inside a noun phrase; its scope ends at the phrase's head noun."""
        out = [tok]
        cur = tok
        for _ in range(8):
            if cur.head.i == cur.i or cur.dep_ in CLAUSE_EDGES:
                break
            if nominal and cur.i != tok.i and cur.pos_ in NOMINAL:
                break  # "a hall in Leeds had not ...": the phrase's head noun, not the verb above it
            if nominal and cur.head.pos_ in NOMINAL and cur.dep_ in ("appos", "poss", "compound", "amod", "nmod"):
                out.append(cur.head)  # "Leeds, Yorkshire", "London's court", "the Israeli city"
                break
            cur = cur.head
            out.append(cur)
        return out

    def annotate(self, ctx: DocContext, claim: Claim, tok: Token, char: int, fallback: bool = False) -> None:
        """Set hedged/speculative/negated and polarity from the words governing the trigger.

        `fallback`: the token is an argument's mention, not the trigger (claims of extractors that keep none);
        then a hedge on any noun above it ('a suspected member of X') is the claim's."""
        nominal = claim.predicate in PLACE_FACTS and tok.pos_ not in ("VERB", "AUX")
        if (not nominal and claim.predicate in PHRASE_RELATIONS and tok.pos_ in NOMINAL
                and (claim.extractor == "relations" or tok.dep_ == "appos")):  # "X, leader of Y, has not ..."
            head = self.scope(tok, True)[-1]
            nominal = head.pos_ in NOMINAL and head.dep_ not in ("attr", "acomp", "oprd", "ROOT")
        # "seeks to overthrow X", "threatened to attack Y": the aim is the stance itself, held now
        cues = self.cues(tok, fallback, nominal, aims_hold=claim.predicate in STANCES)
        cues |= {"hedged"} if blamed_in_phrase(tok) else set()  # "an attack at a station blamed on X"
        unit_text = self.unit_text(ctx, char)
        if nominal and self.scope(tok, True)[-1].pos_ in NOMINAL:
            # a noun phrase's own place fact holds whatever the sentence around it hedges or denies
            unit_text = ""
        if OPENING_HEDGE.search(unit_text) or TRAILING_HEDGE.search(unit_text):
            cues.add("hedged")
        if OPENING_OPINION.search(unit_text):
            cues.add("speculative")
        if "speculative" in cues:
            _set_modality(claim, "speculative")
            if "conditional" in cues:
                self.conditional.add(id(claim))
        elif "hedged" in cues:
            _set_modality(claim, "hedged")
        if "negated" in cues:
            claim.polarity = "negative"
            if claim.modality == "asserted":
                claim.modality = "negated"
        if "ceased" in cues:
            # "stopped its attacks": it no longer holds, and it held before (a change, not a denial)
            claim.polarity = "negative"
            note = claim.qualifiers.get("note")
            claim.qualifiers["note"] = f"{note}; ceased" if note and "ceased" not in note else note or "ceased"
        if "former" in cues and claim.predicate in ("leader_of", "member_of", "founded_by", "based_in"):
            # "a former leader of X": the role ended before the text was written
            note = claim.qualifiers.get("note")
            claim.qualifiers["note"] = f"{note}; former" if note and "former" not in note else note or "former"

    def cues(self, tok: Token, fallback: bool = False, nominal: bool = False, aims_hold: bool = False) -> set[str]:
        """The cue kinds whose scope holds the trigger: hedged, speculative, negated, ceased, former (`aims_hold`:
        an aim or threat above it makes no forecast)."""
        out: set[str] = set()
        passed_xcomp = False
        for s in self.scope(tok, nominal):
            lemma = s.lemma_.lower()
            above = s.i != tok.i
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in s.children)
            if above and lemma in words("scope_hedge_verbs"):
                out.add("hedged")
            if above and passive and (lemma in words("scope_hedge_passive_verbs")
                                      or lemma in words("scope_hedge_participles")):
                out.add("hedged")  # "is thought to have been", "is suspected of", "was linked to"
            if lemma == "suspect" and s.pos_ == "NOUN" and (not above or s.dep_ in ("attr", "oprd") or s.head.lower_ == "as"):
                out.add("hedged")  # "X is the prime suspect in the bombing", "two X suspects": a suspicion
            if above and lemma in words("scope_cessation_verbs"):
                out.add("ceased")
            if above and lemma in words("scope_prohibition_verbs"):
                out.add("negated")  # "forbids giving support to X" is not support
            if above and passed_xcomp and lemma in words("scope_forecast_verbs") and not aims_hold:
                out.add("speculative")  # "threatened to attack", "plans to open"
            if above and s.i == tok.head.i and tok.dep_ == "dobj" and tok.pos_ == "NOUN" and not aims_hold and \
                    lemma in words("scope_forecast_verbs"):
                out.add("speculative")  # "had planned attacks on X", "prepared a bombing": not (yet) done
            if lemma in words("scope_opinion_verbs") and any(
                    c.dep_ == "nsubj" and c.lower_ in ("one", "i", "we", "you") for c in s.children):
                out.add("speculative")
            for c in s.children:
                out |= self.child_cues(c, s, s if fallback and s.pos_ == "NOUN" else tok)
            if s.dep_ == "xcomp":
                passed_xcomp = True
        if self.no_evidence(self.scope(tok, nominal)[-1]):
            out.add("negated")
        return out

    @staticmethod
    def no_evidence(top: Token) -> bool:
        """True for a clause told as what no evidence shows: 'there is no evidence that ...', 'found no proof
        that ...', 'did not find any sign that ...'."""
        noun = top.head
        if top.dep_ != "acl" or noun.lemma_.lower() not in words("scope_evidence_nouns"):
            return False
        negations = words("scope_negation_words")
        return any(c.dep_ == "det" and c.lower_ in negations for c in noun.children) or (
            noun.dep_ in ("dobj", "attr") and any(c.dep_ == "neg" for c in noun.head.children))

    @staticmethod
    def child_cues(c: Token, s: Token, tok: Token) -> set[str]:
        """Cues a dependent of a scope word carries."""
        out: set[str] = set()
        low = c.lower_
        negations = words("scope_negation_words")
        if c.dep_ in ("advmod", "aux", "amod") and low in words("scope_hedge_adverbs"):
            out.add("hedged")
        if c.dep_ == "aux" and low in HEDGE_MODALS:
            ahead = tok.pos_ == "VERB" and tok.lemma_.lower() in VERB_TRIGGERS and not any(
                a.dep_ == "aux" and a.lower_ == "have" for a in s.children)
            out.add("speculative" if ahead else "hedged")  # "may attack" looks ahead, "may have attacked" back
        if c.dep_ == "aux" and low in FUTURE_AUX:
            # "could have been" looks back (a possibility, hedged); "will", "could" look ahead
            out.add("hedged" if low == "could" and any(a.lower_ == "have" for a in s.children) else "speculative")
        hedge_adjs = words("scope_hedge_adjectives")
        # a verb joined to the trigger ("killed 23 and wounded others, reported the website") is no adjective
        if (c.dep_ == "amod" or c.dep_ == "conj" and c.tag_ in ("JJ", "VBN")) and s.i == tok.i and (
                low in hedge_adjs or any(
                g.dep_ == "conj" and g.lower_ in hedge_adjs for g in c.children)):
            out.add("hedged")  # "suspected members", "known or suspected members"
        if c.dep_ == "amod" and s.i == tok.i and c.tag_ == "VBN" and c.lemma_.lower() in words("scope_forecast_verbs"):
            out.add("speculative")  # "planned attacks on X", "the intended bombing": not (yet) done
        if c.dep_ == "amod" and low in ("former", "ex", "erstwhile") and s.pos_ in ("NOUN", "PROPN"):
            out.add("former")
        if c.dep_ in ("neg", "det", "preconj", "cc") and low in negations and (c.dep_ != "cc" or low == "nor"):
            out.add("negated")
        if c.dep_ in ("nsubj", "nsubjpass") and any(
                g.dep_ in ("det", "preconj") and g.lower_ in ("no", "neither") for g in c.children) \
                and s.lemma_.lower() not in words("scope_responsibility_verbs"):
            out.add("negated")  # "neither A nor B will strike C"; "no one claimed the bombing" leaves it done
        if c.dep_ == "advmod" and low == "longer" and any(g.lower_ == "no" for g in c.children):
            out.add("ceased")
        if c.dep_ in ("nsubj", "nsubjpass") and any(g.dep_ in ("amod", "conj") and g.lower_ in words(
                "scope_hedge_adjectives") for g in c.children):
            out.add("hedged")  # "suspected members of X opened fire": the actor is only suspected
        if c.dep_ == "acl" and s.i == tok.i and c.lemma_.lower() in words("scope_hedge_participles") and not any(
                g.dep_ == "det" and g.lower_ in negations for g in s.children):
            out.add("hedged")  # "an attack blamed on X" (but "no attacks attributed to X" is a plain negation)
        if c.dep_ == "mark" and low in words("scope_condition_marks"):
            out |= {"speculative", "conditional"}  # "if the attack was carried out by X"
        return out

    @staticmethod
    def unit_text(ctx: DocContext, char: int) -> str:
        """Text of the sentence unit holding a document offset."""
        from claimgraph.extract.units import unit_at

        unit = unit_at(ctx, char)
        return ctx.text[unit.start_char:unit.end_char] if unit else ""

    # ------------------------------------------------------------ speech
    def reported(self, ctx: DocContext) -> list[Speech]:
        """'X said (in an interview with Y) that ...', '..., officials said', 'according to X, ...', accusations."""
        from claimgraph.extract.units import parsed, resolver_for, units_of

        out: list[Speech] = []
        # a unit with none of these words opens no attribution scope ("took responsibility" opens one)
        cues = words("scope_speech_verbs") | words("scope_responsibility_verbs")
        recent: list[tuple[int, str]] = ctx.memo.setdefault("scope.speakers", [])
        for unit in list(units_of(ctx)):
            if not any(t.lemma_.lower() in cues or t.lower_ in ("according", "responsible") for t in unit.tokens):
                continue
            # a heading run into the next line by the parser is read alone: what a speaker says ends at the line
            unit = parsed(ctx, unit)
            toks = unit.tokens
            speakers = Speakers(ctx, resolver_for(ctx, unit), recent)
            out += unit_speeches(toks, unit.offset, speakers, ctx.text)
        return out

    def quotes(self, ctx: DocContext) -> list[Speech]:
        """Direct quotes with their speaker: 'X, who said: "..."' and '"...," X said'."""
        from claimgraph.extract.units import resolver_for, unit_at

        out: list[Speech] = []
        text = ctx.text
        for m in QUOTE_INTRO.finditer(text):
            q_start = m.end()
            close = re.search("[" + CLOSE_QUOTES + "]", text[q_start:])
            line_end = text.find("\n", q_start)
            q_end = q_start + close.start() if close else (line_end if line_end >= 0 else len(text))
            unit = unit_at(ctx, m.start(1))
            if unit is None:
                continue
            verb = self.token_at(unit, m.start(1))
            if verb is None:
                continue
            speaker = self.quote_speaker(ctx, unit, verb, m.start(1))
            quote = text[q_start:q_end].strip(" " + OPEN_QUOTES + CLOSE_QUOTES)
            if speaker is None or len(quote) < 3:
                continue
            out.append(Speech(speaker, verb, unit.offset, frozenset(), q_start, q_end, quote, kind="quote"))
        for m in QUOTE_AFTER.finditer(text):
            unit = unit_at(ctx, m.end())
            after = self.token_at(unit, m.end()) if unit else None
            if unit is None or after is None:
                continue
            while after.dep_ in ("compound", "amod", "det", "poss") and after.head.i > after.i:
                after = after.head  # '"...," said army spokesman Felix K.': the phrase's head names the speaker
            key = Speakers(ctx, resolver_for(ctx, unit), ctx.memo.get("scope.speakers")).resolve(after)
            if key:
                out.append(Speech(key, after, unit.offset, frozenset(), m.start(2), m.end(2),
                                  m.group(2).strip(" " + OPEN_QUOTES + CLOSE_QUOTES), kind="quote"))
        return out

    @staticmethod
    def token_at(unit: Unit, char: int) -> Token | None:
        """The token of a unit's parse that covers a document offset."""
        for tok in unit.tokens:
            if unit.char(tok) <= char < unit.char(tok) + len(tok.text):
                return tok
        return None

    @staticmethod
    def quote_speaker(ctx: DocContext, unit: Unit, verb: Token, verb_char: int) -> str | None:
        """The person before a quote verb: the subject, or the noun a 'who' clause hangs on."""
        before = [t for t in unit.tokens if t.i < verb.i]
        if not before:
            return None
        want_who = before[-1].lower_ in ("who", "which")
        people = [m for m in ctx.mentions_in(unit.start_char, verb_char)
                  if ctx.entity(ctx.find(m.entity_key)).type in ("Person", "Organization", "Group")]
        if not people:
            return None
        persons = [m for m in people if ctx.entity(ctx.find(m.entity_key)).type == "Person"]
        pick = (persons or people)[-1] if want_who else people[-1]
        if not want_who and verb_char - pick.end > 40:
            return None
        return ctx.find(pick.entity_key)


def _owner_at(sp: Speech, tok: Token, char: int) -> bool:
    """Whether the name at a document offset is an owner inside another phrase ('the CFM's commander'): no actor
    of the clause, so no rival for what its pronoun stands for."""
    return any(sp.offset + t.idx == char and (t.dep_ == "poss" or t.head.dep_ == "poss" and t.dep_ in ("compound", "det"))
               for t in tok.doc)


def _unnamed_report(ctx: DocContext, sp: Speech) -> bool:
    """'According to reports, ...', 'a report said': an item nobody is named for (scope_speakers) holds no one's
    words to store as said; the claims inside stay attributed to it, not the text's own voice."""
    return bool(ctx.entity(sp.speaker).attrs.get("_authorless"))


def _speaking_body(ctx: DocContext, sp: Speech) -> bool:
    """An organisation, or one body told by a singular common noun ('the army', 'the ministry'): what 'it' in its
    words stands for; 'officials', 'witnesses' are people."""
    entity = ctx.entity(sp.speaker)
    if entity.type in ("Organization", "Country"):
        return True
    subject = next((c for c in sp.cue.children if c.dep_ == "nsubj"), None)
    return entity.type == "Group" and subject is not None and subject.tag_ == "NN"


@hookimpl
def claimgraph_stages() -> list[object]:
    """Stages of this module."""
    return [ClaimModality()]


def _tag_inside(cue: Token) -> bool:
    """True for a speech tag set inside the clause it reports ('After the war, officials said, it attacked ...'):
    there the clause's 'it' is the text's topic, not the speaking body ('the army said it had killed ...')."""
    return cue.dep_ in ("parataxis", "ccomp") and cue.head.i > cue.i

