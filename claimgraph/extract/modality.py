"""Modality, polarity and attribution of claims, scoped to the clause that carries each claim."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Token

from claimgraph.extract.context import DocContext
from claimgraph.model import Claim
from claimgraph.plugins import hookimpl

if TYPE_CHECKING:
    from claimgraph.extract.units import Anchor, Unit

HEDGE_WORDS = {"apparently", "reportedly", "allegedly", "seemingly", "purportedly", "supposedly", "possibly",
               "probably", "perhaps", "maybe", "likely", "presumably", "ostensibly", "may", "might",
               "rumoured", "rumored"}
HEDGE_ADJS = {"alleged", "suspected", "reported", "apparent", "purported", "supposed", "possible", "rumoured",
              "rumored", "presumed"}
HEDGE_VERBS = {"seem", "appear"}
FUTURE_AUX = {"will", "shall", "'ll", "\u2019ll"}
OPINION_VERBS = {"say", "think", "believe", "argue", "expect", "predict", "forecast", "guess", "suppose",
                 "assume", "anticipate", "foresee", "imagine"}
AUTHOR_SUBJECTS = {"one", "i", "we", "you"}
NEGATIONS = {"not", "n't", "never", "no", "neither", "nor", "n\u2019t", "without"}
CEASE = {"stop", "cease", "end", "abandon", "halt", "quit", "renounce", "suspend", "discontinue", "drop"}
CLAUSE_EDGES = {"conj", "ccomp", "advcl", "relcl", "parataxis", "csubj", "acl"}
SPEECH_VERBS = {"say", "tell", "state", "claim", "allege", "assert", "declare", "argue", "insist", "write",
                "report", "announce", "explain", "stress", "warn", "suggest", "maintain", "add", "contend",
                "admit", "acknowledge", "confirm", "reveal", "disclose", "charge", "accuse", "testify",
                "emphasize", "emphasise", "note", "believe", "deny", "reject", "dismiss"}
DENIAL_VERBS = {"deny", "reject", "dismiss"}
SPEAKER_NOUNS = {"supporter", "critic", "analyst", "expert", "official", "source", "witness", "observer",
                 "member", "activist", "diplomat", "spokesman", "spokesperson", "resident", "journalist"}
OPEN_QUOTES = "\"\u201c\u201d\u201e\u00ab"
CLOSE_QUOTES = "\"\u201d\u201c\u00bb"
QUOTE_INTRO = re.compile(r"\b(said|says|stated|states|told [\w ]{1,30}?|added|declared|wrote|writes|asked|"
                         r"warned|insisted|explained|noted|announced)\s*[:,]?\s*([" + OPEN_QUOTES + r"])", re.I)
QUOTE_AFTER = re.compile(r"([" + OPEN_QUOTES + r"])([^" + CLOSE_QUOTES + r"]{8,}?)[,.]?([" + CLOSE_QUOTES
                         + r"])\s*,?\s*(said|says|added|wrote|declared)\s+", re.I)
OPENING_HEDGE = re.compile(r"^\W*(it\s+(is|was|has\s+been)\s+(said|reported|believed|claimed|alleged|rumou?red)|"
                           r"reportedly|allegedly|apparently|rumou?rs?\s+(say|has\s+it))\b", re.I)
OPENING_OPINION = re.compile(r"^\W*(one\s+(can|could|may|might)\s+say|in\s+(my|our)\s+(view|opinion)|"
                             r"i\s+(think|believe)|we\s+(think|believe)|it\s+(is|seems)\s+(likely|probable))\b", re.I)
ACCORDING = re.compile(r"\baccording to\b", re.I)
PRIORITY = {"asserted": 0, "negated": 1, "hedged": 2, "speculative": 3, "question": 3, "attributed": 4}


@dataclass
class Speech:
    """Reported or quoted words: who said them, where, and the character span they cover."""

    speaker: str
    start: int
    end: int
    text: str
    token: Token
    offset: int = 0
    via: str | None = None
    denied: bool = False  # "X denied that ...": the speaker says the content is false


def _set_modality(claim: Claim, modality: str) -> None:
    if PRIORITY[modality] > PRIORITY.get(claim.modality, 0):
        claim.modality = modality


class ClaimModality:
    """Hedges, forecasts, negation and reported speech, each read within the claim's own clause."""

    name = "annotate.modality"
    requires = ("claims",)
    provides = ("scopes",)

    def run(self, ctx: DocContext) -> None:
        """Annotate every claim and add `said` claims for reported speech and quotes."""
        from claimgraph.extract.frames import Found
        from claimgraph.extract.units import anchor_of, record, resolver_for, unit_at

        self.ctx = ctx
        self.args = resolver_for(ctx)
        claims = list(ctx.analysis.claims)
        speeches = self.reported(ctx) + self.quotes(ctx)
        for claim in claims:
            anchor = anchor_of(ctx, claim) or self.fallback_anchor(claim)
            if anchor is None:
                continue
            self.annotate(claim, anchor.token, anchor.char)
            unit = unit_at(ctx, anchor.char)
            if unit is not None and ctx.text[unit.start_char:unit.end_char].rstrip().endswith("?"):
                _set_modality(claim, "question")
            for sp in speeches:
                if sp.start <= anchor.char < sp.end:  # "Hamas said it attacked X" is Hamas's word too
                    claim.modality = "attributed"
                    claim.attributed_to = sp.speaker
                    if sp.denied:
                        claim.polarity = "negative"
                    if sp.via:
                        claim.qualifiers["via"] = sp.via
        kept: list[Speech] = []
        for sp in speeches:  # the same words found as a quote and as reported speech are said once
            if sp.text and not any(k.speaker == sp.speaker and k.start < sp.end and sp.start < k.end for k in kept):
                kept.append(sp)
        for sp in kept:
            unit = unit_at(ctx, sp.token.idx + sp.offset)
            if unit is None:
                continue
            found = Found(sp.speaker, "said", ("text", sp.text), sp.token, confidence=0.8,
                          polarity="negative" if sp.denied else "positive")
            if sp.via:
                found.qualifiers["via"] = sp.via
            record(ctx, found, unit, "annotate.speech", offset=sp.offset)

    # ------------------------------------------------------------ per claim
    def fallback_anchor(self, claim: Claim) -> Anchor | None:
        """For claims of other extractors: the token of the object's (else subject's) mention in the evidence."""
        from claimgraph.extract.units import Anchor

        if not claim.evidence:
            return None
        ev = claim.evidence[0]
        for key in ([claim.object] if isinstance(claim.object, str) else []) + [claim.subject]:
            for m in self.ctx.mentions_in(ev.start, ev.end):
                if self.ctx.find(m.entity_key) == self.ctx.find(key):
                    span = self.ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
                    if span is not None and len(span):
                        return Anchor(span.root, 0)
        return None

    def scope(self, tok: Token) -> list[Token]:
        """The trigger and the words above it within its own clause."""
        out = [tok]
        cur = tok
        for _ in range(8):
            if cur.head.i == cur.i or cur.dep_ in CLAUSE_EDGES:
                break
            cur = cur.head
            out.append(cur)
        return out

    def annotate(self, claim: Claim, tok: Token, char: int) -> None:
        """Set hedged/speculative/negated and polarity from the words governing the trigger."""
        scope = self.scope(tok)
        hedged = speculative = negated = ceased = False
        for s in scope:
            lemma = s.lemma_.lower()
            if lemma in HEDGE_VERBS and s.i != tok.i:
                hedged = True
            if lemma in CEASE and s.i != tok.i:
                ceased = True
            if lemma in OPINION_VERBS and any(c.dep_ == "nsubj" and c.lower_ in AUTHOR_SUBJECTS for c in s.children):
                speculative = True
            for c in s.children:
                low = c.lower_
                if c.dep_ in ("advmod", "aux", "amod") and low in HEDGE_WORDS:
                    hedged = True
                if c.dep_ == "amod" and low in HEDGE_ADJS and s.i == tok.i:
                    hedged = True
                if c.dep_ == "aux" and low in FUTURE_AUX:
                    speculative = True
                if c.dep_ in ("neg", "det", "preconj", "cc") and low in NEGATIONS and (c.dep_ != "cc" or low == "nor"):
                    negated = True
                if c.dep_ == "advmod" and low == "longer" and any(g.lower_ == "no" for g in c.children):
                    ceased = True
        unit_text = self.unit_text(char)
        if OPENING_HEDGE.search(unit_text):
            hedged = True
        if OPENING_OPINION.search(unit_text):
            speculative = True
        if speculative:
            _set_modality(claim, "speculative")
        elif hedged:
            _set_modality(claim, "hedged")
        if negated:
            claim.polarity = "negative"
            if claim.modality == "asserted":
                claim.modality = "negated"
        if ceased:
            claim.polarity = "negative"

    def unit_text(self, char: int) -> str:
        """Text of the sentence unit holding a document offset."""
        from claimgraph.extract.units import unit_at

        unit = unit_at(self.ctx, char)
        return self.ctx.text[unit.start_char:unit.end_char] if unit else ""

    # ------------------------------------------------------------ speech
    def speaker_keys(self, tok: Token | None) -> list[str]:
        """Who a speech verb's subject names (a group of 'supporters' becomes a group entity)."""
        if tok is None or tok.lower_ in AUTHOR_SUBJECTS or tok.lower_ in ("it", "this", "that"):
            return []
        keys = self.args.resolve(tok, "agent", nominal_ok=False)
        if not keys and tok.lemma_.lower() in SPEAKER_NOUNS and tok.tag_ in ("NNS", "NNPS"):
            keys = [self.args.nominal(tok, "Group")]
        return [k for k in keys if self.args.etype(k) in ("Person", "Organization", "Group", "Country")]

    def reported(self, ctx: DocContext) -> list[Speech]:
        """'X said (in an interview with Y) that ...', 'X claims that ...', 'according to X, ...'."""
        from claimgraph.extract.units import resolver_for, units_of

        out: list[Speech] = []
        for unit in list(units_of(ctx)):
            toks = unit.tokens
            verbs = [t for t in toks if t.pos_ == "VERB" and t.lemma_.lower() in SPEECH_VERBS]
            according = [t for t in toks if t.lower_ == "according"]
            if not verbs and not according:
                continue
            self.args = resolver_for(ctx, unit)
            doc, off = unit.doc, unit.offset
            for tok in verbs:
                content = [c for c in tok.children if c.dep_ == "ccomp"]
                subj = [c for c in tok.children if c.dep_ == "nsubj"]
                if not content or not subj or any(c.dep_ == "auxpass" for c in tok.children):
                    continue
                speakers = self.speaker_keys(subj[0])
                if not speakers:
                    continue
                clause = content[0]
                left = clause.left_edge.i
                while left < clause.i and doc[left].dep_ == "mark":
                    left += 1
                right = clause.right_edge.i
                while right > left and doc[right].is_punct:
                    right -= 1
                start, end = off + doc[left].idx, off + doc[right].idx + len(doc[right])
                words = ctx.text[start:end].strip(" " + OPEN_QUOTES + CLOSE_QUOTES)
                out.append(Speech(speakers[0], start, end, words, tok, off, via=self.outlet(tok),
                                  denied=tok.lemma_.lower() in DENIAL_VERBS))
            for tok in according:
                to = tok.nbor(1) if tok.i + 1 < len(doc) else None
                if to is None or to.lower_ != "to" or tok.i + 2 >= len(doc):
                    continue
                pobj = next((c for c in to.children if c.dep_ == "pobj"), doc[tok.i + 2])
                if pobj.lower_ in ("which", "whom", "this", "that", "it"):
                    continue
                speakers = self.speaker_keys(pobj)
                if speakers:
                    out.append(Speech(speakers[0], unit.start_char, unit.end_char, "", pobj, off))
        self.args = resolver_for(ctx)
        return out

    def outlet(self, verb: Token) -> str | None:
        """The outlet of reported speech: 'in an interview with Asia Times', 'told the BBC'."""
        stack = [c for c in verb.children if c.dep_ in ("prep", "dative", "dobj")]
        seen = 0
        while stack and seen < 12:
            seen += 1
            cur = stack.pop(0)
            key = self.args.entity_at(cur)
            if key and self.args.etype(key) in ("Organization",) and cur.dep_ != "prep":
                return self.ctx.entity(key).name
            stack += [c for c in cur.children if c.dep_ in ("pobj", "prep", "compound")]
        return None

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
            speaker = self.quote_speaker(unit, verb, m.start(1))
            quote = text[q_start:q_end].strip(" " + OPEN_QUOTES + CLOSE_QUOTES)
            if speaker is None or len(quote) < 3:
                continue
            out.append(Speech(speaker, q_start, q_end, quote, verb, unit.offset))
        for m in QUOTE_AFTER.finditer(text):
            unit = unit_at(ctx, m.end())
            after = self.token_at(unit, m.end()) if unit else None
            if unit is None or after is None:
                continue
            self.args = resolver_for(ctx, unit)
            keys = self.speaker_keys(after)
            self.args = resolver_for(ctx)
            if keys:
                out.append(Speech(keys[0], m.start(2), m.end(2), m.group(2).strip(" " + OPEN_QUOTES + CLOSE_QUOTES),
                                  after, unit.offset))
        return out

    @staticmethod
    def token_at(unit: Unit, char: int) -> Token | None:
        """The token of a unit's parse that covers a document offset."""
        for tok in unit.tokens:
            if unit.char(tok) <= char < unit.char(tok) + len(tok.text):
                return tok
        return None

    def quote_speaker(self, unit: Unit, verb: Token, verb_char: int) -> str | None:
        """The person before a quote verb: the subject, or the noun a 'who' clause hangs on."""
        before = [t for t in unit.tokens if t.i < verb.i]
        if not before:
            return None
        want_who = before[-1].lower_ in ("who", "which")
        people = [m for m in self.ctx.mentions_in(unit.start_char, verb_char)
                  if self.args.etype(self.ctx.find(m.entity_key)) in ("Person", "Organization", "Group")]
        if not people:
            return None
        persons = [m for m in people if self.args.etype(self.ctx.find(m.entity_key)) == "Person"]
        pick = (persons or people)[-1] if want_who else people[-1]
        if not want_who and verb_char - pick.end > 40:
            return None
        return self.ctx.find(pick.entity_key)


@hookimpl
def claimgraph_stages() -> list[object]:
    """Stages of this module."""
    return [ClaimModality()]

